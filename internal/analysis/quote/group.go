package quote

import (
	"cmp"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/align"
	"github.com/parallax-news/parallax/internal/disjoint"
	"github.com/parallax-news/parallax/internal/text"
)

// unit is one sentence of a quotation, the grain at which wordings are
// compared: "The question is preposterous." is one utterance that two
// outlets quote, whatever each quotes around it.
type unit struct {
	art, mention, seq int
	start, end        int
	speaker           string
	known             bool // speaker names an entity or is as written, not a bare pronoun
	kind              string
	words             []string        // lower-case words, "US" spelled out
	key               string          // words joined by spaces
	terms             map[string]bool // stems of content words
	termList          []string        // the same, sorted: sums over them do not depend on map order
}

// Similarity thresholds of Group.
const (
	minOverlap      = 0.5  // weighted share of content terms, speakers equal
	minOverlapAnon  = 0.7  // the same when a speaker is unknown
	minLCS          = 0.6  // longest common word sequence over the shorter
	minParaphrase   = 0.75 // share of a quotation's terms an indirect report renders
	minParaTerms    = 3
	minSharedTerms  = 2
	minContainWords = 3
)

// Group gathers the quotations of one utterance across articles: the same
// speaker's words quoted in full, trimmed, reworded or translated
// differently ("How can I smuggle a terrorist into the United States?" and
// "How can I return a criminal to the US? Smuggle a terrorist in?"). It
// compares quotations sentence by sentence on content-word overlap
// (weighted by rarity in the story), containment and the longest common
// word sequence, and links only quotations whose speakers agree (or where
// one is unknown and the wording is close). Each distinct wording is a
// Variant with its sources and cites; an indirect report that renders a
// quotation is added as a Variant of it. mentions[i] holds the mentions of
// articles[i]. Quotes are ordered by number of sources (descending), then
// by first appearance. Partial quotations with no speaker found in one
// source only are left out, as are indirect reports that render no
// quotation; terms (parallax.QuoteTerm) are kept, with no speaker, so that
// a brief can list them apart from what people said. Group never fails.
func Group(articles []*parallax.Article, mentions [][]Mention) []parallax.Quote {
	return GroupDocs(text.Analyse(articles), mentions)
}

// GroupDocs is Group over the analysed articles of a story (see
// text.Analyse): docs[i] is article i. The quotations are cut into
// sentences (units), the closest wordings linked into groups, the indirect
// reports joined to the group they render, and each group made a quote.
func GroupDocs(docs []*text.Doc, mentions [][]Mention) []parallax.Quote {
	units, indirect := quoteUnits(docs, mentions)
	idf := weights(append(append([]*unit(nil), units...), indirect...))
	uf := linkUnits(units, idf)
	mergeAdjacent(units, uf)

	groups := map[int][]*unit{}
	var roots []int
	for n, u := range units {
		r := uf.Find(n)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], u)
	}
	paraphrases := joinParaphrases(groups, roots, indirect, idf)

	srcs := parallax.SourceIDs(text.Articles(docs))
	type ordered struct {
		q          parallax.Quote
		art, start int
	}
	var all []ordered
	for _, r := range roots {
		q, ok := build(groups[r], paraphrases[r], srcs, docs)
		if !ok {
			continue
		}
		first := groups[r][0]
		for _, u := range groups[r] {
			if u.art < first.art || u.art == first.art && u.start < first.start {
				first = u
			}
		}
		all = append(all, ordered{q, first.art, first.start})
	}
	sort.SliceStable(all, func(i, j int) bool {
		if len(all[i].q.Sources) != len(all[j].q.Sources) {
			return len(all[i].q.Sources) > len(all[j].q.Sources)
		}
		if all[i].art != all[j].art {
			return all[i].art < all[j].art
		}
		return all[i].start < all[j].start
	})
	out := make([]parallax.Quote, 0, len(all))
	for _, o := range all {
		out = append(out, o.q)
	}
	return out
}

