package org.automb.audio.libav;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The encoders of a book go on until the time limit, a failed segment, or the service's stop. */
class EncodeControlTest {

    @Test
    void encodersGoOnUntilTheyAreToldToStop() {
        assertThatCode(new EncodeControl(60_000)::check).doesNotThrowAnyException();
    }

    @Test
    void aCancelledEncodeEndsAtTheNextCheckAndSaysWhy() {
        EncodeControl control = new EncodeControl(60_000);

        control.cancel();

        assertThatThrownBy(control::check).isInstanceOf(EncodeControl.Cancelled.class)
            .hasMessageContaining("the service is stopping");
    }

    @Test
    void aFailedSegmentStopsTheOthers() {
        EncodeControl control = new EncodeControl(60_000);

        control.stopAll();

        assertThatThrownBy(control::check).isInstanceOf(EncodeControl.Stopped.class);
    }
}
