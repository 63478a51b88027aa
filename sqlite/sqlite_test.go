package sqlite_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/sqlite"
	"github.com/parallax-news/parallax/storetest"
)

// TestConformance runs the store suite on a new database file per subtest,
// and checks that what was stored survives closing and reopening the file.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) parallax.ArticleStore {
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "parallax.db"))
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "parallax.db")
	ctx := context.Background()
	docs, err := ingest.Read(ctx, []string{"../examples"}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddArticles(ctx, docs); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n, err := db.Count(ctx); err != nil || n != len(docs) {
		t.Errorf("after reopening: %d articles (%v), want %d", n, err, len(docs))
	}
}

func TestNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(path, []byte("this is a text file, not a database, and it is long enough to have a header page"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := sqlite.Open(context.Background(), path)
	var pe *parallax.Error
	if err == nil || !errors.As(err, &pe) || pe.Code != parallax.EINVALID || pe.Input != path {
		t.Errorf("error = %v, want EINVALID naming %s", err, path)
	}
}

func BenchmarkAddArticles(b *testing.B) {
	docs, err := ingest.Read(context.Background(), []string{"../examples"}, ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	n := 0
	for b.Loop() {
		batch := make([]parallax.Document, 0, 100)
		for i := 0; i < 100; i++ {
			d := docs[i%len(docs)]
			d.ID = d.ID + "#" + time.Duration(n).String()
			n++
			batch = append(batch, d)
		}
		if _, err := db.AddArticles(context.Background(), batch); err != nil {
			b.Fatal(err)
		}
	}
}
