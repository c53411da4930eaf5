package org.automb.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import org.apache.camel.Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Email through the real send-mail route (camel-mail) to a real SMTP server (GreenMail). GreenMail offers no
 * STARTTLS and its TLS certificate is self-signed, so mail that arrives is sent with {@code mode=insecure}; the
 * STARTTLS and SSL modes are shown to refuse that server rather than fall back to plain text.
 */
class EmailDestinationTest {

    private static final String PASSWORD = "s3cret pass+1)&x";
    private static final GreenMail mailServer = new GreenMail(new ServerSetup[] {
        ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()})
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("bob@example.com", "bob", PASSWORD));
    private static OutboundHarness harness;

    @BeforeAll
    static void start() throws Exception {
        mailServer.start();
        harness = OutboundHarness.start(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        harness.close();
        mailServer.stop();
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        mailServer.purgeEmailFromAllMailboxes();
    }

    private static Destination parse(String url) {
        return AppriseDestinations.parse(url, ServiceTestEvents.settings(java.util.Map.of(), "http://books.local:8080"));
    }

    private static int smtpPort() {
        return mailServer.getSmtp().getPort();
    }

    @Test
    void sendsTheEventAsAPlainTextMailToEveryRecipientWithTheLogin() throws Exception {
        Destination email = parse("mailto://bob:s3cret%20pass%2B1%29%26x@127.0.0.1:" + smtpPort()
            + "?to=alice@example.com,carol@example.com&from=books@example.com&mode=insecure");
        email.deliver(ServiceTestEvents.failed(), harness.outbound());

        assertThat(mailServer.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage[] received = mailServer.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("Failed: Dune — Ürsula <1>");
        assertThat(GreenMailUtil.getBody(mail)).contains("ffmpeg could not read 03.mp3 & stopped");
        assertThat(mail.getContent().toString()).startsWith("ffmpeg could not read 03.mp3 & stopped")
            .contains("auto-m4b").contains("http://books.local:8080");
        assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
            .containsExactly("alice@example.com", "carol@example.com");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("books@example.com");
        // nothing of the connection leaked into the mail's headers
        assertThat(java.util.Collections.list(mail.getAllHeaderLines())).noneMatch(line -> line.contains("s3cret"));
    }

    @Test
    void aWrongPasswordIsRefusedForGoodWithoutRepeatingIt() {
        Destination email = parse("mailto://bob:wrong-password-9@127.0.0.1:" + smtpPort()
            + "?to=alice@example.com&mode=insecure");
        assertThatThrownBy(() -> email.deliver(ServiceTestEvents.failed(), harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isFalse();
                assertThat(failure.getMessage()).contains("refused the login").doesNotContain("wrong-password-9");
            });
        assertThat(mailServer.getReceivedMessages()).isEmpty();
    }

    @Test
    void mailtoRequiresStartTlsAndNeverFallsBackToPlainText() {
        Destination email = parse("mailto://bob:s3cret%20pass%2B1%29%26x@127.0.0.1:" + smtpPort() + "?to=alice@example.com");
        assertThatThrownBy(() -> email.deliver(ServiceTestEvents.failed(), harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isFalse();
                assertThat(failure.getMessage()).contains("STARTTLS");
            });
        assertThat(mailServer.getReceivedMessages()).isEmpty();
    }

    @Test
    void mailtosChecksTheServersCertificate() {
        Destination email = parse("mailtos://bob:s3cret%20pass%2B1%29%26x@127.0.0.1:" + mailServer.getSmtps().getPort()
            + "?to=alice@example.com");
        assertThatThrownBy(() -> email.deliver(ServiceTestEvents.failed(), harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isFalse();
                assertThat(failure.getMessage()).contains("TLS");
            });
        assertThat(mailServer.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatDoesNotAnswerIsWorthAnotherTry() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Destination email = parse("mailto://bob:s3cret%20pass%2B1%29%26x@127.0.0.1:" + closed + "?to=alice@example.com&mode=insecure");
        assertThatThrownBy(() -> email.deliver(ServiceTestEvents.failed(), harness.outbound()))
            .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                assertThat(failure.retryable()).isTrue();
                assertThat(failure.getMessage()).doesNotContain(PASSWORD);
            });
    }

    @Test
    void camelShowsTheMailEndpointsWithThePasswordMasked() throws Exception {
        parse("mailto://bob:s3cret%20pass%2B1%29%26x@127.0.0.1:" + smtpPort() + "?to=alice@example.com&mode=insecure")
            .deliver(ServiceTestEvents.converted(), harness.outbound());
        assertThat(harness.context().getEndpoints()).anySatisfy(endpoint ->
            assertThat(endpoint.getEndpointUri()).startsWith("smtp://127.0.0.1"));
        for (Endpoint endpoint : harness.context().getEndpoints()) {
            assertThat(endpoint.toString()).doesNotContain("s3cret");
            assertThat(org.apache.camel.util.URISupport.sanitizeUri(endpoint.getEndpointUri())).doesNotContain("s3cret");
        }
    }
}
