package brief

import (
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/align"
	"github.com/parallax-news/parallax/text"
)

// title picks the story's headline: the article title or section heading
// closest to what the sources have in common; failing that, the first
// summary sentence cut at a clause boundary.
func title(m *align.Model, sum []parallax.Statement) string {
	best, bestScore := "", 0.05
	for _, a := range m.Articles {
		cands := []string{a.Title}
		for _, b := range a.Blocks {
			if b.Heading {
				cands = append(cands, b.Text)
			}
		}
		for _, c := range cands {
			c = strings.TrimSpace(c)
			w := len(strings.Fields(c))
			if w < 4 || w > 18 || strings.Contains(c, "?") {
				continue
			}
			score := headlineScore(m, c)
			if len(sum) > 0 {
				// A headline should tell the lead fact of the summary.
				score *= 1 + overlap(c, sum[0].Text)
			}
			if score > bestScore {
				best, bestScore = c, score
			}
		}
	}
	if best != "" {
		return best
	}
	if len(sum) == 0 {
		return ""
	}
	return shorten(sum[0].Text, 16)
}

// headlineScore is the weight of the story's shared terms a candidate
// headline carries.
func headlineScore(m *align.Model, s string) float64 {
	var score float64
	seen := map[string]bool{}
	for _, t := range text.Terms(s) {
		id, ok := m.Vocab[t]
		if !ok || seen[t] {
			continue
		}
		seen[t] = true
		for k, cid := range m.Centroid.IDs {
			if cid == id {
				score += float64(m.Centroid.W[k])
			}
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
