package quote

import (
	"math"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/disjoint"
	"github.com/parallax-news/parallax/internal/text"
)

// link returns how closely two quotation sentences render one utterance,
// or 0 when they do not: 3 for the same words, 2 for one held in the other,
// else their similarity.
func link(a, b *unit, idf map[string]float64) float64 {
	if a.art == b.art && a.mention == b.mention {
		return 0
	}
	anon := !a.known || !b.known
	if !anon && a.speaker != b.speaker {
		return 0
	}
	if a.key == b.key {
		if len(a.words) >= 2 || !anon || a.kind == parallax.QuoteTerm && b.kind == parallax.QuoteTerm {
			return 3
		}
		return 0
	}
	short, long := a.words, b.words
	if len(short) > len(long) {
		short, long = long, short
	}
	if len(short) >= minContainWords && text.ContainsRun(long, short) {
		return 2
	}
	// A short fragment matches only by its exact words.
	if (a.kind == parallax.QuotePartial || b.kind == parallax.QuotePartial) && len(short) < 4 {
		return 0
	}
	sim, shared := overlap(a, b, idf)
	if anon {
		if shared >= minSharedTerms+1 && sim >= minOverlapAnon {
			return sim
		}
		return 0
	}
	if shared >= minSharedTerms && sim >= minOverlap {
		return sim
	}
	if r := float64(text.LCS(a.words, b.words)) / float64(len(short)); len(short) >= 4 && shared >= minSharedTerms && r >= minLCS {
		return r * 0.9
	}
	return 0
}

// joinable reports whether two groups of quotation sentences may become
// one: their known speakers agree, and an article in both quotes the same
// words in both (a summary repeating the body) or the sentences of one
// quotation.
func joinable(units []*unit, a, b []int) bool {
	speaker := ""
	for _, g := range [][]int{a, b} {
		for _, n := range g {
			u := units[n]
			if !u.known {
				continue
			}
			if speaker != "" && u.speaker != speaker {
				return false
			}
			speaker = u.speaker
		}
	}
	byArt := map[int][]int{}
	for _, y := range b {
		byArt[units[y].art] = append(byArt[units[y].art], y)
	}
	for _, x := range a {
		for _, y := range byArt[units[x].art] {
			ux, uy := units[x], units[y]
			if ux.mention == uy.mention {
				continue
			}
			short, long := ux.words, uy.words
			if len(short) > len(long) {
				short, long = long, short
			}
			if !text.ContainsRun(long, short) {
				return false
			}
		}
	}
	return true
}

// overlap returns the weighted share of the content terms of the smaller
// side found in the other, and the number of terms shared.
func overlap(a, b *unit, idf map[string]float64) (float64, int) {
	both, wa, shared := carried(a, b, idf)
	_, wb, _ := carried(b, b, idf)
	den := math.Min(wa, wb)
	if den == 0 {
		return 0, 0
	}
	return both / den, shared
}

// rendered returns the weighted share of a quotation's content terms that
// an indirect report carries, and the number of terms shared.
func rendered(report, quote *unit, idf map[string]float64) (float64, int) {
	both, wq, shared := carried(quote, report, idf)
	if wq == 0 {
		return 0, 0
	}
	return both / wq, shared
}

// carried weighs the content terms of u: their total weight, the weight of
// those other carries too, and how many those are.
func carried(u, other *unit, idf map[string]float64) (both, total float64, shared int) {
	// In a fixed order: floating-point sums taken in map order differed in
	// their last bits from run to run, and so did the order of the links
	// and the groups of quotations.
	for _, t := range u.termList {
		total += idf[t]
		if other.terms[t] {
			both += idf[t]
			shared++
		}
	}
	return both, total, shared
}

// weights returns the inverse document frequency of every content term
// over the quotation sentences of the story: words every quotation shares
// ("United States") count less than rare ones ("preposterous").
func weights(units []*unit) map[string]float64 {
	df := map[string]int{}
	for _, u := range units {
		for t := range u.terms {
			df[t]++
		}
	}
	n := float64(len(units))
	w := make(map[string]float64, len(df))
	for t, c := range df {
		w[t] = math.Log(1 + n/float64(c))
	}
	return w
}

// mergeAdjacent joins groups that hold the consecutive sentences of the
// same quotations and nothing else, so that a long quotation carried by the
// same outlets stays one quote.
func mergeAdjacent(units []*unit, uf *disjoint.Sets) {
	// The quotations (article, mention) of each group. Two groups join
	// only when their sets are equal, so the joined group has that same
	// set, and no pair read before changes its answer: one pass is enough.
	members := map[int]map[[2]int]bool{}
	for n, u := range units {
		r := uf.Find(n)
		if members[r] == nil {
			members[r] = map[[2]int]bool{}
		}
		members[r][[2]int{u.art, u.mention}] = true
	}
	for n := 1; n < len(units); n++ {
		a, b := units[n-1], units[n]
		if a.art != b.art || a.mention != b.mention || a.seq+1 != b.seq {
			continue
		}
		ra, rb := uf.Find(n-1), uf.Find(n)
		if ra == rb || !sameSet(members[ra], members[rb]) {
			continue
		}
		set := members[ra]
		uf.Union(ra, rb)
		members[uf.Find(ra)] = set
	}
}

func sameSet(a, b map[[2]int]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}
