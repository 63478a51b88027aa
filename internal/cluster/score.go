package cluster

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
)

// termInfo is what the clusterer keeps per term, in one place so that one
// memory access fetches it.
type termInfo struct {
	df    int32   // document frequency
	idfAt int32   // article count when idf was computed, 0 when stale
	idf   float64 // cached IDF
	dense float32 // weight in the article being added, else 0
	pos   int32   // scratch: position+1 in a centroid, else 0
	name  bool    // the term is a name
	head  int8    // scratch: 1 + the index of the main name of the article being added that the term names, else 0
	// postings are the stories indexed under the term, most recently
	// posted last.
	postings []int32
}

// weighted is one term of an article vector.
type weighted struct {
	term int32
	w    float32 // TF-IDF weight, the vector normalised
	m    float32 // contribution to a centroid: w / idf
}

// ranking is the best and second-best live story for an article, with
// their scores, among the candidates scored.
type ranking struct {
	best, second           *story
	bestScore, secondScore float64
	candidates             int
}

// rank scores the live stories indexed under the article's strongest
// features (by shared weight, the top candidates only) and keeps in c.near
// the small ones that score high enough to be merged.
func (c *Clusterer) rank(query []weighted, slots []slotKey, published time.Time) ranking {
	clear(c.acc)
	for _, q := range query {
		for _, sid := range c.terms[q.term].postings {
			if c.alive(c.stories[sid-1]) {
				c.acc[sid] += q.w
			}
		}
	}
	cands := c.topCandidates()
	r := ranking{candidates: len(cands)}
	c.near = c.near[:0]
	for _, sid := range cands {
		s := c.stories[sid-1]
		sc := c.score(slots, s, published)
		if c.opts.MergeScore > 0 && sc >= c.opts.MergeScore && s.size <= c.opts.MergeSize {
			c.near = append(c.near, s)
		}
		switch {
		case r.best == nil || sc > r.bestScore:
			r.second, r.secondScore = r.best, r.bestScore
			r.best, r.bestScore = s, sc
		case r.second == nil || sc > r.secondScore:
			r.second, r.secondScore = s, sc
		}
	}
	return r
}

// explain returns the explanation of a decision ("new" until the article
// joins), or nil when the options do not ask for one.
func (c *Clusterer) explain(r ranking, slots []slotKey) *Explanation {
	if !c.opts.Explain {
		return nil
	}
	why := &Explanation{Decision: "new", Threshold: c.opts.Threshold, Candidates: r.candidates, Names: []string{}, Terms: []string{}, Agree: []string{}, Conflict: []string{}}
	if r.best != nil {
		why.Story, why.Score = int(r.best.id), r.bestScore
		why.Names, why.Terms = c.shared(r.best)
		why.Agree, why.Conflict = slotTexts(slots, r.best)
		if c.opts.MainWeight > 0 && c.mainConflict(r.best, c.named(r.best)) {
			why.Conflict = append(why.Conflict, c.mainTexts(r.best)...)
		}
	}
	if r.second != nil {
		why.RunnerUp, why.RunnerUpScore = int(r.second.id), r.secondScore
	}
	return why
}

// vectorize counts the article in the document frequencies and returns its
// normalised TF-IDF vector, sorted by term.
func (c *Clusterer) vectorize(feats []feature) []weighted {
	c.n++
	vec := make([]weighted, len(feats))
	var norm float64
	for i, f := range feats {
		t := c.count(f)
		w := float64(f.tf) * c.idf(t)
		vec[i] = weighted{term: t, w: float32(w)}
		norm += w * w
	}
	norm = math.Sqrt(norm)
	for i := range vec {
		if norm > 0 {
			vec[i].w = float32(float64(vec[i].w) / norm)
			vec[i].m = float32(float64(vec[i].w) / c.idf(vec[i].term))
		}
		c.terms[vec[i].term].dense = vec[i].w
	}
	return vec
}

// idf is the inverse document frequency of a term as learned so far. It is
// cached per term and recomputed when the term's frequency changes or the
// number of articles has grown by more than 1/64 since.
func (c *Clusterer) idf(t int32) float64 {
	ti := &c.terms[t]
	if ti.idfAt == 0 || c.n-int(ti.idfAt) > c.n>>6 {
		ti.idf = math.Log(1 + float64(c.n)/float64(ti.df))
		ti.idfAt = int32(c.n)
	}
	return ti.idf
}

// strongest returns the k heaviest terms of vec, heaviest first (ties to
// the lower term).
func strongest(vec []weighted, k int) []weighted {
	q := slices.Clone(vec)
	before := func(x, y weighted) bool { return x.w > y.w || x.w == y.w && x.term < y.term }
	if k < len(q) {
		selectTop(q, k, before)
		q = q[:k]
	}
	slices.SortFunc(q, func(x, y weighted) int {
		if before(x, y) {
			return -1
		}
		if before(y, x) {
			return 1
		}
		return 0
	})
	return q
}

