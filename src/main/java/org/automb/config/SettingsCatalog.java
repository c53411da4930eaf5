package org.automb.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting the service understands, with its default; the source of {@code --help-config}. */
public final class SettingsCatalog {

    private final List<SettingDef> settings;

    public SettingsCatalog(int availableCores) {
        String cores = String.valueOf(Math.max(1, availableCores));
        settings = List.of(
            new SettingDef("INBOX_FOLDER", "path", "./data/inbox", "where books are dropped; each top-level folder (or loose audio file) is a book"),
            new SettingDef("CONVERTED_FOLDER", "path", "./data/converted", "where finished books go: <CONVERTED_FOLDER>/<key>/<name>.m4b"),
            new SettingDef("ARCHIVE_FOLDER", "path", "./data/archive", "where originals go after success when ON_COMPLETE=archive"),
            new SettingDef("BACKUP_FOLDER", "path", "./data/backup", "where originals are copied first when BACKUP=Y"),
            new SettingDef("FAILED_FOLDER", "path", "./data/failed", "where books that failed for good are set aside, each with a FAILED_INFO.txt"),
            new SettingDef("WORKING_FOLDER", "path", "./data/working", "scratch space; outputs are built and validated here before they are moved into place"),
            new SettingDef("CONFIG_FOLDER", "path", "./data/config", "service state: the job database auto-m4b.db and the lock file that keeps a second instance out"),
            new SettingDef("ON_COMPLETE", "archive|delete|test_do_nothing", "archive", "what happens to the originals once the output is validated and in place"),
            new SettingDef("BACKUP", "boolean", "N", "copy each book to BACKUP_FOLDER/<key> (and verify the copy) before anything else"),
            new SettingDef("OVERWRITE_EXISTING", "boolean", "N", "replace an output that already exists; otherwise the book is skipped"),
            new SettingDef("CPU_CORES", "integer 1..256", cores, "cores the service may keep busy"),
            new SettingDef("MAX_PARALLEL_BOOKS", "integer 1..64", cores, "books converted at once (one AAC encoder uses one core); defaults to CPU_CORES"),
            new SettingDef("SLEEP_TIME", "seconds 1..86400", "10", "how often the inbox is scanned in full: the fallback for changes that send no file-system events (a network share changed from another machine; see WATCH_INBOX)"),
            new SettingDef("WAIT_TIME", "seconds 0..86400", "5", "a book must stop changing (sizes, times and file-system events) this long before it is read; a watched inbox starts it this long after its last change"),
            new SettingDef("WATCH_INBOX", "boolean", "Y", "watch INBOX_FOLDER for file-system events, so a book starts once it has been unchanged for WAIT_TIME; the SLEEP_TIME scan stays, for shares that send no events"),
            new SettingDef("MATCH_FILTER", "regex", "", "only books whose key matches this case-insensitive regular expression are processed"),
            new SettingDef("USE_FILENAMES_AS_CHAPTERS", "boolean", "N", "title chapters from file names even when files have title tags"),
            new SettingDef("AUDIO_EXTS", "comma list", "mp3,m4a,m4b,aac,flac,ogg,opus,wma,wav", "file extensions read as audio"),
            new SettingDef("CONVERT_MODE", "auto|always", "auto", "auto: stream-copy AAC sources and pass single m4b files through; always: re-encode everything"),
            new SettingDef("ENCODER", "libav|ffmpeg", "libav", "libav: encode inside the service with the bundled ffmpeg libraries, a long book split across CPU_CORES encoders at once; ffmpeg: one ffmpeg process per book (used anyway with FFMPEG_PATH or FFPROBE_PATH; needs the ffmpeg program's system libraries)"),
            new SettingDef("MAX_BITRATE", "kbps 24..320", "128", "upper bound for the output bitrate chosen from the sources"),
            new SettingDef("AUDIO_BITRATE", "kbps 24..320", "", "fixed output bitrate, overriding the one chosen from the sources"),
            new SettingDef("FFMPEG_PATH", "path", "", "ffmpeg executable to use instead of the bundled one (set, it also writes the metadata shell of joined books); unset, the bundled one is extracted only when a book needs it"),
            new SettingDef("FFPROBE_PATH", "path", "", "ffprobe executable to use instead of the bundled one (set, it also replaces the in-JVM probe)"),
            new SettingDef("MAX_RETRIES", "integer 0..100", "3", "how many times a book that failed for a transient reason (I/O, disk full, ffmpeg killed) is tried again"),
            new SettingDef("RETRY_TRANSIENT_ERRORS", "boolean", "Y", "retry transient failures with exponential backoff; N sends them straight to the failed folder"),
            new SettingDef("RETRY_BASE_DELAY", "seconds 0..86400 (decimals allowed)", "60", "wait before the first retry; it doubles for each further retry, capped at one hour"),
            new SettingDef("MOVE_FAILED_BOOKS", "boolean", "Y", "move a book that failed for good to FAILED_FOLDER/<name>_<time>/ with FAILED_INFO.txt; N leaves it in the inbox, skipped until its files change"),
            new SettingDef("CONVERT_TIMEOUT_FACTOR", "decimal 0.001..100", "1.0", "ffmpeg is killed when a conversion takes longer than the book's duration times this (at least 60 s)"),
            new SettingDef("MIN_FREE_SPACE_MB", "integer 0..10000000", "200", "free space to keep in the working and converted folders beyond the book's expected size"),
            new SettingDef("DATABASE_URL", "JDBC URL", "", "job store; empty = SQLite at CONFIG_FOLDER/auto-m4b.db (jdbc:postgresql://… works too)"),
            new SettingDef("DEBUG", "boolean", "N", "log every command and decision"),
            new SettingDef("HTTP_HOST", "host or IP", "0.0.0.0", "address the service's HTTP server (/health/live, /health/ready) listens on; not used with --once or --validate"),
            new SettingDef("URL_BASE", "path prefix", "", "the path a reverse proxy serves the page and the API under, such as /automb; empty = at the root"),
            new SettingDef("AUTH_METHOD", "forms|none", "forms", "forms: the API takes an API key (X-Api-Key header or ?apikey=), the page a login with a session cookie; none: no credentials at all (a warning in the log and on the page)"),
            SettingDef.secret("API_KEY", "16..128 of A-Z a-z 0-9 . _ ~ -", "", "the API key; empty = one generated at first start and kept in CONFIG_FOLDER/api-key (mode 0600) and printed once in the log, at its creation"),
            new SettingDef("AUTH_USERNAME", "text", "admin", "the page's login name"),
            SettingDef.secret("AUTH_PASSWORD", "text or bcrypt hash", "", "the page's password, plain or as a bcrypt hash ($2a$...); kept only as a hash; empty = the API key is the password"),
            new SettingDef("REVIEW_BEFORE_RELEASE", "boolean", "N", "finished books (and needs_review ones) wait in REVIEW_FOLDER until approved on the page or through the API, then move into CONVERTED_FOLDER"),
            new SettingDef("REVIEW_FOLDER", "path", "./data/review", "where books wait for review with REVIEW_BEFORE_RELEASE=Y; keep it out of your library server's folders"),
            new SettingDef("HTTP_PORT", "integer 0..65535", "8080", "port of the service's HTTP server; 0 = any free port"),
            new SettingDef("AUDIBLE_ENABLED", "boolean", "Y", "match each book on the Audible catalog and write its tags, cover and chapters into the m4b (docs/tagging.md); N keeps the sources' tags"),
            new SettingDef("TAG_MODE", "sync|async", "sync", "sync: the tag stage runs in the book's flow, before delivery; async: books are delivered with their sources' tags and tagged afterwards on their own queue, so conversions never wait on the network"),
            new SettingDef("AUDIBLE_REGION", "us|uk|ca|au|de|fr|it|es|in|jp", "us", "the Audible marketplace books are looked up in"),
            new SettingDef("AUDIBLE_API_URL", "URL", "", "base URL of the Audible catalog API for every region; empty = the region's own (https://api.audible.com, .co.uk...)"),
            new SettingDef("AUDNEXUS_URL", "URL", "https://api.audnex.us", "base URL of the Audnexus API, where chapter titles and times come from"),
            new SettingDef("AUDNEXUS_CHAPTERS", "auto|titles|off", "auto", "auto: Audnexus's chapter times and titles when the book's length matches Audible's within 2 s, else its titles when the chapter counts agree; titles: only the latter; off: the book keeps its own chapters"),
            new SettingDef("MATCH_THRESHOLD", "decimal 0..1", "0.7", "the least score a search result needs to be taken; below it the book is delivered with its own tags and marked needs_review"),
            new SettingDef("MAX_CHAPTER_LENGTH", "minutes min,max | max | 0", "15,30", "a chapter longer than max minutes is split at the quietest pause between min and max minutes from its start; 0 = never split"),
            new SettingDef("METADATA_CACHE_TTL", "days 0..3650", "30", "how long Audible and Audnexus answers are kept in the job store; retries and re-tags within it make no request"),
            new SettingDef("AUDIBLE_RATE", "requests per second 0.01..100", "2", "the most requests per second sent to Audible (and to Audnexus, which allows 100 a minute)"),
            new SettingDef("METADATA_TIMEOUT", "seconds 0.1..600", "15", "how long a request to Audible or Audnexus may take"),
            new SettingDef("TAG_MAX_RETRIES", "integer 0..100", "3", "how many times a tagging that failed for a transient reason (network, 5xx, 429) is tried again; then the book stays delivered with its own tags, marked tag_failed"),
            new SettingDef("TAG_RETRY_BASE_DELAY", "seconds 0..86400 (decimals allowed)", "30", "wait before the first tagging retry; it doubles for each further one (apart from conversion retries)"),
            new SettingDef("OUTPUT_NAMING", "key | abs | template", "key", "where a book is delivered in CONVERTED_FOLDER: key = <key>/<name>.m4b as auto-m4b does; abs = Audiobookshelf's <author>/<series>/<part> - <title>; or a template such as {author}/{series}/{series_part} - {title}"),
            SettingDef.secret("NOTIFY_URLS", "Apprise-style URLs, comma or newline separated", "", "where events are announced: discord://, pover://, ntfy(s)://, gotify(s)://, tgram://, mailto(s)://, json(s)://, apprise(s)://; each may end in ?events=converted,failed,... (docs/notifications.md); secret, never logged"),
            new SettingDef("NOTIFY_ON_RETRY", "boolean", "N", "also announce each retry a failed book waits for; N announces a failure once, when the book goes to the failed folder"),
            new SettingDef("NOTIFY_MAX_RETRIES", "integer 0..20", "4", "how many times a notification, webhook or library refresh that failed (network, 429, 5xx) is tried again before it is given up"),
            new SettingDef("NOTIFY_RETRY_BASE_DELAY", "seconds 0..3600 (decimals allowed)", "2", "wait before a delivery's first retry; it doubles for each further one; a Retry-After from the server wins"),
            new SettingDef("NOTIFY_TIMEOUT", "seconds 0.1..300", "10", "how long one notification, webhook or library request may take"),
            new SettingDef("NOTIFY_SERVICE_URLS", "service=URL, comma separated", "", "base URLs that replace the fixed hosts of discord, pushover and telegram (https://discord.com...): for tests and outgoing proxies only"),
            SettingDef.secret("WEBHOOK_URLS", "http(s) URLs, comma or newline separated", "", "webhooks that get every event as JSON in the *arr convention; ?method=PUT, user:password@ and +Header=value are honoured; secret, never logged"),
            new SettingDef("INSTANCE_NAME", "text", "auto-m4b", "this service's name in notifications and in webhooks' instanceName"),
            new SettingDef("APPLICATION_URL", "URL", "", "the address users reach the dashboard at (webhooks' applicationUrl, links in notifications); empty = none"),
            new SettingDef("POST_CONVERT_SCRIPT", "path", "", "a program run after each delivered book with the book's details as AUTO_M4B_* environment variables (never through a shell); its exit code and output are kept on the job; a failing script never fails the book"),
            new SettingDef("POST_CONVERT_SCRIPT_TIMEOUT", "seconds 1..86400", "60", "the post-convert script is killed when it runs longer than this"),
            new SettingDef("ABS_URL", "URL", "", "Audiobookshelf to tell about each delivered or re-tagged book; empty = none"),
            SettingDef.secret("ABS_TOKEN", "text", "", "Audiobookshelf API token (Bearer); secret"),
            new SettingDef("ABS_LIBRARY_ID", "text", "", "Audiobookshelf library id; empty = the library whose folder holds the book"),
            new SettingDef("PLEX_URL", "URL", "", "Plex server to ask for a partial scan of each delivered or re-tagged book's folder; empty = none"),
            SettingDef.secret("PLEX_TOKEN", "text", "", "Plex token (X-Plex-Token); secret"),
            new SettingDef("PLEX_SECTION_ID", "text", "", "Plex library section id; empty = the section whose location holds the book"),
            new SettingDef("JELLYFIN_URL", "URL", "", "Jellyfin or Emby server to tell about each delivered or re-tagged book; empty = none"),
            SettingDef.secret("JELLYFIN_API_KEY", "text", "", "Jellyfin or Emby API key; secret"),
            new SettingDef("LIBRARY_PATH_MAP", "/local:/remote, comma separated", "", "where library servers see the converted folder under another path, such as /data/converted:/audiobooks"),
            new SettingDef("CONVERT_SCHEDULE", "HH:MM-HH:MM | <start cron> to <stop cron>", "", "when books may be converted (quiet hours), such as 01:00-07:00 or 0 0 1 * * ? to 0 0 7 * * ? (Quartz cron); books found outside it wait in the queue; a book in progress finishes; empty = any time; --once ignores it unless --respect-schedule"),
            new SettingDef("ROUTES_RELOAD", "boolean", "N", "reload the route files of CONFIG_FOLDER/routes live when they change; a broken file keeps the old routes running and says why"),
            new SettingDef("LOG_FORMAT", "text|json", "text", "text: readable lines; json: one JSON object per line, with the book's key and job id as fields"));
    }

    public List<SettingDef> all() {
        return settings;
    }

    public Optional<SettingDef> find(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Name → default value, in catalog order. */
    public Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        settings.forEach(s -> defaults.put(s.name(), s.defaultValue()));
        return defaults;
    }

    /** The text printed by {@code --help-config}. */
    public String describe() {
        StringBuilder out = new StringBuilder("Settings (environment variable, application.properties key or --set NAME=VALUE):\n\n");
        for (SettingDef s : settings) {
            out.append(String.format("  %-26s %s, default: %s%n      %s%n", s.name(), s.type(),
                s.defaultValue().isEmpty() ? "(unset)" : s.defaultValue(), s.meaning()));
        }
        out.append("\nBooleans accept Y/N, yes/no, true/false, 1/0.\n");
        return out.toString();
    }
}
