package org.automb.plugins;

import java.util.List;
import org.apache.camel.model.ModelLifecycleStrategySupport;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.errorhandler.NoErrorHandlerDefinition;

/**
 * A user's route at an extension point gets no error handler of its own (unless its file names one): what it throws
 * goes back to {@link PluginPoints}, which logs it as one WARN line and records it on the job. With Camel's default
 * error handler the same failure was first logged as an ERROR with a stack trace of some sixty lines, even for a
 * plugin that refused a book on purpose.
 */
public final class PluginRouteErrors extends ModelLifecycleStrategySupport {

    /** The points a user's route takes over: {@code direct:<point>}, and every {@code direct:plugin-event-<event>}. */
    private static final List<String> POINTS = List.of(PluginPoints.BEFORE_CONVERT, PluginPoints.BEFORE_DELIVER,
        PluginPoints.AFTER_DELIVER, PluginPoints.INTAKE);

    @Override
    public void onAddRouteDefinition(RouteDefinition route) {
        if (route.getInput() != null && isExtensionPoint(route.getInput().getEndpointUri())
                && !route.isErrorHandlerFactorySet()) {
            route.setErrorHandlerFactoryIfNull(new NoErrorHandlerDefinition());
        }
    }

    /** {@code direct:plugin-before-convert}, {@code direct:plugin-event-converted}...; not the built-in routes. */
    static boolean isExtensionPoint(String uri) {
        if (uri == null || !uri.startsWith("direct:")) {
            return false;
        }
        String name = uri.substring("direct:".length()).split("\\?", 2)[0];
        return POINTS.contains(name) || name.startsWith(PluginPoints.EVENT_PREFIX);
    }
}
