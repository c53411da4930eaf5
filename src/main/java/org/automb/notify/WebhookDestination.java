package org.automb.notify;

import org.automb.config.NotifySettings;

/** A WEBHOOK_URLS entry: every event as JSON in the *arr convention (docs/notifications.md, "Webhooks"). */
public final class WebhookDestination {

    private WebhookDestination() {
    }

    /**
     * The destination one WEBHOOK_URLS entry names.
     *
     * @throws IllegalArgumentException saying what is wrong with it, without repeating its secrets
     */
    public static Destination parse(String url, NotifySettings settings) {
        throw new IllegalArgumentException("webhooks are not supported yet");
    }
}
