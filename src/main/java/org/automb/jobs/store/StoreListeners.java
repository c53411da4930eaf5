package org.automb.jobs.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The listeners of one store; a listener that throws never breaks the change that was made. */
final class StoreListeners {

    private static final Logger LOG = LoggerFactory.getLogger(StoreListeners.class);

    private final List<JobStoreListener> listeners = new CopyOnWriteArrayList<>();

    AutoCloseable add(JobStoreListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void jobsChanged(List<Job> jobs) {
        for (Job job : jobs) {
            tell(l -> l.jobChanged(job));
        }
    }

    void progressChanged(JobProgress progress) {
        tell(l -> l.progressChanged(progress));
    }

    void progressCleared(String key) {
        tell(l -> l.progressCleared(key));
    }

    private void tell(Consumer<JobStoreListener> call) {
        for (JobStoreListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("A job store listener failed: {}", e.toString());
            }
        }
    }
}