// quoteUnits cuts the quotations of every article into sentences, each
// with its words and terms: the direct and partial ones to group, and the
// indirect reports whose speaker is known, to join a group later.
func quoteUnits(docs []*text.Doc, mentions [][]Mention) (units, indirect []*unit) {
	for i := range mentions {
		if i >= len(docs) {
			break
		}
		r := docs[i].Runes
		for mi, m := range mentions[i] {
			if m.Start < 0 || m.End > len(r) || m.Start >= m.End {
				continue
			}
			known := m.Speaker != "" && !(m.unresolved && isPronoun(m.Speaker))
			for seq, sp := range quoteSentences(r, m.Start, m.End) {
				u := &unit{art: i, mention: mi, seq: seq, start: sp[0], end: sp[1], speaker: m.Speaker, known: known, kind: m.Kind}
				u.words, u.terms = wordsOf(docs[i].Span(sp[0], sp[1]))
				u.termList = slices.Sorted(maps.Keys(u.terms))
				u.key = strings.Join(u.words, " ")
				if len(u.words) == 0 {
					continue
				}
				if m.Kind == parallax.QuoteIndirect {
					if known {
						indirect = append(indirect, u)
					}
					continue
				}
				units = append(units, u)
			}
		}
	}
	return units, indirect
}

// linkUnits links the closest wordings first, and joins two groups only
// when no article would then quote two different utterances in one group
// and the known speakers agree. Candidates share a content term or the
// very words; only they are compared, so the cost follows the number of
// related pairs, not the square of the number of quotations.
func linkUnits(units []*unit, idf map[string]float64) *disjoint.Sets {
	type edge struct {
		a, b  int
		score float64
	}
	byTerm := map[string][]int{}
	for n, u := range units {
		for t := range u.terms {
			byTerm[t] = append(byTerm[t], n)
		}
	}
	same := sameWording(units)
	// A term carried by many quotations ("people", "country") makes no
	// candidates: quotations of one utterance share rarer words, and copies
	// share their key. Without this a story of a thousand articles compares
	// every quotation with every other.
	maxPosting := align.CandidateDF(len(units))
	var edges []edge
	seen := make([]int, len(units))
	for a := range units {
		consider := func(b int) {
			if b <= a || seen[b] == a+1 {
				return
			}
			seen[b] = a + 1
			if score := link(units[a], units[b], idf); score > 0 {
				edges = append(edges, edge{a, b, score})
			}
		}
		for _, b := range same[a] {
			consider(b)
		}
		for t := range units[a].terms {
			if len(byTerm[t]) > maxPosting {
				continue
			}
			for _, b := range byTerm[t] {
				consider(b)
			}
		}
	}
	// The best links first; among equals (map iteration made their order
	// random) by their units' order.
	slices.SortFunc(edges, func(x, y edge) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	uf := disjoint.New(len(units))
	members := make([][]int, len(units))
	for n := range units {
		members[n] = []int{n}
	}
	for _, e := range edges {
		ra, rb := uf.Find(e.a), uf.Find(e.b)
		if ra == rb || !joinable(units, members[ra], members[rb]) {
			continue
		}
		uf.Union(ra, rb)
		r := uf.Find(ra)
		merged := append(append([]int(nil), members[ra]...), members[rb]...)
		members[ra], members[rb] = nil, nil
		members[r] = merged
	}
	return uf
}

// sameWording returns, for each unit, the units of the same wording it is
// compared with: the next of its class (the same speaker, known or not, and
// kind) and the first of every other class. Copies of one wording in a
// thousand articles then make a chain, not a thousand squared pairs, and
// connect as they would pair by pair: all of a class link alike.
func sameWording(units []*unit) [][]int {
	type class struct {
		key, speaker, kind string
		known              bool
	}
	last := map[class]int{}
	heads := map[string][]int{}
	same := make([][]int, len(units))
	for n, u := range units {
		c := class{u.key, u.speaker, u.kind, u.known}
		if p, ok := last[c]; ok {
			same[p] = append(same[p], n)
		} else {
			for _, h := range heads[u.key] {
				same[h] = append(same[h], n)
			}
			heads[u.key] = append(heads[u.key], n)
		}
		last[c] = n
	}
	return same
}

// joinParaphrases joins each indirect report to the group of the same
// speaker it renders best, if any: the result lists them by group root.
func joinParaphrases(groups map[int][]*unit, roots []int, indirect []*unit, idf map[string]float64) map[int][]*unit {
	paraphrases := map[int][]*unit{}
	type member struct {
		root int
		g    *unit
	}
	bySpeaker := map[string][]member{}
	for _, r := range roots {
		for _, g := range groups[r] {
			bySpeaker[g.speaker] = append(bySpeaker[g.speaker], member{r, g})
		}
	}
	// A wording's terms are those of its words: the score of a pair of
	// wordings is reckoned once, however many outlets carry them.
	type score struct {
		sim    float64
		shared int
	}
	scores := map[[2]string]score{}
	for _, u := range indirect {
		best, bestSim := -1, 0.0
		for _, mb := range bySpeaker[u.speaker] {
			r, g := mb.root, mb.g
			if g.art == u.art && g.start >= u.start && g.end <= u.end {
				continue
			}
			k := [2]string{u.key, g.key}
			sc, ok := scores[k]
			if !ok {
				sc.sim, sc.shared = rendered(u, g, idf)
				scores[k] = sc
			}
			sim, shared := sc.sim, sc.shared
			if shared >= minParaTerms && sim >= minParaphrase && sim > bestSim {
				best, bestSim = r, sim
			}
		}
		if best >= 0 {
			paraphrases[best] = append(paraphrases[best], u)
		}
	}
	return paraphrases
}

// normalize returns the words of a wording in lower case, for telling
// wordings apart regardless of punctuation.
func normalize(s string) string { return normalizeTokens(text.Tokens(s)) }

// normalizeTokens is normalize of the words of a wording.
func normalizeTokens(toks []text.Token) string {
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Lower
	}
	return strings.Join(words, " ")
}

