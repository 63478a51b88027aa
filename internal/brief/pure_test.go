package brief_test

import (
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/parallaxtest"
)

// TestPure builds the brief of a story twice from the same articles: the
// two briefs are the same, and the articles are as they were given (the
// brief once renamed them, completed their dates and added its off-topic
// parts to them, so that a second brief of the examples reported 6
// off-topic parts instead of 3). The stories are the examples (a live blog
// whose post times lack the year, off-topic parts) and the off-topic story
// (two articles of the same outlet).
func TestPure(t *testing.T) {
	for _, tc := range []struct {
		name string
		arts []*parallax.Article
	}{
		{"examples", parallaxtest.Examples(t)},
		{"offtopic", parallaxtest.Load(t, filepath.Join("testdata", "offtopic"))},
		{"repeated outlet", append(parallaxtest.Examples(t), parallaxtest.Examples(t)[:2]...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			given := deepCopy(tc.arts)
			first := brief.Build(tc.arts, brief.Options{Words: 250})
			if diff := cmp.Diff(given, tc.arts); diff != "" {
				t.Fatalf("Build changed its articles (-before +after):\n%s", diff)
			}
			second := brief.Build(tc.arts, brief.Options{Words: 250})
			if diff := cmp.Diff(first, second); diff != "" {
				t.Errorf("the second brief differs (-first +second):\n%s", diff)
			}
			if len(first.OffTopic) == 0 && tc.name != "repeated outlet" {
				t.Error("no off-topic part found: the story no longer tests them")
			}
			// Settled articles give the same brief, and settling them again
			// changes nothing.
			settled := clean.Settle(tc.arts)
			if diff := cmp.Diff(given, tc.arts); diff != "" {
				t.Fatalf("Settle changed its articles (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(settled, clean.Settle(settled)); diff != "" {
				t.Errorf("settling settled articles changed them:\n%s", diff)
			}
			if diff := cmp.Diff(first, brief.Build(settled, brief.Options{Words: 250})); diff != "" {
				t.Errorf("the brief of the settled articles differs:\n%s", diff)
			}
			for i, src := range first.Sources {
				if settled[i].SourceID != src.ID {
					t.Errorf("article %d settled as %q, the brief names it %q", i, settled[i].SourceID, src.ID)
				}
			}
			// Try settles the articles in place for the callers that show
			// them beside the brief; twice, it gives the same brief.
			for range 2 {
				b, err := brief.Try(tc.arts, brief.Options{Words: 250})
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(first, b); diff != "" {
					t.Errorf("Try's brief differs from Build's:\n%s", diff)
				}
				if diff := cmp.Diff(deepCopy(settled), tc.arts); diff != "" {
					t.Errorf("Try left the articles unsettled (-settled +after):\n%s", diff)
				}
			}
		})
	}
}

// deepCopy copies articles and everything they hold that a stage could
// change in place.
func deepCopy(arts []*parallax.Article) []*parallax.Article {
	out := make([]*parallax.Article, len(arts))
	for i, a := range arts {
		c := *a
		c.Blocks = slices.Clone(a.Blocks)
		c.Sentences = slices.Clone(a.Sentences)
		c.Removed = slices.Clone(a.Removed)
		c.OffTopic = slices.Clone(a.OffTopic)
		c.Metadata = slices.Clone(a.Metadata)
		c.Extra = maps.Clone(a.Extra)
		out[i] = &c
	}
	return out
}
