package org.automb.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.automb.testing.ServiceFiles.filesWithoutLock;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.automb.config.SettingDef;
import org.automb.config.SettingsCatalog;
import org.automb.testing.M4bInspector;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line as a user or a cron job calls it, in-process: {@code --once} and its exit codes,
 * {@code --validate}, {@code --help-config}. Runs from the repo root, so ./application.properties and ./routes are
 * the real ones; every folder is given on the command line.
 */
class AutoM4bCommandTest {

    private static final TestAudio AUDIO = TestAudio.bundled();
    private static final M4bInspector INSPECT = new M4bInspector(AUDIO.tools());
    private static final Duration ONCE_LIMIT = Duration.ofSeconds(50);

    @TempDir
    Path root;

    private String out = "";
    private String err = "";

    @BeforeEach
    void inbox() throws IOException {
        Files.createDirectories(root.resolve("inbox"));
    }

    // --- --once ---

    @Test
    void onceConvertsTheInboxAndReturns0WhenEveryBookSucceeded() throws Exception {
        Path book = root.resolve("inbox/Jane Doe - Short Book");
        AUDIO.mp3(book.resolve("01.mp3"), 1.0, Map.of("title", "One"));
        AUDIO.mp3(book.resolve("02.mp3"), 1.0, Map.of("title", "Two"));
        AUDIO.mp3(root.resolve("inbox/Loose Book.mp3"), 1.0, Map.of());

        int exit = runOnce();

        assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(AutoM4bCommand.EXIT_OK);
        Path output = root.resolve("converted/Jane Doe - Short Book/Jane Doe - Short Book.m4b");
        assertThat(output).isRegularFile();
        assertThat(INSPECT.inspect(output).chapterTitles()).containsExactly("One", "Two");
        assertThat(root.resolve("converted/Loose Book/Loose Book.m4b")).isRegularFile();
        assertThat(filesUnder(root.resolve("archive"))).containsExactlyInAnyOrder(
            "Jane Doe - Short Book/01.mp3", "Jane Doe - Short Book/02.mp3", "Loose Book/Loose Book.mp3");
        assertThat(filesWithoutLock(root.resolve("inbox"))).isEmpty();
        assertThat(out).contains("2 converted, 0 failed");
    }

    @Test
    void onceReturns3WhenAnyBookFailedAndStillConvertsTheOthers() throws Exception {
        AUDIO.mp3(root.resolve("inbox/Good Book/01.mp3"), 1.0, Map.of());
        Path noise = root.resolve("inbox/Bad Book/01.mp3");
        Files.createDirectories(noise.getParent());
        byte[] bytes = new byte[20_000];
        new Random(7).nextBytes(bytes);
        Files.write(noise, bytes);

        int exit = runOnce();

        assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(AutoM4bCommand.EXIT_BOOKS_FAILED);
        assertThat(root.resolve("converted/Good Book/Good Book.m4b")).isRegularFile();
        assertThat(root.resolve("converted/Bad Book")).doesNotExist();
        assertThat(Files.readAllBytes(badBookFile(noise))).as("the bad book's original is kept as it was").isEqualTo(bytes);
        assertThat(out).contains("1 converted, 1 failed");
    }

    @Test
    void onceOnAnEmptyInboxReturns0() {
        assertThat(runOnce()).as("exit code; stderr: %s", err).isEqualTo(AutoM4bCommand.EXIT_OK);
        assertThat(out).contains("0 converted, 0 failed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--cpu-cores=0", "--on-complete=bogus", "--match-filter=(", "--wait-time=-1",
        "--backup=maybe", "--max-bitrate=1000"})
    void onceRefusesAnInvalidConfigurationWith2(String option) {
        int exit = run(concat(folderOptions(), "--once", option));

        assertThat(exit).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        String name = option.substring(2, option.indexOf('=')).toUpperCase().replace('-', '_');
        assertThat(err).contains(name);
        assertThat(root.resolve("converted")).as("nothing is started or created").doesNotExist();
    }

    // --- --validate ---

