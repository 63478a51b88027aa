package eval

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
)

// ClusterScores compares a predicted clustering of articles with the gold
// one.
type ClusterScores struct {
	// Articles is the number of articles scored.
	Articles int `json:"articles"`
	// Stories and GoldStories count the predicted and the gold clusters.
	Stories     int `json:"stories"`
	GoldStories int `json:"gold_stories"`
	// BCubed scores average, over articles, the share of the article's
	// predicted story that is in its gold story (precision) and the share of
	// its gold story that is in its predicted story (recall), each article
	// counted with itself (Bagga & Baldwin 1998).
	BCubedPrecision float64 `json:"bcubed_precision"`
	BCubedRecall    float64 `json:"bcubed_recall"`
	BCubedF1        float64 `json:"bcubed_f1"`
	// Pairwise scores count pairs of distinct articles put in one story:
	// precision is the share of predicted pairs that are gold pairs, recall
	// the share of gold pairs predicted. With no pair on a side, the score
	// of that side is 1.
	PairPrecision float64 `json:"pair_precision"`
	PairRecall    float64 `json:"pair_recall"`
	PairF1        float64 `json:"pair_f1"`
}

// ScoreClusters scores predicted story labels against gold labels, one pair
// per article at the same position. Labels are opaque: only equality
// counts. It fails with EINVALID when the slices differ in length or are
// empty, or when a gold label is empty.
func ScoreClusters(gold, pred []string) (ClusterScores, error) {
	if len(gold) != len(pred) {
		return ClusterScores{}, parallax.Errorf(parallax.EINVALID, "eval", "%d gold labels for %d predictions", len(gold), len(pred))
	}
	if len(gold) == 0 {
		return ClusterScores{}, parallax.Errorf(parallax.EINVALID, "eval", "no articles to score")
	}
	for i, g := range gold {
		if g == "" {
			return ClusterScores{}, parallax.Errorf(parallax.EINVALID, "eval", "article %d has no gold label", i+1)
		}
	}
	type pair struct{ g, p string }
	goldSize := map[string]int{}
	predSize := map[string]int{}
	both := map[pair]int{}
	for i := range gold {
		goldSize[gold[i]]++
		predSize[pred[i]]++
		both[pair{gold[i], pred[i]}]++
	}
	s := ClusterScores{Articles: len(gold), Stories: len(predSize), GoldStories: len(goldSize)}
	// B-cubed: every article of the cell (g, p) has |g∩p|/|p| precision and
	// |g∩p|/|g| recall.
	var bp, br float64
	var tp, predPairs, goldPairs float64
	// Sum in a fixed order, so that the result does not depend on map order
	// in its last bits.
	cells := slices.SortedFunc(maps.Keys(both), func(x, y pair) int {
		if x.g != y.g {
			return strings.Compare(x.g, y.g)
		}
		return strings.Compare(x.p, y.p)
	})
	for _, k := range cells {
		nn := float64(both[k])
		bp += nn * nn / float64(predSize[k.p])
		br += nn * nn / float64(goldSize[k.g])
		tp += nn * (nn - 1) / 2
	}
	for _, l := range slices.Sorted(maps.Keys(predSize)) {
		n := predSize[l]
		predPairs += float64(n) * float64(n-1) / 2
	}
	for _, l := range slices.Sorted(maps.Keys(goldSize)) {
		n := goldSize[l]
		goldPairs += float64(n) * float64(n-1) / 2
	}
	total := float64(len(gold))
	s.BCubedPrecision, s.BCubedRecall = bp/total, br/total
	s.BCubedF1 = f1(s.BCubedPrecision, s.BCubedRecall)
	s.PairPrecision, s.PairRecall = 1, 1
	if predPairs > 0 {
		s.PairPrecision = tp / predPairs
	}
	if goldPairs > 0 {
		s.PairRecall = tp / goldPairs
	}
	s.PairF1 = f1(s.PairPrecision, s.PairRecall)
	return s, nil
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Spread summarises a score over several runs.
type Spread struct {
	Runs int     `json:"runs"`
	Mean float64 `json:"mean"`
	// Std is the population standard deviation.
	Std float64 `json:"std"`
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

// SpreadOf returns the mean, standard deviation, minimum and maximum of xs;
// the zero Spread for none.
func SpreadOf(xs []float64) Spread {
	if len(xs) == 0 {
		return Spread{}
	}
	s := Spread{Runs: len(xs), Min: slices.Min(xs), Max: slices.Max(xs)}
	for _, x := range xs {
		s.Mean += x
	}
	s.Mean /= float64(len(xs))
	for _, x := range xs {
		s.Std += (x - s.Mean) * (x - s.Mean)
	}
	s.Std = math.Sqrt(s.Std / float64(len(xs)))
	return s
}

// Clusterer clusters documents in the order given and returns one predicted
// story label per document, at the same position.
type Clusterer func(docs []parallax.Document) ([]string, error)

// OrderReport is the clustering evaluation of one dataset: the scores in
// the input order and the spread of B-cubed F1 over shuffled arrival orders.
type OrderReport struct {
	Input    ClusterScores   `json:"input"`
	Shuffled []ClusterScores `json:"shuffled"`
	// BCubedF1 and PairF1 summarise the shuffled runs.
	BCubedF1 Spread `json:"bcubed_f1"`
	PairF1   Spread `json:"pair_f1"`
}

// EvaluateOrders scores cluster on docs, whose Label fields hold the gold
// stories, in the input order and in runs shuffled orders. The shuffles are
// deterministic: run i uses the seed i+1. Documents keep their publication
// dates, so a clusterer that orders by date sees only the articles of the
// same date (or without one) shuffled. It fails with EINVALID when a document has no label, or with cluster's error.
func EvaluateOrders(docs []parallax.Document, runs int, cluster Clusterer) (OrderReport, error) {
	gold := make([]string, len(docs))
	for i, d := range docs {
		gold[i] = d.Label
	}
	var rep OrderReport
	pred, err := cluster(docs)
	if err != nil {
		return rep, err
	}
	if rep.Input, err = ScoreClusters(gold, pred); err != nil {
		return rep, err
	}
	var bf, pf []float64
	for run := range runs {
		rng := rand.New(rand.NewPCG(uint64(run+1), 0x5eed))
		perm := rng.Perm(len(docs))
		shuffled := make([]parallax.Document, len(docs))
		sgold := make([]string, len(docs))
		for i, j := range perm {
			shuffled[i] = docs[j]
			sgold[i] = gold[j]
		}
		pred, err := cluster(shuffled)
		if err != nil {
			return rep, err
		}
		s, err := ScoreClusters(sgold, pred)
		if err != nil {
			return rep, err
		}
		rep.Shuffled = append(rep.Shuffled, s)
		bf, pf = append(bf, s.BCubedF1), append(pf, s.PairF1)
	}
	rep.BCubedF1, rep.PairF1 = SpreadOf(bf), SpreadOf(pf)
	return rep, nil
}
