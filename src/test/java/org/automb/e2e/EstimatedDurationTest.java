package org.automb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.jobs.store.JobState;
import org.automb.plan.LibavProbe;
import org.automb.plan.ProbeParser;
import org.automb.testing.M4bInspector.ChapterFact;
import org.automb.testing.M4bInspector.M4bFacts;
import org.junit.jupiter.api.Test;

/**
 * libavformat only estimates the duration of a VBR MP3 without a Xing/VBRI header and of a raw ADTS .aac, from the
 * bit rate of their first frames: the test files are made so the estimate is far off (quiet first frames). Such
 * books, alone or mixed with ordinary files, convert: the output decodes to the sources' decoded total within one
 * AAC frame, its duration says the same, and every chapter starts at its file's first sample, as an independent
 * reader (ffprobe, ffmpeg's decoder) sees them.
 */
class EstimatedDurationTest extends OriginalsTestSupport {

    private static final int RATE = 22050;
    private static final int FRAME = 1024;

    /** The encoder this run uses (the default, in the JVM; {@link EstimatedDurationFfmpegTest} runs ffmpeg). */
    protected String encoder() {
        return "libav";
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("ENCODER", encoder());
    }

    @Test
    void booksOfFilesWithEstimatedDurationsConvertToTheirDecodedLength() throws Exception {
        NotifyBuilder done = booksDone(4);
        // what a player decodes from each source, measured in staging before the book lands in the inbox
        List<Long> vbr = new ArrayList<>();
        List<Long> adts = new ArrayList<>();
        List<Long> mixed = new ArrayList<>();
        List<Long> aacParts = new ArrayList<>();
        dropBook("Vbr Book", folder -> measured(vbr, true,
            AUDIO.mp3VbrWithoutXing(folder.resolve("01.mp3"), 4.0, RATE, 1, tags("title", "One")),
            AUDIO.mp3VbrWithoutXing(folder.resolve("02.mp3"), 6.0, RATE, 1, tags("title", "Two")),
            AUDIO.mp3VbrWithoutXing(folder.resolve("03.mp3"), 5.0, RATE, 1, tags("title", "Three"))));
        dropBook("Adts Book", folder -> measured(adts, true,
            AUDIO.adts(folder.resolve("01.aac"), 4.0, RATE, 1),
            AUDIO.adts(folder.resolve("02.aac"), 6.0, RATE, 1)));
        dropBook("Mixed Book", folder -> measured(mixed, false,
            AUDIO.mp3(folder.resolve("01.mp3"), 3.0, RATE, 1, tags()),
            AUDIO.mp3VbrWithoutXing(folder.resolve("02.mp3"), 5.0, RATE, 1, tags()),
            AUDIO.adts(folder.resolve("03.aac"), 5.0, RATE, 1),
            AUDIO.aac(folder.resolve("04.m4a"), 3.0, RATE, 1, tags())));
        dropBook("Aac Parts Book", folder -> measured(aacParts, false,
            AUDIO.aac(folder.resolve("01.m4a"), 3.0, RATE, 1, tags()),
            AUDIO.adts(folder.resolve("02.aac"), 5.0, RATE, 1),
            AUDIO.aac(folder.resolve("03.m4a"), 3.0, RATE, 1, tags())));
        awaitBooks(done);

        assertExact("Vbr Book", vbr);
        assertExact("Adts Book", adts);
        assertExact("Mixed Book", mixed);
        assertExact("Aac Parts Book", aacParts);
    }

    /** Adds each file's decoded samples to {@code samples}; with {@code estimated}, first checks the estimate is far off. */
    private static void measured(List<Long> samples, boolean estimated, Path... files) {
        if (estimated) {
            assertEstimatesFarOff(List.of(files));
        }
        for (Path file : files) {
            samples.add(INSPECT.decodedSamples(file));
        }
    }

    /** The files' probed durations are estimates, far longer than what they decode to (else the test proves nothing). */
    private static void assertEstimatesFarOff(List<Path> files) {
        LibavProbe probe = LibavProbe.load().orElseThrow();
        for (Path file : files) {
            try {
                var source = new ProbeParser().parse(file, java.nio.file.Files.size(file), probe.probe(file));
                double decoded = INSPECT.decodedSamples(file) / (double) RATE;
                assertThat(source.durationEstimated()).as("%s: the duration is an estimate", file.getFileName()).isTrue();
                // long enough to have been taken for a truncated file when the estimate was trusted
                assertThat(source.durationSeconds() - decoded).as("%s: estimate %.2f s, decoded %.2f s",
                    file.getFileName(), source.durationSeconds(), decoded)
                    .isGreaterThan(Math.max(1.0, source.durationSeconds() * 0.05));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Converted; decodes to the sources' total within a frame; each chapter starts at its source's first sample. */
    private void assertExact(String key, List<Long> sourceSamples) throws Exception {
        assertThat(ledger().status(key)).as("status of '%s' (%s)", key, ledger().message(key).orElse("")).isEqualTo(JobState.DONE);
        Path output = outputOf(key);
        long total = sourceSamples.stream().mapToLong(Long::longValue).sum();
        assertThat(INSPECT.decodedSamples(output)).as("decoded samples of '%s'", key).isBetween(total - FRAME, total + FRAME);
        assertThat(OutputChecks.audioDuration(output)).as("duration of '%s'", key)
            .isCloseTo(total / (double) RATE, within((double) FRAME / RATE));
        M4bFacts facts = INSPECT.inspect(output);
        List<ChapterFact> chapters = facts.chapters();
        assertThat(chapters).as("chapters of '%s'", key).hasSize(sourceSamples.size());
        long position = 0;
        for (int i = 0; i < chapters.size(); i++) {
            assertThat(chapters.get(i).start()).as("start of chapter %d of '%s'", i + 1, key)
                .isCloseTo(position / (double) RATE, within((double) FRAME / RATE));
            position += sourceSamples.get(i);
        }
        assertThat(chapters.get(chapters.size() - 1).end()).as("end of the last chapter of '%s'", key)
            .isCloseTo(total / (double) RATE, within((double) FRAME / RATE));
    }
}
