package org.automb.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Where each setting's value comes from: command line, then environment, then application.properties, then default. */
class SettingsResolverTest {

    private static final int CORES = 6;
    private final SettingsResolver resolver = new SettingsResolver(new SettingsCatalog(CORES));

    private static Function<String, String> env(Map<String, String> values) {
        return values::get;
    }

    private static final Function<String, String> NO_ENV = name -> null;

    @Test
    void theCommandLineWinsOverEnvironmentFileAndDefault() {
        Map<String, String> resolved = resolver.resolve(Map.of("SLEEP_TIME", "1"), env(Map.of("SLEEP_TIME", "2")),
            Map.of("SLEEP_TIME", "3"));

        assertThat(resolved).containsEntry("SLEEP_TIME", "1");
    }

    @Test
    void theEnvironmentWinsOverFileAndDefault() {
        Map<String, String> resolved = resolver.resolve(Map.of(), env(Map.of("SLEEP_TIME", "2")), Map.of("SLEEP_TIME", "3"));

        assertThat(resolved).containsEntry("SLEEP_TIME", "2");
    }

    @Test
    void theFileWinsOverTheDefault() {
        assertThat(resolver.resolve(Map.of(), NO_ENV, Map.of("SLEEP_TIME", "3"))).containsEntry("SLEEP_TIME", "3");
        assertThat(resolver.resolve(Map.of(), NO_ENV, Map.of())).containsEntry("SLEEP_TIME", "10");
    }

    @Test
    void eachSettingIsResolvedOnItsOwn() {
        Map<String, String> resolved = resolver.resolve(Map.of("INBOX_FOLDER", "/cli/inbox"),
            env(Map.of("CONVERTED_FOLDER", "/env/converted", "INBOX_FOLDER", "/env/inbox")),
            Map.of("ARCHIVE_FOLDER", "/file/archive", "CONVERTED_FOLDER", "/file/converted"));

        assertThat(resolved).containsEntry("INBOX_FOLDER", "/cli/inbox").containsEntry("CONVERTED_FOLDER", "/env/converted")
            .containsEntry("ARCHIVE_FOLDER", "/file/archive").containsEntry("FAILED_FOLDER", "./data/failed");
    }

    @Test
    void everySettingIsResolvedAndNothingElse() {
        Map<String, String> resolved = resolver.resolve(Map.of(), NO_ENV, Map.of("camel.main.name", "x", "scan.period", "1s"));

        assertThat(resolved.keySet()).containsExactlyElementsOf(new SettingsCatalog(CORES).defaults().keySet());
    }

    @Test
    void aBlankValueMeansTheDefault() {
        // application.properties lists settings with empty values ("CPU_CORES=" means all cores)
        Map<String, String> resolved = resolver.resolve(Map.of(), env(Map.of("WAIT_TIME", " ")),
            Map.of("CPU_CORES", "", "SLEEP_TIME", "", "MATCH_FILTER", "", "AUDIO_BITRATE", ""));

        assertThat(resolved).containsEntry("CPU_CORES", "6").containsEntry("SLEEP_TIME", "10")
            .containsEntry("WAIT_TIME", "5").containsEntry("MATCH_FILTER", "").containsEntry("AUDIO_BITRATE", "");
    }

    @Test
    void aBlankValueOnTheCommandLineClearsAFilterFromTheFile() {
        Map<String, String> resolved = resolver.resolve(Map.of("MATCH_FILTER", ""), NO_ENV, Map.of("MATCH_FILTER", "tolkien"));

        assertThat(resolved).containsEntry("MATCH_FILTER", "");
    }

    @Test
    void maxParallelBooksFollowsCpuCoresUnlessSet() {
        assertThat(resolver.resolve(Map.of(), NO_ENV, Map.of())).containsEntry("CPU_CORES", "6").containsEntry("MAX_PARALLEL_BOOKS", "6");
        assertThat(resolver.resolve(Map.of(), env(Map.of("CPU_CORES", "3")), Map.of("MAX_PARALLEL_BOOKS", "")))
            .containsEntry("MAX_PARALLEL_BOOKS", "3");
        assertThat(resolver.resolve(Map.of("CPU_CORES", "2"), NO_ENV, Map.of("CPU_CORES", "8")))
            .containsEntry("MAX_PARALLEL_BOOKS", "2");
        assertThat(resolver.resolve(Map.of(), NO_ENV, Map.of("CPU_CORES", "8", "MAX_PARALLEL_BOOKS", "2")))
            .containsEntry("CPU_CORES", "8").containsEntry("MAX_PARALLEL_BOOKS", "2");
        assertThat(resolver.resolve(Map.of("MAX_PARALLEL_BOOKS", "1"), env(Map.of("CPU_CORES", "4")), Map.of()))
            .containsEntry("MAX_PARALLEL_BOOKS", "1");
        assertThat(resolver.resolve(Map.of(), env(Map.of("MAX_PARALLEL_BOOKS", "5", "CPU_CORES", "2")), Map.of()))
            .containsEntry("MAX_PARALLEL_BOOKS", "5");
    }

    @Test
    void aBlankMaxParallelBooksAnywhereStillFollowsCpuCores() {
        // docker-compose's "MAX_PARALLEL_BOOKS=" or an empty option: unset, so CPU_CORES applies, not the machine's cores
        assertThat(resolver.resolve(Map.of(), env(Map.of("CPU_CORES", "2", "MAX_PARALLEL_BOOKS", "")), Map.of()))
            .containsEntry("MAX_PARALLEL_BOOKS", "2");
        assertThat(resolver.resolve(Map.of("MAX_PARALLEL_BOOKS", " "), env(Map.of("CPU_CORES", "3")), Map.of()))
            .containsEntry("MAX_PARALLEL_BOOKS", "3");
    }

    @Test
    void theResolvedDefaultsParse() {
        Settings settings = Settings.parse(resolver.resolve(Map.of(), NO_ENV, Map.of("CPU_CORES", "", "MAX_PARALLEL_BOOKS", "")));

        assertThat(settings.cpuCores()).isEqualTo(CORES);
        assertThat(settings.maxParallelBooks()).isEqualTo(CORES);
    }
}
