// Package postgres stores articles in PostgreSQL (through pgx), for a corpus
// shared by several machines or too large for one file: the same
// parallax.ArticleStore as package sqlite, passing the same conformance
// suite. Commands take a postgres:// address where they take a database
// file (`parallax ingest --db postgres://…`).
//
// Open applies the embedded migrations in order, each in its own
// transaction under an advisory lock, so that two processes starting at
// once do not race. Every write is one transaction.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	nurl "net/url"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver "pgx"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/sqlstore"
)

//go:embed migration/*.sql
var migrations embed.FS

// migrationLock is the advisory lock key held while migrating.
const migrationLock = 0x70617261 // "para"

// DB is an open PostgreSQL store. It is safe for concurrent use.
type DB struct {
	db   *sql.DB
	name string // the address without its password, for messages
	// Now returns the current time; tests may replace it.
	Now func() time.Time
}

var _ parallax.ArticleStore = (*DB)(nil)

// Open connects to the database at url (postgres://user:pass@host/db) and
// brings its schema up to date. It fails with EINVALID when the server
// cannot be reached or a migration fails.
func Open(ctx context.Context, url string) (*DB, error) {
	name := redact(url)
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, name, "bad address: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, parallax.Errorf(parallax.EINVALID, name, "cannot connect: %w", err)
	}
	d := &DB{db: db, name: name, Now: time.Now}
	if err := d.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return d, nil
}

// Close closes the connections.
func (d *DB) Close() error { return d.db.Close() }

func (d *DB) migrate(ctx context.Context) error {
	return sqlstore.Migrate(ctx, d.db, d.name, migrations, "migration/*.sql", sqlstore.Migrations{
		Lock:   fmt.Sprintf(`SELECT pg_advisory_xact_lock(%d)`, migrationLock),
		Seen:   `SELECT count(*) FROM migrations WHERE name = $1`,
		Record: `INSERT INTO migrations (name) VALUES ($1)`,
	})
}

// AddArticles stores the documents not stored yet (by ID), in one
// transaction, and returns how many were added. On any failure, a cancelled
// ctx included, nothing is added.
func (d *DB) AddArticles(ctx context.Context, docs []parallax.Document) (added int, err error) {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, parallax.Errorf(parallax.EINTERNAL, d.name, "begin: %w", err)
	}
	defer tx.Rollback()
	now := d.Now().UTC()
	for _, doc := range docs {
		var published any
		if !doc.Published.IsZero() {
			published = doc.Published
		}
		meta, extra, err := sqlstore.EncodeFields(doc)
		if err != nil {
			return 0, err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO articles
			(id, path, url, title, source, author, lang, published, label, text, metadata, extra, added_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING`,
			doc.ID, doc.Path, doc.URL, doc.Title, doc.Source, doc.Author, doc.Lang, published, doc.Label,
			[]byte(doc.Text), meta, extra, now)
		if err != nil {
			return 0, parallax.Errorf(parallax.EINTERNAL, doc.Path, "store article: %w", err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			added++
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, parallax.Errorf(parallax.EINTERNAL, d.name, "commit: %w", err)
	}
	return added, nil
}

// Articles returns every stored article in arrival order.
func (d *DB) Articles(ctx context.Context) ([]parallax.Document, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, path, url, title, source, author, lang, published, label, text, metadata, extra
		FROM articles ORDER BY seq`)
	if err != nil {
		return nil, parallax.Errorf(parallax.EINTERNAL, d.name, "read articles: %w", err)
	}
	defer rows.Close()
	var docs []parallax.Document
	for rows.Next() {
		var doc parallax.Document
		var published sql.NullTime
		var text []byte
		var meta, extra string
		if err := rows.Scan(&doc.ID, &doc.Path, &doc.URL, &doc.Title, &doc.Source, &doc.Author, &doc.Lang,
			&published, &doc.Label, &text, &meta, &extra); err != nil {
			return nil, parallax.Errorf(parallax.EINTERNAL, d.name, "read article: %w", err)
		}
		doc.Text = string(text)
		if published.Valid {
			doc.Published = published.Time
		}
		if err := sqlstore.DecodeFields(&doc, meta, extra); err != nil {
			return nil, err
		}
		docs = append(docs, doc)
	}
	if err := rows.Err(); err != nil {
		return nil, parallax.Errorf(parallax.EINTERNAL, d.name, "read articles: %w", err)
	}
	return docs, nil
}

// Count returns the number of stored articles.
func (d *DB) Count(ctx context.Context) (int, error) { return sqlstore.Count(ctx, d.db, d.name) }

// redact drops the password from a database address.
func redact(url string) string {
	u, err := nurl.Parse(url)
	if err != nil || u.User == nil {
		return url
	}
	if _, ok := u.User.Password(); ok {
		u.User = nurl.UserPassword(u.User.Username(), "xxx")
	}
	return u.String()
}
