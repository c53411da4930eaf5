package org.automb.convert.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeCrashGuardTest {

    @TempDir
    Path working;

    @Test
    void aMarkerLeftByAStoppedEncodeMakesItsBookASuspectAtTheNextStart() throws Exception {
        NativeCrashGuard running = new NativeCrashGuard();
        Path nested = Files.createDirectories(working.resolve("Series").resolve("Book 1"));
        Path done = Files.createDirectories(working.resolve("Done Book"));
        NativeCrashGuard.Marker interrupted = running.encoding(nested, "Series/Book 1");
        try (NativeCrashGuard.Marker finished = running.encoding(done, "Done Book")) {
            assertThat(done.resolve(NativeCrashGuard.MARKER)).exists();
        }
        assertThat(done.resolve(NativeCrashGuard.MARKER)).as("removed when the encode ends either way").doesNotExist();

        // the service dies here: the first marker is never removed
        NativeCrashGuard nextStart = NativeCrashGuard.fromLeftovers(working);

        assertThat(nextStart.suspects("Series/Book 1")).isTrue();
        assertThat(nextStart.suspects("Done Book")).isFalse();
        assertThat(running.suspects("Series/Book 1")).as("only a new start reads the markers").isFalse();
        interrupted.close();
    }

    @Test
    void noWorkingFolderNoSuspects() throws Exception {
        assertThat(NativeCrashGuard.fromLeftovers(working.resolve("missing")).suspects("any")).isFalse();
    }
}
