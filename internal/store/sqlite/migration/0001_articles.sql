-- Articles as read: the text exactly as read (offsets refer to it) and its
-- metadata. An article is stored once per id.
CREATE TABLE articles (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT, -- arrival order
    id        TEXT    NOT NULL UNIQUE,
    path      TEXT    NOT NULL,
    url       TEXT    NOT NULL DEFAULT '',
    title     TEXT    NOT NULL DEFAULT '',
    source    TEXT    NOT NULL DEFAULT '',
    author    TEXT    NOT NULL DEFAULT '',
    lang      TEXT    NOT NULL DEFAULT '',
    published TEXT,                              -- RFC 3339, NULL when unknown
    label     TEXT    NOT NULL DEFAULT '',
    text      TEXT    NOT NULL,
    metadata  TEXT    NOT NULL DEFAULT '[]',     -- JSON: spans consumed as metadata
    extra     TEXT    NOT NULL DEFAULT '{}',     -- JSON: unknown input fields
    added_at  TEXT    NOT NULL                   -- RFC 3339
);
CREATE INDEX articles_published ON articles (published);
