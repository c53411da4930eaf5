package org.automb.notify;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What happened, as notifications, webhooks and their {@code ?events=} filters name it: a filter takes the
 * {@link #code()} ({@code failed,converted}) or the {@link #eventType()} ({@code BookFailed}), any case.
 */
public enum EventType {
    /** A book's conversion began. Off unless a filter names it. */
    BOOK_STARTED("started", "BookStarted", false, Level.INFO),
    /** A book was delivered into CONVERTED_FOLDER (converted, passed through, as is, or approved from review). */
    BOOK_CONVERTED("converted", "BookConverted", true, Level.SUCCESS),
    /** A delivered book was matched and tagged (after delivery, or again at a user's request). */
    BOOK_TAGGED("tagged", "BookTagged", true, Level.SUCCESS),
    /** A book waits for a person: in REVIEW_FOLDER, or delivered as needs_review (no sure match). */
    BOOK_NEEDS_REVIEW("needs_review", "BookNeedsReview", true, Level.WARNING),
    /** A book failed for a transient reason and waits for its retry; announced only with NOTIFY_ON_RETRY=Y. */
    BOOK_RETRY_SCHEDULED("retry_scheduled", "BookRetryScheduled", true, Level.WARNING),
    /** A book failed for good (moved to FAILED_FOLDER, or left in the inbox with MOVE_FAILED_BOOKS=N). */
    BOOK_FAILED("failed", "BookFailed", true, Level.FAILURE),
    /** The service cannot work as it should: disk space low, a folder not writable, the job store unreachable. */
    HEALTH_ISSUE("health", "HealthIssue", true, Level.WARNING),
    /** {@code --test-notify}: proves each destination is reachable. Always delivered, whatever the filter. */
    TEST("test", "Test", true, Level.INFO);

    /** How good or bad the news is: Apprise's {@code type}, and each service's colour or priority. */
    public enum Level {
        INFO, SUCCESS, WARNING, FAILURE;

        /** Apprise's name for it: {@code info}, {@code success}, {@code warning}, {@code failure}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String code;
    private final String eventType;
    private final boolean onByDefault;
    private final Level level;

    EventType(String code, String eventType, boolean onByDefault, Level level) {
        this.code = code;
        this.eventType = eventType;
        this.onByDefault = onByDefault;
        this.level = level;
    }

    /** The filter and storage name: {@code converted}, {@code failed}... */
    public String code() {
        return code;
    }

    /** The PascalCase name webhooks send as {@code eventType}: {@code BookConverted}... */
    public String eventType() {
        return eventType;
    }

    public Level level() {
        return level;
    }

    /** The events a destination without a filter gets: all but {@link #BOOK_STARTED}. */
    public static Set<EventType> defaults() {
        EnumSet<EventType> set = EnumSet.noneOf(EventType.class);
        for (EventType type : values()) {
            if (type.onByDefault) {
                set.add(type);
            }
        }
        return set;
    }

    /**
     * Parses an {@code events=} filter: codes or PascalCase names, comma separated, any case; {@code all} = every
     * event. {@link #TEST} is always included.
     *
     * @throws IllegalArgumentException naming the unknown event and the known ones
     */
    public static Set<EventType> parseFilter(String filter) {
        EnumSet<EventType> set = EnumSet.of(TEST);
        for (String piece : filter.split(",")) {
            String name = piece.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (name.equalsIgnoreCase("all")) {
                return EnumSet.allOf(EventType.class);
            }
            set.add(fromName(name));
        }
        return set;
    }

    /** The event named by its code or PascalCase name, any case. */
    public static EventType fromName(String name) {
        for (EventType type : values()) {
            if (type.code.equalsIgnoreCase(name) || type.eventType.equalsIgnoreCase(name)
                    || type.name().equalsIgnoreCase(name)) {
                return type;
            }
        }
        StringBuilder known = new StringBuilder();
        for (EventType type : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(type.code);
        }
        throw new IllegalArgumentException("unknown event '" + name + "' (known: " + known + ", all)");
    }
}
