-- Feeds followed, with the validators of their last answer (for
-- conditional requests) and their health. Times are RFC 3339 text, NULL
-- for never.
CREATE TABLE feeds (
    url           TEXT    PRIMARY KEY,
    title         TEXT    NOT NULL DEFAULT '',
    added_at      TEXT    NOT NULL,
    etag          TEXT    NOT NULL DEFAULT '',
    last_modified TEXT    NOT NULL DEFAULT '',
    last_poll     TEXT,
    last_success  TEXT,
    last_error    TEXT    NOT NULL DEFAULT '',
    failures      INTEGER NOT NULL DEFAULT 0,
    items         INTEGER NOT NULL DEFAULT 0,
    next_poll     TEXT,
    ord           INTEGER NOT NULL -- the order they were added in
);
