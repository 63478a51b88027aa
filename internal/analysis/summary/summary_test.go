package summary

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/parallaxtest"

	"github.com/parallax-news/parallax/internal/analysis/align"
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

// greedySelect is Select's choice written as the plain greedy loop it was
// before the lazy one: each round rescores every candidate. Select must
// choose exactly as it does.
func greedySelect(m *align.Model, words int) []int {
	opts := Options{Words: words, MinWords: 8, MaxWords: 60, Redundancy: 0.5}
	concepts, weight := Concepts(m)
	type cand struct {
		i, words int
		bonus    float64
	}
	var cands []cand
	for i, s := range m.Sents {
		text := m.Sentence(i).Text
		if w := len(strings.Fields(text)); w >= opts.MinWords && w <= opts.MaxWords && Readable(text) {
			cands = append(cands, cand{i, w, 0.5*(1-s.Pos) + align.Dot(s.Vec, m.Centroid)})
		}
	}
	if len(cands) == 0 {
		for i := range m.Sents {
			if w := len(strings.Fields(m.Sentence(i).Text)); w >= 4 {
				cands = append(cands, cand{i, w, 1 - m.Sents[i].Pos})
			}
		}
	}
	mw := meanWeight(weight)
	covered := map[string]bool{}
	used := make([]bool, len(cands))
	var chosen []int
	n := 0
	for {
		best, bestScore := -1, 0.0
		for k, c := range cands {
			if used[k] || n+c.words > opts.Words {
				continue
			}
			gain := 0.0
			for _, cp := range concepts[c.i] {
				if !covered[cp] {
					gain += weight[cp]
				}
			}
			score := (gain + c.bonus*mw) / math.Pow(float64(max(c.words, 1)), 0.7)
			if score > bestScore {
				best, bestScore = k, score
			}
		}
		if best < 0 {
			return chosen
		}
		used[best] = true
		c := cands[best]
		redundant := false
		for _, j := range chosen {
			if align.Dot(m.Sents[c.i].Vec, m.Sents[j].Vec) > opts.Redundancy {
				redundant = true
				break
			}
		}
		if redundant {
			continue
		}
		chosen = append(chosen, c.i)
		n += c.words
		for _, cp := range concepts[c.i] {
			covered[cp] = true
		}
	}
}

// repeatedModel is the model of the examples with a sixth report made of
// the first example's paragraphs each written 200 times, as a scraped
// page that repeats its body: thousands of sentences of equal score.
func repeatedModel(tb testing.TB) *align.Model {
	tb.Helper()
	arts := parallaxtest.Examples(tb)
	dir := tb.TempDir()
	var b strings.Builder
	for _, p := range strings.Split(arts[0].Text, "\n") {
		if len(strings.Fields(p)) >= 8 {
			for range 200 {
				b.WriteString(p + "\n\n")
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "repeated.txt"), []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return align.NewModel(append(arts, parallaxtest.Load(tb, dir)...), nil)
}

// TestSelectGreedy: the lazy greedy selection chooses what the plain greedy
// loop chooses, on the examples, a story of 40 reports and one with a
// report that repeats its paragraphs 200 times (where the plain loop took
// seconds, rescoring thousands of equal sentences each round).
func TestSelectGreedy(t *testing.T) {
	for name, m := range map[string]*align.Model{
		"examples": exampleModel(t),
		"story40":  align.NewModel(parallaxtest.Story(t, 40), nil),
		"repeated": repeatedModel(t),
	} {
		for _, budget := range []int{30, 120, 250, 1000} {
			got, want := Select(m, Options{Words: budget}), greedySelect(m, budget)
			if !slices.Equal(got, want) {
				t.Errorf("%s, budget %d: Select chose %v, the greedy loop %v", name, budget, got, want)
			}
			if len(got) == 0 {
				t.Errorf("%s, budget %d: nothing chosen", name, budget)
			}
		}
	}
}

func BenchmarkSelectRepeated(b *testing.B) {
	m := repeatedModel(b)
	for b.Loop() {
		Select(m, Options{Words: 250})
	}
}
