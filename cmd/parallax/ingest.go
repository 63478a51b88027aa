package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/clean"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/postgres"
	"github.com/parallax-news/parallax/sqlite"
)

// ingestBatch is the number of articles written per transaction.
const ingestBatch = 500

// runIngest adds the articles read from PATHs to a SQLite database, a
// transaction per batch, skipping those already stored.
func runIngest(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("ingest")
	dbPath := fs.String("db", "", "store to add the articles to: a SQLite file (created if missing) or a postgres:// address")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *dbPath == "" {
		return parallax.Errorf(parallax.EUSAGE, "ingest", "name the database with --db FILE")
	}
	if fs.NArg() == 0 {
		return errNoInput("ingest", false)
	}
	db, err := openStore(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	read, added := 0, 0
	var batch []parallax.Document
	flush := func() error {
		n, err := db.AddArticles(ctx, batch)
		added += n
		batch = batch[:0]
		return err
	}
	readErr := ingest.Stream(ctx, fs.Args(), ingest.Options{Stdin: m.Stdin}, func(d parallax.Document) error {
		read++
		batch = append(batch, d)
		if len(batch) == ingestBatch {
			return flush()
		}
		return nil
	})
	var storeErr error
	if parallax.ErrorCode(readErr) == parallax.EINTERNAL || errors.Is(readErr, context.Canceled) {
		storeErr, readErr = readErr, nil // a failed write or a stop, not a bad input
	} else if len(batch) > 0 {
		storeErr = flush()
	}
	fmt.Fprintf(m.Stdout, "%s: added %d of %d articles read (%d already stored)\n", storeName(*dbPath), added, read, read-added)
	return errors.Join(readErr, storeErr)
}

// openStore opens the article store named by --db: a postgres:// or
// postgresql:// address, else a SQLite database file.
func openStore(ctx context.Context, db string) (parallax.ArticleStore, error) {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return postgres.Open(ctx, db)
	}
	return sqlite.Open(ctx, db)
}

// storeName names a store for messages: a database address without its
// password.
func storeName(db string) string {
	u, err := url.Parse(db)
	if err != nil || u.User == nil {
		return db
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxx")
	}
	return u.String()
}

// readDocs returns the documents of the store (when not nil) followed by
// those read from paths, and the joined errors of the inputs that failed. A
// store that cannot be read is an error like a bad input.
func (m *Main) readDocs(ctx context.Context, store parallax.ArticleStore, paths []string) ([]parallax.Document, error) {
	var docs []parallax.Document
	var errs []error
	if store != nil {
		stored, err := store.Articles(ctx)
		docs = append(docs, stored...)
		errs = append(errs, err)
	}
	if len(paths) > 0 {
		read, err := ingest.Read(ctx, paths, ingest.Options{Stdin: m.Stdin})
		docs = append(docs, read...)
		errs = append(errs, err)
	}
	return docs, errors.Join(errs...)
}

// readAll returns the cleaned articles stored in dbPath (when given)
// followed by those read from paths, and the joined errors of the inputs
// that failed.
func (m *Main) readAll(ctx context.Context, dbPath string, paths []string) ([]*parallax.Article, error) {
	var store parallax.ArticleStore
	if dbPath != "" {
		db, err := openStore(ctx, dbPath)
		if err != nil {
			return nil, err
		}
		defer db.Close()
		store = db
	}
	docs, err := m.readDocs(ctx, store, paths)
	c, cerr := clean.New()
	if cerr != nil {
		return nil, cerr
	}
	arts := make([]*parallax.Article, len(docs))
	for i, d := range docs {
		arts[i] = c.Clean(d)
	}
	return arts, err
}
