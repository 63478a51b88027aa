-- Articles as read: the text exactly as read (offsets refer to it; kept as
-- bytes, since a PostgreSQL text value cannot hold a NUL) and its metadata.
-- An article is stored once per id.
CREATE TABLE articles (
    seq       BIGSERIAL   PRIMARY KEY,          -- arrival order
    id        TEXT        NOT NULL UNIQUE,
    path      TEXT        NOT NULL,
    url       TEXT        NOT NULL DEFAULT '',
    title     TEXT        NOT NULL DEFAULT '',
    source    TEXT        NOT NULL DEFAULT '',
    author    TEXT        NOT NULL DEFAULT '',
    lang      TEXT        NOT NULL DEFAULT '',
    published TIMESTAMPTZ,                       -- NULL when unknown
    label     TEXT        NOT NULL DEFAULT '',
    text      BYTEA       NOT NULL,
    metadata  JSONB       NOT NULL DEFAULT '[]', -- spans consumed as metadata
    extra     JSONB       NOT NULL DEFAULT '{}', -- unknown input fields
    added_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX articles_published ON articles (published);
