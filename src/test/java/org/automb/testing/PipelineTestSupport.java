package org.automb.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.automb.app.AppConfiguration;
import org.automb.jobs.BookLedger;

/**
 * Runs the real service (application.properties, routes/*.yaml, real ffmpeg) on folders in a temporary
 * directory. Books are built in a staging folder and moved into the inbox whole, as a finished copy would land.
 */
public abstract class PipelineTestSupport extends CamelMainTestSupport {

    protected static final TestAudio AUDIO = TestAudio.bundled();
    protected static final M4bInspector INSPECT = new M4bInspector(AUDIO.tools());

    // CamelTestSupport reads the properties from its constructor, before fields or @TempDir are set: created lazily
    private Path root;

    protected Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("auto-m4b-e2e");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    /** Runs after Camel has stopped, so no scan sees the folders vanish. */
    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        if (root != null) {
            // work Camel's stop does not wait for (a wire-tapped plugin or notification still writing) may add a file
            // while the tree is walked: try again until it is gone
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .ignoreException(java.nio.file.DirectoryNotEmptyException.class)
                .until(() -> {
                    new org.automb.io.SafeMover().deleteTree(root);
                    return !java.nio.file.Files.exists(root);
                });
        }
    }

    protected Path inbox() { return root().resolve("inbox"); }
    protected Path converted() { return root().resolve("converted"); }
    protected Path archive() { return root().resolve("archive"); }
    protected Path failed() { return root().resolve("failed"); }
    protected Path working() { return root().resolve("working"); }
    protected Path backup() { return root().resolve("backup"); }
    protected Path staging() { return root().resolve("staging"); }

    /** Settings a test class changes; merged over the defaults of this support class. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    /** The user's route files (name to YAML) a test class puts in CONFIG_FOLDER/routes before the start. */
    protected Map<String, String> userRouteFiles() {
        return Map.of();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        try {
            for (Path folder : List.of(inbox(), converted(), archive(), failed(), working(), backup(), staging())) {
                Files.createDirectories(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put("INBOX_FOLDER", inbox().toString());
        props.put("CONVERTED_FOLDER", converted().toString());
        props.put("ARCHIVE_FOLDER", archive().toString());
        props.put("FAILED_FOLDER", failed().toString());
        props.put("WORKING_FOLDER", working().toString());
        props.put("BACKUP_FOLDER", backup().toString());
        props.put("CONFIG_FOLDER", root().resolve("config").toString());
        props.put("WAIT_TIME", "0");
        props.put("SLEEP_TIME", "1");
        props.put("scan.period", "200");
        props.put("CPU_CORES", "2");
        props.put("RETRY_BASE_DELAY", "0.2");
        props.put("MAX_RETRIES", "2");
        props.put("MIN_FREE_SPACE_MB", "1");
        // no test reaches the internet: the tests that tag books point AUDIBLE_API_URL at their own server
        props.put("AUDIBLE_ENABLED", "N");
        // no HTTP server here: the REST API's routes are left out, as with --once, and so is the health watch
        props.put("camel.main.routes-exclude-pattern", org.automb.app.AutoM4bCommand.ONE_SHOT_EXCLUDED_ROUTES);
        // the built-in routes, then the user's own in CONFIG_FOLDER/routes, as the service loads them
        org.automb.app.UserRoutes userRoutes = new org.automb.app.UserRoutes(root().resolve("config"));
        try {
            for (Map.Entry<String, String> file : userRouteFiles().entrySet()) {
                Files.createDirectories(userRoutes.folder());
                Files.writeString(userRoutes.folder().resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props.put("camel.main.routes-include-pattern", userRoutes.includePattern("file:routes/*.yaml"));
        props.putAll(settings());
        return props;
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(AppConfiguration.class);
    }

    /** Create before dropping books: matches once {@code n} books went through process-book (any outcome). */
    protected NotifyBuilder booksDone(int n) {
        return new NotifyBuilder(context).fromRoute("process-book").whenDone(n).create();
    }

    protected void awaitBooks(NotifyBuilder done) {
        assertThat(done.matches(180, TimeUnit.SECONDS)).as("books processed in time").isTrue();
    }

    protected BookLedger ledger() {
        return context.getRegistry().lookupByNameAndType("bookLedger", BookLedger.class);
    }

    /** Builds a folder under staging with {@code filler}, then moves it into the inbox at {@code relative}. */
    protected Path drop(String relative, FolderFiller filler) {
        Path stage = staging().resolve("s" + System.nanoTime());
        try {
            Files.createDirectories(stage);
            filler.fill(stage);
            Path target = inbox().resolve(relative);
            Files.createDirectories(target.getParent());
            Files.move(stage, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds a loose file under staging and moves it into the inbox root. */
    protected Path dropFile(String name, FileMaker maker) {
        Path stage = staging().resolve(name);
        maker.make(stage);
        try {
            return Files.move(stage, inbox().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    public interface FolderFiller {
        void fill(Path folder) throws IOException;
    }

    @FunctionalInterface
    public interface FileMaker {
        void make(Path file);
    }

    /** Every regular file under {@code folder}, relative, sorted. */
    protected static List<String> filesUnder(Path folder) {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static Map<String, String> tags(String... keyValues) {
        java.util.LinkedHashMap<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
