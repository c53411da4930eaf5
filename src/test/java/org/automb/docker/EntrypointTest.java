package org.automb.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's entrypoint ({@code docker/entrypoint.sh}) without Docker: the real script runs as root in a private
 * mount namespace ({@code unshare --mount}) over a copy of {@code /etc} bind-mounted on {@code /etc}, so the users
 * and groups it makes never touch this machine's. The service it would start is replaced (AUTO_M4B_COMMAND) by a
 * script that reports the user, groups, umask and time zone it runs with. Needs root and unshare; skipped otherwise.
 */
class EntrypointTest {

    private static final Path ENTRYPOINT = Path.of("docker/entrypoint.sh").toAbsolutePath();
    private static final List<String> SETTINGS = List.of("INBOX_FOLDER", "CONVERTED_FOLDER", "ARCHIVE_FOLDER",
        "BACKUP_FOLDER", "FAILED_FOLDER", "WORKING_FOLDER", "CONFIG_FOLDER");
    /** Copies /etc and mounts the copy on /etc (in the namespace only), then runs the rest of the arguments. */
    private static final String SANDBOX = "cp -a /etc \"$1\" && mount --bind \"$1\" /etc && shift && exec \"$@\"";

    @TempDir
    Path temp;
    Path data;
    Path etc;
    Path service;

    @BeforeAll
    static void needsRootAndUnshare() throws Exception {
        assumeThat(run(List.of("id", "-u")).output.trim()).as("runs as root").isEqualTo("0");
        assumeThat(run(List.of("unshare", "--mount", "--propagation", "private", "true")).exit)
            .as("unshare --mount works here").isZero();
    }

