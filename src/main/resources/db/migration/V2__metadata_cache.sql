-- Responses of the metadata services (Audible catalog, Audnexus), kept so retries and re-tags never fetch again.
-- kind: audible_product | audible_search | audnexus_chapters; key: the ASIN, or the normalised search query;
-- region: the marketplace code (us, uk...). body is the raw JSON, NULL when the service answered "not found".
-- fetched_at is BIGINT epoch milliseconds (UTC), checked against the cache's time to live by the reader.

CREATE TABLE metadata_cache (
    kind       TEXT   NOT NULL,
    key        TEXT   NOT NULL,
    region     TEXT   NOT NULL,
    body       TEXT,
    fetched_at BIGINT NOT NULL,
    PRIMARY KEY (kind, key, region)
);
