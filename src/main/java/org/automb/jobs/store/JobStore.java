package org.automb.jobs.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every book the intake has seen, as a job in a database that survives restarts: an embedded SQLite file
 * ({@code CONFIG_FOLDER/auto-m4b.db}, WAL mode) by default, or PostgreSQL when the JDBC URL says so. The schema
 * comes from the Flyway migrations under {@code db/migration}.
 *
 * <p>Thread-safe: all threads share one connection, one call at a time, and every change is one transaction that
 * also records a {@link JobEvent}. {@link #claim} is atomic, so no two workers ever take the same book.
 */
public final class JobStore implements AutoCloseable {

    /** Name of the SQLite file in the config folder. */
    public static final String DATABASE_FILE = "auto-m4b.db";

    private final Database database;
    private final JobTable table = new JobTable();
    private final Clock clock;
    private final MetadataCacheTable metadataCache;
    private final BookRunTable runs;
    private final AuditTable audit;
    private final DeliveryTable deliveries;
    private final ServiceRunTable serviceRuns;
    private final JobNotesTable notes;
    private final PauseTable pause;
    private final TagResultTable tagResults;
    private final StoreListeners listeners = new StoreListeners();
    /** The jobs changed by the write running on this thread, told to the listeners once it is committed. */
    private final ThreadLocal<List<Job>> changedInWrite = new ThreadLocal<>();

    JobStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.metadataCache = new MetadataCacheTable(database);
        this.runs = new BookRunTable(database);
        this.audit = new AuditTable(database);
        this.deliveries = new DeliveryTable(database);
        this.serviceRuns = new ServiceRunTable(database);
        this.notes = new JobNotesTable(database, listeners);
        this.pause = new PauseTable(database);
        this.tagResults = new TagResultTable(database);
    }

    /**
     * Opens the database at {@code jdbcUrl} (creating the SQLite file and its folder if need be) and applies any
     * pending migrations. Credentials for a server database go in the URL.
     *
     * @param clock the time source for all timestamps and for deciding which retries are due
     * @throws JobStoreException if the database cannot be reached or migrated
     */
    public static JobStore open(String jdbcUrl, Clock clock) {
        Dialect dialect = Dialect.of(jdbcUrl);
        Path file = Dialect.sqliteFile(jdbcUrl);
        dialect.prepare(jdbcUrl);
        try {
            new Migrations(dialect).apply(jdbcUrl);
        } catch (JobStoreException e) {
            throw file == null ? e : SqliteFiles.corruption(file, e).map(JobStoreException.class::cast).orElse(e);
        }
        Connection connection;
        try {
            connection = dialect.connect(jdbcUrl);
        } catch (SQLException e) {
            String where = Dialect.withoutParameters(jdbcUrl);
            JobStoreException failure = new JobStoreException("cannot open the job database at " + where, e);
            throw file == null ? failure : SqliteFiles.corruption(file, failure).map(JobStoreException.class::cast).orElse(failure);
        }
        if (file != null) {
            checkPages(file, connection);
        }
        return new JobStore(new Database(connection), clock);
    }

    /**
     * SQLite's quick check of every page, so a file damaged past its header is found now, where it can be set aside,
     * rather than by a scan hours later; it takes milliseconds for a store of thousands of books.
     */
    private static void checkPages(Path file, Connection connection) {
        try {
            Optional<String> damage = SqliteFiles.damage(connection);
            if (damage.isPresent()) {
                closeQuietly(connection);
                throw new CorruptStoreException(file, damage.get(), null);
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            JobStoreException failure = new JobStoreException("cannot check the job database " + file, e);
            throw SqliteFiles.corruption(file, failure).map(JobStoreException.class::cast).orElse(failure);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the connection is given up anyway
        }
    }

    /**
     * Renames a damaged SQLite database and its {@code -wal}/{@code -shm} files to
     * {@code <name>-damaged-<yyyyMMdd-HHmmss>.db*} beside it, so a fresh store can be opened at {@code jdbcUrl}.
     *
     * @return the new names of the files moved, the database first
     * @throws IllegalArgumentException for a URL that names no SQLite file (a server database is never set aside)
     */
    public static List<Path> setAside(String jdbcUrl, Instant at) throws java.io.IOException {
        Path file = Dialect.sqliteFile(jdbcUrl);
        if (file == null) {
            throw new IllegalArgumentException("only an SQLite file can be set aside, not " + Dialect.withoutParameters(jdbcUrl));
        }
        return SqliteFiles.setAside(file, at);
    }

    /**
     * What the start will find at {@code jdbcUrl}, learnt without creating or changing anything (for
     * {@code --validate}): an SQLite file is read, a server database is connected to and let go.
     */
    public static StoreInspection inspect(String jdbcUrl) {
        Path file = Dialect.sqliteFile(jdbcUrl);
        if (file != null) {
            return SqliteFiles.inspect(file);
        }
        String where = Dialect.withoutParameters(jdbcUrl);
        if (Dialect.of(jdbcUrl) == Dialect.SQLITE) {
            return new StoreInspection(StoreInspection.Condition.READY, where, "");
        }
        try (Connection connection = Dialect.STANDARD.connect(jdbcUrl)) {
            return new StoreInspection(StoreInspection.Condition.READY, where, "");
        } catch (SQLException e) {
            return new StoreInspection(StoreInspection.Condition.UNREACHABLE, where, e.getMessage());
        }
    }

    /** The default database: the SQLite file {@value #DATABASE_FILE} in {@code configFolder}. */
    public static String defaultUrl(Path configFolder) {
        return "jdbc:sqlite:" + configFolder.resolve(DATABASE_FILE);
    }

    /** The cache of metadata responses kept in this store, on its connection. */
    public MetadataCacheTable metadataCache() {
        return metadataCache;
    }

    /** Every finished run of every book (statistics, history). */
    public BookRunTable runs() {
        return runs;
    }

    /** The users' actions. */
    public AuditTable audit() {
        return audit;
    }

    /** What was told to whom after each event (notifications, webhooks, library refreshes, the script). */
    public DeliveryTable deliveries() {
        return deliveries;
    }

    /** The service's starts and stops. */
    public ServiceRunTable serviceRuns() {
        return serviceRuns;
    }

    /** Live progress, log tails and users' requests, by job. */
    public JobNotesTable notes() {
        return notes;
    }

    /** A user's pause of conversion, kept across restarts. */
    public PauseTable pause() {
        return pause;
    }

    /** What the tag stage made of each book (tagged, needs review...), kept after the job is forgotten. */
    public TagResultTable tagResults() {
        return tagResults;
    }

    /**
     * Tells {@code listener} of every committed state change and progress note from now on.
     *
     * @return closing it stops the telling
     */
    public AutoCloseable listen(JobStoreListener listener) {
        return listeners.add(listener);
    }

    /**
     * A page of the jobs in any of {@code states} (every job when empty), most recently changed first, then by key:
     * a stable order for paging.
     */
    public List<Job> page(Set<JobState> states, int offset, int limit) {
        return database.read(c -> table.page(c, List.copyOf(states), offset, limit));
    }

    /** How many jobs are in any of {@code states} (every job when empty). */
    public int count(Set<JobState> states) {
        return database.read(c -> table.count(c, List.copyOf(states)));
    }

    /**
     * Forgets the job: its row, events, progress, log tail and request. Its runs and the audit log stay; its files
     * are not touched.
     *
     * @return false when there was no such job
     */
    public boolean forget(String key) {
        return forget(key, java.util.EnumSet.allOf(JobState.class));
    }

    /**
     * {@link #forget(String)}, only while the job is in one of {@code expected}: a worker may claim it meanwhile.
     *
     * @return false when there was no such job, or it was in another state
     */
    public boolean forget(String key, Set<JobState> expected) {
        return database.write(c -> {
            Optional<Job> job = table.find(c, key);
            if (job.isEmpty() || !expected.contains(job.get().state())) {
                return false;
            }
            for (String sql : List.of("DELETE FROM job_events WHERE job_key = ?", "DELETE FROM job_progress WHERE job_key = ?",
                    "DELETE FROM job_logs WHERE job_key = ?", "DELETE FROM job_requests WHERE job_key = ?")) {
                SqlCall.on(c, sql).text(key).update();
            }
            return SqlCall.on(c, "DELETE FROM jobs WHERE key = ?").text(key).update() == 1;
        });
    }

    /**
     * A user sends a finished job (failed, cancelled, skipped, done...) back to the pipeline: it becomes WAITING
     * with its attempts and failures forgotten, and the next scan that finds its files settled claims it.
     *
     * @return the job as reopened; empty when there is no such job or it is not in one of {@code expected}
     */
    public Optional<Job> reopen(String key, Set<JobState> expected, EventCause cause, String message) {
        return write(c -> {
            Optional<Job> job = table.find(c, key);
            if (job.isEmpty() || !expected.contains(job.get().state())) {
                return Optional.empty();
            }
            Job reopened = job.get().withHistoryCleared().movedTo(JobState.WAITING, now());
            return Optional.of(save(c, job.get(), reopened, cause, message));
        });
    }

    public Optional<Job> find(String key) {
        return database.read(c -> table.find(c, key));
    }

    /** The jobs in any of {@code states}, by key. */
    public List<Job> inStates(JobState... states) {
        return database.read(c -> table.inStates(c, List.of(states)));
    }

    /**
     * Takes the book for processing, moving its job to PENDING, when it is new, WAITING, finished with different
     * content (attempts and failures then reset), or RETRY_SCHEDULED and due (attempts kept).
     *
     * @return the job as claimed, or empty when the book is in flight, finished with this content, or not yet due
     */
    public Optional<Job> claim(String key, String contentHash, EventCause cause) {
        Objects.requireNonNull(contentHash, "contentHash");
        return write(c -> {
            Instant now = now();
            Optional<Job> current = table.find(c, key);
            if (current.isEmpty()) {
                return claimNew(c, key, contentHash, cause, now);
            }
            return claimExisting(c, current.get(), contentHash, cause, now);
        });
    }

    /**
     * Records that the book is there but its files are still settling: creates the job, or moves a job finished
     * with other content back to WAITING (attempts and failures reset). Jobs in flight or finished with this same
     * content are left alone.
     */
    public void markWaiting(String key, String contentHash) {
        write(c -> {
            Instant now = now();
            Optional<Job> current = table.find(c, key);
            if (current.isEmpty()) {
                Job job = Job.fresh(key, contentHash, JobState.WAITING, now);
                table.insert(c, job);
                recordEvent(c, null, job, EventCause.INTAKE, "seen, files settling");
            } else {
                updateWaiting(c, current.get(), contentHash, now);
            }
            return null;
        });
    }

    /**
     * Moves the job to {@code to}, noting when conversion started or the job finished.
     *
     * @throws NoSuchElementException if there is no job for {@code key}
     */
    public void transition(String key, JobState to, EventCause cause, String message) {
        write(c -> {
            Job job = existing(c, key);
            save(c, job, job.movedTo(to, now()), cause, message);
            return null;
        });
    }

    /**
     * Moves the job to {@code to} only if it is still in one of {@code expected}: a decision taken on an earlier read
     * must not overwrite what a worker recorded since (a book finished between the read and this call stays DONE).
     *
     * @return true when the job was moved; false when it is in another state now, or gone
     */
    public boolean transitionIfStill(String key, Set<JobState> expected, JobState to, EventCause cause, String message) {
        return write(c -> {
            Optional<Job> job = table.find(c, key);
            if (job.isEmpty() || !expected.contains(job.get().state())) {
                return false;
            }
            save(c, job.get(), job.get().movedTo(to, now()), cause, message);
            return true;
        });
    }

    /**
     * Moves the job to {@code to} with its output now at {@code outputPath}, only if it is still in one of
     * {@code expected} (the review gate: REVIEW when a book waits in the review folder, DONE when a user approves it,
     * FAILED when a user rejects it). {@code errorMessage}, when not null, becomes the job's error (a permanent one)
     * without counting an attempt.
     *
     * @return true when the job was moved; false when it is in another state now, or gone
     */
    public boolean moveOutputIfStill(String key, Set<JobState> expected, JobState to, String outputPath,
                                     String errorMessage, EventCause cause, String message) {
        return database.write(c -> {
            Optional<Job> job = table.find(c, key);
            if (job.isEmpty() || !expected.contains(job.get().state())) {
                return false;
            }
            Job moved = job.get().withOutput(outputPath);
            if (errorMessage != null) {
                moved = moved.withError(ErrorClass.PERMANENT, errorMessage);
            }
            save(c, job.get(), moved.movedTo(to, now()), cause, message);
            return true;
        });
    }

    /**
     * Marks the job DONE with the .m4b it produced.
     *
     * @throws NoSuchElementException if there is no job for {@code key}
     */
    public void markDone(String key, String outputPath) {
        write(c -> {
            Job job = existing(c, key);
            save(c, job, job.withOutput(outputPath).movedTo(JobState.DONE, now()), EventCause.INTAKE, outputPath);
            return null;
        });
    }

    /**
     * Counts a failed attempt and keeps its error. The job goes to RETRY_SCHEDULED (event cause {@code retry})
     * when {@code nextRetryAt} is given, else to FAILED (cause {@code intake}).
     *
     * @param nextRetryAt when to try again; null when the failure is final
     * @return the job as updated
     * @throws NoSuchElementException if there is no job for {@code key}
     */
    public Job recordFailure(String key, ErrorClass errorClass, String message, Instant nextRetryAt) {
        return write(c -> {
            Instant now = now();
            Job job = existing(c, key);
            boolean retry = nextRetryAt != null;
            Job failed = job.withFailure(errorClass, message, now, retry ? millis(nextRetryAt) : null)
                .movedTo(retry ? JobState.RETRY_SCHEDULED : JobState.FAILED, now);
            return save(c, job, failed, retry ? EventCause.RETRY : EventCause.INTAKE, message);
        });
    }

    /**
     * Records that the book's files left the inbox for {@code folder} (the failed folder): the stored content becomes
     * a marker no inbox content matches, so a book moved back is taken again with its attempts reset.
     *
     * @throws NoSuchElementException if there is no job for {@code key}
     */
    public void markMovedAway(String key, String folder) {
        write(c -> {
            Job job = existing(c, key);
            save(c, job, job.withContent("moved-away:" + folder).withOutput(folder), EventCause.INTAKE, "moved to " + folder);
            return null;
        });
    }

    /**
     * For a store begun afresh after the old one was set aside: records a book delivered before as DONE with the
     * content it was made from and its output, so the scan neither converts nor skips it again. A key the store
     * knows already is left as it is.
     *
     * @return true when the book was recorded
     */
    public boolean recordDelivered(String key, String contentHash, String outputPath) {
        Objects.requireNonNull(contentHash, "contentHash");
        return write(c -> {
            if (table.find(c, key).isPresent()) {
                return false;
            }
            Job done = Job.fresh(key, contentHash, JobState.DONE, now()).withOutput(outputPath).movedTo(JobState.DONE, now());
            table.insert(c, done);
            recordEvent(c, null, done, EventCause.STARTUP, "rebuilt from the intake.json beside " + outputPath);
            return true;
        });
    }

    /**
     * For start-up: jobs a crash left PENDING, CONVERTING or TAGGING become RETRY_SCHEDULED and due at once, their
     * attempts kept, so the next scan claims them again.
     *
     * @return how many jobs were requeued
     */
    public int requeueInterrupted() {
        return write(c -> {
            Instant now = now();
            List<Job> interrupted = table.inStates(c,
                List.of(JobState.PENDING, JobState.CONVERTING, JobState.TAGGING));
            for (Job job : interrupted) {
                Job requeued = job.withNextRetryAt(now).movedTo(JobState.RETRY_SCHEDULED, now);
                save(c, job, requeued, EventCause.STARTUP, "interrupted in " + job.state().code());
            }
            return interrupted.size();
        });
    }

    /** The job's state changes, oldest first; empty for an unknown key. */
    public List<JobEvent> events(String key) {
        return database.read(c -> table.events(c, key));
    }

    /** How many jobs are in each state; every state is present, zero when no job is in it. */
    public Map<JobState, Integer> counts() {
        return database.read(table::counts);
    }

    /**
     * One primary-key lookup, for the readiness probe: returns when the database answers.
     *
     * @throws JobStoreException when it does not
     */
    public void answer() {
        database.read(c -> table.find(c, ""));
    }

    @Override
    public void close() {
        database.close();
    }

    private Optional<Job> claimNew(Connection c, String key, String contentHash, EventCause cause, Instant now)
            throws SQLException {
        Job job = Job.fresh(key, contentHash, JobState.PENDING, now);
        if (!insertUnlessTaken(c, job)) {
            return Optional.empty();
        }
        recordEvent(c, null, job, cause, "claimed: new");
        return Optional.of(job);
    }

    private Optional<Job> claimExisting(Connection c, Job job, String contentHash, EventCause cause, Instant now)
            throws SQLException {
        Optional<ClaimRule> rule = ClaimRule.matching(job, contentHash, now);
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        Job claimed = rule.get().claimed(job, contentHash, now);
        boolean won = table.update(c, claimed, rule.get().condition(),
            call -> rule.get().bindCondition(call, contentHash, now));
        if (!won) {
            return Optional.empty();
        }
        recordEvent(c, job.state(), claimed, cause, "claimed: " + rule.get().message());
        return Optional.of(claimed);
    }

    /**
     * Inserts the job; false when another process inserted the same key first. Only a server database can see
     * that (SQLite transactions here take the write lock up front); the savepoint keeps the transaction usable
     * after the failed insert.
     */
    private boolean insertUnlessTaken(Connection c, Job job) throws SQLException {
        Savepoint beforeInsert = c.setSavepoint();
        try {
            table.insert(c, job);
            c.releaseSavepoint(beforeInsert);
            return true;
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            c.rollback(beforeInsert);
            return false;
        }
    }

    private void updateWaiting(Connection c, Job job, String contentHash, Instant now) throws SQLException {
        boolean sameContent = Objects.equals(contentHash, job.contentHash());
        if (job.state() == JobState.WAITING) {
            if (!sameContent) {
                // still settling: only the fingerprint moves on, no event for every scan
                table.update(c, job.withContent(contentHash).movedTo(JobState.WAITING, now));
            }
        } else if (job.state().isFinal() && !sameContent) {
            Job waiting = job.withHistoryCleared().withContent(contentHash).movedTo(JobState.WAITING, now);
            save(c, job, waiting, EventCause.INTAKE, "content changed, files settling");
        }
    }

    private Job existing(Connection c, String key) throws SQLException {
        return table.find(c, key).orElseThrow(() -> new NoSuchElementException("no job for " + key));
    }

    /** Writes the changed job and the event for its state change; returns the job as stored. */
    private Job save(Connection c, Job before, Job after, EventCause cause, String message) throws SQLException {
        table.update(c, after);
        recordEvent(c, before.state(), after, cause, message);
        return after;
    }

    private void recordEvent(Connection c, JobState from, Job job, EventCause cause, String message)
            throws SQLException {
        table.addEvent(c, job.key(), job.updatedAt(), from, job.state(), cause, message);
        List<Job> changed = changedInWrite.get();
        if (changed != null) {
            changed.add(job);
        }
    }

    /** One transaction; the state changes it recorded are told to the listeners once it is committed. */
    private <T> T write(Database.Work<T> work) {
        List<Job> changed = new ArrayList<>();
        T result = database.write(c -> {
            changedInWrite.set(changed);
            try {
                return work.run(c);
            } finally {
                changedInWrite.remove();
            }
        });
        listeners.jobsChanged(changed);
        return result;
    }

    private static boolean isUniqueViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /** Millisecond precision: what the database keeps, so returned jobs equal the stored ones. */
    private Instant now() {
        return millis(clock.instant());
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
