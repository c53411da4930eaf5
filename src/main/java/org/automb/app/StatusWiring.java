package org.automb.app;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.automb.audio.ProgressSink;
import org.automb.config.Settings;
import org.automb.jobs.BookLogTails;
import org.automb.jobs.store.JobProgress;
import org.automb.jobs.store.JobStore;
import org.automb.jobs.store.ServiceRun;
import org.automb.status.LiveEvents;
import org.automb.status.StatusDocument;
import org.automb.status.StatusJson;
import org.automb.status.StatusService;
import org.automb.status.StoredStages;
import org.automb.steps.BookRunRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard, the API and {@code --status} read: each book's runs and log tail ({@link BookRunRecorder},
 * bean {@code bookRunRecorder}), its progress in the job store ({@link #progressSink()}), the status service and its
 * live events (beans {@code statusService}, {@code liveEvents}), and the service's own run in the store: started when
 * Camel has started, a heartbeat with the stages every {@value #HEARTBEAT_SECONDS} s, stopped when Camel stops.
 */
record StatusWiring(BookLogTails logTails, BookRunRecorder recorder, JobStore store, Clock clock) {

    /** A heartbeat older than {@link StatusService#ALIVE} (90 s) means the service is gone: nine beats missed. */
    static final int HEARTBEAT_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(StatusWiring.class);

    /** The parts the book's steps need, made before them (bean {@code bookRunRecorder}). */
    static StatusWiring prepare(CamelContext context, JobStore store, Clock clock) {
        BookLogTails logTails = new BookLogTails();
        BookRunRecorder recorder = new BookRunRecorder(store, logTails, clock);
        context.getRegistry().bind("bookRunRecorder", recorder);
        context.getRegistry().bind("bookLogTails", logTails);
        return new StatusWiring(logTails, recorder, store, clock);
    }

    /** Running books' progress, put into the job store at every tick and cleared when their pass ends. */
    ProgressSink progressSink() {
        return new ProgressSink() {
            @Override
            public void progress(String bookKey, String stage, double percent, Double speed, Double secondsLeft) {
                Instant now = clock.instant();
                Instant eta = secondsLeft == null ? null : now.plusMillis(Math.round(secondsLeft * 1000));
                store.notes().putProgress(new JobProgress(bookKey, stage, percent, speed, eta, now));
            }

            @Override
            public void ended(String bookKey) {
                store.notes().clearProgress(bookKey);
            }
        };
    }

    /** Binds {@code statusService} and {@code liveEvents}, and records the service's run while Camel runs. */
    void bind(CamelContext context, Object owner, Settings settings) {
        StatusService status = new StatusService(store, settings, clock, version(), new CamelStages(context), logTails);
        LiveEvents liveEvents = new LiveEvents(status);
        AutoCloseable listening = store.listen(liveEvents);
        context.getRegistry().bind("statusService", status);
        context.getRegistry().bind("liveEvents", liveEvents);
        ScheduledExecutorService heartbeat = context.getExecutorServiceManager()
            .newSingleThreadScheduledExecutor(owner, "status-heartbeat");
        context.getManagementStrategy().addEventNotifier(new ServiceRunRecorder(heartbeat, new CamelStages(context),
            () -> {
                closeQuietly(listening);
                liveEvents.close();
            }));
    }

    /** The program's version ("0.1.0"). */
    static String version() {
        return AutoM4bCommand.VERSION;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("could not close {}: {}", closeable, e.toString());
        }
    }

    /**
     * The pipeline's stages from Camel's routes: intake (scan-inbox, watch-inbox), conversion (process-book), tagging
     * (tag-delivered-book), api (routes whose id starts with {@code api-}); a stage without routes is unknown.
     */
    static final class CamelStages implements Supplier<List<StatusDocument.Stage>> {
        private final CamelContext context;

        CamelStages(CamelContext context) {
            this.context = context;
        }

        @Override
        public List<StatusDocument.Stage> get() {
            List<StatusDocument.Stage> stages = new ArrayList<>();
            stages.add(stage("intake", statusOf(List.of("scan-inbox", "watch-inbox"))));
            stages.add(stage("conversion", statusOf(List.of("process-book"))));
            stages.add(stage("tagging", statusOf(List.of("tag-delivered-book"))));
            List<String> api = context.getRoutes().stream().map(Route::getRouteId).filter(id -> id.startsWith("api-"))
                .toList();
            stages.add(stage("api", statusOf(api)));
            return stages;
        }

        private List<ServiceStatus> statusOf(List<String> routeIds) {
            List<ServiceStatus> statuses = new ArrayList<>();
            for (String id : routeIds) {
                ServiceStatus status = context.getRouteController().getRouteStatus(id);
                if (status != null) {
                    statuses.add(status);
                }
            }
            return statuses;
        }

        /** Started when any of its routes is, else suspended when any is, else stopped; unknown without routes. */
        private static StatusDocument.Stage stage(String name, List<ServiceStatus> statuses) {
            String state;
            if (statuses.isEmpty()) {
                state = StoredStages.UNKNOWN;
            } else if (statuses.stream().anyMatch(ServiceStatus::isStarted)) {
                state = "started";
            } else if (statuses.stream().anyMatch(ServiceStatus::isSuspended)) {
                state = "suspended";
            } else {
                state = "stopped";
            }
            return new StatusDocument.Stage(name, state);
        }
    }

    /** The service's run in the store and the log tails' appender, from Camel's start to its stop. */
    private final class ServiceRunRecorder extends SimpleEventNotifierSupport {
        private final ScheduledExecutorService heartbeat;
        private final CamelStages stages;
        private final Runnable onStopped;
        private final com.fasterxml.jackson.databind.ObjectMapper json = StatusJson.mapper();
        private volatile ServiceRun run;
        private volatile AutoCloseable appender;

        ServiceRunRecorder(ScheduledExecutorService heartbeat, CamelStages stages, Runnable onStopped) {
            this.heartbeat = heartbeat;
            this.stages = stages;
            this.onStopped = onStopped;
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.CamelContextStartingEvent
                || event instanceof CamelEvent.CamelContextStartedEvent
                || event instanceof CamelEvent.CamelContextStoppingEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.CamelContextStartingEvent) {
                // before the routes start, so the first book's lines are kept
                appender = BookLogAppender.attach(logTails);
            } else if (event instanceof CamelEvent.CamelContextStartedEvent) {
                started();
            } else {
                stopping();
            }
        }

        private void started() {
            try {
                run = store.serviceRuns().started(clock.instant(), version());
                beat();
                heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                LOG.warn("The service's start was not recorded in the job store: {}", e.getMessage());
            }
        }

        private void beat() {
            ServiceRun current = run;
            if (current == null) {
                return;
            }
            try {
                store.serviceRuns().heartbeat(current.id(), clock.instant(), json.writeValueAsString(stages.get()));
            } catch (Exception e) {
                // a scheduled task that throws is never run again: one missed beat must not end them all
                LOG.warn("The service's heartbeat was not recorded in the job store: {}", e.getMessage());
            }
        }

        private void stopping() {
            heartbeat.shutdownNow();
            ServiceRun current = run;
            if (current != null) {
                try {
                    store.serviceRuns().stopped(current.id(), clock.instant());
                } catch (RuntimeException e) {
                    LOG.warn("The service's stop was not recorded in the job store: {}", e.getMessage());
                }
            }
            if (appender != null) {
                closeQuietly(appender);
            }
            onStopped.run();
        }
    }
}
