package org.automb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.automb.testing.FolderChecksums;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FolderRules on real folders, files and links: what is refused, with which line, and that checking changes nothing. */
class FolderRulesTest {

    private final FolderRules rules = new FolderRules();

    @TempDir
    Path root;

    @BeforeEach
    void inbox() throws IOException {
        Files.createDirectories(root.resolve("inbox/Book"));
        Files.writeString(root.resolve("inbox/Book/01.mp3"), "audio");
    }

    /** The seven folders side by side under root, each overridable: name, path relative to root... */
    private List<FolderRules.Folder> folders(String... overrides) {
        Map<String, String> paths = new java.util.LinkedHashMap<>();
        for (String setting : List.of("INBOX_FOLDER", "CONVERTED_FOLDER", "ARCHIVE_FOLDER", "FAILED_FOLDER", "WORKING_FOLDER",
                "CONFIG_FOLDER")) {
            paths.put(setting, setting.substring(0, setting.indexOf('_')).toLowerCase(java.util.Locale.ROOT));
        }
        for (int i = 0; i < overrides.length; i += 2) {
            paths.put(overrides[i], overrides[i + 1]);
        }
        List<FolderRules.Folder> folders = new ArrayList<>();
        paths.forEach((setting, path) -> folders.add(new FolderRules.Folder(setting, root.resolve(path).normalize(), true)));
        return folders;
    }

    @Test
    void foldersSideBySideAreAcceptedAndThoseTheStartCreatesAreNoted() {
        FolderRules.Verdict verdict = rules.check(folders());

        assertThat(verdict.refusals()).isEmpty();
        assertThat(verdict.notes()).hasSize(5).allMatch(n -> n.contains("does not exist yet; the service creates it at start"));
        assertThat(root.resolve("converted")).as("checking creates nothing").doesNotExist();
    }

    @Test
    void aFolderEqualToAnotherIsRefusedNamingBoth() {
        FolderRules.Verdict verdict = rules.check(folders("WORKING_FOLDER", "inbox"));

        assertThat(verdict.refusals()).containsExactly("WORKING_FOLDER=" + root.resolve("inbox")
            + " is the same folder as INBOX_FOLDER=" + root.resolve("inbox")
            + "; give WORKING_FOLDER a folder of its own, beside the others");
    }

    @Test
    void aFolderHoldingTheOthersIsRefusedOncePerFolderInside() {
        FolderRules.Verdict verdict = rules.check(folders("WORKING_FOLDER", "."));

        assertThat(verdict.refusals()).hasSize(5).allMatch(r -> r.contains(" lies inside WORKING_FOLDER=" + root));
        assertThat(verdict.refusals()).anyMatch(r -> r.startsWith("INBOX_FOLDER=" + root.resolve("inbox") + " lies inside"));
    }

    @Test
    void aFolderInsideAnotherIsRefusedEvenBeforeItExists() {
        FolderRules.Verdict verdict = rules.check(folders("ARCHIVE_FOLDER", "inbox/archive", "CONVERTED_FOLDER", "inbox/Book/out"));

        assertThat(verdict.refusals()).containsExactlyInAnyOrder(
            "CONVERTED_FOLDER=" + root.resolve("inbox/Book/out") + " lies inside INBOX_FOLDER=" + root.resolve("inbox")
                + "; move CONVERTED_FOLDER out of INBOX_FOLDER (folders may sit side by side, never one inside another)",
            "ARCHIVE_FOLDER=" + root.resolve("inbox/archive") + " lies inside INBOX_FOLDER=" + root.resolve("inbox")
                + "; move ARCHIVE_FOLDER out of INBOX_FOLDER (folders may sit side by side, never one inside another)");
    }

    @Test
    void aFolderReachedThroughASymbolicLinkIsJudgedWhereItReallyIs() throws IOException {
        Files.createSymbolicLink(root.resolve("shortcut"), root.resolve("inbox"));

        FolderRules.Verdict verdict = rules.check(folders("ARCHIVE_FOLDER", "shortcut/archive"));

        assertThat(verdict.refusals()).containsExactly("ARCHIVE_FOLDER=" + root.resolve("shortcut/archive") + " (really "
            + root.toRealPath().resolve("inbox/archive") + ") lies inside INBOX_FOLDER=" + root.resolve("inbox")
            + (root.toRealPath().equals(root) ? "" : " (really " + root.toRealPath().resolve("inbox") + ")")
            + "; move ARCHIVE_FOLDER out of INBOX_FOLDER (folders may sit side by side, never one inside another)");
    }

    @Test
    void twoLinksToOneFolderAreTheSameFolder() throws IOException {
        Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("a"), root.resolve("real"));
        Files.createSymbolicLink(root.resolve("b"), root.resolve("real"));

        FolderRules.Verdict verdict = rules.check(folders("FAILED_FOLDER", "a", "WORKING_FOLDER", "b"));

