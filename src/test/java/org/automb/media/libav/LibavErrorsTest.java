package org.automb.media.libav;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LibavErrorsTest {

    @Test
    void eagainIsTheBundledLibrariesTryAgainCode() {
        assertThat(LibavErrors.EAGAIN).isNegative();
        assertThat(LibavText.error(LibavErrors.EAGAIN)).isEqualTo("Resource temporarily unavailable");
    }
}
