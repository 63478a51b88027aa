package brief

import (
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/align"
	"github.com/parallax-news/parallax/internal/text"
)

// title picks the story's headline: the article title closest to what the
// sources have in common, else a section heading that tells the lead fact,
// else the first summary sentence cut at a clause boundary.
func title(m *align.Model, sum []parallax.Statement) string {
	lead := ""
	if len(sum) > 0 {
		lead = sum[0].Text
	}
	// Article titles first; a section heading only when no article has a
	// title, and only one that tells the lead fact (a short line is not
	// always a heading: captions and credits can look like one).
	var titles, headings []string
	for _, a := range m.Articles {
		titles = append(titles, a.Title)
		for _, b := range a.Blocks {
			if b.Heading {
				headings = append(headings, b.Text)
			}
		}
	}
	if t := bestHeadline(m, titles, lead, 0); t != "" {
		return t
	}
	if t := bestHeadline(m, headings, lead, 0.3); t != "" {
		return t
	}
	return shorten(lead, 16)
}

// bestHeadline returns the candidate that carries most of the story's
// shared terms, weighted up by its overlap with the lead sentence, among
// those of 4 to 18 words, without a question mark, overlapping the lead by
// at least minLead; "" when none qualifies.
func bestHeadline(m *align.Model, cands []string, lead string, minLead float64) string {
	best, bestScore := "", 0.05
	for _, c := range cands {
		c = strings.TrimSpace(c)
		w := len(strings.Fields(c))
		if w < 4 || w > 18 || strings.Contains(c, "?") {
			continue
		}
		o := overlap(c, lead)
		if o < minLead {
			continue
		}
		if score := headlineScore(m, c) * (1 + o); score > bestScore {
			best, bestScore = c, score
		}
	}
	return best
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
