-- Job store schema, kept to SQL that SQLite and PostgreSQL both accept.
-- Timestamps are BIGINT epoch milliseconds (UTC); states, causes and error classes are lower-case text.
-- ${identity_column} is a Flyway placeholder filled in by JobStore: the one thing the two databases spell differently.

CREATE TABLE jobs (
    key              TEXT    NOT NULL PRIMARY KEY,
    content_hash     TEXT,
    state            TEXT    NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    first_failure_at BIGINT,
    last_failure_at  BIGINT,
    next_retry_at    BIGINT,
    error_class      TEXT,
    error_message    TEXT,
    started_at       BIGINT,
    finished_at      BIGINT,
    output_path      TEXT,
    updated_at       BIGINT  NOT NULL
);

-- the retry scan and the status counts select by state
CREATE INDEX jobs_state_idx ON jobs (state);

CREATE TABLE job_events (
    id         ${identity_column},
    job_key    TEXT   NOT NULL,
    at         BIGINT NOT NULL,
    from_state TEXT,
    to_state   TEXT   NOT NULL,
    cause      TEXT   NOT NULL,
    message    TEXT
);

CREATE INDEX job_events_job_key_idx ON job_events (job_key);
