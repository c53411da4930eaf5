package org.automb.app.health;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.automb.notify.EventPublisher;
import org.automb.notify.EventType;
import org.automb.notify.NotifyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces what keeps the service from working (bean {@code healthWatch}, route {@code watch-health}): disk space
 * low, a folder not usable, the job store not answering, as its {@link ReadinessCheck}s find them. One
 * {@link EventType#HEALTH_ISSUE} event when an issue appears (the issues that appear in the same look share one
 * event), none while it persists, none when it clears (logged), one again when it comes back. What was announced is
 * kept in memory only: after a restart a persisting issue is announced once more.
 */
public final class HealthWatch {

    private static final Logger LOG = LoggerFactory.getLogger(HealthWatch.class);

    private final List<ReadinessCheck> checks;
    private final EventPublisher publisher;
    private final Clock clock;
    /** Check name → the problem announced, while it persists. */
    private final Map<String, String> announced = new HashMap<>();

    public HealthWatch(List<? extends ReadinessCheck> checks, EventPublisher publisher, Clock clock) {
        this.checks = List.copyOf(checks);
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The checks worth a notification: folders, free space, the job store (the encoder is settled at start). */
    public static List<ReadinessCheck> watched(List<? extends ReadinessCheck> checks) {
        return checks.stream().filter(check -> check instanceof FolderCheck || check instanceof FreeSpaceCheck
            || check instanceof JobStoreCheck).map(ReadinessCheck.class::cast).toList();
    }

    /**
     * Runs every check once and publishes one event for the issues that appeared since the last look.
     *
     * @return the event published, or empty when nothing new appeared
     */
    public synchronized Optional<NotifyEvent> look() {
        List<String> titles = new ArrayList<>();
        List<String> paragraphs = new ArrayList<>();
        for (ReadinessCheck check : checks) {
            Optional<String> problem = check.currentProblem();
            String name = check.getId();
            if (problem.isEmpty()) {
                String cleared = announced.remove(name);
                if (cleared != null) {
                    LOG.info("Health issue cleared: {} is up again (was: {})", name, cleared);
                }
            } else if (!announced.containsKey(name)) {
                announced.put(name, problem.get());
                String title = check.issueTitle();
                LOG.warn("Health issue: {}: {}", title, problem.get());
                titles.add(title);
                paragraphs.add(title + ": " + problem.get() + ".\n" + check.remedy());
            }
        }
        if (titles.isEmpty()) {
            return Optional.empty();
        }
        NotifyEvent event = new NotifyEvent(UUID.randomUUID().toString(), EventType.HEALTH_ISSUE, clock.instant(),
            String.join("; ", titles), String.join("\n\n", paragraphs), null, null, null, null, null, null, null, 0);
        try {
            publisher.publish(event);
        } catch (RuntimeException e) {
            // not announced again: the next look would fail the same way, once a minute; the log has it
            LOG.warn("Cannot hand the health issue '{}' to the notification routes: {}", event.title(), e.toString());
        }
        return Optional.of(event);
    }
}
