package brief

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/align"
	"github.com/parallax-news/parallax/parallaxtest"
)

// TestCrediting measures the decision to credit a source with a statement
// on the sentence pairs of the examples labelled by reading
// (align/testdata/pairs.tsv): it must be more precise than the bare
// similarity threshold (precision 0.71, recall 0.69 there).
func TestCrediting(t *testing.T) {
	m := align.NewModel(parallaxtest.Examples(t), nil)
	c := crediting{m: m, keys: keyNames(m), tau: align.DefaultThreshold}
	index := map[string]int{}
	for i := range m.Sents {
		index[m.Sentence(i).Text] = i
	}
	f, err := os.Open("../align/testdata/pairs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var tp, fp, fn float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		a, okA := index[cols[1]]
		b, okB := index[cols[2]]
		if !okA || !okB {
			t.Fatalf("pair not found in the examples: %q / %q", cols[1], cols[2])
		}
		got, same := c.credits(a, b), cols[0] == "1"
		switch {
		case got && same:
			tp++
		case got:
			fp++
		case same:
			fn++
		}
	}
	prec, rec := tp/(tp+fp), tp/(tp+fn)
	t.Logf("crediting: precision %.2f recall %.2f", prec, rec)
	if prec < 0.74 || rec < 0.5 {
		t.Errorf("precision %.2f, recall %.2f: want ≥ 0.74 and ≥ 0.5", prec, rec)
	}
}
