package org.automb.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.automb.media.AudioSource;
import org.junit.jupiter.api.Test;

class ProbeParserTest {

    private final ProbeParser parser = new ProbeParser();

    @Test
    void readsAnMp3WithNonAsciiTags() {
        Path file = Path.of("/books/in/x.mp3");

        AudioSource source = parser.parse(file, 49016, ProbeSamples.MP3);

        assertThat(source.file()).isEqualTo(file);
        assertThat(source.sizeBytes()).isEqualTo(49016);
        assertThat(source.codec()).isEqualTo("mp3");
        assertThat(source.profile()).isEmpty();
        assertThat(source.sampleRate()).isEqualTo(44100);
        assertThat(source.channels()).isEqualTo(1);
        assertThat(source.bitRate()).as("the stream's rate, not the format's").isEqualTo(128_000);
        assertThat(source.durationSeconds()).isEqualTo(3.030204);
        assertThat(source.audioStreamIndex()).isZero();
        assertThat(source.hasCover()).isFalse();
        assertThat(source.tag("title")).isEqualTo("Kapitel 1: Café");
        assertThat(source.tag("artist")).isEqualTo("Jörg Author");
        assertThat(source.tag("album")).isEqualTo("Das Buch");
    }

    @Test
    void aDurationFfprobeWarnsItEstimatedIsMarkedAsAnEstimate() {
        Path file = Path.of("/books/in/x.mp3");
        String warning = "[mp3 @ 0x55d107b07dc0] Estimating duration from bitrate, this may be inaccurate\n";

        assertThat(parser.parse(file, 49016, ProbeSamples.MP3, warning).durationEstimated()).isTrue();
        assertThat(parser.parse(file, 49016, ProbeSamples.MP3, "").durationEstimated()).isFalse();
        assertThat(parser.parse(file, 49016, ProbeSamples.MP3).container()).isEqualTo("mp3");
    }

    @Test
    void readsAnM4aWithItsPngCover() {
        AudioSource source = parser.parse(Path.of("x.m4a"), 28258, ProbeSamples.M4A_WITH_PNG_COVER);

        assertThat(source.codec()).isEqualTo("aac");
        assertThat(source.profile()).isEqualTo("LC");
        assertThat(source.coverStreamIndex()).isEqualTo(1);
        assertThat(source.durationSeconds()).isEqualTo(3.0);
        assertThat(source.tags()).containsEntry("title", "X").containsEntry("artist", "Y")
                .containsEntry("major_brand", "M4A ").containsEntry("handler_name", "SoundHandler");
    }

    @Test
    void findsAnMjpegCoverAndIgnoresThePictureStreamsTags() {
        AudioSource source = parser.parse(Path.of("xc.mp3"), 26674, ProbeSamples.MP3_WITH_JPEG_COVER);

        assertThat(source.coverStreamIndex()).isEqualTo(1);
        assertThat(source.bitRate()).isEqualTo(64_000);
        assertThat(source.tags()).as("the picture's 'comment: Other' is not the book's comment")
                .doesNotContainKey("comment");
    }

    @Test
    void lowerCasesVorbisCommentKeysOfAFlac() {
        AudioSource source = parser.parse(Path.of("x.flac"), 44358, ProbeSamples.FLAC);

        assertThat(source.codec()).isEqualTo("flac");
        assertThat(source.tags()).containsEntry("artist", "Z").containsEntry("title", "T")
                .doesNotContainKeys("ARTIST", "TITLE");
        assertThat(source.bitRate()).as("flac streams have no bit_rate: the format's").isEqualTo(118_288);
    }

    @Test
    void readsTagsThatOggKeepsOnTheStream() {
        AudioSource source = parser.parse(Path.of("x.ogg"), 1, ProbeSamples.OGG_VORBIS);

        assertThat(source.codec()).isEqualTo("vorbis");
        assertThat(source.channels()).isEqualTo(2);
        assertThat(source.tags()).containsEntry("artist", "Ève").containsEntry("title", "Überschrift");
    }

    @Test
    void readsAnOpusWithoutStreamBitRate() {
        AudioSource source = parser.parse(Path.of("x.opus"), 27602, ProbeSamples.OPUS);

        assertThat(source.codec()).isEqualTo("opus");
        assertThat(source.sampleRate()).isEqualTo(48000);
        assertThat(source.bitRate()).isEqualTo(73_446);
        assertThat(source.tag("artist")).isEqualTo("Z");
    }

