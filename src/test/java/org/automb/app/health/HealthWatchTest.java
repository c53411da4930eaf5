package org.automb.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.automb.config.FolderRules;
import org.automb.jobs.store.JobStore;
import org.automb.notify.EventPublisher;
import org.automb.notify.EventType;
import org.automb.notify.NotifyEvent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health watch: one HealthIssue when an issue appears, none while it persists or when it clears, one again when
 * it comes back; the real checks on real folders, and through the real route watch-health.
 */
class HealthWatchTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    private final List<NotifyEvent> published = new CopyOnWriteArrayList<>();
    private final EventPublisher collect = published::add;

    /** A check whose problem the test sets. */
    static final class Switch extends ReadinessCheck {
        private volatile String problem;

        Switch(String name) {
            super(name, 0);
        }

        void set(String problem) {
            this.problem = problem;
        }

        @Override
        protected Optional<String> problem() {
            return Optional.ofNullable(problem);
        }

        @Override
        protected String issueTitle() {
            return "Trouble with " + getId();
        }

        @Override
        protected String remedy() {
            return "Fix " + getId() + ".";
        }
    }

    @Test
    void anIssueIsAnnouncedOnceWhenItAppearsAndAgainOnlyAfterItClearedAndCameBack() {
        Switch disk = new Switch("free-space");
        HealthWatch watch = new HealthWatch(List.of(disk), collect, CLOCK);

        assertThat(watch.look()).as("all up").isEmpty();
        disk.set("WORKING_FOLDER=/w has 3 MB free, MIN_FREE_SPACE_MB=512");
        assertThat(watch.look()).as("appears").isPresent();
        assertThat(published).hasSize(1);
        disk.set("WORKING_FOLDER=/w has 2 MB free, MIN_FREE_SPACE_MB=512");
        assertThat(watch.look()).as("persists, its detail changing").isEmpty();
        assertThat(watch.look()).as("still persists").isEmpty();
        disk.set(null);
        assertThat(watch.look()).as("clears").isEmpty();
        assertThat(published).hasSize(1);
        disk.set("WORKING_FOLDER=/w has 1 MB free, MIN_FREE_SPACE_MB=512");
        assertThat(watch.look()).as("returns").isPresent();
        assertThat(published).hasSize(2);

        NotifyEvent event = published.get(1);
        assertThat(event.type()).isEqualTo(EventType.HEALTH_ISSUE);
        assertThat(event.at()).isEqualTo(CLOCK.instant());
        assertThat(event.id()).isNotBlank().isNotEqualTo(published.get(0).id());
        assertThat(event.title()).isEqualTo("Trouble with free-space");
        assertThat(event.message()).isEqualTo(
            "Trouble with free-space: WORKING_FOLDER=/w has 1 MB free, MIN_FREE_SPACE_MB=512.\nFix free-space.");
        assertThat(event.key()).isNull();
        assertThat(event.book()).isNull();
        assertThat(event.file()).isNull();
        assertThat(event.source()).isNull();
        assertThat(event.attempt()).isZero();
    }

    @Test
    void issuesAppearingInTheSameLookShareOneEventAndEachIsTrackedAlone() {
        Switch inbox = new Switch("folder-inbox");
        Switch store = new Switch("job-store");
        HealthWatch watch = new HealthWatch(List.of(inbox, store), collect, CLOCK);

        inbox.set("INBOX_FOLDER=/in does not exist");
        store.set("the job database does not answer: locked");
        watch.look();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).title()).isEqualTo("Trouble with folder-inbox; Trouble with job-store");
        assertThat(published.get(0).message()).contains("INBOX_FOLDER=/in does not exist").contains("\n\n")
            .contains("locked");

        store.set(null);
        watch.look();
        store.set("the job database does not answer: gone");
        watch.look();
        assertThat(published).as("only the one that came back").hasSize(2);
        assertThat(published.get(1).title()).isEqualTo("Trouble with job-store");
    }

    @Test
    void aPublisherThatThrowsNeitherStopsTheWatchNorRepeatsTheIssue() {
        Switch disk = new Switch("free-space");
        int[] tries = {0};
        HealthWatch watch = new HealthWatch(List.of(disk), event -> {
            tries[0]++;
            throw new IllegalStateException("no consumer on direct:publish-event");
        }, CLOCK);

        disk.set("low");
        assertThat(watch.look()).isPresent();
        assertThat(watch.look()).isEmpty();
        assertThat(tries[0]).isEqualTo(1);
    }

    @Test
    void onlyFoldersFreeSpaceAndTheJobStoreAreWatched() {
        FolderCheck folder = new FolderCheck(new FolderRules.Folder("INBOX_FOLDER", root, true), 0);
        FreeSpaceCheck space = new FreeSpaceCheck(Map.of("WORKING_FOLDER", root), 1, 1);
        EncoderCheck encoder = new EncoderCheck(true, true, List.of(), 2);

        assertThat(HealthWatch.watched(List.of(folder, space, encoder))).containsExactly(folder, space);
    }

    @Test
    void theRealChecksThroughTheRouteAnnounceAMissingFolderOnceAndAgainAfterItWasBack() throws Exception {
        Path converted = Files.createDirectories(root.resolve("converted"));
        try (JobStore store = JobStore.open(JobStore.defaultUrl(root), Clock.systemUTC())) {
            List<ReadinessCheck> checks = HealthWatch.watched(List.of(
                new FolderCheck(new FolderRules.Folder("CONVERTED_FOLDER", converted, true), 0),
                new FreeSpaceCheck(Map.of("WORKING_FOLDER", root), 1, 1),
                new EncoderCheck(false, false, List.of(), 2),
                new JobStoreCheck(store, 3)));
            DefaultCamelContext context = new DefaultCamelContext();
            context.getPropertiesComponent().addInitialProperty("health-watch.delay", "0");
            context.getPropertiesComponent().addInitialProperty("health-watch.period", "50");
            context.getRegistry().bind("healthWatch", new HealthWatch(checks, collect, Clock.systemUTC()));
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context,
                "file:" + Path.of("routes/health-watch.camel.yaml").toAbsolutePath()));
            context.start();
            try {
                awaitLooks(context, 2);
                assertThat(published).as("all is well (the encoder check, down here, is not watched)").isEmpty();

                Files.delete(converted);
                awaitLooks(context, 3);
                assertThat(published).hasSize(1);
                NotifyEvent event = published.get(0);
                assertThat(event.type()).isEqualTo(EventType.HEALTH_ISSUE);
                assertThat(event.title()).isEqualTo("CONVERTED_FOLDER does not exist");
                assertThat(event.message()).contains("CONVERTED_FOLDER=" + converted + " does not exist")
                    .contains("point CONVERTED_FOLDER at a folder");

                Files.createDirectories(converted);
                awaitLooks(context, 3);
                assertThat(published).as("cleared: nothing announced").hasSize(1);

                Files.delete(converted);
                awaitLooks(context, 2);
                assertThat(published).as("came back: announced again").hasSize(2);
            } finally {
                context.stop();
            }
        }
    }

    @Test
    void aFolderMadeUnwritableIsAnnouncedNamingTheSettingAndTheFolder() throws IOException {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root may write any folder");
        Path converted = Files.createDirectories(root.resolve("converted"));
        HealthWatch watch = new HealthWatch(List.of(
            new FolderCheck(new FolderRules.Folder("CONVERTED_FOLDER", converted, true), 0)), collect, CLOCK);
        converted.toFile().setWritable(false, false);
        try {
            watch.look();
            watch.look();
        } finally {
            converted.toFile().setWritable(true, false);
        }
        assertThat(published).hasSize(1);
        assertThat(published.get(0).title()).isEqualTo("CONVERTED_FOLDER is not writable");
        assertThat(published.get(0).message()).contains("CONVERTED_FOLDER=" + converted + " is not writable");
    }

    private static void awaitLooks(DefaultCamelContext context, int looks) {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("watch-health").whenDone(looks).create();
        assertThat(done.matches(10, TimeUnit.SECONDS)).as("%d looks of watch-health", looks).isTrue();
    }

    @Test
    void freeSpaceJudgedLowByAHugeMinimumIsAnnouncedWithTheFolderAndWhatToDo() throws IOException {
        Path working = Files.createDirectories(root.resolve("working"));
        HealthWatch watch = new HealthWatch(List.of(new FreeSpaceCheck(Map.of("WORKING_FOLDER", working), 10_000_000, 0)),
            collect, CLOCK);

        watch.look();
        watch.look();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).title()).isEqualTo("Disk space low");
        assertThat(published.get(0).message()).contains("WORKING_FOLDER=" + working + " has ")
            .contains("MB free, MIN_FREE_SPACE_MB=10000000").contains("Free some space");
    }
}
