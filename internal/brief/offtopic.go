package brief

import (
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/align"
	"github.com/parallax-news/parallax/internal/text"
)

// offTopicCue opens a part about other news.
var offTopicCue = regexp.MustCompile(`(?i)^(?:in (?:other|related|unrelated|separate) news|elsewhere(?: in the news)?,|in other developments|on another (?:note|topic|front)|separately,|also in the news|in a separate development)`)

// unit is a run of blocks judged together: one live-blog post, or one
// paragraph of an ordinary article.
type unit struct {
	article int
	blocks  []int
	sents   []int // model indexes
}

// markOffTopic finds the parts of each article that are about other news:
// it returns their sentences, to be left out of the brief, and the blocks of
// each article they lie in. It changes nothing it is given. A part is off topic when it shares little with what the
// story's sources have in common (the model's centroid). A paragraph opened
// by a cue such as "In related news" is off topic unless it scores above the
// article's median; the paragraphs after it are off topic until one scores
// well above the median. Any other paragraph must fall far below it. Short paragraphs are never judged alone.
func markOffTopic(arts []*parallax.Article, m *align.Model) (map[align.Ref]bool, [][]parallax.Removal) {
	skip := map[align.Ref]bool{}
	offTopic := make([][]parallax.Removal, len(arts))
	keys := keyNames(m)
	away := strayArticles(m)
	for ai, a := range arts {
		if away[ai] {
			for _, blk := range a.Blocks {
				offTopic[ai] = append(offTopic[ai], parallax.Removal{Span: blk.Span, Text: blk.Text, Reason: parallax.ReasonOffTopic})
			}
			for si := range a.Sentences {
				skip[align.Ref{Article: ai, Sentence: si}] = true
			}
			continue
		}
		units := unitsOf(ai, a, m)
		if len(units) < 3 {
			continue
		}
		sims := make([]float64, len(units))
		terms := make([]int, len(units))
		names := make([]int, len(units))
		for ui, u := range units {
			var vs []align.Vec
			seen := map[int32]bool{}
			for _, si := range u.sents {
				vs = append(vs, m.Sents[si].Vec)
				terms[ui] += len(m.Sents[si].Terms)
				for _, id := range m.Sents[si].Terms {
					if keys[id] && !seen[id] {
						seen[id] = true
						names[ui]++
					}
				}
			}
			sims[ui] = align.Dot(align.Sum(vs...), m.Centroid)
		}
		med := median(sims)
		tail := false
		for ui, u := range units {
			first := a.Blocks[u.blocks[0]].Text
			cue := offTopicCue.MatchString(strings.TrimSpace(first))
			if cue {
				tail = true
			}
			off := false
			switch {
			case cue:
				off = sims[ui] < med*0.9
			case tail:
				// After a cue everything is other news unless it is
				// clearly about the story again.
				off = sims[ui] < med*1.5
			case terms[ui] >= 12 && len(keys) > 0 && names[ui] == 0:
				// A long part naming none of the story's people, places
				// and organisations.
				off = sims[ui] < med*0.6
			case terms[ui] >= 12:
				off = sims[ui] < med*0.25 && sims[ui] < 0.08
			}
			if !off {
				if tail && !cue {
					tail = false // the article came back to the story
				}
				continue
			}
			blocks := u.blocks
			if post := a.Blocks[u.blocks[0]].Post; post > 0 {
				// The post's heading goes with it.
				for bi, blk := range a.Blocks {
					if blk.Heading && blk.Post == post {
						blocks = append([]int{bi}, blocks...)
					}
				}
			}
			for _, bi := range blocks {
				blk := a.Blocks[bi]
				offTopic[ai] = append(offTopic[ai], parallax.Removal{Span: blk.Span, Text: blk.Text, Reason: parallax.ReasonOffTopic})
			}
			for _, si := range u.sents {
				skip[m.Sents[si].Ref] = true
			}
		}
	}
	return skip, offTopic
}

// strayArticles finds the articles of another story: of two articles, see
// strayOfTwo; in a story of three articles or more, an article whose words the others hardly use (its
// cosine with the sum of the other articles below strayCosine, and below a
// quarter of the median article's). A feed item of two sentences about a
// typhoon among reports of a budget vote is one; an article is judged
// whole, however short.
func strayArticles(m *align.Model) map[int]bool {
	switch len(m.Articles) {
	case 0, 1:
		return nil
	case 2:
		return strayOfTwo(m)
	}
	sims := straySims(m)
	med := median(sims)
	away := map[int]bool{}
	for a, s := range sims {
		if s >= 0 && s < strayCosine && s < med/4 {
			away[a] = true
		}
	}
	return away
}

