package summary

import (
	"slices"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/parallaxtest"

	"github.com/parallax-news/parallax/align"
)

func TestReadable(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Damage to the Wasilla Bible Church was estimated at $1 million, authorities said Saturday.", true},
		{"He was re-elected for a second term in February 2024 in a landslide victory with 84% of the votes.", false},
		{"But the Salvadoran leader is accused of overseeing mass human rights violations.", false},
		{"What's happening today?", false},
		{"“The question is preposterous. How can I smuggle a terrorist into the United States?” Mr Bukele said.", false},
		{"Whatever the motives of the arsonist, the governor has faith in the scriptural passage that what was intended for evil will in some way be used for good.\"", false},
		{"Trump also said he is \"all for\" sending criminals who are US citizens to the prison, if the law allows it", true},
		{"As I walked in, I also saw military personnel in dress uniform walking the grounds.", false},
	}
	for _, tt := range tests {
		if got := Readable(tt.s); got != tt.want {
			t.Errorf("Readable(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func exampleModel(tb testing.TB) *align.Model {
	tb.Helper()
	return align.NewModel(parallaxtest.Examples(tb), nil)
}

func TestSelect(t *testing.T) {
	m := exampleModel(t)
	for _, budget := range []int{60, 120, 250} {
		chosen := Select(m, Options{Words: budget})
		words := 0
		for k, i := range chosen {
			text := m.Sentence(i).Text
			words += len(strings.Fields(text))
			if !Readable(text) {
				t.Errorf("budget %d: chose unreadable %q", budget, text)
			}
			for _, j := range chosen[:k] {
				if align.Dot(m.Sents[i].Vec, m.Sents[j].Vec) > 0.5 {
					t.Errorf("budget %d: %q repeats %q", budget, text, m.Sentence(j).Text)
				}
			}
		}
		if words > budget || words < budget*2/3 {
			t.Errorf("budget %d: %d words chosen", budget, words)
		}
		if again := Select(m, Options{Words: budget}); !slices.Equal(again, chosen) {
			t.Errorf("budget %d: selection not deterministic: %v then %v", budget, chosen, again)
		}
	}
}

func TestConcepts(t *testing.T) {
	m := exampleModel(t)
	_, weight := Concepts(m)
	// Bigrams several outlets use are concepts, weighted by how many use them.
	for cp, min := range map[string]float64{"nayib bukel": 4, "abrego garcia": 3, "white hous": 4} {
		if weight[cp] < min {
			t.Errorf("weight[%q] = %v, want ≥ %v", cp, weight[cp], min)
		}
	}
	for _, stop := range []string{"of the", "in the", "to the"} {
		if w, ok := weight[stop]; ok {
			t.Errorf("two stop words %q are a concept of weight %v", stop, w)
		}
	}
}

func BenchmarkSelect(b *testing.B) {
	m := exampleModel(b)
	for b.Loop() {
		Select(m, Options{Words: 250})
	}
}
