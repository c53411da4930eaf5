package org.automb.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watch that cannot start leaves the service running (it scans every SLEEP_TIME); one that can is started. */
class InboxWatchStartupTest {

    @TempDir
    Path root;

    @Test
    void aWatchThatCannotStartDoesNotStopTheService() throws Exception {
        Path notAFolder = Files.writeString(root.resolve("inbox"), "a file where the inbox should be");

        try (CamelContext context = contextWatching(notAFolder)) {
            context.start();

            assertThat(context.getStatus()).isEqualTo(ServiceStatus.Started);
            assertThat(context.getRouteController().getRouteStatus(InboxWatchStartup.ROUTE_ID))
                .isNotEqualTo(ServiceStatus.Started);
            assertThat(context.getRouteController().getRouteStatus("scan")).isEqualTo(ServiceStatus.Started);
        }
    }

    @Test
    void aWatchableInboxIsWatched() throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));

        try (CamelContext context = contextWatching(inbox)) {
            context.start();

            assertThat(context.getRouteController().getRouteStatus(InboxWatchStartup.ROUTE_ID))
                .isEqualTo(ServiceStatus.Started);
        }
    }

    private static CamelContext contextWatching(Path inbox) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addStartupListener(new InboxWatchStartup(inbox, true));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file-watch:" + inbox + "?autoCreate=false&useFileHashing=false").routeId(InboxWatchStartup.ROUTE_ID)
                    .autoStartup(false).to("log:events");
                from("timer:scan?period=60000").routeId("scan").to("log:scan");
            }
        });
        return context;
    }
}
