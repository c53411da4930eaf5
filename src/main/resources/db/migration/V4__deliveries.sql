-- What the service told people and systems (docs/notifications.md): one row per delivery of one event to one
-- destination (a notification service, a webhook, a library server) or per run of the post-convert script, once it
-- is settled (sent, or given up after its retries). Same SQL for SQLite and PostgreSQL; times are epoch milliseconds.
-- Rows outlive their job, as book_runs do.
CREATE TABLE deliveries (
    id          ${identity_column},
    at          BIGINT  NOT NULL,
    job_key     TEXT,
    event       TEXT    NOT NULL,
    destination TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    attempts    INTEGER NOT NULL,
    status_code INTEGER,
    detail      TEXT
);
CREATE INDEX deliveries_job_key_idx ON deliveries (job_key);
