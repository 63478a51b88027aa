package brief

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/align"
	"github.com/parallax-news/parallax/internal/text"
)

// title picks the story's headline among the sources' own headlines, their
// section headings and their lead sentences (shortened to a headline's
// length): the one that names most of the story's main actors (its most
// named shared names) and tells most of its lead fact (the summary's first
// statement), then the one closest to what the sources have in common. An
// outlet's headline (an article's title or first heading) is preferred to
// a sentence that does as well, a whole clause to one cut short; a
// candidate counts only when it names one of the actors.
func title(m *align.Model, keys map[int32]bool, sum []parallax.Statement) string {
	actors := mainActors(m, keys, 3)
	lead := ""
	if len(sum) > 0 {
		lead = sum[0].Text
	}
	best, bestScore := "", 0.0
	consider := func(c string, bonus float64) {
		c = strings.TrimSpace(c)
		w := len(strings.Fields(c))
		if w < 4 || w > 22 || strings.Contains(c, "?") {
			return
		}
		named := actorShare(m, c, actors)
		if named == 0 && len(actors) > 0 {
			return
		}
		score := named + 0.5*overlap(c, lead) + bonus + 0.1*headlineScore(m, c)
		if strings.HasSuffix(c, "…") {
			score -= 0.3
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	for _, a := range m.Articles {
		consider(a.Title, 0.6)
		for bi, b := range a.Blocks {
			if b.Heading {
				// The first block of an article is its headline; a heading
				// further down heads one part of it.
				consider(b.Text, 0.6*btof(bi == 0))
			}
		}
	}
	for _, c := range leads(m) {
		consider(headline(c), 0)
	}
	if best == "" && len(sum) > 0 {
		return shorten(sum[0].Text, 16)
	}
	return best
}

// leads returns the first sentence of eight words or more of each
// article: the sentences that tell the story's main event.
func leads(m *align.Model) []string {
	var out []string
	done := map[int]bool{}
	for i := range m.Sents {
		a := m.Sents[i].Article
		if !done[a] && m.Sents[i].Words >= 8 {
			done[a] = true
			out = append(out, m.Sentence(i).Text)
		}
	}
	return out
}

// mainActors returns the terms of the story's n most named shared names
// (keys, see keyNames), by the number of sentences naming them.
func mainActors(m *align.Model, keys map[int32]bool, n int) []int32 {
	count := map[int32]int{}
	for i := range m.Sents {
		seen := map[int32]bool{}
		for _, id := range m.Sents[i].Terms {
			if keys[id] && !seen[id] {
				seen[id] = true
				count[id]++
			}
		}
	}
	ids := make([]int32, 0, len(count))
	for id := range count {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(a, b int) bool {
		if count[ids[a]] != count[ids[b]] {
			return count[ids[a]] > count[ids[b]]
		}
		return ids[a] < ids[b]
	})
	return ids[:min(n, len(ids))]
}

// actorShare is the share of the actors a candidate headline names.
func actorShare(m *align.Model, c string, actors []int32) float64 {
	if len(actors) == 0 {
		return 0
	}
	has := map[int32]bool{}
	for _, t := range text.Terms(c) {
		if id, ok := m.Vocab[t]; ok {
			has[id] = true
		}
	}
	n := 0
	for _, id := range actors {
		if has[id] {
			n++
		}
	}
	return float64(n) / float64(len(actors))
}

// dayPhrase is a phrase that dates a lead sentence and that a headline
// leaves out ("on Monday", "on Tuesday morning", "yesterday").
var dayPhrase = regexp.MustCompile(`(?i)\s+(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?|yesterday|today|last\s+night|this\s+(?:morning|week))\b`)

// headline shortens a lead sentence to a headline: its dating phrases
// left out, cut before a clause that adds to the main one (", as …",
// ", while …", "; …"), and to 20 words at most.
func headline(s string) string {
	s = strings.TrimRight(dayPhrase.ReplaceAllString(s, ""), ".")
	if loc := clauseBreak.FindStringIndex(s); loc != nil && len(strings.Fields(s[:loc[0]])) >= 8 {
		s = s[:loc[0]]
	}
	return shorten(s, 20)
}

// headlineScore is the weight of the story's shared terms a candidate
// headline carries: the centroid's weights of its terms.
func headlineScore(m *align.Model, s string) float64 {
	var score float64
	seen := map[string]bool{}
	for _, t := range text.Terms(s) {
		id, ok := m.Vocab[t]
		if !ok || seen[t] {
			continue
		}
		seen[t] = true
		// The centroid's IDs are sorted.
		if k, found := slices.BinarySearch(m.Centroid.IDs, id); found {
			score += float64(m.Centroid.W[k])
		}
	}
	return score
}

// shorten cuts a sentence to at most n words at a clause boundary.
func shorten(s string, n int) string {
	words := strings.Fields(strings.TrimRight(s, "."))
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	for i := n; i >= 6; i-- {
		w := words[i-1]
		if strings.HasSuffix(w, ",") || strings.HasSuffix(w, ";") {
			return strings.TrimRight(strings.Join(words[:i], " "), ",;")
		}
		if next := strings.ToLower(words[min(i, len(words)-1)]); next == "as" || next == "after" || next == "while" || next == "because" || next == "despite" {
			return strings.Join(words[:i], " ")
		}
	}
	return strings.Join(words[:n], " ") + "…"
}

// overlap is the share of a candidate's content terms found in s.
func overlap(c, s string) float64 {
	have := map[string]bool{}
	for _, t := range text.Terms(s) {
		have[t] = true
	}
	terms := text.Terms(c)
	if len(terms) == 0 {
		return 0
	}
	n := 0
	for _, t := range terms {
		if have[t] {
			n++
		}
	}
	return float64(n) / float64(len(terms))
}
