-- Articles are keyed by identity (canonical URL, else the input's id,
-- else a hash of the text) and versioned: a changed text at the same key
-- is a new version, the earlier one kept in article_versions. The hash of
-- the articles stored before is computed here as the store computes it
-- (the first 16 bytes of the SHA-256 of title, NUL, text, in hex), so that
-- reading them again does not make new versions.
-- id is the key; input_id the input's own id, empty when it had none.
ALTER TABLE articles ADD COLUMN input_id TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN hash TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN updated_at TIMESTAMPTZ;
-- Before, an article without an id of its own was stored under its path:
-- that id is not the input's, and the key is worked out again once the
-- migrations are done (pending 'rekey'; see sqlstore.Upgrade).
CREATE TABLE pending (name TEXT PRIMARY KEY);
INSERT INTO pending (name) SELECT 'rekey' WHERE EXISTS (SELECT 1 FROM articles);
UPDATE articles SET input_id = CASE WHEN id = path OR id = 'stdin' THEN '' ELSE id END, updated_at = added_at,
    hash = encode(substring(sha256(convert_to(title, 'UTF8') || '\x00'::bytea || text) FROM 1 FOR 16), 'hex');
ALTER TABLE articles ALTER COLUMN updated_at SET NOT NULL;

-- article_text returns an article's text (bytes, as stored) as a
-- PostgreSQL text, which cannot hold a NUL: each NUL byte becomes a space
-- (as in the search index). The text as stored keeps them.
CREATE FUNCTION article_text(b BYTEA) RETURNS TEXT
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE WHEN position('\x00'::bytea IN b) = 0 THEN convert_from(b, 'UTF8')
    -- In hex, a NUL is a "00" pair at an even offset: comma-separate the
    -- pairs and replace ",00," twice (the first pass skips every other one
    -- of a run).
    ELSE convert_from(decode(replace(replace(replace(
        ',' || regexp_replace(encode(b, 'hex'), '(..)', '\1,', 'g'),
        ',00,', ',20,'), ',00,', ',20,'), ',', ''), 'hex'), 'UTF8') END
$$;

-- The search index of each article: its title weighted A, its text B. The
-- store sets it on every write, from the title and text (NULs removed)
-- joined by a newline.
ALTER TABLE articles ADD COLUMN search TSVECTOR;
UPDATE articles SET search = setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('english', article_text(text)), 'B');
CREATE INDEX articles_search ON articles USING GIN (search);

CREATE TABLE article_versions (
    article     BIGINT      NOT NULL REFERENCES articles (seq),
    version     INTEGER     NOT NULL,
    title       TEXT        NOT NULL,
    text        BYTEA       NOT NULL,
    published   TIMESTAMPTZ,
    replaced_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article, version)
);

-- Stories: numbers never reused (a sequence never gives a number twice,
-- even to a rolled-back transaction); version grows with each change of its
-- articles; a story whose articles all went to another keeps its row with
-- merged_into set.
CREATE TABLE stories (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title       TEXT        NOT NULL DEFAULT '',
    version     INTEGER     NOT NULL,
    articles    INTEGER     NOT NULL,
    sources     JSONB       NOT NULL DEFAULT '[]', -- outlet names, sorted
    first_seen  TIMESTAMPTZ NOT NULL,
    updated     TIMESTAMPTZ NOT NULL,
    merged_into BIGINT      REFERENCES stories (id)
);
CREATE INDEX stories_updated ON stories (updated);

-- Each article's story; since is the story version it joined at (or at
-- which its article version changed).
CREATE TABLE story_articles (
    article         BIGINT  PRIMARY KEY REFERENCES articles (seq),
    story           BIGINT  NOT NULL REFERENCES stories (id),
    since           INTEGER NOT NULL,
    article_version INTEGER NOT NULL,
    outlet          TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX story_articles_story ON story_articles (story, since);

CREATE TABLE story_versions (
    story    BIGINT      NOT NULL REFERENCES stories (id),
    version  INTEGER     NOT NULL,
    at       TIMESTAMPTZ NOT NULL,
    articles INTEGER     NOT NULL,
    PRIMARY KEY (story, version)
);

-- Each story version's brief, as JSON: the bytes as saved (BYTEA, like the
-- articles' text, so that the brief comes back exactly as it was given).
CREATE TABLE briefs (
    story   BIGINT  NOT NULL REFERENCES stories (id),
    version INTEGER NOT NULL,
    brief   BYTEA   NOT NULL,
    PRIMARY KEY (story, version)
);