// wordsOf returns the lower-case words of s ("US" spelled out as "united
// states") and the stems of its content words.
func wordsOf(toks []text.Token) ([]string, map[string]bool) {
	var words []string
	terms := map[string]bool{}
	for _, t := range toks {
		switch {
		case t.Capital && (t.Lower == "us" || t.Lower == "usa"):
			words = append(words, "united", "states")
			terms["unit"], terms["state"] = true, true
			continue
		case t.Capital && t.Lower == "uk":
			words = append(words, "united", "kingdom")
			terms["unit"], terms["kingdom"] = true, true
			continue
		}
		words = append(words, t.Lower)
		if !t.Stop && len([]rune(t.Lower)) > 1 {
			terms[t.Stem] = true
		}
	}
	return words, terms
}

// quoteSentences splits the quotation [start, end) of r into sentences:
// after ".", "?" or "!" (not an initial or title abbreviation, not a
// three-dot ellipsis) followed by a space and a capital.
func quoteSentences(r []rune, start, end int) [][2]int {
	var out [][2]int
	from := start
	for i := start; i < end-1; i++ {
		c := r[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		j := i
		for j+1 < end && strings.ContainsRune(".?!", r[j+1]) {
			j++
		}
		dots := j - i + 1
		k := j + 1
		for k < end && strings.ContainsRune("’'\"”)", r[k]) {
			k++
		}
		if k >= end || !unicode.IsSpace(r[k]) {
			i = j
			continue
		}
		n := k
		for n < end && unicode.IsSpace(r[n]) {
			n++
		}
		if n >= end || !(unicode.IsUpper(r[n]) || unicode.IsDigit(r[n]) || strings.ContainsRune("\"“‘'", r[n])) {
			i = j
			continue
		}
		if c == '.' && (dots == 3 || dots == 2 || dots == 1 && abbreviation(r, i, start)) {
			i = j
			continue
		}
		out = append(out, [2]int{from, k})
		from = n
		i = n - 1
	}
	if from < end {
		out = append(out, [2]int{from, end})
	}
	return out
}

// abbreviation reports whether the period at i ends an abbreviation: a
// single letter ("U.S.", "W.") or a title ("Mr.", "Dr.").
func abbreviation(r []rune, i, start int) bool {
	j := i
	for j > start && (unicode.IsLetter(r[j-1]) || r[j-1] == '.') {
		j--
	}
	w := strings.ToLower(strings.Trim(string(r[j:i]), "."))
	if len([]rune(w)) == 1 || strings.Contains(w, ".") {
		return true
	}
	switch w {
	case "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "prof", "jr", "sr", "no", "vs", "inc", "co", "corp", "ltd":
		return true
	}
	return false
}

func isPronoun(s string) bool { return pronouns[strings.ToLower(s)] }
