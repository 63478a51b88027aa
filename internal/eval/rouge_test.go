package eval

import (
	"math"
	"testing"
)

func TestRouge(t *testing.T) {
	tests := []struct {
		name       string
		cand       string
		refs       []string
		r1, r2, rl float64 // recalls
		r2p        float64 // ROUGE-2 precision
	}{
		// The example of Lin (2004) and of most ROUGE tutorials.
		{"classic", "the cat was found under the bed", []string{"the cat was under the bed"}, 1, 0.8, 1, 4.0 / 6},
		{"stemmed and case-folded", "Deported men were returned.", []string{"the deporting of men; returning"}, 3.0 / 5, 0, 3.0 / 5, 0},
		{"two references", "police killed the gunman", []string{"police kill the gunman", "the gunman was shot down by police"}, 7.0 / 11, 4.0 / 9, (1.0 + 2.0/7) / 2, 4.0 / 6},
		{"empty candidate", "", []string{"a reference"}, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ScoreRouge(tt.cand, tt.refs)
			for _, c := range []struct {
				what      string
				got, want float64
			}{{"R1 recall", r.R1.Recall, tt.r1}, {"R2 recall", r.R2.Recall, tt.r2}, {"RL recall", r.RL.Recall, tt.rl}, {"R2 precision", r.R2.Precision, tt.r2p}} {
				if math.Abs(c.got-c.want) > 1e-9 {
					t.Errorf("%s = %.4f, want %.4f", c.what, c.got, c.want)
				}
			}
		})
	}
}
