package org.automb.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of what the service tells people and systems after a book (docs/notifications.md): notification
 * URLs, webhooks, the post-convert script and the library servers to refresh. Every URL, token and key here is a
 * secret: {@link #toString()} never prints one, and nothing else may log them unmasked.
 *
 * @param notifyUrls        NOTIFY_URLS: Apprise-style URLs, each with an optional {@code ?events=} filter
 * @param notifyOnRetry     NOTIFY_ON_RETRY: announce each scheduled retry too (else a failure is announced once)
 * @param maxRetries        NOTIFY_MAX_RETRIES: tries after the first for one delivery to one destination
 * @param retryBaseDelay    NOTIFY_RETRY_BASE_DELAY: the first wait, doubled for each further try (a Retry-After wins)
 * @param timeout           NOTIFY_TIMEOUT: how long one request may take
 * @param serviceUrls       NOTIFY_SERVICE_URLS: base URLs replacing the fixed hosts of Discord, Pushover and Telegram
 *                          ({@code discord=http://127.0.0.1:8089,...}), for tests and proxies; empty map = the real ones
 * @param webhookUrls       WEBHOOK_URLS: http(s) URLs that get the *arr-style JSON of every event
 * @param instanceName      INSTANCE_NAME: the webhooks' {@code instanceName} and the notifications' sender
 * @param applicationUrl    APPLICATION_URL: the service's address as users reach it (webhooks' {@code applicationUrl},
 *                          links in notifications); empty = none
 * @param postConvertScript POST_CONVERT_SCRIPT: a program run after each delivered book; empty = none
 * @param scriptTimeout     POST_CONVERT_SCRIPT_TIMEOUT: how long it may run before it is killed
 * @param audiobookshelf    ABS_URL, ABS_TOKEN, ABS_LIBRARY_ID
 * @param plex              PLEX_URL, PLEX_TOKEN, PLEX_SECTION_ID
 * @param jellyfin          JELLYFIN_URL, JELLYFIN_API_KEY
 * @param libraryPathMap    LIBRARY_PATH_MAP: {@code /converted:/audiobooks} pairs, comma separated, as the library
 *                          servers see the converted folder
 */
public record NotifySettings(List<String> notifyUrls, boolean notifyOnRetry, int maxRetries, Duration retryBaseDelay,
                             Duration timeout, Map<String, String> serviceUrls, List<String> webhookUrls,
                             String instanceName, String applicationUrl, String postConvertScript,
                             Duration scriptTimeout, Optional<LibraryServer> audiobookshelf,
                             Optional<LibraryServer> plex, Optional<LibraryServer> jellyfin,
                             List<PathMapping> libraryPathMap) {

    /** The services whose fixed host NOTIFY_SERVICE_URLS may replace. */
    public static final List<String> SERVICES_WITH_FIXED_HOSTS = List.of("discord", "pushover", "telegram");

    /**
     * A library server to ask for a rescan.
     *
     * @param url     its base URL, no trailing slash
     * @param token   its API token or key (secret)
     * @param library ABS_LIBRARY_ID or PLEX_SECTION_ID; empty = found from the server by the folder
     */
    public record LibraryServer(String url, String token, String library) {
        @Override
        public String toString() {
            return "LibraryServer[url=" + url + ", token=***, library=" + library + "]";
        }
    }

    /** One LIBRARY_PATH_MAP pair: paths under {@code local} are {@code remote} on the library server. */
    public record PathMapping(String local, String remote) {
    }

    /** True when any destination, script or library server is configured. */
    public boolean anyConfigured() {
        return !notifyUrls.isEmpty() || !webhookUrls.isEmpty() || !postConvertScript.isEmpty()
            || audiobookshelf.isPresent() || plex.isPresent() || jellyfin.isPresent();
    }

    /**
     * Splits a list of URLs on commas, newlines and blanks as Apprise does; a piece without {@code ://} belongs to
     * the one before it (so {@code ?events=failed,converted} stays whole).
     */
    public static List<String> splitUrls(String text) {
        List<String> urls = new ArrayList<>();
        for (String piece : text.split("[,\\s]+")) {
            if (piece.isEmpty()) {
                continue;
            }
            if (!piece.contains("://") && !urls.isEmpty()) {
                urls.set(urls.size() - 1, urls.get(urls.size() - 1) + "," + piece);
            } else {
                urls.add(piece);
            }
        }
        return List.copyOf(urls);
    }

    /** Never prints a URL, token or key: only how many there are. */
    @Override
    public String toString() {
        return "NotifySettings[notifyUrls=" + notifyUrls.size() + " set, notifyOnRetry=" + notifyOnRetry
            + ", maxRetries=" + maxRetries + ", retryBaseDelay=" + retryBaseDelay + ", timeout=" + timeout
            + ", serviceUrls=" + serviceUrls.keySet() + ", webhookUrls=" + webhookUrls.size() + " set"
            + ", instanceName=" + instanceName + ", applicationUrl=" + applicationUrl
            + ", postConvertScript=" + postConvertScript + ", scriptTimeout=" + scriptTimeout
            + ", audiobookshelf=" + audiobookshelf.isPresent() + ", plex=" + plex.isPresent()
            + ", jellyfin=" + jellyfin.isPresent() + ", libraryPathMap=" + libraryPathMap + "]";
    }
}
