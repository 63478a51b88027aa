-- Articles are keyed by identity (canonical URL, else the input's id,
-- else a hash of the text) and versioned: a changed text at the same key
-- is a new version, the earlier one kept in article_versions.
-- id is the key; input_id the input's own id, empty when it had none.
ALTER TABLE articles ADD COLUMN input_id TEXT NOT NULL DEFAULT '';
-- Before, an article without an id of its own was stored under its path:
-- that id is not the input's, and the key is worked out again once the
-- migrations are done (pending 'rekey'; see sqlstore.Upgrade).
UPDATE articles SET input_id = CASE WHEN id = path OR id = 'stdin' THEN '' ELSE id END;
CREATE TABLE pending (name TEXT PRIMARY KEY);
INSERT INTO pending (name) SELECT 'rekey' WHERE EXISTS (SELECT 1 FROM articles);
ALTER TABLE articles ADD COLUMN hash TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE articles SET updated_at = added_at;

CREATE TABLE article_versions (
    article     INTEGER NOT NULL REFERENCES articles (seq),
    version     INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    published   TEXT,
    replaced_at TEXT    NOT NULL,
    PRIMARY KEY (article, version)
);

-- Stories: numbers never reused (AUTOINCREMENT); version grows with each
-- change of its articles; a story whose articles all went to another keeps
-- its row with merged_into set.
CREATE TABLE stories (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT    NOT NULL DEFAULT '',
    version     INTEGER NOT NULL,
    articles    INTEGER NOT NULL,
    sources     TEXT    NOT NULL DEFAULT '[]', -- JSON: outlet names, sorted
    first_seen  TEXT    NOT NULL,
    updated     TEXT    NOT NULL,
    merged_into INTEGER
);
CREATE INDEX stories_updated ON stories (updated);

-- Each article's story; since is the story version it joined at (or at
-- which its article version changed).
CREATE TABLE story_articles (
    article         INTEGER PRIMARY KEY REFERENCES articles (seq),
    story           INTEGER NOT NULL REFERENCES stories (id),
    since           INTEGER NOT NULL,
    article_version INTEGER NOT NULL,
    outlet          TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX story_articles_story ON story_articles (story, since);

CREATE TABLE story_versions (
    story    INTEGER NOT NULL REFERENCES stories (id),
    version  INTEGER NOT NULL,
    at       TEXT    NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (story, version)
);

-- Each story version's brief, as JSON.
CREATE TABLE briefs (
    story   INTEGER NOT NULL REFERENCES stories (id),
    version INTEGER NOT NULL,
    brief   TEXT    NOT NULL,
    PRIMARY KEY (story, version)
);

-- Full-text search over titles and texts, kept by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
