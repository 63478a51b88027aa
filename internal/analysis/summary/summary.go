// Package summary selects the sentences of an extractive multi-document
// summary: the sentences that together cover the most of what the sources
// agree on, within a word budget, without repeating themselves.
//
// The method is the concept-coverage model of Gillick and Favre (2009),
// solved greedily: concepts are word bigrams, each weighted by the number of
// articles that use it; a summary's value is the total weight of the
// concepts it covers, each counted once, so repetition earns nothing. The
// greedy choice divides the new weight a sentence brings by its length, with
// a small bonus for sentences early in their article and close to the
// story's centroid.
package summary

import (
	"container/heap"
	"math"
	"strings"

	"github.com/parallax-news/parallax/internal/analysis/align"
)

// Options tunes selection.
type Options struct {
	// Words is the word budget; zero means DefaultWords.
	Words int
	// MinWords and MaxWords bound the length of a selected sentence.
	// Zero means 8 and 60.
	MinWords, MaxWords int
	// Redundancy is the greatest cosine a new sentence may have with one
	// already chosen. Zero means 0.5.
	Redundancy float64
}

// Select returns the model indexes of the chosen sentences, in the order
// they were chosen (most valuable first). It returns nothing for an empty
// model.
func Select(m *align.Model, opts Options) []int {
	if opts.Words <= 0 {
		opts.Words = DefaultWords
	}
	if opts.MinWords <= 0 {
		opts.MinWords = 8
	}
	if opts.MaxWords <= 0 {
		opts.MaxWords = 60
	}
	if opts.Redundancy <= 0 {
		opts.Redundancy = 0.5
	}
	cs := concepts(m)
	concepts, weight := cs.perSent, cs.weight
	cands := candidates(m, opts)

	mw := meanOf(weight)
	covered := make([]bool, len(weight))
	var chosen []int
	words := 0
	score := func(c cand) float64 {
		gain := 0.0
		for _, cp := range concepts[c.i] {
			if !covered[cp] {
				gain += weight[cp]
			}
		}
		return (gain + c.bonus*mw) / math.Pow(float64(max(c.words, 1)), 0.7) // no 0/0 for an empty sentence
	}
	// Lazy greedy: a sentence's score only falls as concepts are covered, so
	// the scores in the heap are upper bounds, and the top one, once
	// rescored and still on top, is the best sentence (ties to the earliest).
	// Each round costs a few rescorings instead of a pass over every
	// sentence, which made long stories quadratic.
	h := &candHeap{}
	for k, c := range cands {
		if s := score(c); s > 0 { // a sentence of no value is never chosen
			h.items = append(h.items, scored{k: k, i: c.i, score: s})
		}
	}
	heap.Init(h)
	for {
		best := -1
		for h.Len() > 0 {
			top := h.items[0]
			c := cands[top.k]
			if words+c.words > opts.Words {
				heap.Pop(h) // the budget only shrinks: it never fits again
				continue
			}
			s := score(c)
			if !(s > 0) {
				heap.Pop(h) // of no value now, nor later
				continue
			}
			if s < top.score {
				h.items[0].score = s
				heap.Fix(h, 0)
				continue
			}
			heap.Pop(h)
			best = top.k
			break
		}
		if best < 0 {
			break
		}
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
		words += c.words
		for _, cp := range concepts[c.i] {
			covered[cp] = true
		}
	}
	return chosen
}

// cand is a sentence Select may choose: its model index, length in words
// and bonus.
type cand struct {
	i     int
	words int
	bonus float64
}

// candidates returns the sentences Select may choose: readable sentences
// of a fit length, with a bonus for those early in their article and close
// to the story's centroid. A story too small to have such sentences falls
// back to a loose filter.
func candidates(m *align.Model, opts Options) []cand {
	var cands []cand
	for i, s := range m.Sents {
		sent := m.Sentence(i)
		w := len(strings.Fields(sent.Text))
		if w < opts.MinWords || w > opts.MaxWords || !Readable(sent.Text) {
			continue
		}
		cands = append(cands, cand{i, w, 0.5*(1-s.Pos) + s.Central})
	}
	if len(cands) == 0 {
		for i := range m.Sents {
			if w := len(strings.Fields(m.Sentence(i).Text)); w >= 4 {
				cands = append(cands, cand{i, w, 1 - m.Sents[i].Pos})
			}
		}
	}
	return cands
}

// scored is a candidate sentence of Select with its score when last
// computed.
type scored struct {
	k, i  int // index among the candidates, model index
	score float64
}

// candHeap orders candidates by score, highest first, then by model index.
type candHeap struct{ items []scored }

