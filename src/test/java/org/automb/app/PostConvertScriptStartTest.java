package org.automb.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST_CONVERT_SCRIPT checked before the start, through the command line as users run it: a script that is missing,
 * a folder or not executable refuses the start with exit code 2 and one line naming the setting and the path.
 */
class PostConvertScriptStartTest {

    @TempDir
    Path root;

    private String out = "";
    private String err = "";

    @Test
    void aMissingScriptRefusesTheStartAndChangesNothing() throws IOException {
        Files.createDirectories(root.resolve("inbox"));
        Path missing = root.resolve("scripts/on convert.sh");

        int exit = run("--once", "--post-convert-script=" + missing);

        assertThat(exit).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        assertThat(err.lines().filter(line -> line.contains("POST_CONVERT_SCRIPT")))
            .containsExactly("problem: POST_CONVERT_SCRIPT=" + missing + " does not exist");
        assertThat(root.resolve("converted")).as("nothing is started or created").doesNotExist();
    }

    @Test
    void aFolderOrAFileThatIsNotExecutableIsRefusedToo() throws IOException {
        Files.createDirectories(root.resolve("inbox"));
        Path folder = Files.createDirectories(root.resolve("scripts"));
        Path plain = Files.writeString(folder.resolve("hook.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(run("--once", "--post-convert-script=" + folder)).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        assertThat(err).contains("problem: POST_CONVERT_SCRIPT=" + folder + " is a folder, not a program");

        assertThat(run("--once", "--post-convert-script=" + plain)).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        assertThat(err).contains("problem: POST_CONVERT_SCRIPT=" + plain + " is not executable");
    }

    @Test
    void validateListsTheScriptWithTheOtherProblems() {
        Path missing = root.resolve("nowhere.sh");

        int exit = run("--validate", "--post-convert-script=" + missing, "--cpu-cores=0");

        assertThat(exit).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        assertThat(err).contains("CPU_CORES=0", "POST_CONVERT_SCRIPT=" + missing + " does not exist");
    }

    private int run(String... options) {
        List<String> args = new ArrayList<>(List.of("--inbox-folder=" + root.resolve("inbox"),
            "--converted-folder=" + root.resolve("converted"), "--archive-folder=" + root.resolve("archive"),
            "--working-folder=" + root.resolve("working"), "--failed-folder=" + root.resolve("failed"),
            "--backup-folder=" + root.resolve("backup"), "--config-folder=" + root.resolve("config"),
            "--audible-enabled=N"));
        args.addAll(List.of(options));
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            return AutoM4bCommand.run(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            out = outBytes.toString(StandardCharsets.UTF_8);
            err = errBytes.toString(StandardCharsets.UTF_8);
        }
    }
}
