package org.automb.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.automb.notify.EventType;
import org.automb.notify.NotifyEvent;
import org.automb.notify.PublishedEvents;
import org.automb.testing.PipelineTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TAG_MODE=async through the real service (WireMock as Audible): the book is announced converted with its sources'
 * tags as it is delivered, then tagged, with the match, once the tag queue has tagged it in place.
 */
class TaggedEventsPipelineTest extends PipelineTestSupport {

    private static final WireMockServer AUDIBLE = new WireMockServer(
        com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort());

    private final PublishedEvents published = new PublishedEvents();

    @BeforeAll
    static void startAudible() {
        AUDIBLE.start();
    }

    @AfterAll
    static void stopAudible() {
        AUDIBLE.stop();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("AUDIBLE_ENABLED", "Y", "AUDIBLE_API_URL", AUDIBLE.baseUrl(), "AUDNEXUS_URL", AUDIBLE.baseUrl(),
            "TAG_MODE", "async", "camel.main.routes-exclude-pattern", PublishedEvents.EXCLUDE_NOTIFY_ROUTES);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return published;
    }

    @Test
    void aBookTaggedAfterDeliveryIsConvertedThenTagged() throws Exception {
        AUDIBLE.resetAll();
        TagStageTest.serveHailMary(AUDIBLE, root());
        NotifyBuilder done = booksDone(1);
        String key = "Project Hail Mary [" + TagStageTest.HAIL_MARY + "]";
        drop(key, folder -> AUDIO.mp3(folder.resolve("01.mp3"), 1.0, tags("album", "PHM", "artist", "A. Weir")));
        awaitBooks(done);
        Path output = converted().resolve(key + "/" + key + ".m4b");

        NotifyEvent tagged = published.await(key, EventType.BOOK_TAGGED);
        NotifyEvent converted = published.of(key).stream().filter(e -> e.type() == EventType.BOOK_CONVERTED)
            .findFirst().orElseThrow();
        assertThat(converted.book().title()).as("its sources' tags").isEqualTo("PHM");
        assertThat(converted.book().authors()).containsExactly("A. Weir");
        assertThat(tagged.title()).isEqualTo("Tagged: Project Hail Mary");
        assertThat(tagged.book().asin()).isEqualTo(TagStageTest.HAIL_MARY);
        assertThat(tagged.book().authors()).containsExactly("Andy Weir");
        assertThat(tagged.file().path()).isEqualTo(output.toString());
        assertThat(tagged.file().sizeBytes()).isEqualTo(java.nio.file.Files.size(output));
        assertThat(tagged.source().files()).containsExactly("01.mp3");
        assertThat(published.typesOf(key)).containsExactly(EventType.BOOK_STARTED, EventType.BOOK_CONVERTED,
            EventType.BOOK_TAGGED);
        // counted tagged once the tag queue tagged it (docs/monitoring.md, automb_books_total{outcome="tagged"})
        assertThat(ledger().store().tagResults().booksByState(java.time.Instant.EPOCH)).containsEntry("tagged", 1);
    }
}
