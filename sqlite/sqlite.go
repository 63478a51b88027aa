// Package sqlite stores articles in an embedded SQLite database (the pure-Go
// modernc.org/sqlite driver), so that a corpus can grow across runs:
// `parallax ingest --db FILE` adds articles, `parallax serve --db FILE` and
// `parallax digest --db FILE` read them back.
//
// Open sets write-ahead logging and foreign keys and applies the embedded
// migrations in order, each in its own transaction. Every write is one
// transaction: a failure or a cancelled context leaves the database as it
// was.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/sqlstore"
)

//go:embed migration/*.sql
var migrations embed.FS

// DB is an open database. It is safe for concurrent use.
type DB struct {
	db   *sql.DB
	path string
	// Now returns the current time; tests may replace it.
	Now func() time.Time
}

var _ parallax.ArticleStore = (*DB)(nil)

// Open opens (creating if needed) the database at path and brings its
// schema up to date. It fails with EINVALID when the file is not a SQLite
// database or a migration fails.
func Open(ctx context.Context, path string) (*DB, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(wal)&_pragma=foreign_keys(on)&_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, path, "cannot open database: %w", err)
	}
	d := &DB{db: db, path: path, Now: time.Now}
	if err := d.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return d, nil
}

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// migrate brings the schema up to date.
func (d *DB) migrate(ctx context.Context) error {
	return sqlstore.Migrate(ctx, d.db, d.path, migrations, "migration/*.sql", sqlstore.Migrations{
		Seen:   `SELECT count(*) FROM migrations WHERE name = ?`,
		Record: `INSERT INTO migrations (name) VALUES (?)`,
	})
}

// AddArticles stores the documents not stored yet (by ID), in one
// transaction, and returns how many were added. On any failure, a cancelled
// ctx included, nothing is added.
func (d *DB) AddArticles(ctx context.Context, docs []parallax.Document) (added int, err error) {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, parallax.Errorf(parallax.EINTERNAL, d.path, "begin: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO articles
		(id, path, url, title, source, author, lang, published, label, text, metadata, extra, added_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
	if err != nil {
		return 0, parallax.Errorf(parallax.EINTERNAL, d.path, "prepare: %w", err)
	}
	defer stmt.Close()
	now := d.Now().UTC().Format(time.RFC3339)
	for _, doc := range docs {
		var published any
		if !doc.Published.IsZero() {
			published = doc.Published.Format(time.RFC3339Nano)
		}
		meta, extra, err := sqlstore.EncodeFields(doc)
		if err != nil {
			return 0, err
		}
		res, err := stmt.ExecContext(ctx, doc.ID, doc.Path, doc.URL, doc.Title, doc.Source, doc.Author, doc.Lang,
			published, doc.Label, doc.Text, meta, extra, now)
		if err != nil {
			return 0, parallax.Errorf(parallax.EINTERNAL, doc.Path, "store article: %w", err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			added++
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, parallax.Errorf(parallax.EINTERNAL, d.path, "commit: %w", err)
	}
	return added, nil
}

// Articles returns every stored article in arrival order.
func (d *DB) Articles(ctx context.Context) ([]parallax.Document, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, path, url, title, source, author, lang, published, label, text, metadata, extra
		FROM articles ORDER BY seq`)
	if err != nil {
		return nil, parallax.Errorf(parallax.EINTERNAL, d.path, "read articles: %w", err)
	}
	defer rows.Close()
	var docs []parallax.Document
	for rows.Next() {
		var doc parallax.Document
		var published sql.NullString
		var meta, extra string
		if err := rows.Scan(&doc.ID, &doc.Path, &doc.URL, &doc.Title, &doc.Source, &doc.Author, &doc.Lang,
			&published, &doc.Label, &doc.Text, &meta, &extra); err != nil {
			return nil, parallax.Errorf(parallax.EINTERNAL, d.path, "read article: %w", err)
		}
		if published.Valid {
			t, err := time.Parse(time.RFC3339Nano, published.String)
			if err != nil {
				return nil, parallax.Errorf(parallax.EINVALID, doc.ID, "stored date %q: %w", published.String, err)
			}
			doc.Published = t
		}
		if err := sqlstore.DecodeFields(&doc, meta, extra); err != nil {
			return nil, err
		}
		docs = append(docs, doc)
	}
	if err := rows.Err(); err != nil {
		return nil, parallax.Errorf(parallax.EINTERNAL, d.path, "read articles: %w", err)
	}
	return docs, nil
}

// Count returns the number of stored articles.
func (d *DB) Count(ctx context.Context) (int, error) { return sqlstore.Count(ctx, d.db, d.path) }
