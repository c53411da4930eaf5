-- A user's pause of conversion (docs/workflows.md, "Quiet hours and pause"): one row while conversion is paused,
-- none otherwise, so the pause outlives a restart. Same SQL for SQLite and PostgreSQL; times are epoch milliseconds.
CREATE TABLE conversion_pause (
    id        INTEGER NOT NULL PRIMARY KEY,
    paused_at BIGINT  NOT NULL,
    actor     TEXT    NOT NULL
);