    @BeforeEach
    void folders() throws IOException {
        // the service user (uid 1234) must reach the folders below the test's private temp folder
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        data = temp.resolve("data");
        etc = temp.resolve("etc");
        service = temp.resolve("service.sh");
        Files.writeString(service, "#!/bin/sh\necho \"ran uid=$(id -u) gid=$(id -g) umask=$(umask) tz=$TZ args=$*\"\necho \"java_opts=$JAVA_OPTS\"\n");
        Files.setPosixFilePermissions(service, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void missingFoldersAreCreatedForPuidAndPgidAndTheServiceRunsAsThatUserWithTheUmask() throws Exception {
        Result result = entrypoint(Map.of("PUID", "1234", "PGID", "1234", "TZ", "Europe/Berlin"), "--once");

        assertThat(result.exit).as(result.output).isZero();
        assertThat(result.output).contains("ran uid=1234 gid=1234 umask=0002 tz=Europe/Berlin args=--once");
        for (String setting : SETTINGS) {
            Path folder = folderOf(setting);
            assertThat(folder).isDirectory();
            assertThat(owner(folder)).as(setting).isEqualTo("1234:1234");
            assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwxrwxr-x"));
        }
        assertThat(owner(data)).as("the parent it created").isEqualTo("1234:1234");
        assertThat(Files.readString(etc.resolve("passwd"))).contains("abc:x:1234:1234:");
        assertThat(Files.readString(etc.resolve("group"))).contains("abc:x:1234:");
    }

    @Test
    void umaskIsApplied() throws Exception {
        Result result = entrypoint(Map.of("PUID", "1234", "PGID", "1234", "UMASK", "027"));

        assertThat(result.exit).as(result.output).isZero();
        assertThat(result.output).contains("umask=0027");
        assertThat(Files.getPosixFilePermissions(folderOf("INBOX_FOLDER")))
            .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    }

    @Test
    void anExistingFolderIsCheckedButNeverChowned() throws Exception {
        Path inbox = Files.createDirectories(folderOf("INBOX_FOLDER"));
        Files.setPosixFilePermissions(inbox, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path book = Files.createDirectories(inbox.resolve("Some Book"));
        Files.writeString(book.resolve("01.mp3"), "audio");

        Result result = entrypoint(Map.of("PUID", "1234", "PGID", "1234"));

        assertThat(result.exit).as(result.output).isZero();
        assertThat(owner(inbox)).isEqualTo("0:0");
        assertThat(owner(book)).isEqualTo("0:0");
        assertThat(owner(book.resolve("01.mp3"))).isEqualTo("0:0");
        assertThat(owner(folderOf("CONVERTED_FOLDER"))).isEqualTo("1234:1234");
    }

    @Test
    void aFolderTheUserCannotWriteIsNamedAndNothingStarts() throws Exception {
        Path archive = Files.createDirectories(folderOf("ARCHIVE_FOLDER"));
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rwxr-xr-x"));

        Result result = entrypoint(Map.of("PUID", "1234", "PGID", "1234"));

        assertThat(result.exit).isEqualTo(2);
        assertThat(result.output).doesNotContain("ran uid")
            .contains("ARCHIVE_FOLDER=" + archive).contains("uid 1234 gid 1234");
    }

    @Test
    void aFolderOnTheCommandLineWinsOverTheEnvironment() throws Exception {
        Path elsewhere = temp.resolve("elsewhere/inbox");

        Result result = entrypoint(Map.of("PUID", "1234", "PGID", "1234"), "--inbox-folder=" + elsewhere);

        assertThat(result.exit).as(result.output).isZero();
        assertThat(owner(elsewhere)).isEqualTo("1234:1234");
    }

    @Test
    void anExistingGroupWithPgidIsUsed() throws Exception {
        Result result = entrypoint(Map.of("PUID", "1234", "PGID", "100"));

        assertThat(result.exit).as(result.output).isZero();
        assertThat(result.output).contains("ran uid=1234 gid=100 ");
        assertThat(Files.readString(etc.resolve("passwd"))).contains("abc:x:1234:100:");
    }

    @Test
    void wrongSettingsAreNamed() throws Exception {
        Result result = entrypoint(Map.of("PUID", "me", "PGID", "1234", "UMASK", "abc", "TZ", "Nowhere/City"));

        assertThat(result.exit).isEqualTo(2);
        assertThat(result.output).doesNotContain("ran uid").contains("PUID=me", "UMASK=abc", "TZ=Nowhere/City");
        assertThat(data).doesNotExist();
    }

    @Test
    void startedAsAnotherUserItChangesNoUserAndRunsAsThatUser() throws Exception {
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));

        // docker run --user 1234:1234: the entrypoint itself runs unprivileged
        Result result = entrypoint(Map.of("PUID", "999", "PGID", "999"),
            List.of("setpriv", "--reuid=1234", "--regid=1234", "--clear-groups"));

        assertThat(result.exit).as(result.output).isZero();
        assertThat(result.output).contains("ran uid=1234 gid=1234 umask=0002");
        assertThat(owner(folderOf("WORKING_FOLDER"))).isEqualTo("1234:1234");
        assertThat(Files.readString(etc.resolve("passwd"))).doesNotContain("abc:");
    }

    @Test
    void theImagesFfmpegCacheIsPassedToTheJvmBeforeTheUsersJavaOpts() throws Exception {
        Path cache = Files.createDirectories(temp.resolve("javacpp"));

        Result result = entrypoint(Map.of("PUID", "1234", "PGID", "1234", "JAVA_OPTS", "-Xmx1g",
            "AUTO_M4B_JAVACPP_CACHE", cache.toString()));

        assertThat(result.exit).as(result.output).isZero();
        assertThat(result.output).contains("java_opts=-Dorg.bytedeco.javacpp.cachedir=" + cache + " -Xmx1g");
    }

    private Path folderOf(String setting) {
        return data.resolve(setting.substring(0, setting.indexOf('_')).toLowerCase());
    }

    private Result entrypoint(Map<String, String> environment, String... arguments) throws Exception {
        return entrypoint(environment, List.of(), arguments);
    }

    private Result entrypoint(Map<String, String> environment, List<String> asUser, String... arguments)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
            "sh", "-c", SANDBOX, "sandbox", etc.toString()));
        command.addAll(asUser);
        command.add(ENTRYPOINT.toString());
        command.addAll(List.of(arguments));
        Map<String, String> env = new LinkedHashMap<>();
        for (String setting : SETTINGS) {
            env.put(setting, folderOf(setting).toString());
        }
        env.put("AUTO_M4B_COMMAND", service.toString());
        env.put("AUTO_M4B_JAVACPP_CACHE", temp.resolve("no-cache").toString());
        env.putAll(environment);
        return run(command, env);
    }

    private static String owner(Path path) throws IOException {
        return Files.getAttribute(path, "unix:uid") + ":" + Files.getAttribute(path, "unix:gid");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws Exception {
        return run(command, Map.of());
    }

    private static Result run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.equals("TZ") || name.equals("UMASK")
            || name.equals("PUID") || name.equals("PGID") || name.equals("JAVA_OPTS") || name.endsWith("_FOLDER"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished: %s", command).isTrue();
        return new Result(process.exitValue(), output);
    }
}