    @Test
    void anImageIsNotAudio() {
        Path file = Path.of("/books/in/c.jpg");

        assertThatThrownBy(() -> parser.parse(file, 1000, ProbeSamples.JPEG_IMAGE))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("/books/in/c.jpg")
                .hasMessageContaining("no audio stream")
                .satisfies(e -> assertThat(((ProbeException) e).file()).isEqualTo(file));
    }

    @Test
    void takesTheFirstOfSeveralAudioStreamsAndTheFormatDurationWhenTheStreamHasNone() {
        String json = """
                {"streams": [
                  {"index": 0, "codec_type": "video", "codec_name": "h264", "disposition": {"attached_pic": 0}},
                  {"index": 1, "codec_type": "audio", "codec_name": "aac", "profile": "HE-AAC",
                   "sample_rate": "22050", "channels": 2},
                  {"index": 2, "codec_type": "audio", "codec_name": "mp3", "sample_rate": "44100", "channels": 1}
                 ],
                 "format": {"duration": "7200.5", "bit_rate": "48000"}}
                """;

        AudioSource source = parser.parse(Path.of("film.mp4"), 5, json);

        assertThat(source.audioStreamIndex()).isEqualTo(1);
        assertThat(source.profile()).isEqualTo("HE-AAC");
        assertThat(source.sampleRate()).isEqualTo(22050);
        assertThat(source.durationSeconds()).isEqualTo(7200.5);
        assertThat(source.bitRate()).isEqualTo(48_000);
        assertThat(source.coverStreamIndex()).as("a real video track is not a cover").isEqualTo(-1);
        assertThat(source.tags()).isEmpty();
    }

    @Test
    void bitRateIsZeroWhenNobodyKnowsIt() {
        String json = """
                {"streams": [{"index": 0, "codec_type": "audio", "codec_name": "mp3", "duration": "1.0",
                              "bit_rate": "N/A"}],
                 "format": {}}
                """;

        assertThat(parser.parse(Path.of("a.mp3"), 5, json).bitRate()).isZero();
    }

    @Test
    void containerTagsWinOverStreamTagsAndBlankTagsAreDropped() {
        String json = """
                {"streams": [{"index": 0, "codec_type": "audio", "codec_name": "aac", "duration": "1.0",
                              "tags": {"title": "from stream", "Genre": "Hörbuch", "comment": "kept"}}],
                 "format": {"tags": {"TITLE": "from \\"format\\"", "comment": "  ", "album": ""}}}
                """;

        AudioSource source = parser.parse(Path.of("a.m4a"), 5, json);

        assertThat(source.tags()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "title", "from \"format\"", "genre", "Hörbuch", "comment", "kept"));
    }

    @Test
    void missingZeroOrUnreadableDurationIsRejected() {
        String template = """
                {"streams": [{"index": 0, "codec_type": "audio", "codec_name": "mp3" %s}], "format": {%s}}
                """;

        for (String[] durations : new String[][] {{"", ""}, {", \"duration\": \"0.000000\"", ""},
                {", \"duration\": \"N/A\"", "\"duration\": \"-1\""}}) {
            assertThatThrownBy(() -> parser.parse(Path.of("empty.mp3"), 0, template.formatted(durations[0], durations[1])))
                    .isInstanceOf(ProbeException.class)
                    .hasMessageContaining("empty.mp3")
                    .hasMessageContaining("duration");
        }
    }

    @Test
    void outputThatIsNotJsonIsRejectedNamingTheFile() {
        for (String output : new String[] {"", "not json", "[1, 2]", "{\"streams\": ["}) {
            assertThatThrownBy(() -> parser.parse(Path.of("broken.mp3"), 0, output))
                    .isInstanceOf(ProbeException.class)
                    .hasMessageContaining("broken.mp3");
        }
    }

    @Test
    void probeArgumentsAskForJsonFormatAndStreamsOfTheAbsoluteFile() {
        Path relative = Path.of("books", "Ünïcode 'quoted' name.mp3");

        assertThat(parser.probeArguments(relative)).containsExactly("-v", "warning", "-print_format", "json",
                "-show_format", "-show_streams", relative.toAbsolutePath().toString());
    }
}
