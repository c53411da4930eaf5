package org.automb.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import org.automb.config.NotifySettings;

/** The destinations of NOTIFY_URLS, one per Apprise-style URL (docs/notifications.md, "Notification services"). */
public final class AppriseDestinations {

    private AppriseDestinations() {
    }

    /**
     * The destination one NOTIFY_URLS entry names. Every scheme takes {@code ?events=} (a filter of
     * {@link EventType#parseFilter}; none = {@link EventType#defaults()}) and {@code ?retries=N}.
     *
     * @throws IllegalArgumentException saying what is wrong with it, without repeating its secrets
     */
    public static Destination parse(String url, NotifySettings settings) {
        ServiceUrl parsed = ServiceUrl.parse(url);
        ObjectMapper json = new ObjectMapper();
        return switch (parsed.scheme()) {
            case "discord" -> DiscordDestination.ofDiscordUrl(parsed, settings, json);
            case "https" -> {
                String host = parsed.host().toLowerCase(Locale.ROOT);
                if (!host.equals("discord.com") && !host.equals("discordapp.com") && !host.endsWith(".discord.com")) {
                    throw parsed.problem("only Discord webhooks (https://discord.com/api/webhooks/…) are taken as "
                        + "https URLs here; use jsons:// for a JSON endpoint, or WEBHOOK_URLS");
                }
                yield DiscordDestination.ofWebhookUrl(parsed, settings, json);
            }
            case "pover" -> PushoverDestination.of(parsed, settings);
            case "ntfy", "ntfys" -> NtfyDestination.of(parsed, settings);
            case "gotify", "gotifys" -> GotifyDestination.of(parsed, settings, json);
            case "tgram" -> TelegramDestination.of(parsed, settings, json);
            case "mailto", "mailtos" -> EmailDestination.of(parsed, settings);
            case "json", "jsons" -> AppriseJsonDestination.of(parsed, settings, json);
            case "apprise", "apprises" -> AppriseApiDestination.of(parsed, settings, json);
            default -> throw new IllegalArgumentException("unknown notification service '" + parsed.scheme()
                + "://' (known: discord, pover, ntfy, ntfys, gotify, gotifys, tgram, mailto, mailtos, json, jsons, "
                + "apprise, apprises; webhooks go in WEBHOOK_URLS)");
        };
    }
}
