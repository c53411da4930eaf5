-- What the dashboard, the REST API and --status read and write (docs/api.md). Same SQL for SQLite and PostgreSQL;
-- times are BIGINT epoch milliseconds (UTC).

-- One row per finished run of a book (converted, passed through, failed...): lifetime and session totals, the
-- 30-day chart, the recent conversions and failures. Rows outlive their job (a forgotten job keeps its history).
CREATE TABLE book_runs (
    id            ${identity_column},
    job_key       TEXT   NOT NULL,
    started_at    BIGINT,
    finished_at   BIGINT NOT NULL,
    outcome       TEXT   NOT NULL,
    audio_path    TEXT,
    audio_seconds DOUBLE PRECISION,
    output_bytes  BIGINT,
    output_path   TEXT,
    reason        TEXT
);
CREATE INDEX book_runs_finished_at_idx ON book_runs (finished_at);

-- Every action a user took through the API or the page: who, when, on which job, and how it ended.
CREATE TABLE audit_log (
    id      ${identity_column},
    at      BIGINT NOT NULL,
    actor   TEXT   NOT NULL,
    action  TEXT   NOT NULL,
    job_key TEXT,
    result  TEXT   NOT NULL,
    detail  TEXT
);

-- The service's starts: uptime and the session's totals (since the latest start); heartbeat_at tells --status
-- whether the service still runs; stages is the JSON of its stages' states at the last heartbeat.
CREATE TABLE service_runs (
    id           ${identity_column},
    started_at   BIGINT NOT NULL,
    version      TEXT,
    heartbeat_at BIGINT,
    stopped_at   BIGINT,
    stages       TEXT
);

-- A running book's progress, written every few seconds while its audio is written; deleted when it ends.
CREATE TABLE job_progress (
    job_key    TEXT   NOT NULL PRIMARY KEY,
    stage      TEXT   NOT NULL,
    percent    DOUBLE PRECISION NOT NULL,
    speed      DOUBLE PRECISION,
    eta_millis BIGINT,
    updated_at BIGINT NOT NULL
);

-- The last lines a book's runs logged, kept when a run ends (the API's log tail of a failed book).
CREATE TABLE job_logs (
    job_key    TEXT   NOT NULL PRIMARY KEY,
    updated_at BIGINT NOT NULL,
    lines      TEXT   NOT NULL
);

-- A user's request about a book, taken by the book's next run: skip_conversion or reprocess.
CREATE TABLE job_requests (
    job_key      TEXT   NOT NULL PRIMARY KEY,
    request      TEXT   NOT NULL,
    requested_at BIGINT NOT NULL,
    actor        TEXT   NOT NULL
);
