package brief

import (
	"regexp"
	"sort"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/align"
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

// markOffTopic finds the parts of each article that are about other news,
// records them in Article.OffTopic and returns their sentences, to be left
// out of the brief. A part is off topic when it shares little with what the
// story's sources have in common (the model's centroid). A paragraph opened
// by a cue such as "In related news" is off topic unless it scores above the
// article's median; the paragraphs after it are off topic until one scores
// well above the median. Any other paragraph must fall far below it. Short paragraphs are never judged alone.
func markOffTopic(arts []*parallax.Article, m *align.Model) map[align.Ref]bool {
	skip := map[align.Ref]bool{}
	for ai, a := range arts {
		units := unitsOf(ai, a, m)
		if len(units) < 3 {
			continue
		}
		sims := make([]float64, len(units))
		terms := make([]int, len(units))
		for ui, u := range units {
			var vs []align.Vec
			for _, si := range u.sents {
				vs = append(vs, m.Sents[si].Vec)
				terms[ui] += len(m.Sents[si].Terms)
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
			case terms[ui] >= 12:
				off = sims[ui] < med*0.25 && sims[ui] < 0.08
			}
			if !off {
				if tail && !cue {
					tail = false // the article came back to the story
				}
				continue
			}
			for _, bi := range u.blocks {
				blk := a.Blocks[bi]
				a.OffTopic = append(a.OffTopic, parallax.Removal{Span: blk.Span, Text: blk.Text, Reason: parallax.ReasonOffTopic})
			}
			for _, si := range u.sents {
				skip[m.Sents[si].Ref] = true
			}
		}
	}
	return skip
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
