package org.automb.notify;

import org.automb.config.NotifySettings;

/** The destinations of NOTIFY_URLS, one per Apprise-style URL (docs/notifications.md, "Notification services"). */
public final class AppriseDestinations {

    private AppriseDestinations() {
    }

    /**
     * The destination one NOTIFY_URLS entry names.
     *
     * @throws IllegalArgumentException saying what is wrong with it, without repeating its secrets
     */
    public static Destination parse(String url, NotifySettings settings) {
        throw new IllegalArgumentException("notification URLs are not supported yet");
    }
}