// strayOfTwo judges a story of two articles: when they share almost
// nothing (cosine below strayPair), the shorter (the second among equals)
// is of another story. Of 134 pairs of ECB+ articles of one story none is
// judged so (6 as teasers of two sentences); of 134 pairs of two topics,
// 98 (122 as teasers).
func strayOfTwo(m *align.Model) map[int]bool {
	sims := straySims(m)
	if sims[0] < 0 || sims[0] >= strayPair {
		return nil
	}
	words := [2]int{}
	for i := range m.Sents {
		words[m.Sents[i].Article] += m.Sents[i].Words
	}
	if words[1] > words[0] {
		return map[int]bool{0: true}
	}
	return map[int]bool{1: true}
}

// strayPair is the cosine below which two articles are of two stories.
const strayPair = 0.05

// straySims returns the cosine of each article with the sum of the others
// (-1 for an article without sentences in the model).
func straySims(m *align.Model) []float64 {
	n := len(m.Articles)
	vecs := make([]map[int32]float64, n)
	total := map[int32]float64{}
	for i := range m.Sents {
		s := &m.Sents[i]
		if vecs[s.Article] == nil {
			vecs[s.Article] = map[int32]float64{}
		}
		for x, id := range s.Vec.IDs {
			vecs[s.Article][id] += float64(s.Vec.W[x])
			total[id] += float64(s.Vec.W[x])
		}
	}
	var tt float64 // |total|²
	for _, w := range total {
		tt += w * w
	}
	sims := make([]float64, n)
	for a, v := range vecs {
		if v == nil {
			sims[a] = -1
			continue
		}
		// The rest is total − v: v·rest = v·total − |v|², and
		// |rest|² = |total|² − 2 v·total + |v|².
		var vt, vv float64
		for id, w := range v {
			vt += w * total[id]
			vv += w * w
		}
		if rr := tt - 2*vt + vv; vv > 0 && rr > 1e-12 {
			sims[a] = (vt - vv) / math.Sqrt(vv*rr)
		}
	}
	return sims
}

// strayCosine is the cosine with the rest of the story below which an
// article may be of another story.
const strayCosine = 0.12

// keyNames returns the terms of the story's shared names: capitalised
// words, not function words, that at least two articles and two fifths of
// them use.
func keyNames(m *align.Model) map[int32]bool {
	keys := map[int32]bool{}
	n := len(m.Articles)
	if n < 2 {
		return keys
	}
	capital := map[int32]map[int]bool{} // term → articles writing it capitalised
	for i, toks := range m.Tokens {
		terms := m.Sents[i].Terms
		k := 0
		for _, t := range toks {
			if t.Stop || len(t.Lower) < 2 {
				continue
			}
			// terms[k] is the ID of this token's stem; a capital at the
			// start of a sentence says nothing.
			if k < len(terms) && t.Capital && t.Start > 0 && !calendarWord(t.Lower) {
				if capital[terms[k]] == nil {
					capital[terms[k]] = map[int]bool{}
				}
				capital[terms[k]][m.Sents[i].Article] = true
			}
			k++
		}
	}
	for id, arts := range capital {
		if len(arts) >= 2 && len(arts)*5 >= n*2 {
			keys[id] = true
		}
	}
	return keys
}

// calendarWord reports whether a lower-case word is the name of a day or
// a month: capitalised, it names no one.
func calendarWord(w string) bool {
	_, day := text.Weekday(w)
	return day || text.IsMonthName(w)
}

// unitsOf groups an article's blocks into the units judged for topic.
func unitsOf(ai int, a *parallax.Article, m *align.Model) []unit {
	var units []unit
	byBlock := map[int][]int{}
	for si := range a.Sentences {
		if k, ok := m.Index[align.Ref{Article: ai, Sentence: si}]; ok {
			byBlock[a.Sentences[si].Block] = append(byBlock[a.Sentences[si].Block], k)
		}
	}
	for bi, b := range a.Blocks {
		if b.Heading || len(byBlock[bi]) == 0 {
			continue
		}
		if b.Post > 0 && len(units) > 0 {
			last := &units[len(units)-1]
			if a.Blocks[last.blocks[0]].Post == b.Post {
				last.blocks = append(last.blocks, bi)
				last.sents = append(last.sents, byBlock[bi]...)
				continue
			}
		}
		units = append(units, unit{article: ai, blocks: []int{bi}, sents: byBlock[bi]})
	}
	return units
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}
