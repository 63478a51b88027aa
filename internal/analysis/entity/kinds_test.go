package entity

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/parallaxtest"
)

// kindCase is a story of testdata/kinds.json: its articles, the entities
// they must give (kind and aliases), the names that must stay apart and
// the names that must not be listed or not be of a kind.
type kindCase struct {
	Name     string   `json:"name"`
	Articles []string `json:"articles"`
	Want     []struct {
		Name    string   `json:"name"`
		Kind    string   `json:"kind"`
		Aliases []string `json:"aliases"`
	} `json:"want"`
	Apart   [][2]string       `json:"apart"`
	Absent  []string          `json:"absent"`
	NotKind map[string]string `json:"not_kind"`
}

// TestKinds checks the kinds of names (people, organisations, places,
// laws, events, facilities) and the merging of their variants (word
// order, acronyms, spellings) on the stories of testdata/kinds.json, with
// names that share a word and must not merge.
func TestKinds(t *testing.T) {
	data, err := os.ReadFile("testdata/kinds.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []kindCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			var arts []*parallax.Article
			for i, s := range tc.Articles {
				a := parallaxtest.Article(t, s)
				a.ID, a.SourceID = fmt.Sprint("a", i), fmt.Sprint("s", i)
				arts = append(arts, a)
			}
			ix := Extract(arts)
			all := map[string]string{}
			for _, e := range ix.Entities() {
				all[e.Name] = e.Kind
			}
			for _, w := range tc.Want {
				e, ok := ix.Lookup(w.Name)
				if !ok {
					t.Errorf("entity %q missing (all: %v)", w.Name, all)
					continue
				}
				if e.Kind != w.Kind {
					t.Errorf("%q: kind %q, want %q", w.Name, e.Kind, w.Kind)
				}
				for _, a := range w.Aliases {
					if !slices.Contains(e.Aliases, a) {
						t.Errorf("%q: alias %q missing from %q", w.Name, a, e.Aliases)
					}
				}
			}
			for _, p := range tc.Apart {
				a, okA := ix.Resolve(-1, p[0])
				b, okB := ix.Resolve(-1, p[1])
				if !okA || !okB || a == b {
					t.Errorf("%q → %q, %v and %q → %q, %v: want two entities", p[0], a, okA, p[1], b, okB)
				}
			}
			for n, k := range tc.NotKind {
				if e, ok := ix.Lookup(n); ok && e.Kind == k {
					t.Errorf("%q: kind %q", n, k)
				}
			}
			for _, n := range tc.Absent {
				if _, ok := ix.Lookup(n); ok {
					t.Errorf("entity %q listed", n)
				}
			}
		})
	}
}
