-- What the tag stage made of each book (docs/monitoring.md, automb_books_total{outcome="tagged"|"needs_review"}):
-- one row per result (before delivery, on the tag queue, or a user's re-tag), state = intake.json's state (tagged,
-- needs_review, tag_failed, converted). Rows outlive their job, as book_runs do. Same SQL for SQLite and PostgreSQL;
-- times are epoch milliseconds.
CREATE TABLE tag_results (
    id      ${identity_column},
    job_key TEXT   NOT NULL,
    at      BIGINT NOT NULL,
    state   TEXT   NOT NULL
);
CREATE INDEX tag_results_at_idx ON tag_results (at);
