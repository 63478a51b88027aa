// Package parallaxtest provides what the tests of several packages share:
// the example story read and cleaned as the pipeline reads it, and articles
// made of a piece of real text.
package parallaxtest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/clean"
	"github.com/parallax-news/parallax/ingest"
)

// Load reads and cleans the articles at paths (files or directories), as
// `parallax brief` does. It stops the test on any reading error.
func Load(tb testing.TB, paths ...string) []*parallax.Article {
	tb.Helper()
	docs, err := ingest.Read(context.Background(), paths, ingest.Options{})
	if err != nil {
		tb.Fatalf("reading %v: %v", paths, err)
	}
	c, err := clean.New()
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]*parallax.Article, 0, len(docs))
	for _, d := range docs {
		out = append(out, c.Clean(d))
	}
	return out
}

// Examples reads and cleans the five example reports of the repository's
// examples directory, in file order.
func Examples(tb testing.TB) []*parallax.Article {
	tb.Helper()
	return Load(tb, ExamplesDir())
}

// ExamplesDir returns the path of the repository's examples directory,
// relative to the working directory when it can be (so that paths in golden
// files do not depend on where the repository is checked out).
func ExamplesDir() string {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "examples")
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, dir); err == nil {
			return rel
		}
	}
	return dir
}
