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
	"sort"
	"strings"

	"github.com/parallax-news/parallax/align"
)

// Options tunes selection.
type Options struct {
	// Words is the word budget; zero means 120.
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
		opts.Words = 120
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
	concepts, weight := Concepts(m)

	type cand struct {
		i     int
		words int
		bonus float64
	}
	var cands []cand
	for i, s := range m.Sents {
		sent := m.Sentence(i)
		w := len(strings.Fields(sent.Text))
		if w < opts.MinWords || w > opts.MaxWords || !Readable(sent.Text) {
			continue
		}
		bonus := 0.5*(1-s.Pos) + align.Dot(s.Vec, m.Centroid)
		cands = append(cands, cand{i, w, bonus})
	}
	// A story too small to have agreed concepts falls back to a loose filter.
	if len(cands) == 0 {
		for i := range m.Sents {
			if w := len(strings.Fields(m.Sentence(i).Text)); w >= 4 {
				cands = append(cands, cand{i, w, 1 - m.Sents[i].Pos})
			}
		}
	}

	mw := meanWeight(weight)
	covered := map[string]bool{}
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
	perSent = make([][]string, len(m.Sents))
	docs := map[string]map[int]bool{}
	count := map[string]float64{}
	for i := range m.Sents {
		toks := m.Tokens[i]
		seen := map[string]bool{}
		for k := 0; k+1 < len(toks); k++ {
			a, b := toks[k], toks[k+1]
			if a.Stop && b.Stop {
				continue
			}
			cp := a.Stem + " " + b.Stem
			if seen[cp] {
				continue
			}
			seen[cp] = true
			perSent[i] = append(perSent[i], cp)
			if docs[cp] == nil {
				docs[cp] = map[int]bool{}
			}
			docs[cp][m.Sents[i].Article] = true
			count[cp]++
		}
	}
	nArts := len(m.Articles)
	minDF := max(2, int(math.Ceil(float64(nArts)*0.1)))
	weight = map[string]float64{}
	for cp, d := range docs {
		switch {
		case nArts <= 1:
			if count[cp] >= 2 {
				weight[cp] = count[cp]
			}
		case len(d) >= minDF:
			weight[cp] = float64(len(d))
		}
	}
	if len(weight) == 0 { // nothing shared: every concept counts once
		for cp := range docs {
			weight[cp] = 1
		}
	}
	for i := range perSent {
		kept := perSent[i][:0]
		for _, cp := range perSent[i] {
			if weight[cp] > 0 {
				kept = append(kept, cp)
			}
		}
		perSent[i] = kept
	}
	return perSent, weight
}

func meanWeight(w map[string]float64) float64 {
	if len(w) == 0 {
		return 1
	}
	keys := make([]string, 0, len(w))
	for k := range w {
		keys = append(keys, k)
	}
	sort.Strings(keys) // a fixed order keeps the float sum deterministic
	var s float64
	for _, k := range keys {
		s += w[k]
	}
	return s / float64(len(w))
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
