package eval

import (
	"math"
	"testing"
)

func TestExtractScores(t *testing.T) {
	var s ExtractScores
	s.Add(ExtractCase{With: []string{"200 g Zucker", "Teig verarbeiten."}, Without: []string{"Impressum", "Teilen mit"}},
		"Mandelplätzchen\n200 g Zucker\nZu einem glatten Teig verarbeiten.\nImpressum")
	s.Add(ExtractCase{With: []string{"KOBE – A total of 6,000 surgical masks"}, Without: []string{"Related stories"}}, "")
	want := ExtractScores{Pages: 2, TP: 2, FN: 1, FP: 1, TN: 2}
	if s != want {
		t.Fatalf("counts %+v, want %+v", s, want)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"precision", s.Precision(), 2.0 / 3}, {"recall", s.Recall(), 2.0 / 3}, {"F1", s.F1(), 2.0 / 3}, {"accuracy", s.Accuracy(), 4.0 / 6}} {
		if math.Abs(c.got-c.want) > 1e-12 {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if (ExtractScores{}).Precision() != 0 || (ExtractScores{}).F1() != 0 {
		t.Error("empty scores should be 0")
	}
}
