package org.automb.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.automb.jobs.store.JobStore;
import org.automb.jobs.store.ServiceRun;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The stages as the running service last reported them in its heartbeat, for a process without Camel
 * ({@code --status}): every stage {@code stopped} once the service stopped, {@code unknown} when it never ran or
 * its heartbeat is too old (it died without stopping).
 */
public final class StoredStages implements Supplier<List<StatusDocument.Stage>> {

    /** The stages, in the order shown. */
    public static final List<String> NAMES = List.of("intake", "conversion", "tagging", "api");
    public static final String UNKNOWN = "unknown";
    public static final String STOPPED = "stopped";

    private final JobStore store;
    private final Clock clock;
    private final ObjectMapper json = StatusJson.mapper();

    public StoredStages(JobStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    StoredStages(JobStore store) {
        this(store, Clock.systemUTC());
    }

    @Override
    public List<StatusDocument.Stage> get() {
        Optional<ServiceRun> latest = store.serviceRuns().latest();
        if (latest.isPresent() && latest.get().stoppedAt() != null) {
            return every(STOPPED);
        }
        if (latest.isEmpty() || latest.get().stagesJson() == null
                || !StatusService.isRunning(latest.get(), clock.instant())) {
            return unknown();
        }
        try {
            return List.copyOf(json.readValue(latest.get().stagesJson(), new TypeReference<List<StatusDocument.Stage>>() {
            }));
        } catch (JsonProcessingException e) {
            return unknown();
        }
    }

    /** Every stage {@code unknown}. */
    public static List<StatusDocument.Stage> unknown() {
        return every(UNKNOWN);
    }

    private static List<StatusDocument.Stage> every(String state) {
        return NAMES.stream().map(name -> new StatusDocument.Stage(name, state)).toList();
    }
}
