package org.automb.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.automb.config.InvalidSettingsException;
import org.automb.config.NotifySettings;

/**
 * Every place events go to, built once at start from the settings: the NOTIFY_URLS entries
 * ({@link AppriseDestinations}), the WEBHOOK_URLS entries ({@link WebhookDestination}), then the library servers
 * ({@link LibraryRefresh}). Immutable.
 */
public final class Destinations {

    private final List<Destination> all;

    private Destinations(List<Destination> all) {
        this.all = List.copyOf(all);
    }

    /** These destinations, in this order (tests build them directly). */
    public static Destinations of(List<Destination> destinations) {
        return new Destinations(destinations);
    }

    /** None: the routes exist and do nothing. */
    public static Destinations none() {
        return new Destinations(List.of());
    }

    /**
     * The destinations the settings name.
     *
     * @throws InvalidSettingsException with one line per entry that cannot be used (see {@link #problems})
     */
    public static Destinations from(NotifySettings settings) {
        Parsed parsed = parse(settings);
        if (!parsed.problems().isEmpty()) {
            throw new InvalidSettingsException(parsed.problems());
        }
        return parsed.destinations();
    }

    /**
     * What is wrong with the NOTIFY_URLS and WEBHOOK_URLS entries, one line each:
     * {@code NOTIFY_URLS: URL 2 of 3: <the parser's message>}. Never the URL itself: it holds tokens.
     */
    public static List<String> problems(NotifySettings settings) {
        return parse(settings).problems();
    }

    /** The usable destinations and the problems of the others. */
    record Parsed(Destinations destinations, List<String> problems) {
    }

    static Parsed parse(NotifySettings settings) {
        List<Destination> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        parseEach("NOTIFY_URLS", settings.notifyUrls(), settings, AppriseDestinations::parse, found, problems);
        parseEach("WEBHOOK_URLS", settings.webhookUrls(), settings, WebhookDestination::parse, found, problems);
        try {
            found.addAll(LibraryRefresh.destinations(settings));
        } catch (IllegalArgumentException e) {
            problems.add("library servers (ABS_*, PLEX_*, JELLYFIN_*): " + e.getMessage());
        }
        return new Parsed(new Destinations(found), problems);
    }

    private static void parseEach(String setting, List<String> urls, NotifySettings settings,
                                  BiFunction<String, NotifySettings, Destination> parser, List<Destination> found,
                                  List<String> problems) {
        for (int i = 0; i < urls.size(); i++) {
            try {
                found.add(parser.apply(urls.get(i), settings));
            } catch (IllegalArgumentException e) {
                // the parser's message names what is wrong without the secrets; the URL is never repeated
                problems.add(setting + ": URL " + (i + 1) + " of " + urls.size() + ": " + e.getMessage());
            }
        }
    }

    public List<Destination> all() {
        return all;
    }

    /** Those whose filter (or kind's default) takes events of this type, in order. */
    public List<Destination> wanting(EventType type) {
        return all.stream().filter(destination -> destination.wants(type)).toList();
    }

    /** Those that take this very event (its type, and what it carries), in order. */
    public List<Destination> wanting(NotifyEvent event) {
        return all.stream().filter(destination -> destination.wants(event)).toList();
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    public int size() {
        return all.size();
    }

    /** The labels only (they are masked). */
    @Override
    public String toString() {
        return "Destinations" + all.stream().map(Destination::label).toList();
    }
}
