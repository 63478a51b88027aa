package sqlite_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/sqlite"
)

func open(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2025, 4, 15, 8, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { db.Close() })
	return db
}

// examples reads the example reports and the JSON Lines fixture of package
// ingest (which carries unknown fields and dates).
func examples(t *testing.T) []parallax.Document {
	t.Helper()
	docs, err := ingest.Read(context.Background(), []string{"../examples", "../ingest/testdata/array.json", "../ingest/testdata/meta.txt"}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func TestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "parallax.db")
	db := open(t, path)
	docs := examples(t)
	ctx := context.Background()
	added, err := db.AddArticles(ctx, docs)
	if err != nil || added != len(docs) {
		t.Fatalf("added %d of %d: %v", added, len(docs), err)
	}
	// Adding the same articles again adds nothing.
	if added, err := db.AddArticles(ctx, docs[:3]); err != nil || added != 0 {
		t.Errorf("re-adding: added %d, %v", added, err)
	}
	db.Close()

	// The articles survive a reopen, in arrival order, field for field.
	db = open(t, path)
	got, err := db.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(docs, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("articles changed in the store (-want +got):\n%s", diff)
	}
	if n, err := db.Count(ctx); err != nil || n != len(docs) {
		t.Errorf("count %d, %v", n, err)
	}
}

// TestCancelledWrite checks that a write whose context ends adds nothing.
func TestCancelledWrite(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "parallax.db"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := db.AddArticles(ctx, examples(t)); err == nil {
		t.Fatal("a write with a cancelled context succeeded")
	}
	if n, err := db.Count(context.Background()); err != nil || n != 0 {
		t.Errorf("count %d after a failed write, %v", n, err)
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
