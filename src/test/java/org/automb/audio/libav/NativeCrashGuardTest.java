package org.automb.audio.libav;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.automb.io.WorkArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeCrashGuardTest {

    @TempDir
    Path working;

    @Test
    void aMarkerLeftByAStoppedEncodeMakesItsBookASuspectAtTheNextStart() throws Exception {
        NativeCrashGuard running = new NativeCrashGuard();
        Path area = WorkArea.root(working);
        Path interruptedBook = Files.createDirectories(area.resolve(WorkArea.bookFolderName("Series/Book 1")));
        Path done = Files.createDirectories(area.resolve(WorkArea.bookFolderName("Done Book")));
        NativeCrashGuard.Marker interrupted = running.encoding(interruptedBook, "Series/Book 1");
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
    void onlyTheServicesOwnBookFoldersAreRead() throws Exception {
        // a file of that name anywhere else in WORKING_FOLDER is not the service's evidence
        Path foreign = Files.createDirectories(working.resolve("My Stuff"));
        Files.writeString(foreign.resolve(NativeCrashGuard.MARKER), "My Stuff");
        Path oddName = Files.createDirectories(WorkArea.root(working).resolve("not-a-book-folder"));
        Files.writeString(oddName.resolve(NativeCrashGuard.MARKER), "Odd");

        NativeCrashGuard nextStart = NativeCrashGuard.fromLeftovers(working);

        assertThat(nextStart.suspects("My Stuff")).isFalse();
        assertThat(nextStart.suspects("Odd")).isFalse();
    }

    @Test
    void noWorkingFolderNoSuspects() throws Exception {
        assertThat(NativeCrashGuard.fromLeftovers(working.resolve("missing")).suspects("any")).isFalse();
    }
}