// score is the cosine of the article vector and the story centroid under
// the current IDF, raised or lowered by the facts they both report (see
// Options.SlotWeight and YearWeight), lowered when their main names
// conflict (Options.MainWeight), and lowered by up to half as the time
// since the story's latest article nears the window.
func (c *Clusterer) score(slots []slotKey, s *story, at time.Time) float64 {
	var dot, norm float64
	var named uint8 // the article's main names the story names, a bit each
	for i, t := range s.terms {
		cw := float64(s.mass[i]) * c.idf(t)
		norm += cw * cw
		ti := &c.terms[t]
		dot += float64(ti.dense) * cw
		if ti.head > 0 {
			named |= 1 << (ti.head - 1)
		}
	}
	if norm == 0 {
		return 0
	}
	sim := dot / math.Sqrt(norm)
	agree, conflict, yearConflict := slotEvidence(slots, s)
	sim *= math.Exp(c.opts.SlotWeight*float64(agree-conflict) - c.opts.YearWeight*float64(yearConflict))
	if c.opts.MainWeight > 0 && c.mainConflict(s, named) {
		sim *= math.Exp(-c.opts.MainWeight)
	}
	if !at.IsZero() && !s.last.IsZero() {
		gap := at.Sub(s.last)
		if gap < 0 {
			gap = -gap
		}
		sim *= 1 - 0.5*min(float64(gap)/float64(c.opts.Window), 1)
	}
	return sim
}

// shared returns the names and the other features the article shares with
// the story, by contribution to the score, at most eight of each.
func (c *Clusterer) shared(s *story) (names, terms []string) {
	type contrib struct {
		key string
		v   float64
	}
	var cs []contrib
	for i, t := range s.terms {
		if w := c.terms[t].dense; w != 0 {
			cs = append(cs, contrib{c.keys[t], float64(w) * float64(s.mass[i]) * c.idf(t)})
		}
	}
	slices.SortFunc(cs, func(x, y contrib) int {
		if d := cmp.Compare(y.v, x.v); d != 0 {
			return d
		}
		return strings.Compare(x.key, y.key)
	})
	names, terms = []string{}, []string{}
	for _, x := range cs {
		switch {
		case strings.HasPrefix(x.key, namePrefix):
			if len(names) < 8 {
				names = append(names, strings.TrimPrefix(x.key, namePrefix))
			}
		case len(terms) < 8:
			terms = append(terms, strings.TrimPrefix(x.key, numberPrefix))
		}
	}
	return names, terms
}

// selectTop reorders xs so that its first k elements are the k first in the
// strict total order before, in no particular order (quickselect).
func selectTop[T any](xs []T, k int, before func(a, b T) bool) {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		p := xs[lo+(hi-lo)/2]
		i, j := lo, hi
		for i <= j {
			for before(xs[i], p) {
				i++
			}
			for before(p, xs[j]) {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return
		}
	}
}

// topCandidates returns the stories of c.acc with the greatest weight, at
// most Candidates, ties broken by story id.
func (c *Clusterer) topCandidates() []int32 {
	cands := make([]int32, 0, len(c.acc))
	for sid := range c.acc {
		cands = append(cands, sid)
	}
	slices.SortFunc(cands, func(x, y int32) int {
		if d := cmp.Compare(c.acc[y], c.acc[x]); d != 0 {
			return d
		}
		return cmp.Compare(x, y)
	})
	return cands[:min(len(cands), c.opts.Candidates)]
}

// slotKey is a slot hashed: its unit, and its unit and value.
type slotKey struct {
	unit, value uint64
	text        string // "unit value", for explanations
	event       bool   // the year of the event: a year of the title or lead
}

// hashSlots hashes slots sorted by unit; the keys stay in that order.
func hashSlots(slots []slot) []slotKey {
	out := make([]slotKey, len(slots))
	for i, s := range slots {
		text := s.value + " " + s.unit // "23 pirat"
		switch s.unit {
		case unitYear, unitEventYear:
			text = "in " + s.value
		case unitDate:
			text = "on " + s.value // MM-DD
		case unitWeekday:
			text = "on " + s.value
		}
		unit, event := s.unit, false
		if unit == unitEventYear { // a year, the event's
			unit, event = unitYear, true
		}
		out[i] = slotKey{unit: hash64(unit), value: hash64(unit + "=" + s.value), text: text, event: event}
	}
	return out
}

// slotEvidence counts the units of the article's slots that the story also
// fills, with a value in common (agree) or with other values only
// (conflict); a conflict of the article's event year (a year of its title
// or lead) is counted apart, as yearConflict.
func slotEvidence(slots []slotKey, s *story) (agree, conflict, yearConflict int) {
	for i := 0; i < len(slots); {
		j, match := i, false
		for ; j < len(slots) && slots[j].unit == slots[i].unit; j++ {
			match = match || s.values[slotPair{slots[j].unit, slots[j].value}] > 0
		}
		if s.units[slots[i].unit] > 0 {
			switch {
			case match:
				agree++
			case slots[i].event:
				yearConflict++
			default:
				conflict++
			}
		}
		i = j
	}
	return agree, conflict, yearConflict
}

// slotTexts lists the article's slots that agree with the story and those
// that conflict with it.
func slotTexts(slots []slotKey, s *story) (agree, conflict []string) {
	agree, conflict = []string{}, []string{}
	for _, k := range slots {
		switch {
		case s.values[slotPair{k.unit, k.value}] > 0:
			agree = append(agree, k.text)
		case s.units[k.unit] > 0:
			conflict = append(conflict, k.text)
		}
	}
	return agree, conflict
}

// hash64 is the 64-bit FNV-1a hash of s.
func hash64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
