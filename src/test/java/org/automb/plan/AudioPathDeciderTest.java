package org.automb.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.automb.intake.Book;
import org.automb.media.AudioSource;
import org.junit.jupiter.api.Test;

/** Every audio path, and the conditions that choose it (the same choices the steps made one by one before). */
class AudioPathDeciderTest {

    private static final Optional<String> PROGRAM_RUNS = Optional.empty();
    private static final Optional<String> PROGRAM_CANNOT_LOAD = Optional.of("cannot load: libxcb.so.1 missing");

    private static final List<AudioSource> MP3S = List.of(SourceFixtures.mp3("01.mp3"), SourceFixtures.mp3("02.mp3"));
    private static final List<AudioSource> MIXED = List.of(SourceFixtures.mp3("01.mp3"),
        SourceFixtures.withCodec(SourceFixtures.mp3("02.flac"), "flac", ""));
    private static final List<AudioSource> AAC_PARTS = List.of(SourceFixtures.aac("01.m4a"), SourceFixtures.aac("02.m4a"));

    @Test
    void anM4bIsPassedThroughWhateverTheServiceCanRun() {
        AudioPathDecider everything = decider(true, true, false, PROGRAM_RUNS);
        AudioPathDecider nothing = decider(false, false, true, PROGRAM_CANNOT_LOAD);

        assertThat(everything.decide(plan(CodecDecision.Mode.PASSTHROUGH, List.of(SourceFixtures.aac("b.m4b"))), false).path())
            .isEqualTo(AudioPath.PASSTHROUGH);
        assertThat(nothing.decide(plan(CodecDecision.Mode.PASSTHROUGH, List.of(SourceFixtures.aac("b.m4b"))), false).path())
            .isEqualTo(AudioPath.PASSTHROUGH);
    }

    @Test
    void aacPartsTheJoinerTakesAreJoinedAsTheyAre() {
        ConversionPlan plan = plan(CodecDecision.Mode.STREAM_COPY, AAC_PARTS);

        assertThat(decider(true, true, false, PROGRAM_RUNS).decide(plan, true)).isEqualTo(new AudioPathDecider.Choice(AudioPath.AAC_JOIN, plan));
        assertThat(decider(false, false, true, PROGRAM_CANNOT_LOAD).decide(plan, true).path()).isEqualTo(AudioPath.AAC_JOIN);
    }

    @Test
    void anEncodeWithTheInJvmEncoderIsEncodedInSegments() {
        ConversionPlan plan = plan(CodecDecision.Mode.ENCODE, MP3S);

        assertThat(decider(true, true, false, PROGRAM_RUNS).decide(plan, false)).isEqualTo(new AudioPathDecider.Choice(AudioPath.JVM_SEGMENTS, plan));
    }

    @Test
    void aBookTheCrashGuardSuspectsIsEncodedByAnFfmpegProcess() {
        assertThat(decider(true, true, true, PROGRAM_RUNS).decide(plan(CodecDecision.Mode.ENCODE, MP3S), false).path())
            .isEqualTo(AudioPath.FFMPEG_CONCAT_ENCODE);
        assertThat(decider(true, true, true, PROGRAM_RUNS).decide(plan(CodecDecision.Mode.ENCODE, MIXED), false).path())
            .isEqualTo(AudioPath.FFMPEG_PCM_FEED);
    }

    @Test
    void withoutTheInJvmEncoderSourcesOfOneFormatAreEncodedByOneFfmpegThroughItsConcatDemuxer() {
        // ENCODER=ffmpeg or FFMPEG_PATH set: no in-JVM encoder, but the libraries count the samples
        assertThat(decider(false, true, false, PROGRAM_RUNS).decide(plan(CodecDecision.Mode.ENCODE, MP3S), false).path())
            .isEqualTo(AudioPath.FFMPEG_CONCAT_ENCODE);
    }

    @Test
    void mixedFormatsOrNoLibrariesTakeThePcmFeed() {
        assertThat(decider(false, true, false, PROGRAM_RUNS).decide(plan(CodecDecision.Mode.ENCODE, MIXED), false).path())
            .isEqualTo(AudioPath.FFMPEG_PCM_FEED);
        assertThat(decider(false, false, false, PROGRAM_RUNS).decide(plan(CodecDecision.Mode.ENCODE, MP3S), false).path())
            .as("the libraries not loaded: no in-JVM sample count").isEqualTo(AudioPath.FFMPEG_PCM_FEED);
    }

