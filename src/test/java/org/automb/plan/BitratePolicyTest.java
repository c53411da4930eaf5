package org.automb.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.plan.SourceFixtures.mp3;
import static org.automb.plan.SourceFixtures.withBitRate;
import static org.automb.plan.SourceFixtures.withCodec;
import static org.automb.plan.SourceFixtures.withFormat;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.automb.media.AudioSource;
import org.junit.jupiter.api.Test;

class BitratePolicyTest {

    private final BitratePolicy policy = new BitratePolicy();

    private static AudioSource mp3At(long bitRate) {
        return withBitRate(mp3("a.mp3"), bitRate);
    }

    @Test
    void standardSourceRatesAreKept() {
        assertThat(policy.targetKbps(List.of(mp3At(64_000)), 320, OptionalInt.empty(), 1)).isEqualTo(64);
        assertThat(policy.targetKbps(List.of(mp3At(128_000)), 320, OptionalInt.empty(), 2)).isEqualTo(128);
    }

    @Test
    void oddRatesRoundUpToTheNextStandardRate() {
        assertThat(policy.targetKbps(List.of(mp3At(70_000)), 320, OptionalInt.empty(), 1)).isEqualTo(80);
        assertThat(policy.targetKbps(List.of(mp3At(20_000)), 320, OptionalInt.empty(), 1)).isEqualTo(24);
        assertThat(policy.targetKbps(List.of(mp3At(500_000)), 999, OptionalInt.empty(), 2)).isEqualTo(320);
    }

    @Test
    void containerOverheadJustAboveAStandardRateDoesNotBumpATier() {
        // 129406 bps is what ffprobe reports as the format rate of a 128 kbps mp3 with an ID3 tag
        assertThat(policy.targetKbps(List.of(mp3At(129_406)), 320, OptionalInt.empty(), 1)).isEqualTo(128);
        assertThat(policy.targetKbps(List.of(mp3At(135_000)), 320, OptionalInt.empty(), 1)).isEqualTo(160);
    }

    @Test
    void theBestSourceOfTheBookDecides() {
        List<AudioSource> sources = List.of(mp3At(32_000), mp3At(96_000), mp3At(64_000));

        assertThat(policy.targetKbps(sources, 320, OptionalInt.empty(), 2)).isEqualTo(96);
    }

    @Test
    void theMaximumCaps() {
        assertThat(policy.targetKbps(List.of(mp3At(320_000)), 128, OptionalInt.empty(), 2)).isEqualTo(128);
        assertThat(policy.targetKbps(List.of(mp3At(320_000)), 100, OptionalInt.empty(), 2)).isEqualTo(100);
    }

    @Test
    void losslessSourcesGetTheMaximum() {
        AudioSource flac = withBitRate(withCodec(mp3("a.flac"), "flac", ""), 900_000);
        AudioSource wav = withCodec(mp3("a.wav"), "pcm_s16le", "");
        AudioSource alac = withCodec(mp3("a.m4a"), "alac", "");

        assertThat(policy.targetKbps(List.of(flac), 192, OptionalInt.empty(), 2)).isEqualTo(192);
        assertThat(policy.targetKbps(List.of(mp3At(32_000), wav), 96, OptionalInt.empty(), 1)).isEqualTo(96);
        assertThat(policy.targetKbps(List.of(alac), 128, OptionalInt.empty(), 2)).isEqualTo(128);
        assertThat(BitratePolicy.isLossless(mp3("a.mp3"))).isFalse();
    }

    @Test
    void unknownRatesGetAChannelDependentDefault() {
        assertThat(policy.targetKbps(List.of(mp3At(0)), 320, OptionalInt.empty(), 1)).isEqualTo(64);
        assertThat(policy.targetKbps(List.of(mp3At(0)), 320, OptionalInt.empty(), 2)).isEqualTo(128);
        assertThat(policy.targetKbps(List.of(mp3At(0)), 96, OptionalInt.empty(), 2)).isEqualTo(96);
        assertThat(policy.targetKbps(List.of(), 320, OptionalInt.empty(), 1)).isEqualTo(64);
    }

    @Test
    void aKnownRateWinsOverUnknownOnes() {
        assertThat(policy.targetKbps(List.of(mp3At(0), mp3At(48_000)), 320, OptionalInt.empty(), 2)).isEqualTo(48);
    }

    @Test
    void theOverrideWinsRoundedUpStrictly() {
        List<AudioSource> flac = List.of(withCodec(mp3("a.flac"), "flac", ""));

        assertThat(policy.targetKbps(flac, 64, OptionalInt.of(96), 2)).isEqualTo(96);
        assertThat(policy.targetKbps(List.of(mp3At(320_000)), 64, OptionalInt.of(130), 2)).isEqualTo(160);
        assertThat(policy.targetKbps(List.of(mp3At(32_000)), 64, OptionalInt.of(1000), 2)).isEqualTo(320);
        assertThat(policy.targetKbps(List.of(), 64, OptionalInt.of(1), 2)).isEqualTo(24);
    }

    @Test
    void threeHundredFilesTakeTheirMaximum() {
        List<AudioSource> sources = IntStream.range(0, 300)
                .mapToObj(i -> mp3At(i == 217 ? 112_000 : 64_000)).toList();

        assertThat(policy.targetKbps(sources, 320, OptionalInt.empty(), 1)).isEqualTo(112);
    }

    @Test
    void sampleRateIsTheHighestRaisedToAStandardRate() {
        assertThat(policy.targetSampleRate(List.of(withFormat(mp3("a"), 22050, 1), withFormat(mp3("b"), 44100, 1))))
                .isEqualTo(44100);
        assertThat(policy.targetSampleRate(List.of(withFormat(mp3("a"), 44100, 1)))).isEqualTo(44100);
        assertThat(policy.targetSampleRate(List.of(withFormat(mp3("a"), 11025, 1)))).isEqualTo(11025);
        assertThat(policy.targetSampleRate(List.of(withFormat(mp3("a"), 37800, 1)))).isEqualTo(44100);
        assertThat(policy.targetSampleRate(List.of(withFormat(mp3("a"), 7000, 1)))).isEqualTo(8000);
        assertThat(policy.targetSampleRate(List.of(withFormat(mp3("a"), 96000, 2)))).isEqualTo(96000);
        assertThat(policy.targetSampleRate(List.of(withFormat(mp3("a"), 192000, 2)))).isEqualTo(96000);
    }

    @Test
    void sampleRateDefaultsTo44100WhenUnknown() {
        assertThat(policy.targetSampleRate(List.of(withFormat(mp3("a"), 0, 1)))).isEqualTo(44100);
        assertThat(policy.targetSampleRate(List.of())).isEqualTo(44100);
    }

    @Test
    void channelsAreTheMostOfAnySourceCappedAtStereo() {
        assertThat(policy.targetChannels(List.of(withFormat(mp3("a"), 44100, 1)))).isEqualTo(1);
        assertThat(policy.targetChannels(List.of(withFormat(mp3("a"), 44100, 1), withFormat(mp3("b"), 44100, 2))))
                .isEqualTo(2);
        assertThat(policy.targetChannels(List.of(withFormat(mp3("a"), 48000, 6)))).isEqualTo(2);
        assertThat(policy.targetChannels(List.of(withFormat(mp3("a"), 48000, 0)))).isEqualTo(2);
        assertThat(policy.targetChannels(List.of())).isEqualTo(2);
    }
}
