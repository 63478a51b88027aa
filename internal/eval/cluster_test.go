package eval

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/parallax-news/parallax"
)

func TestScoreClusters(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred []string
		want       ClusterScores
	}{
		{
			name: "perfect",
			gold: []string{"a", "a", "b"}, pred: []string{"1", "1", "2"},
			want: ClusterScores{Articles: 3, Stories: 2, GoldStories: 2, BCubedPrecision: 1, BCubedRecall: 1, BCubedF1: 1, PairPrecision: 1, PairRecall: 1, PairF1: 1},
		},
		{
			// Cells (a,1)=2, (a,2)=1, (b,2)=2. B-cubed precision
			// (2·2/2 + 1·1/3 + 2·2/3)/5 = 11/15, recall likewise; pairs:
			// 2 true of 4 predicted, of 4 gold.
			name: "one article misplaced",
			gold: []string{"a", "a", "a", "b", "b"}, pred: []string{"1", "1", "2", "2", "2"},
			want: ClusterScores{Articles: 5, Stories: 2, GoldStories: 2, BCubedPrecision: 11.0 / 15, BCubedRecall: 11.0 / 15, BCubedF1: 11.0 / 15, PairPrecision: 0.5, PairRecall: 0.5, PairF1: 0.5},
		},
		{
			// Recall (1/2 + 1/2 + 1)/3; no predicted pair, so pairwise
			// precision is 1 and recall 0.
			name: "all apart",
			gold: []string{"a", "a", "b"}, pred: []string{"1", "2", "3"},
			want: ClusterScores{Articles: 3, Stories: 3, GoldStories: 2, BCubedPrecision: 1, BCubedRecall: 2.0 / 3, BCubedF1: 0.8, PairPrecision: 1, PairRecall: 0, PairF1: 0},
		},
		{
			// Precision (2·2/3 + 1·1/3)/3 = 5/9; pairs: 1 true of 3.
			name: "all together",
			gold: []string{"a", "a", "b"}, pred: []string{"1", "1", "1"},
			want: ClusterScores{Articles: 3, Stories: 1, GoldStories: 2, BCubedPrecision: 5.0 / 9, BCubedRecall: 1, BCubedF1: 2 * (5.0 / 9) / (5.0/9 + 1), PairPrecision: 1.0 / 3, PairRecall: 1, PairF1: 0.5},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ScoreClusters(tt.gold, tt.pred)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("ScoreClusters mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestScoreClustersErrors(t *testing.T) {
	for name, c := range map[string][2][]string{
		"lengths":  {{"a"}, {"1", "2"}},
		"empty":    {{}, {}},
		"no label": {{"a", ""}, {"1", "1"}},
	} {
		if _, err := ScoreClusters(c[0], c[1]); parallax.ErrorCode(err) != parallax.EINVALID {
			t.Errorf("%s: error %v, want EINVALID", name, err)
		}
	}
}

func TestSpreadOf(t *testing.T) {
	got := SpreadOf([]float64{0.9, 0.8, 1.0})
	want := Spread{Runs: 3, Mean: 0.9, Std: math.Sqrt(0.02 / 3), Min: 0.8, Max: 1.0}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("SpreadOf mismatch (-want +got):\n%s", diff)
	}
	if (SpreadOf(nil) != Spread{}) {
		t.Error("SpreadOf(nil) is not zero")
	}
}

// TestEvaluateOrders checks the shuffled runs with a clusterer that puts
// an article with the one before it when their labels agree: in the input
// order (labels grouped) it is perfect, in shuffled orders it splits.
func TestEvaluateOrders(t *testing.T) {
	var docs []parallax.Document
	for _, l := range []string{"a", "a", "a", "b", "b", "c", "c", "c", "c"} {
		docs = append(docs, parallax.Document{Label: l})
	}
	chain := func(ds []parallax.Document) ([]string, error) {
		out := make([]string, len(ds))
		story := 0
		for i, d := range ds {
			if i == 0 || d.Label != ds[i-1].Label {
				story++
			}
			out[i] = string(rune('0' + story))
		}
		return out, nil
	}
	rep, err := EvaluateOrders(docs, 4, chain)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Input.BCubedF1 != 1 || len(rep.Shuffled) != 4 || rep.BCubedF1.Runs != 4 {
		t.Fatalf("report %+v", rep)
	}
	if rep.BCubedF1.Max >= 1 || rep.BCubedF1.Min <= 0 || rep.BCubedF1.Std == 0 {
		t.Errorf("shuffled spread %+v: want splits, differing by order", rep.BCubedF1)
	}
	again, _ := EvaluateOrders(docs, 4, chain)
	if diff := cmp.Diff(rep, again); diff != "" {
		t.Errorf("shuffles not deterministic:\n%s", diff)
	}
}
