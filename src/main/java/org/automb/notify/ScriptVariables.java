package org.automb.notify;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment variables the post-convert script gets (docs/notifications.md): auto-m4b's names first, so scripts
 * written for auto-m4b keep working, then what this service knows beyond them. Every variable is always set; what is
 * not known is the empty string (as auto-m4b does), so a script under {@code set -u} still runs.
 */
public final class ScriptVariables {

    /** auto-m4b's variables, in its order. */
    public static final List<String> AUTO_M4B_NAMES = List.of("AUTO_M4B_INBOX_PATH", "AUTO_M4B_CONVERTED_PATH",
        "AUTO_M4B_CONVERTED_DIR", "AUTO_M4B_TITLE", "AUTO_M4B_AUTHOR", "AUTO_M4B_KEY", "AUTO_M4B_WATCH_SOURCE");

    /** This service's additions. */
    public static final List<String> MORE_NAMES = List.of("AUTO_M4B_NARRATOR", "AUTO_M4B_SUBTITLE", "AUTO_M4B_SERIES",
        "AUTO_M4B_SERIES_PART", "AUTO_M4B_ASIN", "AUTO_M4B_DURATION", "AUTO_M4B_CHAPTERS", "AUTO_M4B_SIZE",
        "AUTO_M4B_EVENT", "AUTO_M4B_INSTANCE");

    private ScriptVariables() {
    }

    /** The variables for {@code event}, in the order of {@link #AUTO_M4B_NAMES} then {@link #MORE_NAMES}. */
    public static Map<String, String> of(NotifyEvent event, String instanceName) {
        NotifyEvent.BookInfo book = event.book();
        NotifyEvent.BookFile file = event.file();
        NotifyEvent.BookSource source = event.source();
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("AUTO_M4B_INBOX_PATH", source == null ? "" : text(source.folder()));
        variables.put("AUTO_M4B_CONVERTED_PATH", file == null ? "" : text(file.path()));
        variables.put("AUTO_M4B_CONVERTED_DIR", convertedDir(file));
        variables.put("AUTO_M4B_TITLE", book == null ? "" : text(book.title()));
        variables.put("AUTO_M4B_AUTHOR", book == null ? "" : String.join(", ", book.authors()));
        variables.put("AUTO_M4B_KEY", event.key() != null ? event.key() : source == null ? "" : text(source.key()));
        // auto-m4b gives WATCH_FOLDER/<key> here, or nothing without a WATCH_FOLDER; this service has no WATCH_FOLDER
        variables.put("AUTO_M4B_WATCH_SOURCE", "");
        variables.put("AUTO_M4B_NARRATOR", book == null ? "" : String.join(", ", book.narrators()));
        variables.put("AUTO_M4B_SUBTITLE", book == null ? "" : text(book.subtitle()));
        variables.put("AUTO_M4B_SERIES", book == null ? "" : text(book.series()));
        variables.put("AUTO_M4B_SERIES_PART", book == null ? "" : text(book.part()));
        variables.put("AUTO_M4B_ASIN", book == null ? "" : text(book.asin()));
        variables.put("AUTO_M4B_DURATION", book == null || book.durationSeconds() == null ? ""
            : String.valueOf(Math.round(book.durationSeconds())));
        variables.put("AUTO_M4B_CHAPTERS", book == null || book.chapters() == null ? "" : book.chapters().toString());
        variables.put("AUTO_M4B_SIZE", file == null ? "" : String.valueOf(file.sizeBytes()));
        variables.put("AUTO_M4B_EVENT", event.type().code());
        variables.put("AUTO_M4B_INSTANCE", text(instanceName));
        return variables;
    }

    /** The delivered file's folder: the script's working folder. */
    static String convertedDir(NotifyEvent.BookFile file) {
        if (file == null || file.path() == null) {
            return "";
        }
        Path parent = Path.of(file.path()).getParent();
        return parent == null ? "" : parent.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
