-- Feeds followed, with the validators of their last answer (for
-- conditional requests) and their health. Times are NULL
-- for never.
CREATE TABLE feeds (
    url           TEXT    PRIMARY KEY,
    title         TEXT    NOT NULL DEFAULT '',
    added_at      TIMESTAMPTZ NOT NULL,
    etag          TEXT    NOT NULL DEFAULT '',
    last_modified TEXT    NOT NULL DEFAULT '',
    last_poll     TIMESTAMPTZ,
    last_success  TIMESTAMPTZ,
    last_error    TEXT    NOT NULL DEFAULT '',
    failures      INTEGER NOT NULL DEFAULT 0,
    items         INTEGER NOT NULL DEFAULT 0,
    next_poll     TIMESTAMPTZ,
    ord           BIGINT  NOT NULL -- the order they were added in
);
