package align_test

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/parallaxtest"

	"github.com/parallax-news/parallax/align"
)

func exampleModel(tb testing.TB) *align.Model {
	tb.Helper()
	return align.NewModel(parallaxtest.Examples(tb), nil)
}

type pair struct {
	same bool
	a, b int // model indexes
}

// labelled reads testdata/pairs.tsv and finds its sentences in the model.
func labelled(t *testing.T, m *align.Model) []pair {
	t.Helper()
	index := map[string]int{}
	for i := range m.Sents {
		index[m.Sentence(i).Text] = i
	}
	f, err := os.Open("testdata/pairs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pairs []pair
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		a, okA := index[cols[1]]
		b, okB := index[cols[2]]
		if !okA || !okB {
			t.Fatalf("sentence of the fixture not found in the examples: %q / %q", cols[1], cols[2])
		}
		pairs = append(pairs, pair{cols[0] == "1", a, b})
	}
	return pairs
}

// TestThreshold measures the decision "same fact" of Similarity at the default
// threshold against pairs labelled by reading.
func TestThreshold(t *testing.T) {
	m := exampleModel(t)
	pairs := labelled(t, m)
	for _, tau := range []float64{0.26, 0.29, align.DefaultThreshold, 0.35, 0.38} {
		var tp, fp, fn float64
		for _, p := range pairs {
			got := align.Similarity(m, p.a, p.b) >= tau
			switch {
			case got && p.same:
				tp++
			case got:
				fp++
			case p.same:
				fn++
			}
		}
		prec, rec := tp/(tp+fp), tp/(tp+fn)
		f1 := 2 * prec * rec / (prec + rec)
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
		if p.same && align.Similarity(m, p.a, p.b) > 0.6 && group[p.a] != group[p.b] {
			t.Errorf("close rewordings apart:\n  %s\n  %s", m.Sentence(p.a).Text, m.Sentence(p.b).Text)
		}
	}
}

func BenchmarkFacts(b *testing.B) {
	m := exampleModel(b)
	for b.Loop() {
		align.Facts(m, align.Options{})
	}
}
