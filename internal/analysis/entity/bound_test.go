package entity

import (
	"testing"

	"github.com/parallax-news/parallax/internal/parallaxtest"
)

// TestBound checks that a large story lists only the MaxListed entities
// mentioned most, while every entity still resolves: the 535 ECB+
// development articles taken as one story name some 1,700 things.
func TestBound(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the 535 ECB+ articles")
	}
	arts := parallaxtest.ECBPlus(t)
	ix := Extract(arts)
	ents := ix.Entities()
	if len(ix.ents) <= MaxListed {
		t.Fatalf("only %d entities in %d articles", len(ix.ents), len(arts))
	}
	if len(ents) != MaxListed {
		t.Fatalf("%d entities listed, want %d", len(ents), MaxListed)
	}
	least := sum(ents[len(ents)-1].Mentions)
	for _, e := range ix.ents[MaxListed:] {
		if e.total > least {
			t.Fatalf("%q (%d mentions) left out, %q (%d) listed", e.Name, e.total, ents[len(ents)-1].Name, least)
		}
	}
	left := ix.ents[len(ix.ents)-1]
	if got, ok := ix.Lookup(left.Name); !ok || got.Name != left.Name {
		t.Errorf("Lookup(%q) of an entity not listed failed", left.Name)
	}
}
