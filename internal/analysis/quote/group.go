package quote

import (
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax"
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
// quotation. Group never fails.
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
		r := uf.find(n)
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
func linkUnits(units []*unit, idf map[string]float64) *unionFind {
	type edge struct {
		a, b  int
		score float64
	}
	byTerm := map[string][]int{}
	byKey := map[string][]int{}
	for n, u := range units {
		for t := range u.terms {
			byTerm[t] = append(byTerm[t], n)
		}
		byKey[u.key] = append(byKey[u.key], n)
	}
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
		for _, b := range byKey[units[a].key] {
			consider(b)
		}
		for t := range units[a].terms {
			for _, b := range byTerm[t] {
				consider(b)
			}
		}
	}
	// Map iteration made the order of equal scores random: fix it.
	sort.Slice(edges, func(i, j int) bool {
		if edges[i].a != edges[j].a {
			return edges[i].a < edges[j].a
		}
		return edges[i].b < edges[j].b
	})
	sort.SliceStable(edges, func(i, j int) bool { return edges[i].score > edges[j].score })
	uf := newUnionFind(len(units))
	members := make([][]int, len(units))
	for n := range units {
		members[n] = []int{n}
	}
	for _, e := range edges {
		ra, rb := uf.find(e.a), uf.find(e.b)
		if ra == rb || !joinable(units, members[ra], members[rb]) {
			continue
		}
		uf.union(ra, rb)
		r := uf.find(ra)
		merged := append(append([]int(nil), members[ra]...), members[rb]...)
		members[ra], members[rb] = nil, nil
		members[r] = merged
	}
	return uf
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
	for _, u := range indirect {
		best, bestSim := -1, 0.0
		for _, mb := range bySpeaker[u.speaker] {
			r, g := mb.root, mb.g
			if g.art == u.art && g.start >= u.start && g.end <= u.end {
				continue
			}
			sim, shared := rendered(u, g, idf)
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
		if len(a.words) >= 2 || !anon {
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
	for _, x := range a {
		for _, y := range b {
			ux, uy := units[x], units[y]
			if ux.art != uy.art || ux.mention == uy.mention {
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
func mergeAdjacent(units []*unit, uf *unionFind) {
	// The quotations (article, mention) of each group. Two groups join
	// only when their sets are equal, so the joined group has that same
	// set, and no pair read before changes its answer: one pass is enough.
	members := map[int]map[[2]int]bool{}
	for n, u := range units {
		r := uf.find(n)
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
		ra, rb := uf.find(n-1), uf.find(n)
		if ra == rb || !sameSet(members[ra], members[rb]) {
			continue
		}
		set := members[ra]
		uf.union(ra, rb)
		members[uf.find(ra)] = set
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

// build makes the quote of a group: its cites (consecutive sentences of
// one quotation joined), variants by wording, speaker, kind and sources.
func build(us []*unit, paras []*unit, srcs []string, docs []*text.Doc) (parallax.Quote, bool) {
	sort.Slice(us, func(i, j int) bool {
		if us[i].art != us[j].art {
			return us[i].art < us[j].art
		}
		return us[i].start < us[j].start
	})
	cites := mergeCites(us)
	speaker, direct := speakerOf(us)
	srcSet := map[int]bool{}
	for _, c := range cites {
		srcSet[c.art] = true
	}
	if !direct && speaker == "" && len(srcSet) < 2 {
		return parallax.Quote{}, false
	}
	q := parallax.Quote{Speaker: speaker, Kind: parallax.QuotePartial, Sources: []string{}, Cites: []parallax.Cite{}, Variants: []parallax.Variant{}}
	if direct {
		q.Kind = parallax.QuoteDirect
	}
	vs := variants(cites, paras, srcs, docs)
	citeInOrder(&q, vs, srcs)
	// The quote's text: the quoted wording most sources carry.
	best := -1
	for n, v := range vs {
		if v.indirec {
			continue
		}
		if best < 0 || len(v.arts) > len(vs[best].arts) || len(v.arts) == len(vs[best].arts) && v.direct && !vs[best].direct {
			best = n
		}
	}
	q.Text = vs[best].v.Text
	for _, v := range vs {
		q.Variants = append(q.Variants, v.v)
	}
	return q, true
}

// unitCite is a run of quoted words of one article: consecutive units of
// one mention merged.
type unitCite struct {
	art, start, end int
	kind            string
}

// mergeCites returns the units' cites, the consecutive units of one
// mention merged into one.
func mergeCites(us []*unit) []unitCite {
	var cites []unitCite
	for n, u := range us {
		if n > 0 {
			p := us[n-1]
			last := &cites[len(cites)-1]
			if p.art == u.art && p.mention == u.mention && p.seq+1 == u.seq {
				last.end = u.end
				continue
			}
		}
		cites = append(cites, unitCite{u.art, u.start, u.end, u.kind})
	}
	return cites
}

// speakerOf returns the speaker most units name (a known name before an
// unresolved description), and whether a unit is a direct quotation.
func speakerOf(us []*unit) (string, bool) {
	speakers := map[string]int{}
	anon := map[string]int{}
	direct := false
	for _, u := range us {
		if u.kind == parallax.QuoteDirect {
			direct = true
		}
		switch {
		case u.speaker == "":
		case u.known:
			speakers[u.speaker]++
		default:
			anon[u.speaker]++
		}
	}
	speaker := top(speakers)
	if speaker == "" {
		speaker = top(anon)
	}
	return speaker, direct
}

// variant is one wording of a quotation and the articles that carry it.
type variant struct {
	v       parallax.Variant
	arts    map[int]bool
	direct  bool
	first   int
	indirec bool
}

// variants groups the cites and the paraphrases by wording, in the order
// first met.
func variants(cites []unitCite, paras []*unit, srcs []string, docs []*text.Doc) []*variant {
	var vs []*variant
	byKey := map[string]*variant{}
	add := func(art, start, end int, kind string) {
		t := string(docs[art].Runes[start:end])
		key := normalizeTokens(docs[art].Span(start, end))
		v := byKey[key]
		if v == nil {
			v = &variant{v: parallax.Variant{Text: t, Kind: kind, Sources: []string{}, Cites: []parallax.Cite{}}, arts: map[int]bool{}, first: len(vs), indirec: kind == parallax.QuoteIndirect}
			byKey[key] = v
			vs = append(vs, v)
		}
		if !v.arts[art] {
			v.arts[art] = true
			v.v.Sources = append(v.v.Sources, srcs[art])
		}
		c := parallax.Cite{Source: srcs[art], Start: start, End: end}
		v.v.Cites = append(v.v.Cites, c)
		if kind == parallax.QuoteDirect {
			v.direct = true
			v.v.Kind = kind
		}
	}
	for _, c := range cites {
		add(c.art, c.start, c.end, c.kind)
	}
	for _, p := range paras {
		add(p.art, p.start, p.end, parallax.QuoteIndirect)
	}
	return vs
}

// citeInOrder sets the quote's sources and cites from its variants, in
// article order.
func citeInOrder(q *parallax.Quote, vs []*variant, srcs []string) {
	all := map[int]bool{}
	for _, v := range vs {
		for a := range v.arts {
			all[a] = true
		}
	}
	arts := make([]int, 0, len(all))
	for a := range all {
		arts = append(arts, a)
	}
	sort.Ints(arts)
	for _, a := range arts {
		q.Sources = appendUnique(q.Sources, srcs[a])
	}
	for _, v := range vs {
		q.Cites = append(q.Cites, v.v.Cites...)
	}
	sort.SliceStable(q.Cites, func(i, j int) bool {
		ai, aj := indexOf(srcs, q.Cites[i].Source), indexOf(srcs, q.Cites[j].Source)
		if ai != aj {
			return ai < aj
		}
		return q.Cites[i].Start < q.Cites[j].Start
	})
}

func top(m map[string]int) string {
	best, n := "", 0
	for k, c := range m {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	return best
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return len(list)
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
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

type unionFind struct{ parent []int }

func newUnionFind(n int) *unionFind {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return &unionFind{p}
}

func (u *unionFind) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if ra < rb {
		u.parent[rb] = ra
	} else {
		u.parent[ra] = rb
	}
}
