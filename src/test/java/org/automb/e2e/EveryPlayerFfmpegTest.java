package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.testing.PipelineTestSupport;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;

/**
 * The ffmpeg process's paths ({@code ENCODER=ffmpeg}) deliver a book that plays to its end in GStreamer as in
 * ffmpeg, chapters on the sources' true starts: sources of one format read by ffmpeg's concat demuxer
 * ({@code ConcatEncode}), and mixed formats decoded one by one and fed as PCM ({@code PcmFeed}).
 */
class EveryPlayerFfmpegTest extends PipelineTestSupport {

    private static final int RATE = 44100;

    @Override
    protected Map<String, String> settings() {
        return Map.of("ENCODER", "ffmpeg");
    }

    @Test
    void aBookOfOneFormatEncodedThroughTheConcatDemuxerPlaysToItsEnd() throws Exception {
        convert("Concat Encode", List.of(TestAudio.MP3, TestAudio.MP3, TestAudio.MP3), List.of(".mp3", ".mp3", ".mp3"),
            "FFMPEG_CONCAT_ENCODE");
    }

    @Test
    void aBookOfMixedFormatsFedAsPcmPlaysToItsEnd() throws Exception {
        // another codec in the middle: ConversionPlan.oneDecoderReadsEverySource is false, so PcmFeed decodes each source on its own
        convert("Pcm Feed", List.of(TestAudio.MP3, TestAudio.FLAC, TestAudio.MP3), List.of(".mp3", ".flac", ".mp3"),
            "FFMPEG_PCM_FEED");
    }

    private void convert(String name, List<List<String>> codecs, List<String> extensions, String audioPath) throws Exception {
        double[] seconds = {2.3, 1.7, 2.9};
        Path staged = staging().resolve(name + "-sources");
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++) {
            sources.add(AUDIO.findable(staged.resolve(String.format("%02d - Part %d%s", i + 1, i + 1, extensions.get(i))),
                seconds[i], RATE, 1, codecs.get(i), tags("title", "Part " + (i + 1), "album", name, "artist", "Ann Author")));
        }
        List<short[]> alone = PlayedBooks.sourcesAlone(sources, RATE);
        NotifyBuilder done = booksDone(1);
        drop(name, folder -> sources.forEach(source -> EveryPlayerTest.copy(source, folder)));
        awaitBooks(done);

        Path output = converted().resolve(name).resolve(name + ".m4b");
        assertThat(output).as("the book was converted (see the log otherwise)").exists();
        assertThat(OutputChecks.manifest(output.getParent()).path("mode").asText()).isEqualTo("encode");
        assertThat(OutputChecks.manifest(output.getParent()).path("audio").path("path").asText()).isEqualTo(audioPath);
        PlayedBooks.assertPlaysCompletely(output, alone, RATE);
    }
}
