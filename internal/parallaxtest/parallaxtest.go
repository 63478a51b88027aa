// Package parallaxtest provides what the tests of several packages share:
// the example story read and cleaned as the pipeline reads it, and articles
// made of a piece of real text.
package parallaxtest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/align"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/ingest"
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
func ExamplesDir() string { return repoPath("examples") }

// repoPath returns the path of a file of the repository, relative to the
// working directory when it can be.
func repoPath(elem ...string) string {
	_, file, _, _ := runtime.Caller(0)
	p := filepath.Join(append([]string{filepath.Dir(file), "..", ".."}, elem...)...)
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, p); err == nil {
			return rel
		}
	}
	return p
}

// ECBPlus reads and cleans the 535 ECB+ development articles of the
// repository's testdata (each with its gold story as Label), in file
// order, as the pipeline reads them.
func ECBPlus(tb testing.TB) []*parallax.Article {
	tb.Helper()
	return Load(tb, ECBPlusPath())
}

// ECBPlusPath returns the path of testdata/ecbplus-dev.jsonl, relative to
// the working directory when it can be.
func ECBPlusPath() string { return repoPath("testdata", "ecbplus-dev.jsonl") }

// Story returns n articles made from the five examples by repeating them
// with their paragraphs rotated, each copy under an outlet of its own: a
// large story for benchmarks, of real text.
func Story(tb testing.TB, n int) []*parallax.Article {
	tb.Helper()
	docs, err := ingest.Read(context.Background(), []string{ExamplesDir()}, ingest.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	c, err := clean.New()
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]*parallax.Article, 0, n)
	for i := range n {
		d := docs[i%len(docs)]
		paras := strings.Split(d.Text, "\n")
		k := (i / len(docs)) % len(paras)
		d.Text = strings.Join(append(append([]string(nil), paras[k:]...), paras[:k]...), "\n")
		d.Metadata = nil
		d.Source = fmt.Sprintf("Outlet %d", i)
		d.Path = fmt.Sprintf("%s#%d", d.Path, i)
		out = append(out, c.Clean(d))
	}
	return out
}

// Golden compares got with the golden file at path, or rewrites the file
// with got when update is true (the packages' -update flag). Leading and
// trailing space is ignored.
func Golden(tb testing.TB, path string, got []byte, update bool) {
	tb.Helper()
	if update {
		if err := os.WriteFile(path, append(bytes.TrimSpace(got), '\n'), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run the test with -update to create it)", err)
	}
	if diff := cmp.Diff(strings.TrimSpace(string(want)), strings.TrimSpace(string(got))); diff != "" {
		tb.Errorf("%s changed (-want +got); run with -update if intended:\n%s", path, diff)
	}
}

// Pair is a pair of sentences of the example story labelled by reading:
// Same is true when they report the same fact. A and B are indexes of the
// sentences in the model they were looked up in.
type Pair struct {
	Same bool
	A, B int
}

// LabelledPairs reads align/testdata/pairs.tsv and finds its sentences in
// m, a model of the example story. It stops the test if a sentence is
// missing (the splitting or cleaning of the examples changed).
func LabelledPairs(tb testing.TB, m *align.Model) []Pair {
	tb.Helper()
	index := map[string]int{}
	for i := range m.Sents {
		index[m.Sentence(i).Text] = i
	}
	_, file, _, _ := runtime.Caller(0)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "analysis", "align", "testdata", "pairs.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	var pairs []Pair
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			tb.Fatalf("pairs.tsv: bad line %q", line)
		}
		a, okA := index[cols[1]]
		b, okB := index[cols[2]]
		if !okA || !okB {
			tb.Fatalf("pairs.tsv: sentence not found in the examples: %q / %q", cols[1], cols[2])
		}
		pairs = append(pairs, Pair{Same: cols[0] == "1", A: a, B: b})
	}
	return pairs
}

// Confusion counts the decisions of a yes/no classifier against gold labels.
type Confusion struct{ TP, FP, FN float64 }

// Add counts one decision.
func (c *Confusion) Add(got, want bool) {
	switch {
	case got && want:
		c.TP++
	case got:
		c.FP++
	case want:
		c.FN++
	}
}

// Precision returns TP / (TP + FP), 0 when nothing was decided yes.
func (c Confusion) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall returns TP / (TP + FN), 0 when nothing is labelled yes.
func (c Confusion) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 returns the harmonic mean of precision and recall.
func (c Confusion) F1() float64 {
	p, r := c.Precision(), c.Recall()
	return ratio(2*p*r, p+r)
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// Article cleans one passage of real text into an article (ID and path
// "t"), as the pipeline would.
func Article(tb testing.TB, text string) *parallax.Article {
	tb.Helper()
	c, err := clean.New()
	if err != nil {
		tb.Fatal(err)
	}
	return c.Clean(parallax.Document{ID: "t", Path: "t", Text: text})
}
