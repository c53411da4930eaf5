package org.automb.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.OptionalInt;
import org.automb.config.NotifySettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** NOTIFY_URLS entries: each scheme's good and bad URLs, labels with secrets masked, filters and retries. */
class AppriseDestinationsTest {

    private static final String USER_KEY = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG";
    private static final String APP_TOKEN = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";
    private static final NotifySettings settings = ServiceTestEvents.settings();

    private static Destination parse(String url) {
        return AppriseDestinations.parse(url, settings);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "discord://112233445566778899/tok-EN_secret | discord | discord://1122…/***",
        "https://discord.com/api/webhooks/112233445566778899/tok-EN_secret | discord | discord://1122…/***",
        "https://discordapp.com/api/webhooks/112233445566778899/tok-EN_secret | discord | discord://1122…/***",
        "pover://" + USER_KEY + "@" + APP_TOKEN + " | pushover | pover://***@***",
        "ntfys://ntfy.sh/my-secret-topic | ntfy | ntfys://ntfy.sh/***",
        "ntfy://my-secret-topic | ntfy | ntfys://ntfy.sh/***",
        "ntfy://reader:pa%24%24@ntfy.home.lan:8080/books | ntfy | ntfy://reader:***@ntfy.home.lan:8080/***",
        "ntfys://tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2@ntfy.example.com/books | ntfy | ntfys://***@ntfy.example.com/***",
        "gotifys://gotify.example.com/AbCdEf.123 | gotify | gotifys://gotify.example.com/***",
        "gotify://nas.lan:8008/gotify/AbCdEf.123 | gotify | gotify://nas.lan:8008/gotify/***",
        "tgram://123456789:AAEhBOweik6ad6PsVMRxjeQKmQbQ/-1001234567890 | telegram | tgram://***/-100…",
        "mailto://me%40example.com:app%20password@smtp.example.com?to=you@example.com | email | mailto://me@example.com@smtp.example.com:587?to=…",
        "mailtos://me:pw@smtp.example.com | email | mailtos://me@smtp.example.com:465?to=…",
        "json://hooks.lan:8123/api/notify | json | json://hooks.lan:8123/***",
        "jsons://me:pw@hooks.example.com | json | jsons://me:***@hooks.example.com",
        "apprise://apprise.lan:8000/my-books | apprise | apprise://apprise.lan:8000/***",
        "apprises://apprise.example.com/my-books?tags=phone | apprise | apprises://apprise.example.com/***?tags=phone",
    })
    void parsesEachServiceAndMasksItsLabel(String url, String kind, String label) {
        Destination destination = parse(url);
        assertThat(destination.kind()).isEqualTo(kind);
        assertThat(destination.label()).isEqualTo(label);
        assertThat(destination.toString()).isEqualTo(label);
        for (String secret : destination.secrets()) {
            assertThat(destination.label()).doesNotContain(secret);
        }
        assertThat(destination.maxRetries()).isEmpty();
    }

    @Test
    void secretsNameEveryTokenAndPassword() {
        assertThat(parse("discord://42/tok-EN_secret").secrets()).containsExactly("tok-EN_secret");
        assertThat(parse("pover://" + USER_KEY + "@" + APP_TOKEN).secrets()).containsExactly(USER_KEY, APP_TOKEN);
        assertThat(parse("ntfy://reader:pa%24%24@ntfy.lan/books").secrets()).containsExactly("books", "pa$$");
        assertThat(parse("ntfys://tk_abc123@ntfy.lan/books").secrets()).containsExactly("books", "tk_abc123");
        assertThat(parse("gotify://nas.lan/AbCdEf.123").secrets()).containsExactly("AbCdEf.123");
        assertThat(parse("tgram://123456789:AAEhBOweik6ad6PsVMRxjeQKmQbQ/-1001234567890").secrets())
            .containsExactly("123456789:AAEhBOweik6ad6PsVMRxjeQKmQbQ", "-1001234567890");
        assertThat(parse("mailtos://me:app%20pw@smtp.example.com").secrets()).containsExactly("app pw");
        assertThat(parse("json://me:pw1@hooks.lan/api/key9?+X-Api-Key=k3y").secrets())
            .containsExactlyInAnyOrder("pw1", "api/key9", "k3y");
        assertThat(parse("apprises://u:pw2@apprise.lan/my-books").secrets()).containsExactly("my-books", "pw2");
    }

    @Test
    void withoutAFilterEverythingButStartedIsWanted() {
        Destination destination = parse("discord://42/abc");
        for (EventType type : EventType.values()) {
            assertThat(destination.wants(type)).as(type.code()).isEqualTo(type != EventType.BOOK_STARTED);
        }
    }

    @Test
    void theEventsFilterChoosesAndTestIsAlwaysIn() {
        Destination destination = parse("ntfys://ntfy.sh/books?events=failed,BookConverted");
        EnumSet<EventType> wanted = EnumSet.noneOf(EventType.class);
        for (EventType type : EventType.values()) {
            if (destination.wants(type)) {
                wanted.add(type);
            }
        }
        assertThat(wanted).containsExactlyInAnyOrder(EventType.BOOK_FAILED, EventType.BOOK_CONVERTED, EventType.TEST);
        assertThat(parse("ntfys://ntfy.sh/books?events=all").wants(EventType.BOOK_STARTED)).isTrue();
        assertThat(parse("ntfys://ntfy.sh/books?events=started").wants(EventType.BOOK_FAILED)).isFalse();
    }

    @Test
    void retriesOverrideNotifyMaxRetries() {
        assertThat(parse("gotify://nas.lan/AbCdEf.123?retries=0").maxRetries()).isEqualTo(OptionalInt.of(0));
        assertThat(parse("gotify://nas.lan/AbCdEf.123?events=failed&retries=7").maxRetries()).isEqualTo(OptionalInt.of(7));
    }

    @Test
    void theFixedHostsGiveWayToNotifyServiceUrls() {
        NotifySettings local = ServiceTestEvents.settings(Map.of("discord", "http://127.0.0.1:9/",
            "pushover", "http://127.0.0.1:9", "telegram", "http://127.0.0.1:9"), "");
        NotifyEvent event = ServiceTestEvents.converted();
        assertThat(((DiscordDestination) AppriseDestinations.parse("discord://42/abc", local)).request(event).uri())
            .hasToString("http://127.0.0.1:9/api/webhooks/42/abc");
        assertThat(((PushoverDestination) AppriseDestinations.parse("pover://" + USER_KEY + "@" + APP_TOKEN, local))
            .request(event).uri()).hasToString("http://127.0.0.1:9/1/messages.json");
        assertThat(((TelegramDestination) AppriseDestinations.parse("tgram://123:AAE/-100", local)).request(event).uri())
            .hasToString("http://127.0.0.1:9/bot123:AAE/sendMessage");
        assertThat(((DiscordDestination) parse("discord://42/abc")).request(event).uri())
            .hasToString("https://discord.com/api/webhooks/42/abc");
        assertThat(((TelegramDestination) parse("tgram://123:AAE/-100")).request(event).uri())
            .hasToString("https://api.telegram.org/bot123:AAE/sendMessage");
    }

    @Test
    void theSchemeChoosesHttpOrHttps() {
        NotifyEvent event = ServiceTestEvents.converted();
        assertThat(((NtfyDestination) parse("ntfy://ntfy.lan:81/books")).request(event).uri()).hasToString("http://ntfy.lan:81/books");
        assertThat(((NtfyDestination) parse("ntfy://books")).request(event).uri()).hasToString("https://ntfy.sh/books");
        assertThat(((GotifyDestination) parse("gotifys://g.example.com/T0k")).request(event).uri())
            .hasToString("https://g.example.com/message");
        assertThat(((AppriseJsonDestination) parse("jsons://h.example.com/a/b")).request(event).uri())
            .hasToString("https://h.example.com/a/b");
        assertThat(((AppriseApiDestination) parse("apprises://h.example.com/api/k")).request(event).uri())
            .hasToString("https://h.example.com/api/notify/k");
    }

    @Test
    void mailModesPortsAndAddresses() {
        MailMessage starttls = ((EmailDestination) parse("mailto://me%40example.com:pw@smtp.example.com"))
            .message(ServiceTestEvents.converted());
        assertThat(starttls.security()).isEqualTo(MailMessage.Security.STARTTLS);
        assertThat(starttls.port()).isEqualTo(587);
        assertThat(starttls.user()).isEqualTo("me@example.com");
        assertThat(starttls.from()).isEqualTo("me@example.com");
        assertThat(starttls.to()).containsExactly("me@example.com");
        assertThat(starttls.subject()).isEqualTo("Converted: Project Hail Mary");

        MailMessage ssl = ((EmailDestination) parse("mailtos://me:pw@smtp.example.com:2465?to=a@x.org;b+books@y.org"))
            .message(ServiceTestEvents.converted());
        assertThat(ssl.security()).isEqualTo(MailMessage.Security.SSL);
        assertThat(ssl.port()).isEqualTo(2465);
        assertThat(ssl.from()).isEqualTo("me@smtp.example.com");
        assertThat(ssl.to()).containsExactly("a@x.org", "b+books@y.org");

        MailMessage relay = ((EmailDestination) parse("mailto://relay.lan?mode=insecure&from=books@home.lan&to=me@home.lan"))
            .message(ServiceTestEvents.converted());
        assertThat(relay.security()).isEqualTo(MailMessage.Security.NONE);
        assertThat(relay.port()).isEqualTo(25);
        assertThat(relay.user()).isEmpty();
        assertThat(relay.from()).isEqualTo("books@home.lan");
        assertThat(((EmailDestination) parse("mailtos://me:pw@smtp.example.com?mode=starttls")).message(
            ServiceTestEvents.converted()).port()).isEqualTo(587);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "discord.example/abc | must start with a service's scheme",
        "slack://T000/B000/XXXsecret | unknown notification service 'slack://'",
        "discord://42 | discord:// URL: the webhook token is missing",
        "discord://notdigits/s3cretTok | discord:// URL: the webhook id must be digits",
        "https://example.com/api/webhooks/42/s3cretTok | https:// URL: only Discord webhooks",
        "https://discord.com/api/other/42/s3cretTok | https:// URL: a Discord webhook URL is",
        "pover://s3cretTok | pover:// URL: the user key or the application token is missing",
        "pover://s3cretUser@s3cretTok | pover:// URL: the user key must be 30 letters and digits",
        "ntfys://ntfy.example.com:8080 | ntfys:// URL: the topic is missing",
        "ntfy://ntfy.example.com | ntfy:// URL: the topic is missing",
        "ntfys://ntfy.example.com/s3cretTopic/other | ntfys:// URL: one topic per URL",
        "gotify://nas.lan | gotify:// URL: the application token is missing",
        "tgram://s3cretTok/-100 | tgram:// URL: the bot token must look like",
        "tgram://123:s3cretTok | tgram:// URL: the chat id is missing",
        "tgram://123:s3cretTok/chat | tgram:// URL: the chat id must be a number",
        "mailto://me:s3cretPw@smtp.example.com?to=not-an-address | mailto:// URL: to= 'not-an-address' is not a mail address",
        "mailto://me:s3cretPw@smtp.example.com?mode=tls13 | mailto:// URL: ?mode= must be starttls, ssl or insecure",
        "mailto://me@smtp.example.com | mailto:// URL: the password is missing",
        "apprise://apprise.lan | apprise:// URL: the configuration key is missing",
        "discord://42/s3cretTok?events=failed,exploded | discord:// URL: ?events=: unknown event 'exploded'",
        "discord://42/s3cretTok?retries=many | discord:// URL: ?retries= must be a whole number",
        "discord://42/s3cretTok?retries=21 | discord:// URL: ?retries= must be a whole number from 0 to 20",
        "discord://42/s3cret Tok | discord:// URL is not a valid URL",
    })
    void badUrlsAreRefusedNamingTheSchemeButNeverTheSecrets(String url, String message) {
        assertThatThrownBy(() -> parse(url)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message)
            .satisfies(error -> assertThat(error.getMessage()).doesNotContain("s3cret").doesNotContain("XXXsecret"));
    }

    @Test
    void everyExampleInTheDocsParsesAndItsMaskedLabelIsTheOneShown() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/notifications.md"));
        String section = doc.substring(doc.indexOf("## Notification services"), doc.indexOf("## Webhooks"));
        String examples = section.substring(section.indexOf("```text") + 7, section.indexOf("```", section.indexOf("```text") + 7));
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        for (String line : examples.strip().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Destination destination = parse(line.strip());
            if (kinds.add(destination.kind())) {
                // the first example of each service is the one whose masked label the section shows
                assertThat(section).as("the label of %s", destination.kind()).contains("`" + destination.label() + "`");
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("discord", "pushover", "ntfy", "gotify", "telegram", "email", "json",
            "apprise");
    }

    @Test
    void noticeTextFormatsAndCuts() {
        assertThat(NoticeText.duration(Duration.ofMinutes(605))).isEqualTo("10 h 5 min");
        assertThat(NoticeText.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(NoticeText.duration(3600.4)).isEqualTo("1 h");
        assertThat(NoticeText.size(450L * 1024 * 1024)).isEqualTo("450 MB");
        assertThat(NoticeText.size(1288490189L)).isEqualTo("1.2 GB");
        assertThat(NoticeText.cut("abcdef", 4)).isEqualTo("abc…");
        assertThat(NoticeText.cut("abc", 4)).isEqualTo("abc");
        assertThat(NoticeText.cut("ab\uD83D\uDE00cd", 4)).isEqualTo("ab…");
        assertThat(NoticeText.cutUtf8("ÜÜÜÜÜ", 7).getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(7);
    }
}
