package org.automb.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.automb.plan.SourceFixtures.aac;
import static org.automb.plan.SourceFixtures.mp3;
import static org.automb.plan.SourceFixtures.withCodec;
import static org.automb.plan.SourceFixtures.withFormat;

import java.util.List;
import java.util.stream.IntStream;
import org.automb.media.AudioSource;
import org.automb.plan.CodecDecision.Mode;
import org.junit.jupiter.api.Test;

class CodecDeciderTest {

    private final CodecDecider decider = new CodecDecider();

    @Test
    void oneAacM4bPassesThrough() {
        CodecDecision decision = decider.decide(List.of(aac("Der Schwarm.M4B")), false);

        assertThat(decision.mode()).isEqualTo(Mode.PASSTHROUGH);
        assertThat(decision.reason()).contains("AAC LC 44100 Hz stereo").contains(".m4b");
    }

    @Test
    void oneAacM4aIsCopiedNotPassedThrough() {
        CodecDecision decision = decider.decide(List.of(aac("book.m4a")), false);

        assertThat(decision.mode()).isEqualTo(Mode.STREAM_COPY);
        assertThat(decision.reason()).isEqualTo("the only part is AAC LC 44100 Hz stereo: joined without re-encoding");
    }

    @Test
    void rawAacStreamsAreCopiedTogetherButEncodedBesideMp4Parts() {
        AudioSource adts = rawAdts(aac("02.aac"));

        assertThat(decider.decide(List.of(adts, rawAdts(aac("03.aac"))), false).mode()).isEqualTo(Mode.STREAM_COPY);
        CodecDecision mixed = decider.decide(List.of(aac("01.m4a"), adts), false);
        assertThat(mixed.mode()).isEqualTo(Mode.ENCODE);
        assertThat(mixed.reason()).contains("raw .aac").contains("MP4");
    }

    private static AudioSource rawAdts(AudioSource s) {
        return new AudioSource(s.file(), s.sizeBytes(), s.codec(), s.profile(), s.sampleRate(), s.channels(), s.bitRate(),
            s.durationSeconds(), s.audioStreamIndex(), s.coverStreamIndex(), s.tags(), "aac", true);
    }

    @Test
    void anM4bThatIsNotAacIsEncoded() {
        CodecDecision decision = decider.decide(List.of(withCodec(aac("odd.m4b"), "alac", "")), false);

        assertThat(decision.mode()).isEqualTo(Mode.ENCODE);
        assertThat(decision.reason()).isEqualTo("alac is not AAC: encoding to AAC");
    }

    @Test
    void twoM4bPartsAreJoined() {
        CodecDecision decision = decider.decide(List.of(aac("1.m4b"), aac("2.m4b")), false);

        assertThat(decision.mode()).isEqualTo(Mode.STREAM_COPY);
    }

    @Test
    void matchingAacPartsAreJoinedWithoutReEncoding() {
        List<AudioSource> parts = IntStream.rangeClosed(1, 12).mapToObj(i -> aac(i + ".m4a")).toList();

        CodecDecision decision = decider.decide(parts, false);

        assertThat(decision).isEqualTo(new CodecDecision(Mode.STREAM_COPY,
                "all 12 parts are AAC LC 44100 Hz stereo: joined without re-encoding"));
    }

    @Test
    void threeHundredMatchingPartsAreJoined() {
        List<AudioSource> parts = IntStream.rangeClosed(1, 300).mapToObj(i -> aac(i + ".m4a")).toList();

        assertThat(decider.decide(parts, false).mode()).isEqualTo(Mode.STREAM_COPY);
    }

    @Test
    void aacPartsThatDifferAreEncoded() {
        AudioSource lc = aac("1.m4a");

        assertThat(decider.decide(List.of(lc, withCodec(aac("2.m4a"), "aac", "HE-AAC")), false))
                .isEqualTo(new CodecDecision(Mode.ENCODE,
                        "the AAC parts differ (AAC LC 44100 Hz stereo, AAC HE-AAC 44100 Hz stereo): encoding to AAC"));
        assertThat(decider.decide(List.of(lc, withFormat(aac("2.m4a"), 22050, 2)), false).mode())
                .isEqualTo(Mode.ENCODE);
        assertThat(decider.decide(List.of(lc, lc, withFormat(aac("3.m4a"), 44100, 1)), false).reason())
                .isEqualTo("the AAC parts differ (AAC LC 44100 Hz stereo, AAC LC 44100 Hz mono): encoding to AAC");
    }

    @Test
    void mixedCodecsAreNamedInOrderOfAppearance() {
        List<AudioSource> parts = List.of(mp3("1.mp3"), withCodec(mp3("2.flac"), "flac", ""), mp3("3.mp3"));

        assertThat(decider.decide(parts, false))
                .isEqualTo(new CodecDecision(Mode.ENCODE, "mixed codecs mp3, flac: encoding to AAC"));
    }

    @Test
    void mp3IsEncoded() {
        assertThat(decider.decide(List.of(mp3("1.mp3"), mp3("2.mp3")), false))
                .isEqualTo(new CodecDecision(Mode.ENCODE, "mp3 is not AAC: encoding to AAC"));
    }

    @Test
    void aacMixedWithAnotherCodecIsEncoded() {
        assertThat(decider.decide(List.of(aac("1.m4a"), mp3("2.mp3")), false).reason())
                .isEqualTo("mixed codecs aac, mp3: encoding to AAC");
    }

    @Test
    void forcingEncodesEvenAPerfectM4b() {
        CodecDecision decision = decider.decide(List.of(aac("book.m4b")), true);

        assertThat(decision.mode()).isEqualTo(Mode.ENCODE);
        assertThat(decision.reason()).contains("forced");
        assertThat(decider.decide(List.of(aac("1.m4a"), aac("2.m4a")), true).mode()).isEqualTo(Mode.ENCODE);
    }

    @Test
    void noSourcesIsAnError() {
        assertThatThrownBy(() -> decider.decide(List.of(), false)).isInstanceOf(IllegalArgumentException.class);
    }
}