    @Test
    void aSourceToResampleOrNotTheFirstStreamTakesThePcmFeed() {
        ConversionPlan resampled = plan(CodecDecision.Mode.ENCODE, MP3S, 22050);
        AudioSource second = SourceFixtures.mp3("02.mp3");
        ConversionPlan secondStream = plan(CodecDecision.Mode.ENCODE, List.of(SourceFixtures.mp3("01.mp3"),
            new AudioSource(second.file(), second.sizeBytes(), "mp3", "", 44100, 1, 64_000, 600, 1, -1, java.util.Map.of())));

        assertThat(decider(false, true, false, PROGRAM_RUNS).decide(resampled, false).path()).isEqualTo(AudioPath.FFMPEG_PCM_FEED);
        assertThat(decider(false, true, false, PROGRAM_RUNS).decide(secondStream, false).path()).isEqualTo(AudioPath.FFMPEG_PCM_FEED);
    }

    @Test
    void aacPartsTheJoinerCannotTakeAreStreamCopiedByFfmpeg() {
        ConversionPlan plan = plan(CodecDecision.Mode.STREAM_COPY, AAC_PARTS);

        assertThat(decider(true, true, false, PROGRAM_RUNS).decide(plan, false)).isEqualTo(new AudioPathDecider.Choice(AudioPath.FFMPEG_CONCAT_COPY, plan));
        assertThat(decider(false, true, false, PROGRAM_RUNS).decide(plan, false).path()).isEqualTo(AudioPath.FFMPEG_CONCAT_COPY);
    }

    @Test
    void withoutTheInJvmEncoderTheProgramIsNotEvenAskedAndStreamCopies() {
        AtomicInteger asked = new AtomicInteger();
        AudioPathDecider decider = new AudioPathDecider(false, true, key -> false, () -> {
            asked.incrementAndGet();
            return PROGRAM_CANNOT_LOAD;
        });
        ConversionPlan plan = plan(CodecDecision.Mode.STREAM_COPY, AAC_PARTS);

        assertThat(decider.decide(plan, false)).isEqualTo(new AudioPathDecider.Choice(AudioPath.FFMPEG_CONCAT_COPY, plan));
        assertThat(asked).hasValue(0);
    }

    @Test
    void partsTheJoinerCannotTakeAreEncodedInTheJvmWhenTheProgramCannotLoadAndThePlanSaysSo() {
        ConversionPlan plan = plan(CodecDecision.Mode.STREAM_COPY, AAC_PARTS);

        AudioPathDecider.Choice choice = decider(true, true, false, PROGRAM_CANNOT_LOAD).decide(plan, false);

        assertThat(choice.path()).isEqualTo(AudioPath.JVM_SEGMENTS);
        assertThat(choice.plan().decision().mode()).isEqualTo(CodecDecision.Mode.ENCODE);
        assertThat(choice.plan().decision().reason()).isEqualTo("AAC parts"
            + ": encoded, the ffmpeg program that joins such parts as they are cannot be loaded here");
        assertThat(choice.plan().sources()).isEqualTo(plan.sources());
    }

    @Test
    void partsOfASuspectedBookWhoseProgramCannotLoadAreStillPlannedAsAnEncodeForAnFfmpegProcess() {
        // as the steps did before: the plan is rewritten first, then the crash guard hands the encode to ffmpeg
        AudioPathDecider.Choice choice = decider(true, true, true, PROGRAM_CANNOT_LOAD)
            .decide(plan(CodecDecision.Mode.STREAM_COPY, AAC_PARTS), false);

        assertThat(choice.path()).isEqualTo(AudioPath.FFMPEG_CONCAT_ENCODE);
        assertThat(choice.plan().decision().mode()).isEqualTo(CodecDecision.Mode.ENCODE);
    }

    @Test
    void everyPathHasItsOwnRoute() {
        assertThat(java.util.Arrays.stream(AudioPath.values()).map(AudioPath::routeId).distinct())
            .hasSize(AudioPath.values().length);
    }

    private static AudioPathDecider decider(boolean inJvmEncoder, boolean concatEncode, boolean crashSuspected,
                                            Optional<String> programUnavailable) {
        return new AudioPathDecider(inJvmEncoder, concatEncode, key -> crashSuspected && key.equals("Book"),
            () -> programUnavailable);
    }

    private static ConversionPlan plan(CodecDecision.Mode mode, List<AudioSource> sources) {
        return plan(mode, sources, 44100);
    }

    private static ConversionPlan plan(CodecDecision.Mode mode, List<AudioSource> sources, int sampleRate) {
        Book book = new Book("Book", "Book", Path.of("/books/in"), sources.stream().map(AudioSource::file).toList(),
            List.of(), false);
        String reason = mode == CodecDecision.Mode.STREAM_COPY ? "AAC parts: joined without re-encoding" : "test";
        return new ConversionPlan(book, sources, new CodecDecision(mode, reason), 64, sampleRate, 1, List.of("Book"),
            Optional.empty(), new BookTags("Book", "Book", "", "", "", "", "", ""), Optional.empty());
    }
}
