package org.automb.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.logging.log4j.Level;
import org.automb.config.NotifySettings;
import org.automb.io.SafeMover;
import org.automb.jobs.store.DeliveryRecord;
import org.automb.jobs.store.JobStore;
import org.automb.notify.CamelEventPublisher;
import org.automb.notify.CamelOutbound;
import org.automb.notify.Destination;
import org.automb.notify.Destinations;
import org.automb.notify.EventType;
import org.automb.notify.NotificationCounters;
import org.automb.notify.NotifyEvent;
import org.automb.notify.PendingDeliveries;
import org.automb.notify.PostingDestination;
import org.automb.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Events through the real routes (routes/notify.camel.yaml, routes/outbound.camel.yaml) and the real wiring
 * ({@link NotifyWiring#bindDelivery}) to WireMock destinations: each delivered once, filtered, retried with
 * Retry-After, given up after its retries (recorded and logged once), secrets masked, and the producer never waits.
 */
class NotificationDeliveryTest {

    private static final WireMockServer server = new WireMockServer(options().dynamicPort());
    private static final String TOKEN = "tok-SECRET-0123456789";
    private static Path folder;
    private static JobStore store;

    private final List<DefaultCamelContext> contexts = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server.start();
        folder = Files.createTempDirectory("notify-delivery");
        store = JobStore.open(JobStore.defaultUrl(folder), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        store.close();
        new SafeMover().deleteTree(folder);
    }

    @AfterEach
    void stopRoutes() {
        contexts.forEach(DefaultCamelContext::stop);
        server.resetAll();
    }

    @Test
    void eachEventIsDeliveredOnceWithItsBodyToTheDestinationsThatWantIt() throws Exception {
        server.stubFor(post(urlEqualTo("/ok")).willReturn(aResponse().withStatus(204)));
        server.stubFor(post(urlEqualTo("/failures-only")).willReturn(aResponse().withStatus(204)));
        PostingDestination ok = destination("ok", "/ok");
        var routes = start(settings(false, 2), ok,
            destination("failures", "/failures-only").wanting(Set.of(EventType.BOOK_FAILED)));

        routes.publisher().publish(event(EventType.BOOK_CONVERTED, "Delivered Once"));

        DeliveryRecord row = awaitRows("Delivered Once", 1).get(0);
        assertThat(row.outcome()).isEqualTo("sent");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.statusCode()).isEqualTo(204);
        assertThat(row.destination()).isEqualTo(ok.label());
        assertThat(row.kind()).isEqualTo("webhook");
        assertThat(row.event()).isEqualTo("converted");
        assertThat(row.detail()).isNull();
        server.verify(1, postRequestedFor(urlEqualTo("/ok"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withRequestBody(containing("\"title\":\"Converted: Delivered Once\"")));
        server.verify(0, postRequestedFor(urlEqualTo("/failures-only")));
        assertThat(routes.counters().counts()).containsEntry(
            new NotificationCounters.Key("webhook", ok.label(), "sent"), 1L);
        await().atMost(Duration.ofSeconds(5)).until(() -> routes.pending().size() == 0);
    }

    @Test
    void a503IsRetriedAfterItsRetryAfter() throws Exception {
        server.stubFor(post(urlEqualTo("/busy")).inScenario("busy").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")).willSetStateTo("free"));
        server.stubFor(post(urlEqualTo("/busy")).inScenario("busy").whenScenarioStateIs("free")
            .willReturn(aResponse().withStatus(200)));
        var routes = start(settings(false, 3), destination("busy", "/busy"));

        routes.publisher().publish(event(EventType.BOOK_CONVERTED, "Busy Server"));

        DeliveryRecord row = awaitRows("Busy Server", 1).get(0);
        assertThat(row.outcome()).isEqualTo("sent");
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(row.statusCode()).isEqualTo(200);
        List<Instant> times = server.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals("/busy"))
            .map(ServeEvent::getRequest).map(r -> r.getLoggedDate().toInstant()).sorted().toList();
        assertThat(times).hasSize(2);
        assertThat(Duration.between(times.get(0), times.get(1))).as("the server's Retry-After (1 s) beats the 0.2 s backoff")
            .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aDestinationThatIsDownIsGivenUpAfterItsRetriesRecordedAndLoggedOnce() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PostingDestination down = PostingDestination.to("down", "http://127.0.0.1:" + closedPort + "/hook", TOKEN).retries(2);
        try (LogCapture log = LogCapture.start()) {
            var routes = start(settings(false, 4), down);

            routes.publisher().publish(event(EventType.BOOK_FAILED, "Nobody Listens"));

            DeliveryRecord row = awaitRows("Nobody Listens", 1).get(0);
            assertThat(row.outcome()).isEqualTo("failed");
            assertThat(row.attempts()).as("its own ?retries=2, not NOTIFY_MAX_RETRIES").isEqualTo(3);
            assertThat(row.statusCode()).isNull();
            assertThat(routes.counters().count("webhook", "failed")).isEqualTo(1);
            assertThat(warningsAbout(log, "down")).hasSize(1);
            assertThat(log.messages()).noneMatch(line -> line.contains(TOKEN));
        }
    }

    @Test
    void aHangingDestinationNeverDelaysThePublisherAndIsGivenUpAfterItsTimeouts() throws Exception {
        server.stubFor(post(urlEqualTo("/hang")).willReturn(aResponse().withStatus(200).withFixedDelay(2500)));
        server.stubFor(post(urlEqualTo("/quick")).willReturn(aResponse().withStatus(204)));
        NotifySettings settings = settings(false, 1, Duration.ofMillis(800));
        var routes = start(settings, destination("hang", "/hang"), destination("quick", "/quick"));

        long started = System.nanoTime();
        routes.publisher().publish(event(EventType.BOOK_CONVERTED, "Slow Server"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("publish() only queues").isLessThan(settings.timeout().dividedBy(2));
        List<DeliveryRecord> rows = awaitRows("Slow Server", 2);
        DeliveryRecord hang = rows.stream().filter(r -> r.destination().equals("hang")).findFirst().orElseThrow();
        DeliveryRecord quick = rows.stream().filter(r -> r.destination().equals("quick")).findFirst().orElseThrow();
        assertThat(quick.outcome()).isEqualTo("sent");
        assertThat(quick.id()).as("the quick one did not wait for the hanging one").isLessThan(hang.id());
        assertThat(hang.outcome()).isEqualTo("failed");
        assertThat(hang.attempts()).isEqualTo(2);
        assertThat(hang.detail()).contains("NOTIFY_TIMEOUT");
    }

    @Test
    void a401IsGivenUpAtOnceAndNoSecretIsStoredOrLogged() throws Exception {
        String path = "/hook/" + TOKEN;
        server.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(401)
            .withBody("invalid token " + TOKEN)));
        try (LogCapture log = LogCapture.start()) {
            var routes = start(settings(false, 4), PostingDestination.to("bad-token", server.baseUrl() + path, TOKEN));

            routes.publisher().publish(event(EventType.BOOK_CONVERTED, "Wrong Token"));

            DeliveryRecord row = awaitRows("Wrong Token", 1).get(0);
            assertThat(row.outcome()).isEqualTo("failed");
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.statusCode()).isEqualTo(401);
            assertThat(row.detail()).contains("HTTP 401").contains("invalid token ***").doesNotContain(TOKEN);
            server.verify(1, postRequestedFor(urlEqualTo(path)));
            assertThat(warningsAbout(log, "bad-token")).hasSize(1);
            assertThat(log.messages()).noneMatch(line -> line.contains(TOKEN));
        }
    }

    @Test
    void aScheduledRetryIsAnnouncedOnlyWithNotifyOnRetry() throws Exception {
        server.stubFor(post(urlEqualTo("/all")).willReturn(aResponse().withStatus(204)));
        var quiet = start(settings(false, 0), destination("all", "/all"));
        quiet.publisher().publish(event(EventType.BOOK_RETRY_SCHEDULED, "Retried Quietly"));
        quiet.publisher().publish(event(EventType.BOOK_FAILED, "Retried Quietly"));
        assertThat(awaitRows("Retried Quietly", 1)).extracting(DeliveryRecord::event).containsExactly("failed");

        var told = start(settings(true, 0), destination("all", "/all"));
        told.publisher().publish(event(EventType.BOOK_RETRY_SCHEDULED, "Retried Aloud"));
        assertThat(awaitRows("Retried Aloud", 1)).extracting(DeliveryRecord::event).containsExactly("retry_scheduled");
    }

    @Test
    void withNoDestinationTheRoutesRunAndDeliverNothing() throws Exception {
        var routes = start(settings(false, 0));
        routes.publisher().publish(event(EventType.BOOK_CONVERTED, "Nobody Told"));
        assertThat(routes.pending().size()).isZero();
        assertThat(store.deliveries().of("Nobody Told")).isEmpty();
    }

    @Test
    void onceWaitsForADeliveryUnderWayAndBoundedNamesWhatItAbandons() throws Exception {
        server.stubFor(post(urlEqualTo("/later")).inScenario("later").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")).willSetStateTo("up"));
        server.stubFor(post(urlEqualTo("/later")).inScenario("later").whenScenarioStateIs("up")
            .willReturn(aResponse().withStatus(204)));
        server.stubFor(post(urlEqualTo("/much-later")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
        var routes = start(settings(false, 3), destination("later", "/later"));
        DefaultCamelContext context = contexts.get(contexts.size() - 1);
        routes.publisher().publish(event(EventType.BOOK_CONVERTED, "Sent Before Exit"));

        OnceNotifications.awaitSent(context, Duration.ofSeconds(20));

        assertThat(routes.pending().size()).isZero();
        assertThat(store.deliveries().of("Sent Before Exit")).singleElement()
            .satisfies(row -> assertThat(row.outcome()).isEqualTo("sent"));

        try (LogCapture log = LogCapture.start()) {
            var slow = start(settings(false, 3), destination("much-later", "/much-later"));
            DefaultCamelContext slowContext = contexts.get(contexts.size() - 1);
            slow.publisher().publish(event(EventType.BOOK_CONVERTED, "Abandoned At Exit"));
            await().atMost(Duration.ofSeconds(10)).until(() -> server.countRequestsMatching(
                postRequestedFor(urlEqualTo("/much-later")).build()).getCount() == 1);

            long started = System.nanoTime();
            OnceNotifications.awaitSent(slowContext, Duration.ofMillis(500));
            slowContext.stop();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).as("a bounded wait, and a stop that ends the retry's wait").isLessThan(Duration.ofSeconds(5));
            assertThat(warningsAbout(log, "much-later")).singleElement().asString().contains("abandoned");
            assertThat(store.deliveries().of("Abandoned At Exit")).isEmpty();
        }
    }

    // --- helpers ---

    /** The routes and beans of one configuration. */
    record Routes(CamelEventPublisher publisher, NotificationCounters counters, PendingDeliveries pending) {
    }

    private Routes start(NotifySettings settings, Destination... destinations) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        contexts.add(context);
        context.getPropertiesComponent().addInitialProperty("notify.timeout-millis",
            String.valueOf(settings.timeout().toMillis()));
        context.getPropertiesComponent().addInitialProperty("notify.script-enabled", "false");
        for (String routes : List.of("routes/outbound.camel.yaml", "routes/notify.camel.yaml")) {
            PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveResource(context, "file:" + Path.of(routes).toAbsolutePath()));
        }
        var template = context.createProducerTemplate();
        NotifyWiring.bindDelivery(context, settings, Clock.systemUTC(), store, new CamelOutbound(template),
            Destinations.of(List.of(destinations)));
        // publish-event also hands every event to the extension points (none taken here)
        context.getRegistry().bind("pluginPoints",
            new org.automb.plugins.PluginPoints(context, store.deliveries(), Clock.systemUTC(), null));
        context.start();
        return new Routes(new CamelEventPublisher(template),
            context.getRegistry().lookupByNameAndType("notificationCounters", NotificationCounters.class),
            context.getRegistry().lookupByNameAndType("pendingDeliveries", PendingDeliveries.class));
    }

    /** Short waits: 0.2 s backoff, 3 s timeout. */
    static NotifySettings settings(boolean onRetry, int maxRetries) {
        return settings(onRetry, maxRetries, Duration.ofSeconds(3));
    }

    static NotifySettings settings(boolean onRetry, int maxRetries, Duration timeout) {
        return new NotifySettings(List.of(), onRetry, maxRetries, Duration.ofMillis(200), timeout, Map.of(),
            List.of(), "test-instance", "", "", Duration.ofSeconds(60), Optional.empty(), Optional.empty(),
            Optional.empty(), List.of());
    }

    private static PostingDestination destination(String label, String path) {
        return PostingDestination.to(label, server.baseUrl() + path, TOKEN);
    }

    static NotifyEvent event(EventType type, String book) {
        String verb = switch (type) {
            case BOOK_CONVERTED -> "Converted";
            case BOOK_FAILED -> "Failed";
            case BOOK_RETRY_SCHEDULED -> "Retry scheduled";
            default -> type.eventType();
        };
        return new NotifyEvent(UUID.randomUUID().toString(), type, Instant.now(), verb + ": " + book, book + " by nobody",
            book, null, null, null, null, null, null, 1);
    }

    /** Waits for exactly {@code count} settled deliveries of the book, oldest first. */
    private static List<DeliveryRecord> awaitRows(String key, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> store.deliveries().of(key).size() >= count);
        List<DeliveryRecord> rows = store.deliveries().of(key).stream()
            .sorted(Comparator.comparingLong(DeliveryRecord::id)).toList();
        assertThat(rows).hasSize(count);
        return rows;
    }

    private static List<String> warningsAbout(LogCapture log, String label) {
        return log.lines().stream().filter(line -> line.level() == Level.WARN && line.message().contains(label))
            .map(LogCapture.Line::message).toList();
    }
}