    @Test
    void validateListsEveryProblemAtOnce() {
        // the folders do not exist yet, and ffmpeg/ffprobe point nowhere
        int exit = run(concat(folderOptions(), "--validate", "--ffmpeg-path=" + root.resolve("no-ffmpeg"),
            "--ffprobe-path=" + root.resolve("no-ffprobe")));

        assertThat(exit).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        assertThat(err).contains("ffmpeg cannot be started", "ffprobe cannot be started");
        assertThat(err.lines().filter(l -> l.startsWith("problem: "))).hasSize(2);
        assertThat(out).contains("2 problem(s) found");
        // a folder the start creates is no problem, as the start agrees; it is noted
        assertThat(out.lines().filter(l -> l.startsWith("note: ") && l.contains("does not exist yet")))
            .anyMatch(l -> l.contains("CONVERTED_FOLDER=")).anyMatch(l -> l.contains("ARCHIVE_FOLDER="))
            .anyMatch(l -> l.contains("WORKING_FOLDER=")).anyMatch(l -> l.contains("FAILED_FOLDER="))
            .anyMatch(l -> l.contains("CONFIG_FOLDER="));
        assertThat(root.resolve("converted")).as("--validate creates nothing").doesNotExist();
        assertThat(root.resolve("config")).as("--validate creates no database").doesNotExist();
    }

    @Test
    void validateListsEveryInvalidValueAtOnce() {
        int exit = run(concat(folderOptions(), "--validate", "--cpu-cores=0", "--on-complete=bogus", "--match-filter=(",
            "--sleep-time=soon"));

        assertThat(exit).isEqualTo(AutoM4bCommand.EXIT_CONFIG);
        assertThat(err).contains("CPU_CORES=0", "ON_COMPLETE=bogus", "MATCH_FILTER=(", "SLEEP_TIME=soon");
        // the folder checks still run: the folders do not exist yet
        assertThat(out).contains("note: CONVERTED_FOLDER=", "does not exist yet");
        assertThat(root.resolve("converted")).as("--validate creates nothing").doesNotExist();
    }

    @Test
    void validateReturns0ForAUsableConfiguration() throws IOException {
        for (String folder : List.of("converted", "archive", "working", "failed", "backup", "config")) {
            Files.createDirectories(root.resolve(folder));
        }

        int exit = run(concat(folderOptions(), "--validate", "--backup=Y"));

        assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(AutoM4bCommand.EXIT_OK);
        assertThat(out).contains("configuration OK");
        assertThat(err).doesNotContain("problem");
    }

    // --- --help-config ---

    @Test
    void helpConfigPrintsEverySettingWithItsDefault() {
        int exit = run("--help-config");

        assertThat(exit).isEqualTo(AutoM4bCommand.EXIT_OK);
        List<SettingDef> settings = new SettingsCatalog(Runtime.getRuntime().availableProcessors()).all();
        assertThat(settings).hasSizeGreaterThan(20);
        for (SettingDef setting : settings) {
            String line = out.lines().filter(l -> l.strip().startsWith(setting.name() + " ")).findFirst().orElse("");
            assertThat(line).as("line of %s", setting.name()).isNotEmpty()
                .contains("default: " + (setting.defaultValue().isEmpty() ? "(unset)" : setting.defaultValue()));
        }
        assertThat(out).contains("INBOX_FOLDER", "./data/inbox", "ON_COMPLETE", "archive", "WAIT_TIME");
    }

    @Test
    void everySettingIsAlsoAnOption() {
        int exit = run("--help");

        assertThat(exit).isEqualTo(AutoM4bCommand.EXIT_OK);
        for (SettingDef setting : new SettingsCatalog(1).all()) {
            assertThat(out).contains("--" + setting.name().toLowerCase().replace('_', '-'));
        }
    }

    // --- helpers ---

    private int runOnce() {
        return run(concat(folderOptions(), "--once", "--wait-time=0", "--cpu-cores=2"));
    }

    private List<String> folderOptions() {
        return List.of("--inbox-folder=" + root.resolve("inbox"), "--converted-folder=" + root.resolve("converted"),
            "--archive-folder=" + root.resolve("archive"), "--working-folder=" + root.resolve("working"),
            "--failed-folder=" + root.resolve("failed"), "--backup-folder=" + root.resolve("backup"),
            "--config-folder=" + root.resolve("config"), "--audible-enabled=N");
    }

    private static String[] concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Runs the command in-process with stdout and stderr captured; gives up after {@link #ONCE_LIMIT}. */
    private int run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            return assertTimeoutPreemptively(ONCE_LIMIT, () -> AutoM4bCommand.run(args));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            out = outBytes.toString(StandardCharsets.UTF_8);
            err = errBytes.toString(StandardCharsets.UTF_8);
            stdout.print(out);
            stderr.print(err);
        }
    }

    /** Where the bad book's file is now: still in the inbox, or set aside in FAILED_FOLDER. */
    private Path badBookFile(Path inInbox) throws IOException {
        if (Files.exists(inInbox)) {
            return inInbox;
        }
        try (Stream<Path> files = Files.walk(root.resolve("failed"))) {
            return files.filter(f -> f.getFileName().equals(inInbox.getFileName())).findFirst().orElse(inInbox);
        }
    }

    private static List<String> filesUnder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }
}
