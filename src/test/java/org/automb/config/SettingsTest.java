package org.automb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings.parse: typed values from the raw strings, and every problem listed at once. */
class SettingsTest {

    private static final SettingsCatalog CATALOG = new SettingsCatalog(4);

    /** Every setting at its default, with {@code overrides} (name, value, name, value...) on top. */
    static Map<String, String> raw(String... overrides) {
        Map<String, String> raw = new HashMap<>(CATALOG.defaults());
        for (int i = 0; i < overrides.length; i += 2) {
            raw.put(overrides[i], overrides[i + 1]);
        }
        return raw;
    }

    static Settings parse(String... overrides) {
        return Settings.parse(raw(overrides));
    }

    static InvalidSettingsException problemsOf(String... overrides) {
        return catchThrowableOfType(InvalidSettingsException.class, () -> parse(overrides));
    }

    @Test
    void theDefaultsParse() {
        Settings settings = parse();

        assertThat(settings.inbox()).isEqualTo(Path.of("data/inbox").toAbsolutePath());
        assertThat(settings.converted()).isEqualTo(Path.of("data/converted").toAbsolutePath());
        assertThat(settings.onComplete()).isEqualTo(Settings.OnComplete.ARCHIVE);
        assertThat(settings.backupFirst()).isFalse();
        assertThat(settings.overwriteExisting()).isFalse();
        assertThat(settings.cpuCores()).isEqualTo(4);
        assertThat(settings.maxParallelBooks()).isEqualTo(4);
        assertThat(settings.sleepSeconds()).isEqualTo(10);
        assertThat(settings.waitSeconds()).isEqualTo(5);
        assertThat(settings.matchFilter()).isEmpty();
        assertThat(settings.audioExtensions()).contains("mp3", "m4a", "m4b", "flac", "opus", "wma", "wav");
        assertThat(settings.alwaysEncode()).isFalse();
        assertThat(settings.maxBitrateKbps()).isEqualTo(128);
        assertThat(settings.audioBitrateKbps()).isEmpty();
        assertThat(settings.ffmpegPath()).isEmpty();
        assertThat(settings.debug()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Y", "y", "yes", "YES", "Yes", "true", "TRUE", "1", "on", " y "})
    void trueBooleans(String value) {
        assertThat(Settings.parseBoolean(value)).isTrue();
        assertThat(parse("BACKUP", value, "OVERWRITE_EXISTING", value, "DEBUG", value, "USE_FILENAMES_AS_CHAPTERS", value))
            .satisfies(s -> {
                assertThat(s.backupFirst()).isTrue();
                assertThat(s.overwriteExisting()).isTrue();
                assertThat(s.debug()).isTrue();
                assertThat(s.useFilenamesAsChapters()).isTrue();
            });
    }

    @ParameterizedTest
    @ValueSource(strings = {"N", "n", "no", "NO", "false", "False", "0", "off", ""})
    void falseBooleans(String value) {
        assertThat(Settings.parseBoolean(value)).isFalse();
        assertThat(parse("BACKUP", value).backupFirst()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "2", "ja", "-1", "yess"})
    void otherWordsAreNotBooleans(String value) {
        assertThat(Settings.parseBoolean(value)).isNull();
        assertThat(problemsOf("BACKUP", value).problems()).containsExactly("BACKUP=" + value + " is not a boolean (use Y or N)");
    }

    @ParameterizedTest
    @CsvSource({
        "CPU_CORES, 1, 256", "MAX_PARALLEL_BOOKS, 1, 64", "SLEEP_TIME, 1, 86400", "WAIT_TIME, 0, 86400",
        "MAX_BITRATE, 24, 320", "AUDIO_BITRATE, 24, 320", "HTTP_PORT, 0, 65535"})
    void numbersAreCheckedAgainstTheirRange(String name, int min, int max) {
        parse(name, String.valueOf(min));
        parse(name, String.valueOf(max));
        assertThat(problemsOf(name, String.valueOf(min - 1)).problems())
            .containsExactly(name + "=" + (min - 1) + " is out of range " + min + ".." + max);
        assertThat(problemsOf(name, String.valueOf(max + 1)).problems())
            .containsExactly(name + "=" + (max + 1) + " is out of range " + min + ".." + max);
        assertThat(problemsOf(name, "ten").problems())
            .containsExactly(name + "=ten is not a whole number (" + min + ".." + max + ")");
    }

    @Test
    void numbersAreRead() {
        Settings settings = parse("CPU_CORES", " 3 ", "MAX_PARALLEL_BOOKS", "2", "SLEEP_TIME", "30", "WAIT_TIME", "0",
            "MAX_BITRATE", "96", "AUDIO_BITRATE", "64");

        assertThat(settings.cpuCores()).isEqualTo(3);
        assertThat(settings.maxParallelBooks()).isEqualTo(2);
        assertThat(settings.sleepSeconds()).isEqualTo(30);
        assertThat(settings.waitSeconds()).isZero();
        assertThat(settings.maxBitrateKbps()).isEqualTo(96);
        assertThat(settings.audioBitrateKbps()).isEqualTo(OptionalInt.of(64));
    }

    @ParameterizedTest
    @CsvSource({"archive, ARCHIVE", "ARCHIVE, ARCHIVE", "delete, DELETE", "Delete, DELETE",
        "test_do_nothing, TEST_DO_NOTHING", "TEST_DO_NOTHING, TEST_DO_NOTHING"})
    void onCompleteIgnoresCase(String value, Settings.OnComplete expected) {
        assertThat(parse("ON_COMPLETE", value).onComplete()).isEqualTo(expected);
    }

    @Test
    void otherOnCompleteValuesAreRefused() {
        assertThat(problemsOf("ON_COMPLETE", "move").problems())
            .containsExactly("ON_COMPLETE=move must be archive, delete or test_do_nothing");
    }

    @Test
    void theMatchFilterIsACaseInsensitiveRegex() {
        Settings settings = parse("MATCH_FILTER", "^tolkien");

        assertThat(settings.matchFilter()).hasValueSatisfying(p -> {
            assertThat(p.matcher("Tolkien - The Hobbit").find()).isTrue();
            assertThat(p.matcher("The Tolkien Reader").find()).isFalse();
        });
        assertThat(problemsOf("MATCH_FILTER", "(").problems()).singleElement().asString()
            .startsWith("MATCH_FILTER=( is not a valid regular expression");
    }

    @Test
    void audioExtensionsAreNormalised() {
        assertThat(parse("AUDIO_EXTS", " .MP3, m4b,,Flac ").audioExtensions()).containsExactlyInAnyOrder("mp3", "m4b", "flac");
        assertThat(problemsOf("AUDIO_EXTS", " , ").problems()).singleElement().asString().startsWith("AUDIO_EXTS is empty");
    }

    @Test
    void convertModeIsAutoOrAlways() {
        assertThat(parse("CONVERT_MODE", "always").alwaysEncode()).isTrue();
        assertThat(parse("CONVERT_MODE", "AUTO").alwaysEncode()).isFalse();
        assertThat(problemsOf("CONVERT_MODE", "sometimes").problems()).containsExactly("CONVERT_MODE=sometimes must be auto or always");
    }

    @Test
    void foldersAreMadeAbsoluteAndMustNotBeEmpty() {
        assertThat(parse("INBOX_FOLDER", "in/../books/./inbox").inbox()).isEqualTo(Path.of("books/inbox").toAbsolutePath());
        assertThat(parse("INBOX_FOLDER", "/srv/books/").inbox()).isEqualTo(Path.of("/srv/books"));
        assertThat(problemsOf("INBOX_FOLDER", " ").problems()).containsExactly("INBOX_FOLDER is empty; it must name a folder");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        InvalidSettingsException e = problemsOf("INBOX_FOLDER", "", "CPU_CORES", "0", "WAIT_TIME", "-1",
            "ON_COMPLETE", "bogus", "BACKUP", "maybe", "MATCH_FILTER", "(", "AUDIO_EXTS", "", "CONVERT_MODE", "x",
            "MAX_BITRATE", "1000", "AUDIO_BITRATE", "abc");

        assertThat(e.problems()).hasSize(10);
        assertThat(String.join("\n", e.problems())).contains("INBOX_FOLDER", "CPU_CORES=0", "WAIT_TIME=-1",
            "ON_COMPLETE=bogus", "BACKUP=maybe", "MATCH_FILTER=(", "AUDIO_EXTS", "CONVERT_MODE=x", "MAX_BITRATE=1000",
            "AUDIO_BITRATE=abc");
        assertThat(e.getMessage()).startsWith("invalid configuration:").contains("  - CPU_CORES=0 is out of range 1..256");
    }

    @Test
    void aMissingValueIsAProblemNotACrash() {
        Map<String, String> raw = raw();
        raw.remove("SLEEP_TIME");
        raw.remove("BACKUP");

        // an absent boolean reads as unset (N); an absent number is reported
        assertThatThrownBy(() -> Settings.parse(raw)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("SLEEP_TIME= is not a whole number");
    }

    @Test
    void theHttpServerListensOnEveryInterfaceAt8080UnlessToldOtherwise() {
        assertThat(parse().httpHost()).isEqualTo("0.0.0.0");
        assertThat(parse().httpPort()).isEqualTo(8080);
        assertThat(parse("HTTP_HOST", " 127.0.0.1 ", "HTTP_PORT", "0").httpHost()).isEqualTo("127.0.0.1");
        assertThat(problemsOf("HTTP_HOST", "").problems())
            .containsExactly("HTTP_HOST= must name a host or IP address (0.0.0.0 = every interface)");
    }

    @Test
    void taggingIsOnInSyncModeForTheUsMarketplaceByDefault() {
        TaggingSettings tagging = parse().tagging();
        assertThat(tagging.audibleEnabled()).isTrue();
        assertThat(tagging.mode()).isEqualTo(TaggingSettings.TagMode.SYNC);
        assertThat(tagging.region()).isEqualTo("us");
        assertThat(tagging.audibleApiUrl()).isEmpty();
        assertThat(tagging.audnexusUrl()).isEqualTo("https://api.audnex.us");
        assertThat(tagging.audnexusChapters()).isEqualTo(TaggingSettings.AudnexusChapterUse.AUTO);
        assertThat(tagging.chapterLength()).isEqualTo(new TaggingSettings.ChapterLength(15, 30));
        assertThat(tagging.cacheTtl()).isEqualTo(java.time.Duration.ofDays(30));
        assertThat(tagging.outputNaming()).isEqualTo("key");
    }

    @Test
    void taggingValuesAreReadAndCheckedWithTheSettingNamed() {
        TaggingSettings tagging = parse("TAG_MODE", "ASYNC", "AUDIBLE_REGION", "UK", "MAX_CHAPTER_LENGTH", "20",
            "AUDIBLE_API_URL", "http://127.0.0.1:8089/", "AUDNEXUS_CHAPTERS", "titles").tagging();
        assertThat(tagging.mode()).isEqualTo(TaggingSettings.TagMode.ASYNC);
        assertThat(tagging.region()).isEqualTo("uk");
        assertThat(tagging.chapterLength()).isEqualTo(new TaggingSettings.ChapterLength(10, 20));
        assertThat(tagging.audibleApiUrl()).isEqualTo("http://127.0.0.1:8089");
        assertThat(tagging.audnexusChapters()).isEqualTo(TaggingSettings.AudnexusChapterUse.TITLES);
        assertThat(parse("MAX_CHAPTER_LENGTH", "0").tagging().chapterLength().splits()).isFalse();
        assertThat(problemsOf("TAG_MODE", "later", "AUDIBLE_REGION", "mx", "MAX_CHAPTER_LENGTH", "30,15",
            "AUDIBLE_API_URL", "api.audible.com", "MATCH_THRESHOLD", "2").problems())
            .anySatisfy(p -> assertThat(p).startsWith("TAG_MODE=later must be one of sync, async"))
            .anySatisfy(p -> assertThat(p).startsWith("AUDIBLE_REGION=mx must be one of us, uk"))
            .anySatisfy(p -> assertThat(p).startsWith("MAX_CHAPTER_LENGTH=30,15 must be minutes"))
            .anySatisfy(p -> assertThat(p).startsWith("AUDIBLE_API_URL=api.audible.com must be an http"))
            .anySatisfy(p -> assertThat(p).startsWith("MATCH_THRESHOLD=2 is out of range"));
    }

    @Test
    void everyRegionTheSettingTakesIsAMarketplaceTheClientKnows() {
        assertThat(TaggingSettings.REGIONS).containsExactlyElementsOf(java.util.Arrays.stream(
            org.automb.metadata.Region.values()).map(org.automb.metadata.Region::code).toList());
    }
}
