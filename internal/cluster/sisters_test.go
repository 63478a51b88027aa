package cluster_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/ingest"
)

// sistersPath holds small cases of sister events written for the tests
// (see testdata/README.md): each label is "case/event".
const sistersPath = "testdata/sisters.jsonl"

// TestSisterEvents checks on hand-written cases that events of one kind
// with another main participant or another year stay apart, and that one
// event reported in varied words stays one story: two nominations of
// different people to one post, two players of one team arrested for one
// offence, two years' editions of one trade show, and one nomination
// reported by five outlets. Each case is clustered after the 90 ECB+
// articles of the subset, so that the document frequencies are those of a
// stream, in its order and reversed. The first report of the second event
// of a case tells why it started a story of its own.
func TestSisterEvents(t *testing.T) {
	fixtures, err := ingest.Read(context.Background(), []string{sistersPath}, ingest.Options{})
	if err != nil || len(fixtures) != 23 {
		t.Fatalf("read %d fixtures: %v", len(fixtures), err)
	}
	cases := map[string][]parallax.Document{}
	var names []string
	for _, d := range fixtures {
		name, _, _ := strings.Cut(d.Label, "/")
		if cases[name] == nil {
			names = append(names, name)
		}
		cases[name] = append(cases[name], d)
	}
	// What the first report of the second event differs in, in the
	// order of the file.
	why := map[string][]string{
		"nom-okafor-1": {"names okafor", "not marsh"},
		"arr-strand-1": {"names strand", "not pruitt"},
		"expo24-1":     {"in 2024"},
	}
	opts := cluster.DefaultOptions()
	opts.Explain = true
	for _, name := range names {
		for _, reversed := range []bool{false, true} {
			docs := slices.Clone(cases[name])
			if reversed {
				slices.Reverse(docs)
			}
			subset := readSubset(t)
			as, err := cluster.Cluster(context.Background(), append(subset, docs...), opts)
			if err != nil {
				t.Fatal(err)
			}
			as = as[len(subset):]
			for i := range docs {
				for j := range i {
					same, want := as[i].Story == as[j].Story, docs[i].Label == docs[j].Label
					if same != want {
						t.Errorf("%s (reversed %v): %s and %s in one story = %v, want %v", name, reversed, docs[i].ID, docs[j].ID, same, want)
					}
				}
				if w, ok := why[docs[i].ID]; ok && !reversed {
					if as[i].Why.Decision != "new" || !containsAll(as[i].Why.Conflict, w) {
						t.Errorf("%s: %s, want a new story differing in %v", docs[i].ID, as[i].Why, w)
					}
				}
			}
		}
	}
}

func containsAll(xs, want []string) bool {
	for _, w := range want {
		if !slices.Contains(xs, w) {
			return false
		}
	}
	return true
}