        assertThat(verdict.refusals()).singleElement().asString()
            .startsWith("WORKING_FOLDER=" + root.resolve("b") + " (really ")
            .contains(" is the same folder as FAILED_FOLDER=" + root.resolve("a"));
    }

    /** A bind mount shows one folder under two paths that no link resolution joins; device and inode do. */
    @Test
    void aFolderInsideAnotherThroughABindMountIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        assumeThat(run("mount", "--bind", root.resolve("inbox").toString(), elsewhere.toString()))
            .as("a bind mount can be made (root with CAP_SYS_ADMIN)").isTrue();
        try {
            FolderRules.Verdict verdict = rules.check(folders("FAILED_FOLDER", "elsewhere/failed", "ARCHIVE_FOLDER", "elsewhere"));

            assertThat(verdict.refusals()).containsExactlyInAnyOrder(
                "ARCHIVE_FOLDER=" + elsewhere + " is the same folder as INBOX_FOLDER=" + root.resolve("inbox")
                    + "; give ARCHIVE_FOLDER a folder of its own, beside the others",
                "FAILED_FOLDER=" + elsewhere.resolve("failed") + " lies inside INBOX_FOLDER=" + root.resolve("inbox")
                    + "; move FAILED_FOLDER out of INBOX_FOLDER (folders may sit side by side, never one inside another)",
                "FAILED_FOLDER=" + elsewhere.resolve("failed") + " lies inside ARCHIVE_FOLDER=" + elsewhere
                    + "; move FAILED_FOLDER out of ARCHIVE_FOLDER (folders may sit side by side, never one inside another)");
        } finally {
            run("umount", elsewhere.toString());
        }
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }

    @Test
    void aFileWhereAFolderBelongsIsRefused() throws IOException {
        Files.writeString(root.resolve("converted"), "not a folder");

        FolderRules.Verdict verdict = rules.check(folders());

        assertThat(verdict.refusals()).containsExactly("CONVERTED_FOLDER=" + root.resolve("converted")
            + " is a file, not a folder; point CONVERTED_FOLDER at a folder, or move the file away");
    }

    @Test
    void aFolderUnderAFileCannotBeCreated() throws IOException {
        Files.writeString(root.resolve("notes.txt"), "a file");

        FolderRules.Verdict verdict = rules.check(folders("FAILED_FOLDER", "notes.txt/failed"));

        assertThat(verdict.refusals()).containsExactly("FAILED_FOLDER=" + root.resolve("notes.txt/failed")
            + " cannot be created: " + root.resolve("notes.txt") + " is a file; point FAILED_FOLDER elsewhere, or move the file away");
    }

    @Test
    void aLinkToNothingIsRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("gone"), root.resolve("nowhere"));

        FolderRules.Verdict verdict = rules.check(folders("ARCHIVE_FOLDER", "gone", "FAILED_FOLDER", "gone/failed"));

        assertThat(verdict.refusals()).hasSize(2);
        assertThat(verdict.refusals().get(0)).startsWith("ARCHIVE_FOLDER=" + root.resolve("gone") + " is a symbolic link to ");
        assertThat(verdict.refusals().get(1)).startsWith("FAILED_FOLDER=" + root.resolve("gone/failed") + " cannot be created: ");
    }

    @Test
    void aFolderThisUserCannotWriteIsRefusedAndCannotBeCreatedUnder() throws IOException {
        Path locked = Files.createDirectories(root.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeThat(Files.isWritable(locked)).as("permissions bind this user (not root)").isFalse();

            FolderRules.Verdict verdict = rules.check(folders("WORKING_FOLDER", "locked", "FAILED_FOLDER", "locked/failed"));

            assertThat(verdict.refusals()).containsExactly(
                "FAILED_FOLDER=" + locked.resolve("failed") + " cannot be created: " + locked + " is not writable by this user"
                    + " (permissions, or a read-only mount); create the folder yourself with the right owner, or point FAILED_FOLDER elsewhere",
                "WORKING_FOLDER=" + locked + " is not readable and writable by this user (permissions, or a read-only mount);"
                    + " fix its owner or permissions, mount it read-write, or point WORKING_FOLDER elsewhere");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void checkingChangesNothing() throws IOException {
        Files.createSymbolicLink(root.resolve("shortcut"), root.resolve("inbox"));
        Map<String, String> before = FolderChecksums.of(root);
        List<Path> entriesBefore;
        try (var entries = Files.walk(root)) {
            entriesBefore = entries.sorted().toList();
        }

        rules.check(folders("WORKING_FOLDER", ".", "ARCHIVE_FOLDER", "shortcut/archive", "FAILED_FOLDER", "new/deeper/failed"));

        assertThat(FolderChecksums.of(root)).isEqualTo(before);
        try (var entries = Files.walk(root)) {
            assertThat(entries.sorted().toList()).isEqualTo(entriesBefore);
        }
    }
}
