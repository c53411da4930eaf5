package org.automb.app;

import java.time.Clock;
import org.apache.camel.CamelContext;
import org.automb.actions.ConversionPause;
import org.automb.actions.PipelineRequests;
import org.automb.config.ConvertWindow;
import org.automb.config.Settings;
import org.automb.jobs.ConversionGate;
import org.automb.jobs.store.JobStore;

/**
 * When books may start (docs/workflows.md, "Quiet hours and pause"): the gate the inbox scan asks (bean
 * {@code conversionGate}), the users' pause (bean {@code conversionPause}) and the properties of the convert-window
 * route ({@code convert.window-routes}, {@code convert.window-start}).
 */
record ScheduleWiring(ConversionGate gate, ConversionPause pause) {

    /** Set to false by --once without --respect-schedule: neither the window nor a pause holds books back. */
    static final String GATE_APPLIES = "convert.gate-applies";

    static ScheduleWiring bind(CamelContext context, Settings settings, Clock clock, JobStore store) {
        boolean applies = context.getPropertiesComponent().resolveProperty(GATE_APPLIES).map(Boolean::parseBoolean)
            .orElse(true);
        // checked by Settings already: a bad window refused the start before this
        var window = ConvertWindow.parse(settings.operations().convertSchedule(), clock.getZone());
        ConversionGate gate = new ConversionGate(window, store, clock, applies);
        context.getRegistry().bind("conversionGate", gate);
        // the window's opening passes over the inbox at once (Quartz, route convert-window-opens); a cron in a URI has
        // '+' for spaces. Without a window the route does not start, and its cron is never used.
        // Quartz refuses to start a trigger that never fires again (a start cron pinned to a past year)
        boolean opensAgain = window.flatMap(w -> w.nextOpening(clock.instant())).isPresent();
        context.getPropertiesComponent().addInitialProperty("convert.window-routes", String.valueOf(applies && opensAgain));
        context.getPropertiesComponent().addInitialProperty("convert.window-start",
            window.map(ConvertWindow::start).orElse("0 0 0 1 1 ? 2099").replace(' ', '+'));
        PipelineRequests pipeline = new PipelineRequests(context.createProducerTemplate(), null);
        ConversionPause pause = new ConversionPause(store, clock, pipeline::passOverInbox);
        context.getRegistry().bind("conversionPause", pause);
        return new ScheduleWiring(gate, pause);
    }
}
