package org.automb.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoudnessMeterTest {

    @Test
    void blocksAreExactInTimeAndMetersOfNeighbouringSegmentsAddUp() {
        // 11025 Hz: a 100 ms block is 1102.5 samples; the two segments meet inside block 1
        float[] half = new float[1500];
        Arrays.fill(half, 0.5f);
        float[] silence = new float[1500];
        LoudnessMeter first = new LoudnessMeter(11025, 100);
        LoudnessMeter second = new LoudnessMeter(11025, 100);
        first.add(0, half, 0, 1500);
        second.add(1500, silence, 0, 1500);

        LoudnessEnvelope envelope = LoudnessMeter.envelope(List.of(first, second));

        assertThat(envelope.startMillis()).isZero();
        assertThat(envelope.levels()).hasSize(3);
        assertThat(envelope.levelAt(50)).isCloseTo((float) (10 * Math.log10(0.25)), within(0.01f));
        // block 1: samples 1103..2205, of which 397 at 0.5
        assertThat(envelope.levelAt(150)).isCloseTo((float) (10 * Math.log10(0.25 * 397 / 1102)), within(0.05f));
        assertThat(envelope.levelAt(250)).isEqualTo(LoudnessEnvelope.SILENCE);
        assertThat(envelope.levelAt(350)).isNaN();
    }

    @Test
    void aMeterStartingLateGivesAnEnvelopeFromItsFirstBlock() {
        LoudnessMeter meter = new LoudnessMeter(8000, 100);
        float[] samples = new float[800];
        Arrays.fill(samples, 1f);
        meter.add(8000 * 60, samples, 0, 800);
        LoudnessEnvelope envelope = meter.envelope();
        assertThat(envelope.startMillis()).isEqualTo(60_000);
        assertThat(envelope.levelAt(60_050)).isCloseTo(0f, within(0.001f));
        assertThat(envelope.levelAt(59_950)).isNaN();
        assertThat(envelope.measures(0, 60_000)).isFalse();
        assertThat(envelope.measures(0, 60_001)).isTrue();
    }
}
