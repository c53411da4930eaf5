package org.automb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.automb.app.AutoM4bCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The start-up banner of a real --once run names the version, the folders, the encoder, ffmpeg, the lifetime
 * statistics and the settings, and gives none of the secrets set in its environment away.
 */
class StartupBannerTest {

    /** Secret values set for the child; none may appear anywhere in its output. */
    static final Map<String, String> SECRETS = Map.of(
        "API_KEY", "S3cretApiKey0123456789",
        "AUTH_PASSWORD", "S3cretPassword",
        "NOTIFY_URLS", "json://127.0.0.1:9/notify?token=S3cretNotifyToken",
        "WEBHOOK_URLS", "http://hook:S3cretHookPassword@127.0.0.1:9/hook",
        "ABS_URL", "http://127.0.0.1:9", "ABS_TOKEN", "S3cretAbsToken",
        "PLEX_URL", "http://127.0.0.1:9", "PLEX_TOKEN", "S3cretPlexToken",
        "JELLYFIN_URL", "http://127.0.0.1:9", "JELLYFIN_API_KEY", "S3cretJellyfinKey");

    @RegisterExtension
    final ChildServiceHarness harness = new ChildServiceHarness();

    @Test
    void theBannerNamesTheFoldersAndSettingsAndNoSecret() {
        ServiceProcess once = harness.start("once", SECRETS, "--once");
        assertThat(once.awaitExit(Duration.ofMinutes(2))).as("exit; log: %s", once.log()).isEqualTo(AutoM4bCommand.EXIT_OK);

        String log = once.log();
        assertThat(log).contains("auto-m4b " + AutoM4bCommand.VERSION + " starting")
            .contains(harness.inbox().toAbsolutePath().toString())
            .contains(harness.failed().toAbsolutePath().toString())
            .contains(harness.config().toAbsolutePath().toString())
            .contains("encoder          libav").contains("ffmpeg           bundled FFmpeg ")
            .contains("lifetime         0 converted, 0 passed through, 0 failed")
            .contains("ABS_URL=http://127.0.0.1:9").contains("PLEX_TOKEN=*** (set)").contains("MAX_RETRIES=2");
        SECRETS.values().stream().filter(value -> value.contains("S3cret"))
            .forEach(secret -> assertThat(log).doesNotContain(secret));
        assertThat(log).doesNotContain("S3cret");
        // once per start
        assertThat(log.split("auto-m4b " + AutoM4bCommand.VERSION + " starting", -1)).hasSize(2);
    }
}
