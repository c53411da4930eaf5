package org.automb.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The service's typed, validated settings. Build with {@link #parse(Map)}. */
public record Settings(
        Path inbox, Path converted, Path archive, Path backup, Path failed, Path working, Path config,
        OnComplete onComplete, boolean backupFirst, boolean overwriteExisting,
        int cpuCores, int maxParallelBooks, int sleepSeconds, int waitSeconds,
        Optional<Pattern> matchFilter, boolean useFilenamesAsChapters, Set<String> audioExtensions,
        boolean alwaysEncode, Encoder encoder, int maxBitrateKbps, OptionalInt audioBitrateKbps,
        String ffmpegPath, String ffprobePath,
        int maxRetries, boolean retryTransientErrors, java.time.Duration retryBaseDelay, boolean moveFailedBooks,
        double convertTimeoutFactor, long minFreeSpaceMb, String databaseUrl, boolean debug,
        String httpHost, int httpPort, boolean watchInbox, TaggingSettings tagging, WebSettings web,
        NotifySettings notifications, OperationsSettings operations) {

    /** Where a book's audio is encoded. */
    public enum Encoder {
        /** Inside the service, with the bundled ffmpeg libraries; long books split across cores. */
        LIBAV,
        /** One ffmpeg process per book. */
        FFMPEG
    }

    /** What happens to a book's originals after its output is in place. */
    public enum OnComplete { ARCHIVE, DELETE, TEST_DO_NOTHING }

    /**
     * Parses raw values (every catalog name present, as resolved from CLI, environment, file and defaults).
     *
     * @throws InvalidSettingsException listing every problem found, not just the first
     */
    public static Settings parse(Map<String, String> raw) {
        Parser p = new Parser(raw);
        Settings settings = new Settings(
            p.path("INBOX_FOLDER"), p.path("CONVERTED_FOLDER"), p.path("ARCHIVE_FOLDER"), p.path("BACKUP_FOLDER"),
            p.path("FAILED_FOLDER"), p.path("WORKING_FOLDER"), p.path("CONFIG_FOLDER"),
            p.onComplete(), p.bool("BACKUP"), p.bool("OVERWRITE_EXISTING"),
            p.integer("CPU_CORES", 1, 256), p.integer("MAX_PARALLEL_BOOKS", 1, 64),
            p.integer("SLEEP_TIME", 1, 86400), p.integer("WAIT_TIME", 0, 86400),
            p.regex("MATCH_FILTER"), p.bool("USE_FILENAMES_AS_CHAPTERS"), p.extensions(),
            p.convertMode(), p.encoder(), p.integer("MAX_BITRATE", 24, 320), p.optionalInteger("AUDIO_BITRATE", 24, 320),
            p.text("FFMPEG_PATH"), p.text("FFPROBE_PATH"),
            p.integer("MAX_RETRIES", 0, 100), p.bool("RETRY_TRANSIENT_ERRORS"), p.seconds("RETRY_BASE_DELAY", 0, 86400),
            p.bool("MOVE_FAILED_BOOKS"), p.decimal("CONVERT_TIMEOUT_FACTOR", 0.001, 100), p.integer("MIN_FREE_SPACE_MB", 0, 10_000_000),
            p.text("DATABASE_URL"), p.bool("DEBUG"), p.host("HTTP_HOST"), p.integer("HTTP_PORT", 0, 65535),
            p.bool("WATCH_INBOX"), p.tagging(), p.web(), p.notifications(), p.operations());
        if (!p.problems.isEmpty()) {
            throw new InvalidSettingsException(p.problems);
        }
        return settings;
    }

    /** Parses Y/N, yes/no, true/false, 1/0 (any case); null when the text is none of them. */
    public static Boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "y", "yes", "true", "1", "on" -> Boolean.TRUE;
            case "n", "no", "false", "0", "off", "" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** Collects every problem while parsing, so the user sees them all at once. */
    private static final class Parser {
        private final Map<String, String> raw;
        private final List<String> problems = new ArrayList<>();

        Parser(Map<String, String> raw) {
            this.raw = raw;
        }

        String text(String name) {
            String value = raw.get(name);
            return value == null ? "" : value.trim();
        }

        Path path(String name) {
            String value = text(name);
            if (value.isEmpty()) {
                problems.add(name + " is empty; it must name a folder");
                return Path.of(".");
            }
            return Path.of(value).toAbsolutePath().normalize();
        }

        String host(String name) {
            String value = text(name);
            if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
                problems.add(name + "=" + value + " must name a host or IP address (0.0.0.0 = every interface)");
            }
            return value;
        }

        boolean bool(String name) {
            Boolean value = parseBoolean(text(name));
            if (value == null) {
                problems.add(name + "=" + text(name) + " is not a boolean (use Y or N)");
                return false;
            }
            return value;
        }

        int integer(String name, int min, int max) {
            String value = text(name);
            try {
                int parsed = Integer.parseInt(value);
                if (parsed < min || parsed > max) {
                    problems.add(name + "=" + value + " is out of range " + min + ".." + max);
                }
                return Math.max(min, Math.min(max, parsed));
            } catch (NumberFormatException e) {
                problems.add(name + "=" + value + " is not a whole number (" + min + ".." + max + ")");
                return min;
            }
        }

        double decimal(String name, double min, double max) {
            String value = text(name);
            try {
                double parsed = Double.parseDouble(value);
                if (!(parsed >= min && parsed <= max)) {
                    problems.add(name + "=" + value + " is out of range " + min + ".." + max);
                    return min;
                }
                return parsed;
            } catch (NumberFormatException e) {
                problems.add(name + "=" + value + " is not a number (" + min + ".." + max + ")");
                return min;
            }
        }

        java.time.Duration seconds(String name, double min, double max) {
            return java.time.Duration.ofMillis(Math.round(decimal(name, min, max) * 1000));
        }

        OptionalInt optionalInteger(String name, int min, int max) {
            return text(name).isEmpty() ? OptionalInt.empty() : OptionalInt.of(integer(name, min, max));
        }

        Optional<Pattern> regex(String name) {
            String value = text(name);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Pattern.compile(value, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            } catch (PatternSyntaxException e) {
                problems.add(name + "=" + value + " is not a valid regular expression: " + e.getDescription());
                return Optional.empty();
            }
        }

        Set<String> extensions() {
            Set<String> exts = new LinkedHashSet<>();
            Arrays.stream(text("AUDIO_EXTS").split(","))
                .map(e -> e.trim().toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""))
                .filter(e -> !e.isEmpty())
                .forEach(exts::add);
            if (exts.isEmpty()) {
                problems.add("AUDIO_EXTS is empty; list extensions such as mp3,m4a,m4b,flac");
            }
            return Set.copyOf(exts);
        }

        OnComplete onComplete() {
            String value = text("ON_COMPLETE").toLowerCase(Locale.ROOT);
            return switch (value) {
                case "archive" -> OnComplete.ARCHIVE;
                case "delete" -> OnComplete.DELETE;
                case "test_do_nothing" -> OnComplete.TEST_DO_NOTHING;
                default -> {
                    problems.add("ON_COMPLETE=" + value + " must be archive, delete or test_do_nothing");
                    yield OnComplete.ARCHIVE;
                }
            };
        }

        Encoder encoder() {
            String value = text("ENCODER").toLowerCase(Locale.ROOT);
            return switch (value) {
                case "libav", "" -> Encoder.LIBAV;
                case "ffmpeg" -> Encoder.FFMPEG;
                default -> {
                    problems.add("ENCODER=" + value + " must be libav or ffmpeg");
                    yield Encoder.LIBAV;
                }
            };
        }

        TaggingSettings tagging() {
            return new TaggingSettings(
                bool("AUDIBLE_ENABLED"), choice("TAG_MODE", TaggingSettings.TagMode.class),
                oneOf("AUDIBLE_REGION", TaggingSettings.REGIONS), url("AUDIBLE_API_URL", true), url("AUDNEXUS_URL", false),
                choice("AUDNEXUS_CHAPTERS", TaggingSettings.AudnexusChapterUse.class),
                decimal("MATCH_THRESHOLD", 0, 1), chapterLength(),
                java.time.Duration.ofDays(integer("METADATA_CACHE_TTL", 0, 3650)),
                decimal("AUDIBLE_RATE", 0.01, 100), seconds("METADATA_TIMEOUT", 0.1, 600),
                integer("TAG_MAX_RETRIES", 0, 100), seconds("TAG_RETRY_BASE_DELAY", 0, 86400), text("OUTPUT_NAMING"));
        }

        WebSettings web() {
            String urlBase = text("URL_BASE").replaceFirst("/+$", "");
            if (!urlBase.isEmpty() && (!urlBase.startsWith("/") || !urlBase.matches("(/[A-Za-z0-9._~-]+)+"))) {
                problems.add("URL_BASE=" + urlBase + " must be a path prefix such as /automb (letters, digits, . _ ~ -)");
                urlBase = "";
            }
            String apiKey = text("API_KEY");
            if (!apiKey.isEmpty() && !apiKey.matches("[A-Za-z0-9._~-]{16,128}")) {
                // the value itself is a secret: never echoed
                problems.add("API_KEY must be 16 to 128 letters, digits or . _ ~ - (or empty: one is generated)");
            }
            String user = text("AUTH_USERNAME");
            if (user.isEmpty()) {
                problems.add("AUTH_USERNAME is empty; it must name the page's user");
            }
            boolean review = bool("REVIEW_BEFORE_RELEASE");
            return new WebSettings(urlBase, choice("AUTH_METHOD", WebSettings.AuthMethod.class), apiKey, user,
                text("AUTH_PASSWORD"), review, path("REVIEW_FOLDER"));
        }

        OperationsSettings operations() {
            String schedule = text("CONVERT_SCHEDULE");
            try {
                // Quartz's own parser checks the crons, so a bad one refuses the start here, in one line
                ConvertWindow.parse(schedule, java.time.ZoneId.systemDefault());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            return new OperationsSettings(schedule, bool("ROUTES_RELOAD"),
                choice("LOG_FORMAT", OperationsSettings.LogFormat.class));
        }

        NotifySettings notifications() {
            Map<String, String> serviceUrls = new java.util.LinkedHashMap<>();
            for (String pair : text("NOTIFY_SERVICE_URLS").split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                String[] parts = pair.split("=", 2);
                String service = parts[0].trim().toLowerCase(Locale.ROOT);
                if (parts.length != 2 || !NotifySettings.SERVICES_WITH_FIXED_HOSTS.contains(service)
                        || !isHttpUrl(parts[1].trim())) {
                    problems.add("NOTIFY_SERVICE_URLS: " + pair.trim() + " must be service=http(s)://host[:port] with service one of "
                        + String.join(", ", NotifySettings.SERVICES_WITH_FIXED_HOSTS));
                    continue;
                }
                serviceUrls.put(service, parts[1].trim().replaceFirst("/+$", ""));
            }
            List<String> webhooks = NotifySettings.splitUrls(text("WEBHOOK_URLS"));
            for (int i = 0; i < webhooks.size(); i++) {
                if (!isHttpUrl(webhooks.get(i))) {
                    // the URL may hold credentials: named by its place, never echoed
                    problems.add("WEBHOOK_URLS: URL " + (i + 1) + " of " + webhooks.size() + " must be an http:// or https:// URL");
                }
            }
            String applicationUrl = text("APPLICATION_URL").isEmpty() ? "" : url("APPLICATION_URL", true);
            String instance = text("INSTANCE_NAME");
            if (instance.isEmpty()) {
                problems.add("INSTANCE_NAME is empty; it names this service in notifications and webhooks");
            }
            return new NotifySettings(NotifySettings.splitUrls(text("NOTIFY_URLS")), bool("NOTIFY_ON_RETRY"),
                integer("NOTIFY_MAX_RETRIES", 0, 20), seconds("NOTIFY_RETRY_BASE_DELAY", 0, 3600),
                seconds("NOTIFY_TIMEOUT", 0.1, 300), Map.copyOf(serviceUrls), webhooks, instance, applicationUrl,
                text("POST_CONVERT_SCRIPT"), seconds("POST_CONVERT_SCRIPT_TIMEOUT", 1, 86400),
                libraryServer("ABS_URL", "ABS_TOKEN", "ABS_LIBRARY_ID"),
                libraryServer("PLEX_URL", "PLEX_TOKEN", "PLEX_SECTION_ID"),
                libraryServer("JELLYFIN_URL", "JELLYFIN_API_KEY", null), pathMap());
        }

        Optional<NotifySettings.LibraryServer> libraryServer(String urlName, String tokenName, String libraryName) {
            String base = text(urlName);
            if (base.isEmpty()) {
                return Optional.empty();
            }
            String url = url(urlName, false);
            if (text(tokenName).isEmpty()) {
                problems.add(tokenName + " is empty; " + urlName + " is set and the server needs it");
            }
            return Optional.of(new NotifySettings.LibraryServer(url, text(tokenName),
                libraryName == null ? "" : text(libraryName)));
        }

        List<NotifySettings.PathMapping> pathMap() {
            List<NotifySettings.PathMapping> mappings = new ArrayList<>();
            for (String pair : text("LIBRARY_PATH_MAP").split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                String[] parts = pair.trim().split(":", 2);
                if (parts.length != 2 || !parts[0].startsWith("/") || !parts[1].startsWith("/")) {
                    problems.add("LIBRARY_PATH_MAP: " + pair.trim() + " must be /local/path:/path/on/the/server");
                    continue;
                }
                mappings.add(new NotifySettings.PathMapping(parts[0].replaceFirst("(?<=.)/+$", ""),
                    parts[1].replaceFirst("(?<=.)/+$", "")));
            }
            return List.copyOf(mappings);
        }

        boolean isHttpUrl(String value) {
            try {
                java.net.URI uri = new java.net.URI(value);
                return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
            } catch (java.net.URISyntaxException e) {
                return false;
            }
        }

        <E extends Enum<E>> E choice(String name, Class<E> type) {
            String value = text(name);
            E[] values = type.getEnumConstants();
            for (E e : values) {
                if (e.name().equalsIgnoreCase(value)) {
                    return e;
                }
            }
            problems.add(name + "=" + value + " must be one of "
                + String.join(", ", Arrays.stream(values).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()));
            return values[0];
        }

        String oneOf(String name, List<String> allowed) {
            String value = text(name).toLowerCase(Locale.ROOT);
            if (!allowed.contains(value)) {
                problems.add(name + "=" + value + " must be one of " + String.join(", ", allowed));
                return allowed.get(0);
            }
            return value;
        }

        String url(String name, boolean mayBeEmpty) {
            String value = text(name).replaceFirst("/+$", "");
            if (value.isEmpty() && mayBeEmpty) {
                return value;
            }
            try {
                java.net.URI uri = new java.net.URI(value);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return value;
                }
            } catch (java.net.URISyntaxException e) {
                // reported below
            }
            problems.add(name + "=" + value + " must be an http:// or https:// URL");
            return value;
        }

        /** MAX_CHAPTER_LENGTH: {@code min,max} minutes as auto-m4b takes it, one number = the maximum, 0 = off. */
        TaggingSettings.ChapterLength chapterLength() {
            String value = text("MAX_CHAPTER_LENGTH");
            String[] parts = value.split(",");
            try {
                int max = Integer.parseInt(parts[parts.length - 1].trim());
                int min = parts.length == 2 ? Integer.parseInt(parts[0].trim()) : max / 2;
                if (parts.length > 2 || max < 0 || min < 0 || (max > 0 && (min >= max || min < 1)) || max > 1440) {
                    throw new NumberFormatException();
                }
                return max == 0 ? TaggingSettings.ChapterLength.OFF : new TaggingSettings.ChapterLength(min, max);
            } catch (NumberFormatException e) {
                problems.add("MAX_CHAPTER_LENGTH=" + value
                    + " must be minutes as min,max (such as 15,30; 0 < min < max <= 1440), one maximum, or 0 (off)");
                return TaggingSettings.ChapterLength.OFF;
            }
        }

        boolean convertMode() {
            String value = text("CONVERT_MODE").toLowerCase(Locale.ROOT);
            if (!value.equals("auto") && !value.equals("always")) {
                problems.add("CONVERT_MODE=" + value + " must be auto or always");
            }
            return value.equals("always");
        }
    }
}
