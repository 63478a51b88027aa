// Package sqlstore holds what the SQL article stores (packages sqlite and
// postgres) share: the migration runner, the encoding of the JSON columns
// and the count. Each backend keeps only its driver, its dialect and its
// schema.
package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"io/fs"
	"sort"

	"github.com/parallax-news/parallax"
)

// Migrations names the statements of a dialect that the migration runner
// needs.
type Migrations struct {
	// Lock is run first in each migration's transaction to keep other
	// processes out (PostgreSQL's advisory lock); empty for none.
	Lock string
	// Seen counts the rows of the migrations table with the name given as
	// the one parameter; Record inserts that name.
	Seen, Record string
}

// Migrate applies the migrations of fsys matching pattern, in lexical
// order, that are not yet recorded in the migrations table, each in its own
// transaction. It fails with EINVALID naming the store and the migration.
func Migrate(ctx context.Context, db *sql.DB, store string, fsys fs.FS, pattern string, q Migrations) error {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		if err := apply(ctx, db, fsys, name, q); err != nil {
			return parallax.Errorf(parallax.EINVALID, store, "migration %s: %w", name, err)
		}
	}
	return nil
}

func apply(ctx context.Context, db *sql.DB, fsys fs.FS, name string, q Migrations) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if q.Lock != "" {
		if _, err := tx.ExecContext(ctx, q.Lock); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY)`); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, q.Seen, name).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	script, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(script)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, q.Record, name); err != nil {
		return err
	}
	return tx.Commit()
}

// EncodeFields returns the stored JSON of a document's metadata spans (an
// array, empty when none) and unknown fields (an object, empty when none).
// It fails with EINVALID naming the document.
func EncodeFields(doc parallax.Document) (metadata, extra string, err error) {
	spans := doc.Metadata
	if spans == nil {
		spans = []parallax.Removal{}
	}
	m, err := json.Marshal(spans)
	if err != nil {
		return "", "", parallax.Errorf(parallax.EINVALID, doc.Path, "metadata: %w", err)
	}
	extra = "{}"
	if doc.Extra != nil {
		e, err := json.Marshal(doc.Extra)
		if err != nil {
			return "", "", parallax.Errorf(parallax.EINVALID, doc.Path, "fields: %w", err)
		}
		extra = string(e)
	}
	return string(m), extra, nil
}

// DecodeFields sets a document's Metadata and Extra from their stored JSON,
// leaving them nil when empty, as ingest reads them. It fails with EINVALID
// naming the document.
func DecodeFields(doc *parallax.Document, metadata, extra string) error {
	if err := json.Unmarshal([]byte(metadata), &doc.Metadata); err != nil {
		return parallax.Errorf(parallax.EINVALID, doc.ID, "stored metadata: %w", err)
	}
	if len(doc.Metadata) == 0 {
		doc.Metadata = nil
	}
	if extra != "{}" {
		if err := json.Unmarshal([]byte(extra), &doc.Extra); err != nil {
			return parallax.Errorf(parallax.EINVALID, doc.ID, "stored fields: %w", err)
		}
	}
	return nil
}

// Count returns the number of rows of the articles table. It fails with
// EINTERNAL naming the store.
func Count(ctx context.Context, db *sql.DB, store string) (int, error) {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, parallax.Errorf(parallax.EINTERNAL, store, "count articles: %w", err)
	}
	return n, nil
}
