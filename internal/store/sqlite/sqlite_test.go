package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/store/sqlite"
	"github.com/parallax-news/parallax/internal/store/storetest"
)

// TestConformance runs the store suite on a new database file per subtest.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) parallax.Store {
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "parallax.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}

// TestFileNames: what was stored survives closing and reopening, read-only
// too, whatever the file is called and wherever it lies.
func TestFileNames(t *testing.T) {
	ctx := context.Background()
	docs, err := ingest.Read(ctx, []string{"../../../examples"}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"parallax.db", "news#2024.db", "what?.db", "100%.db", "new/folder/p.db"} {
		path := filepath.Join(dir, name)
		db, err := sqlite.Open(ctx, path, sqlite.Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := db.AddArticles(ctx, docs); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s: the file is not where it was named: %v", name, err)
		}
		if err := os.Chmod(path, 0o444); err != nil {
			t.Fatal(err)
		}
		db, err = sqlite.Open(ctx, path, sqlite.Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("%s read-only: %v", name, err)
		}
		if n, err := db.Count(ctx); err != nil || n != len(docs) {
			t.Errorf("%s after reopening: %d articles (%v), want %d", name, n, err, len(docs))
		}
		db.Close()
	}
}

func TestMissingReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.db")
	_, err := sqlite.Open(context.Background(), path, sqlite.Options{ReadOnly: true})
	if parallax.ErrorCode(err) != parallax.ENOTFOUND {
		t.Errorf("error = %v, want ENOTFOUND", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("opening a missing store read-only created %s", path)
	}
}

func TestNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(path, []byte("this is a text file, not a database, and it is long enough to have a header page"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	var pe *parallax.Error
	if err == nil || !errors.As(err, &pe) || pe.Code != parallax.EINVALID || pe.Input != path {
		t.Errorf("error = %v, want EINVALID naming %s", err, path)
	}
}

// benchStore opens the store named by $PARALLAX_BENCH_DB (say one of
// 100,000 articles made by `parallax ingest`), else a new store of the
// examples and the ECB+ subset.
func benchStore(b *testing.B) *sqlite.DB {
	b.Helper()
	ctx := context.Background()
	if path := os.Getenv("PARALLAX_BENCH_DB"); path != "" {
		db, err := sqlite.Open(ctx, path, sqlite.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		return db
	}
	docs, err := ingest.Read(ctx, []string{"../../../examples", "../../cluster/testdata/ecbplus-1-7-12.jsonl"}, ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.AddArticles(ctx, docs); err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkSearch runs two-word queries, each a different pair:
//
//	PARALLAX_BENCH_DB=big.db go test ./internal/store/sqlite -run XXX -bench Search
func BenchmarkSearch(b *testing.B) {
	db := benchStore(b)
	defer db.Close()
	queries := []string{"police arrested", "heavyweight champion", "earthquake struck", "prime minister",
		"court ruling", "navy pirates", "rehab center", "fire killed", "election results", "deported immigrants"}
	var took []time.Duration
	for b.Loop() {
		start := time.Now()
		if _, err := db.Search(context.Background(), parallax.SearchQuery{Text: queries[len(took)%len(queries)]}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
}

func BenchmarkAddArticles(b *testing.B) {
	docs, err := ingest.Read(context.Background(), []string{"../../cluster/testdata/ecbplus-1-7-12.jsonl"}, ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	n := 0
	for b.Loop() {
		batch := make([]parallax.Document, len(docs))
		for i, d := range docs {
			d.ID, d.URL = fmt.Sprintf("bench-%d", n), ""
			n++
			batch[i] = d
		}
		if _, err := db.AddArticles(context.Background(), batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// TestUpgrade opens a store written before articles had keys: the
// examples stored twice under the paths they were read by are five
// articles again, under their keys.
func TestUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := os.ReadFile("migration/0001_articles.sql")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := ingest.Read(ctx, []string{"../../../examples"}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{string(schema), `CREATE TABLE migrations (name TEXT PRIMARY KEY)`, `INSERT INTO migrations VALUES ('migration/0001_articles.sql')`}
	for _, s := range stmts {
		if _, err := old.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	for _, prefix := range []string{"", "/abs/"} {
		for _, d := range docs {
			p := prefix + d.Path
			if _, err := old.Exec(`INSERT INTO articles (id, path, title, text, added_at) VALUES (?, ?, ?, ?, '2025-04-14T00:00:00Z')`, p, p, d.Title, d.Text); err != nil {
				t.Fatal(err)
			}
		}
	}
	old.Close()
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n, _ := db.Count(ctx); n != len(docs) {
		t.Errorf("after the upgrade: %d articles, want %d", n, len(docs))
	}
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
	res, err := db.AddArticles(ctx, docs)
	if err != nil || res.Unchanged != len(docs) {
		t.Errorf("the examples again: %+v (%v), want all unchanged", res, err)
	}
}