func (h *candHeap) Len() int { return len(h.items) }
func (h *candHeap) Less(a, b int) bool {
	x, y := h.items[a], h.items[b]
	if x.score != y.score {
		return x.score > y.score
	}
	return x.i < y.i
}
func (h *candHeap) Swap(a, b int) { h.items[a], h.items[b] = h.items[b], h.items[a] }
func (h *candHeap) Push(x any)    { h.items = append(h.items, x.(scored)) }
func (h *candHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// Concepts returns each sentence's concepts (stemmed bigrams that are not
// two stop words) and the weight of each concept: the number of articles
// using it, for concepts used by at least minDF articles (2, or a tenth of
// a large story). A one-article story weighs concepts by their count.
func Concepts(m *align.Model) (perSent [][]string, weight map[string]float64) {
	cs := concepts(m)
	name := func(c int32) string { return cs.pairs[c][0] + " " + cs.pairs[c][1] }
	perSent = make([][]string, len(cs.perSent))
	for i, ids := range cs.perSent {
		for _, c := range ids {
			perSent[i] = append(perSent[i], name(c))
		}
	}
	weight = map[string]float64{}
	for c, w := range cs.weight {
		if w > 0 {
			weight[name(int32(c))] = w
		}
	}
	return perSent, weight
}

// conceptSet is what Concepts returns, concepts numbered in order of first
// use.
type conceptSet struct {
	perSent [][]int32   // the concepts of each model sentence
	weight  []float64   // the weight of each concept
	pairs   [][2]string // the stems of each concept
}

func concepts(m *align.Model) conceptSet {
	var cs conceptSet
	cs.perSent = make([][]int32, len(m.Sents))
	stems := map[string]int32{}
	stemID := func(s string) int32 {
		id, ok := stems[s]
		if !ok {
			id = int32(len(stems))
			stems[s] = id
		}
		return id
	}
	ids := map[uint64]int32{}
	var df, count []int // articles and sentences using each concept
	var lastArt, lastSent []int
	for i := range m.Sents {
		toks := m.Tokens[i]
		art := m.Sents[i].Article
		var prev int32
		for k := 0; k+1 < len(toks); k++ {
			a, b := toks[k], toks[k+1]
			if k == 0 {
				prev = stemID(a.Stem)
			}
			next := stemID(b.Stem)
			key := uint64(uint32(prev))<<32 | uint64(uint32(next))
			prev = next
			if a.Stop && b.Stop {
				continue
			}
			c, ok := ids[key]
			if !ok {
				c = int32(len(cs.pairs))
				ids[key] = c
				cs.pairs = append(cs.pairs, [2]string{a.Stem, b.Stem})
				df, count = append(df, 0), append(count, 0)
				lastArt, lastSent = append(lastArt, -1), append(lastSent, -1)
			}
			if lastSent[c] == i {
				continue
			}
			lastSent[c] = i
			cs.perSent[i] = append(cs.perSent[i], c)
			if lastArt[c] != art { // an article's sentences come together
				lastArt[c] = art
				df[c]++
			}
			count[c]++
		}
	}
	nArts := len(m.Articles)
	minDF := max(2, int(math.Ceil(float64(nArts)*0.1)))
	cs.weight = make([]float64, len(cs.pairs))
	shared := false
	for c := range cs.pairs {
		switch {
		case nArts <= 1:
			if count[c] >= 2 {
				cs.weight[c] = float64(count[c])
			}
		case df[c] >= minDF:
			cs.weight[c] = float64(df[c])
		}
		shared = shared || cs.weight[c] > 0
	}
	if !shared { // nothing shared: every concept counts once
		for c := range cs.weight {
			cs.weight[c] = 1
		}
	}
	for i := range cs.perSent {
		kept := cs.perSent[i][:0]
		for _, c := range cs.perSent[i] {
			if cs.weight[c] > 0 {
				kept = append(kept, c)
			}
		}
		cs.perSent[i] = kept
	}
	return cs
}

// meanWeight returns the mean weight of the concepts (1 for none). The
// weights are whole numbers, so the sum is exact in any order.
func meanWeight[K comparable](w map[K]float64) float64 {
	if len(w) == 0 {
		return 1
	}
	var s float64
	for _, v := range w {
		s += v
	}
	return s / float64(len(w))
}

// meanOf is meanWeight of the concepts of a conceptSet that weigh.
func meanOf(weight []float64) float64 {
	var s float64
	n := 0
	for _, v := range weight {
		if v > 0 {
			s += v
			n++
		}
	}
	if n == 0 {
		return 1
	}
	return s / float64(n)
}

// BrokenQuote reports whether a sentence holds a piece of a quotation cut
// by the sentence splitter (its quotation marks do not pair up): alone, it
// reads as nonsense.
func BrokenQuote(s string) bool {
	return strings.Count(s, "\"")%2 == 1 || strings.Count(s, "“") != strings.Count(s, "”")
}

// Readable reports whether a sentence can stand alone in a summary: not a
// question, not a bare or broken quotation, not opening with a pronoun or connective
// that points at a sentence the reader will not see, not first person.
func Readable(s string) bool {
	t := strings.TrimSpace(s)
	if t == "" || strings.HasSuffix(t, "?") || strings.HasSuffix(t, ":") {
		return false
	}
	switch t[0] {
	case '"', '\'':
		return false
	}
	if strings.HasPrefix(t, "“") || strings.HasPrefix(t, "‘") {
		return false
	}
	first := strings.ToLower(strings.Trim(strings.Fields(t)[0], ",.;:"))
	switch first {
	case "he", "she", "it", "they", "this", "that", "these", "those", "but", "and", "or", "so", "however", "i", "we", "his", "her", "their", "its", "also", "then", "meanwhile", "there", "here":
		return false
	}
	if BrokenQuote(t) {
		return false
	}
	lower := " " + strings.ToLower(t) + " "
	for _, p := range []string{" i ", " i'm ", " i've ", " we'll ", " we're ", " our reporters", " me "} {
		if strings.Contains(lower, p) && !strings.ContainsAny(t, "\"“”") {
			return false
		}
	}
	return true
}
