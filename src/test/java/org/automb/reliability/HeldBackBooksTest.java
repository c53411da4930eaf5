package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.automb.app.AutoM4bCommand;
import org.automb.testing.FolderChecksums;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A book held back (a symlinked folder inside it that loops, or one that leads out of the book) is not silently
 * ignored: {@code --once} names it with the reason in its summary line and exits 3, and its files stay untouched.
 */
class HeldBackBooksTest {

    private static final TestAudio AUDIO = TestAudio.bundled();

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    @Test
    void onceCountsBooksHeldBackByALinkLoopOrALinkLeavingTheBookAndExits3() throws Exception {
        harness.dropMp3Book(AUDIO, "Good", 1.0);
        Path looped = harness.dropMp3Book(AUDIO, "Looped", 1.0);
        link(looped.resolve("self"), Path.of("."));
        Path linkedOut = harness.dropMp3Book(AUDIO, "Linked Out", 1.0);
        Path elsewhere = Files.createDirectories(harness.staging().resolve("elsewhere"));
        AUDIO.mp3(elsewhere.resolve("02.mp3"), 1.0, Map.of());
        link(linkedOut.resolve("Extras"), elsewhere);
        Map<String, String> loopedFiles = FolderChecksums.of(looped);
        Map<String, String> linkedOutFiles = FolderChecksums.of(linkedOut);

        ServiceProcess service = harness.start("once", "--once");
        int exit = service.awaitExit(Duration.ofMinutes(2));

        assertThat(exit).as("exit code; log: %s", service.log()).isEqualTo(AutoM4bCommand.EXIT_BOOKS_FAILED);
        assertThat(service.log()).contains("auto-m4b: 1 converted, 0 failed, 0 skipped, 2 held back: "
            + "'Linked Out' (a link inside leads outside the book), 'Looped' (a link inside loops back into the book)");
        assertThat(harness.converted().resolve("Good/Good.m4b")).exists();
        assertThat(FolderChecksums.of(looped)).as("held back: untouched").isEqualTo(loopedFiles);
        assertThat(FolderChecksums.of(linkedOut)).as("held back: untouched").isEqualTo(linkedOutFiles);
        assertThat(Files.isSymbolicLink(looped.resolve("self"))).isTrue();
        assertThat(ChildServiceHarness.filesUnder(harness.failed())).isEmpty();
    }

    private static void link(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException e) {
            assumeThat(false).as("symlinks not supported: " + e).isTrue();
        }
    }
}
