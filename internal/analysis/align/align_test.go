package align_test

import (
	"testing"

	"github.com/parallax-news/parallax/internal/parallaxtest"

	"github.com/parallax-news/parallax/internal/analysis/align"
)

func exampleModel(tb testing.TB) *align.Model {
	tb.Helper()
	return align.NewModel(parallaxtest.Examples(tb), nil)
}

// labelled returns the labelled pairs of the examples in m.
func labelled(t *testing.T, m *align.Model) []parallaxtest.Pair {
	t.Helper()
	return parallaxtest.LabelledPairs(t, m)
}

// TestThreshold measures the decision "same fact" of Similarity at the default
// threshold against pairs labelled by reading.
func TestThreshold(t *testing.T) {
	m := exampleModel(t)
	pairs := labelled(t, m)
	for _, tau := range []float64{0.26, 0.29, align.DefaultThreshold, 0.35, 0.38} {
		var c parallaxtest.Confusion
		for _, p := range pairs {
			c.Add(align.Similarity(m, p.A, p.B) >= tau, p.Same)
		}
		prec, rec, f1 := c.Precision(), c.Recall(), c.F1()
		t.Logf("threshold %.2f: precision %.2f recall %.2f F1 %.2f", tau, prec, rec, f1)
		if tau == align.DefaultThreshold && (prec < 0.65 || f1 < 0.65) {
			t.Errorf("at the default threshold precision %.2f, F1 %.2f: want ≥ 0.65 and ≥ 0.65", prec, f1)
		}
	}
}

// TestFacts checks that the facts never put two sentences of one article
// in a group and that clear rewordings land together.
func TestFacts(t *testing.T) {
	m := exampleModel(t)
	facts := align.Facts(m, align.Options{})
	group := map[int]int{}
	for fi, f := range facts {
		seen := map[int]bool{}
		for _, s := range f.Members {
			a := m.Sents[s].Article
			if seen[a] {
				t.Errorf("fact %d has two sentences of article %d", fi, a)
			}
			seen[a] = true
			group[s] = fi
		}
	}
	for _, p := range labelled(t, m) {
		if p.Same && align.Similarity(m, p.A, p.B) > 0.6 && group[p.A] != group[p.B] {
			t.Errorf("close rewordings apart:\n  %s\n  %s", m.Sentence(p.A).Text, m.Sentence(p.B).Text)
		}
	}
}

func BenchmarkFacts(b *testing.B) {
	m := exampleModel(b)
	for b.Loop() {
		align.Facts(m, align.Options{})
	}
}
