package org.automb.notify;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The real outbound routes (routes/outbound.camel.yaml: camel-http, camel-mail) in a Camel context of their own,
 * for tests of single destinations against local stand-ins of the services (WireMock, GreenMail).
 */
public final class OutboundHarness implements AutoCloseable {

    private final DefaultCamelContext context;
    private final Outbound outbound;

    private OutboundHarness(DefaultCamelContext context) {
        this.context = context;
        this.outbound = new CamelOutbound(context.createProducerTemplate());
    }

    /** Starts the routes with {@code timeout} as NOTIFY_TIMEOUT. */
    public static OutboundHarness start(Duration timeout) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("notify.timeout-millis", String.valueOf(timeout.toMillis()));
        PluginHelper.getRoutesLoader(context).loadRoutes(
            ResourceHelper.resolveResource(context, "file:" + Path.of("routes/outbound.camel.yaml").toAbsolutePath()));
        context.start();
        return new OutboundHarness(context);
    }

    public Outbound outbound() {
        return outbound;
    }

    public DefaultCamelContext context() {
        return context;
    }

    @Override
    public void close() {
        context.stop();
    }
}
