package org.automb.media.libav;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The missing library is read from the loader's message and named with the Debian package that provides it. */
class MissingLibraryTest {

    @Test
    void namesTheLibraryTheLoaderCouldNotFindAndItsPackage() {
        UnsatisfiedLinkError error = new UnsatisfiedLinkError("/root/.javacpp/cache/ffmpeg-7.1.1-1.5.12-linux-x86_64.jar/"
            + "org/bytedeco/ffmpeg/linux-x86_64/libjniavdevice.so: libxcb-shm.so.0: cannot open shared object file: "
            + "No such file or directory");

        assertThat(MissingLibrary.in(error)).contains(new MissingLibrary("libxcb-shm.so.0"));
        assertThat(MissingLibrary.in(error).orElseThrow().describe())
            .isEqualTo("libxcb-shm.so.0 is missing (on Debian/Ubuntu: apt-get install libxcb-shm0)");
    }

    @Test
    void findsTheLibraryInACauseAndKnowsEveryLibraryTheBundledFfmpegNeeds() {
        Throwable wrapped = new IllegalStateException("loading failed",
            new UnsatisfiedLinkError("/tmp/x/libavdevice.so.61: libpulse.so.0: cannot open shared object file: No such file"));

        assertThat(MissingLibrary.in(wrapped).flatMap(MissingLibrary::debianPackage)).contains("libpulse0");
        assertThat(new MissingLibrary("libasound.so.2").debianPackage()).contains("libasound2");
        assertThat(new MissingLibrary("libxcb.so.1").debianPackage()).contains("libxcb1");
        assertThat(new MissingLibrary("libstdc++.so.6").debianPackage()).contains("libstdc++6");
    }

    @Test
    void anUnknownLibraryIsNamedWithoutGuessingItsPackage() {
        MissingLibrary unknown = MissingLibrary.in(new UnsatisfiedLinkError(
            "/opt/lib/libfoo.so: libbar-2.0.so.3: cannot open shared object file: No such file or directory")).orElseThrow();

        assertThat(unknown.soname()).isEqualTo("libbar-2.0.so.3");
        assertThat(unknown.describe()).isEqualTo("libbar-2.0.so.3 is missing (install the package that provides libbar-2.0.so.3)");
    }

    @Test
    void anotherLinkErrorIsToldByItsFirstLineWithTheRemedy() {
        UnsatisfiedLinkError other = new UnsatisfiedLinkError("no jniavformat in java.library.path: /usr/lib\nmore");

        assertThat(MissingLibrary.in(other)).isEqualTo(Optional.empty());
        assertThat(MissingLibrary.explain("the bundled ffmpeg libraries", other, "or set FFMPEG_PATH"))
            .isEqualTo("the bundled ffmpeg libraries cannot be loaded: no jniavformat in java.library.path: /usr/lib; "
                + "set FFMPEG_PATH");
        assertThat(MissingLibrary.explain("the bundled ffmpeg program", new UnsatisfiedLinkError(
            "/c/libjniavdevice.so: libpulse.so.0: cannot open shared object file: No such file or directory"), "or set FFMPEG_PATH"))
            .isEqualTo("the bundled ffmpeg program cannot be loaded: libpulse.so.0 is missing (on Debian/Ubuntu: "
                + "apt-get install libpulse0); install it, or set FFMPEG_PATH");
    }
}
