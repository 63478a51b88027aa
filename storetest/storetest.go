// Package storetest is the conformance suite every parallax.ArticleStore
// passes: run it from each backend's tests with a function that opens an
// empty store.
package storetest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/parallaxtest"
)

// Open returns an empty store for one subtest; the suite closes it.
type Open func(t *testing.T) parallax.ArticleStore

// Run runs the conformance suite against the stores open makes.
func Run(t *testing.T, open Open) {
	t.Run("RoundTrip", func(t *testing.T) { roundTrip(t, open) })
	t.Run("Deduplicates", func(t *testing.T) { deduplicates(t, open) })
	t.Run("CancelledWriteAddsNothing", func(t *testing.T) { cancelled(t, open) })
	t.Run("Empty", func(t *testing.T) { empty(t, open) })
}

// documents returns real documents with every field the stores keep: the
// examples (some with a date line), a text file with metadata lines and a
// date, JSON records (one from HTML).
func documents(t *testing.T) []parallax.Document {
	t.Helper()
	testdata := filepath.Join(parallaxtest.ExamplesDir(), "..", "ingest", "testdata")
	arts := parallaxtest.Load(t, parallaxtest.ExamplesDir(), filepath.Join(testdata, "array.json"), filepath.Join(testdata, "meta.txt"), filepath.Join(testdata, "americas.atom"))
	docs := make([]parallax.Document, len(arts))
	for i, a := range arts {
		docs[i] = a.Document
	}
	return docs
}

func roundTrip(t *testing.T, open Open) {
	s := open(t)
	defer s.Close()
	ctx := context.Background()
	docs := documents(t)
	added, err := s.AddArticles(ctx, docs)
	if err != nil || added != len(docs) {
		t.Fatalf("added %d of %d: %v", added, len(docs), err)
	}
	got, err := s.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(docs, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("articles changed in the store (-want +got):\n%s", diff)
	}
}

func deduplicates(t *testing.T, open Open) {
	s := open(t)
	defer s.Close()
	ctx := context.Background()
	docs := documents(t)
	if _, err := s.AddArticles(ctx, docs[:3]); err != nil {
		t.Fatal(err)
	}
	added, err := s.AddArticles(ctx, docs)
	if err != nil || added != len(docs)-3 {
		t.Errorf("second add: added %d, want %d (%v)", added, len(docs)-3, err)
	}
	if n, err := s.Count(ctx); err != nil || n != len(docs) {
		t.Errorf("count %d, want %d (%v)", n, len(docs), err)
	}
}

func cancelled(t *testing.T, open Open) {
	s := open(t)
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.AddArticles(ctx, documents(t)); err == nil {
		t.Fatal("a write with a cancelled context succeeded")
	} else if parallax.ErrorCode(err) != parallax.EINTERNAL {
		t.Errorf("code %q, want %q", parallax.ErrorCode(err), parallax.EINTERNAL)
	}
	if n, err := s.Count(context.Background()); err != nil || n != 0 {
		t.Errorf("count %d after a failed write (%v)", n, err)
	}
}

func empty(t *testing.T, open Open) {
	s := open(t)
	defer s.Close()
	docs, err := s.Articles(context.Background())
	if err != nil || len(docs) != 0 {
		t.Errorf("empty store: %d articles, %v", len(docs), err)
	}
}
