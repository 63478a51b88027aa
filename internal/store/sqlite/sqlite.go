// Package sqlite is the default parallax.Store: an embedded SQLite database
// in one file (the pure-Go modernc.org/sqlite driver), with full-text
// search through FTS5.
//
// Open sets write-ahead logging, foreign keys and a busy timeout (so that
// several processes may write at once, one transaction at a time) and
// applies the embedded migrations in order, each in its own transaction.
// Every write is one transaction: a failure, a cancelled context or a
// killed process leaves the database as it was before it.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/search"
	"github.com/parallax-news/parallax/internal/store/sqlstore"
)

//go:embed migration/*.sql
var migrations embed.FS

// DB is an open database. It is safe for concurrent use.
type DB struct {
	*sqlstore.Store
}

var _ parallax.Store = (*DB)(nil)

// Options tells how to open a database.
type Options struct {
	// ReadOnly opens an existing database for reading only: a missing
	// file fails with ENOTFOUND and nothing is created or migrated.
	ReadOnly bool
}

// Open opens the database at path, creating it and its folder when
// missing (unless opts.ReadOnly), and brings its schema up to date. Any
// file name works, "news#2024.db" included. It fails with ENOTFOUND for
// a missing database opened read-only, and with EINVALID when the file is
// not a SQLite database or a migration fails.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	if opts.ReadOnly {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, parallax.Errorf(parallax.ENOTFOUND, path, "no store here (add articles with: parallax ingest --db %s PATH...)", path)
		}
	} else if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, parallax.Errorf(parallax.EINVALID, path, "cannot create the store's folder: %w", err)
		}
	}
	db, err := sql.Open("sqlite", dsn(path, opts.ReadOnly))
	if err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, path, "cannot open database: %w", err)
	}
	d := &DB{&sqlstore.Store{DB: db, Name: path, D: dialect}}
	if opts.ReadOnly {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master`).Scan(&n); err != nil {
			db.Close()
			return nil, parallax.Errorf(parallax.EINVALID, path, "cannot read database: %w", err)
		}
		return d, nil
	}
	if err := d.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := d.Upgrade(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return d, nil
}

// dsn returns the driver's address of the file at path: a file: URI, the
// characters that mean something in a URI escaped.
func dsn(path string, readOnly bool) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(path)
	q := "?_pragma=foreign_keys(on)&_pragma=busy_timeout(10000)&_txlock=immediate"
	if readOnly {
		return "file:" + esc + q + "&mode=ro"
	}
	return "file:" + esc + q + "&_pragma=journal_mode(wal)&_pragma=synchronous(normal)"
}

// migrate brings the schema up to date.
func (d *DB) migrate(ctx context.Context) error {
	return sqlstore.Migrate(ctx, d.DB, d.Name, migrations, "migration/*.sql", sqlstore.Migrations{
		Seen:   `SELECT count(*) FROM migrations WHERE name = ?`,
		Record: `INSERT INTO migrations (name) VALUES (?)`,
	})
}

// dialect is what the shared SQL store needs to know of SQLite.
var dialect = sqlstore.Dialect{
	Time:   sqlstore.SQLiteTime,
	Text:   func(s string) any { return s },
	Search: searchFTS,
	Check:  check,
}

// check runs SQLite's integrity check and FTS5's.
func check(ctx context.Context, db *sql.DB) error {
	var res string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("%s", res)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')`); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// searchFTS runs a query through FTS5: bm25 ranking with the title
// weighted above the text. (FTS5's snippet would be computed for every
// match before the best are kept, twice the cost: the shared store writes
// the snippets of the hits.)
func searchFTS(ctx context.Context, db *sql.DB, q *search.Node, f parallax.SearchQuery) ([]sqlstore.Match, error) {
	query := `SELECT f.rowid, bm25(articles_fts, 4.0, 1.0) AS rank FROM articles_fts f`
	var where []string
	args := []any{search.FTS5(q)}
	if !f.Since.IsZero() || f.Source != "" {
		query += ` JOIN articles a ON a.seq = f.rowid LEFT JOIN story_articles sa ON sa.article = a.seq`
	}
	where = append(where, `articles_fts MATCH ?`)
	if !f.Since.IsZero() {
		where = append(where, `a.published >= ?`)
		args = append(args, sqlstore.SQLiteTime(f.Since))
	}
	if f.Source != "" {
		where = append(where, `(lower(sa.outlet) = lower(?) OR lower(a.source) = lower(?))`)
		args = append(args, f.Source, f.Source)
	}
	query += ` WHERE ` + strings.Join(where, " AND ") + ` ORDER BY rank LIMIT ?`
	args = append(args, f.Limit)
	return sqlstore.Matches(ctx, db, -1, query, args...) // bm25 is lower for better matches
}
