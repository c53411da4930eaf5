package org.automb.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.automb.actions.JobActions;
import org.automb.config.Settings;
import org.automb.config.SettingsCatalog;
import org.automb.jobs.BookCancellations;
import org.automb.jobs.store.AuditEntry;
import org.automb.jobs.store.EventCause;
import org.automb.jobs.store.JobState;
import org.automb.jobs.store.JobStore;
import org.automb.status.JobIds;
import org.automb.status.StatusService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's MBeans over a real job store (SQLite in a temporary folder) and the real job actions: the
 * queue's counts, actions by key or id recorded with the actor "jmx", refusals as the java.lang exceptions a JMX
 * client shows, and pause/resume through whatever pause switch the service has (or a clear refusal without one).
 */
class JmxBeansTest {

    @TempDir
    Path config;

    private JobStore store;
    private JobsBean jobs;
    private QueueBean queue;
    private final List<String> pauses = new ArrayList<>();
    private Optional<PauseSwitch> pauseSwitch = Optional.empty();

    @BeforeEach
    void openStore() {
        Clock clock = Clock.systemUTC();
        store = JobStore.open(JobStore.defaultUrl(config), clock);
        Settings settings = Settings.parse(new SettingsCatalog(2).defaults());
        JobActions actions = new JobActions(store, new StatusService(store, settings, clock, "test"), settings, null,
            null, null, null, new BookCancellations(store), clock);
        jobs = new JobsBean(actions, store, () -> pauseSwitch);
        queue = new QueueBean(store);
        store.markWaiting("Settling Book", "h1");
        store.markWaiting("Author/Queued Book", "h2");
        store.claim("Author/Queued Book", "h2", EventCause.INTAKE);
        store.markWaiting("Running Book", "h3");
        store.claim("Running Book", "h3", EventCause.INTAKE);
        store.transition("Running Book", JobState.CONVERTING, EventCause.INTAKE, "started");
        store.markWaiting("Done Book", "h4");
        store.claim("Done Book", "h4", EventCause.INTAKE);
        store.markDone("Done Book", "/converted/Done Book/Done Book.m4b");
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void theQueueCountsEachStateAndNamesTheBooksInProgress() {
        assertThat(queue.getWaitingBooks()).isEqualTo(1);
        assertThat(queue.getPendingBooks()).isEqualTo(1);
        assertThat(queue.getRetriesScheduled()).isZero();
        assertThat(queue.getQueuedBooks()).isEqualTo(2);
        assertThat(queue.getBooksInProgressCount()).isEqualTo(1);
        assertThat(queue.getBooksInProgress()).containsExactly("Running Book");
        assertThat(queue.getJobCounts()).hasSize(JobState.values().length)
            .containsEntry("waiting", 1).containsEntry("pending", 1).containsEntry("converting", 1)
            .containsEntry("done", 1).containsEntry("failed", 0);
    }

    @Test
    void anActionTakesAKeyOrAnIdAndIsAuditedAsJmx() {
        assertThat(jobs.cancel("Settling Book")).isEqualTo("cancelled; its files stay where they are");
        assertThat(store.find("Settling Book").orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(jobs.cancel(JobIds.idOf("Author/Queued Book"))).startsWith("cancelled");

        List<AuditEntry> rows = store.audit().page(0, 10);
        assertThat(rows).extracting(AuditEntry::actor).containsOnly(JobsBean.ACTOR);
        assertThat(rows).extracting(AuditEntry::key).containsExactlyInAnyOrder("Settling Book", "Author/Queued Book");
        assertThat(rows).extracting(AuditEntry::result).containsOnly("accepted");
    }

    @Test
    void refusalsAreJavaLangExceptionsThatNameTheBook() {
        assertThatThrownBy(() -> jobs.cancel("Done Book")).isExactlyInstanceOf(IllegalStateException.class)
            .hasMessageContaining("book 'Done Book' is done");
        assertThat(store.audit().page(0, 10)).singleElement()
            .satisfies(row -> assertThat(row.result()).startsWith("conflict: "))
            .satisfies(row -> assertThat(row.actor()).isEqualTo("jmx"));
        assertThatThrownBy(() -> jobs.retry("No Such Book")).isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("no job has the id 'No Such Book'");
        assertThatThrownBy(() -> jobs.reprocess(" ")).isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("name the job");
    }

    @Test
    void pauseAndResumeGoToThePauseSwitchWhenThereIsOne() {
        assertThat(jobs.isPaused()).isFalse();
        assertThatThrownBy(jobs::pause).isExactlyInstanceOf(IllegalStateException.class)
            .hasMessageContaining("conversionPause");

        boolean[] paused = new boolean[1];
        pauseSwitch = Optional.of(new PauseSwitch() {
            @Override
            public void pause(String actor) {
                pauses.add("pause by " + actor);
                paused[0] = true;
            }

            @Override
            public void resume(String actor) {
                pauses.add("resume by " + actor);
                paused[0] = false;
            }

            @Override
            public boolean paused() {
                return paused[0];
            }
        });
        jobs.pause();
        assertThat(jobs.isPaused()).isTrue();
        jobs.resume();
        assertThat(jobs.isPaused()).isFalse();
        assertThat(pauses).containsExactly("pause by jmx", "resume by jmx");
    }

    @Test
    void theBeansAreCompliantMxBeans() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName queueName = new ObjectName("org.automb.test:type=Queue");
        ObjectName jobsName = new ObjectName("org.automb.test:type=Jobs");
        server.registerMBean(queue, queueName);
        server.registerMBean(jobs, jobsName);
        try {
            assertThat(server.getAttribute(queueName, "QueuedBooks")).isEqualTo(2);
            assertThat(server.getAttribute(queueName, "BooksInProgress")).isEqualTo(new String[] {"Running Book"});
            assertThat(JMX.newMXBeanProxy(server, queueName, QueueMXBean.class).getJobCounts())
                .containsEntry("done", 1);
            Object answer = server.invoke(jobsName, "cancel", new Object[] {"Settling Book"},
                new String[] {String.class.getName()});
            assertThat(answer).isEqualTo("cancelled; its files stay where they are");
        } finally {
            server.unregisterMBean(queueName);
            server.unregisterMBean(jobsName);
        }
    }
}
