package org.automb.jobs.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** The SQL for the {@code jobs} and {@code job_events} tables; callers hold the connection and the transaction. */
final class JobTable {

    private static final String COLUMNS = "key, content_hash, state, attempts, first_failure_at, last_failure_at,"
        + " next_retry_at, error_class, error_message, started_at, finished_at, output_path, updated_at";
    private static final String SELECT_JOBS = "SELECT " + COLUMNS + " FROM jobs";
    private static final String UPDATE_JOB = "UPDATE jobs SET content_hash = ?, state = ?, attempts = ?,"
        + " first_failure_at = ?, last_failure_at = ?, next_retry_at = ?, error_class = ?, error_message = ?,"
        + " started_at = ?, finished_at = ?, output_path = ?, updated_at = ? WHERE key = ?";

    Optional<Job> find(Connection connection, String key) throws SQLException {
        return SqlCall.on(connection, SELECT_JOBS + " WHERE key = ?").text(key)
            .list(JobTable::job).stream().findFirst();
    }

    List<Job> inStates(Connection connection, List<JobState> states) throws SQLException {
        if (states.isEmpty()) {
            return List.of();
        }
        SqlCall call = SqlCall.on(connection,
            SELECT_JOBS + " WHERE state IN (" + placeholders(states.size()) + ") ORDER BY key");
        states.forEach(state -> call.text(state.code()));
        return call.list(JobTable::job);
    }

    List<Job> page(Connection connection, List<JobState> states, int offset, int limit) throws SQLException {
        SqlCall call = SqlCall.on(connection, SELECT_JOBS + where(states) + " ORDER BY updated_at DESC, key LIMIT ? OFFSET ?");
        states.forEach(state -> call.text(state.code()));
        return call.number(limit).number(offset).list(JobTable::job);
    }

    int count(Connection connection, List<JobState> states) throws SQLException {
        SqlCall call = SqlCall.on(connection, "SELECT COUNT(*) FROM jobs" + where(states));
        states.forEach(state -> call.text(state.code()));
        return call.list(row -> row.getInt(1)).get(0);
    }

    private static String where(List<JobState> states) {
        return states.isEmpty() ? "" : " WHERE state IN (" + placeholders(states.size()) + ")";
    }

    void insert(Connection connection, Job job) throws SQLException {
        SqlCall call = SqlCall.on(connection, "INSERT INTO jobs (" + COLUMNS + ") VALUES (" + placeholders(13) + ")")
            .text(job.key());
        bindValues(call, job).update();
    }

    /** Writes every column of {@code job}; false when no row has its key. */
    boolean update(Connection connection, Job job) throws SQLException {
        return update(connection, job, "", UnaryOperator.identity());
    }

    /**
     * Writes {@code job} only if the stored row still satisfies {@code condition} (an SQL boolean expression whose
     * parameters {@code bindCondition} binds), so the check and the write are one atomic statement.
     */
    boolean update(Connection connection, Job job, String condition, UnaryOperator<SqlCall> bindCondition)
            throws SQLException {
        String sql = condition.isEmpty() ? UPDATE_JOB : UPDATE_JOB + " AND (" + condition + ")";
        SqlCall call = bindValues(SqlCall.on(connection, sql), job).text(job.key());
        return bindCondition.apply(call).update() == 1;
    }

    void addEvent(Connection connection, String key, Instant at, JobState from, JobState to, EventCause cause,
                  String message) throws SQLException {
        SqlCall.on(connection,
                "INSERT INTO job_events (job_key, at, from_state, to_state, cause, message) VALUES (?, ?, ?, ?, ?, ?)")
            .text(key).millis(at).text(from == null ? null : from.code()).text(to.code()).text(cause.code())
            .text(message)
            .update();
    }

    List<JobEvent> events(Connection connection, String key) throws SQLException {
        return SqlCall.on(connection, "SELECT id, job_key, at, from_state, to_state, cause, message"
                + " FROM job_events WHERE job_key = ? ORDER BY id")
            .text(key)
            .list(JobTable::event);
    }

    /** Number of jobs in each state, zero for states no job is in. */
    Map<JobState, Integer> counts(Connection connection) throws SQLException {
        Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
        Arrays.stream(JobState.values()).forEach(state -> counts.put(state, 0));
        SqlCall.on(connection, "SELECT state, COUNT(*) FROM jobs GROUP BY state")
            .list(row -> Map.entry(JobState.fromCode(row.getString(1)), row.getInt(2)))
            .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return Collections.unmodifiableMap(counts);
    }

    /** Binds every column but the key, in {@link #UPDATE_JOB} order. */
    private static SqlCall bindValues(SqlCall call, Job job) {
        return call.text(job.contentHash()).text(job.state().code()).number(job.attempts())
            .millis(job.firstFailureAt()).millis(job.lastFailureAt()).millis(job.nextRetryAt())
            .text(job.errorClass() == null ? null : job.errorClass().code()).text(job.errorMessage())
            .millis(job.startedAt()).millis(job.finishedAt()).text(job.outputPath()).millis(job.updatedAt());
    }

    private static Job job(ResultSet row) throws SQLException {
        String errorClass = row.getString("error_class");
        return new Job(row.getString("key"), row.getString("content_hash"), JobState.fromCode(row.getString("state")),
            row.getInt("attempts"), instant(row, "first_failure_at"), instant(row, "last_failure_at"),
            instant(row, "next_retry_at"), errorClass == null ? null : ErrorClass.fromCode(errorClass),
            row.getString("error_message"), instant(row, "started_at"), instant(row, "finished_at"),
            row.getString("output_path"), instant(row, "updated_at"));
    }

    private static JobEvent event(ResultSet row) throws SQLException {
        String from = row.getString("from_state");
        return new JobEvent(row.getLong("id"), row.getString("job_key"), instant(row, "at"),
            from == null ? null : JobState.fromCode(from), JobState.fromCode(row.getString("to_state")),
            EventCause.fromCode(row.getString("cause")), row.getString("message"));
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static String placeholders(int count) {
        return Collections.nCopies(count, "?").stream().collect(Collectors.joining(", "));
    }
}
