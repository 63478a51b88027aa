// Package conflict finds claims that contradict each other across the
// articles of a story, or between the speakers one article quotes: one side
// asserts something ("a man mistakenly deported", "an administrative error")
// and the other denies the same thing ("Nobody was mistakenly sent to El
// Salvador", "refuted claims regarding his mistaken deportation").
//
// A denial is a negation ("not", "never", "nobody", "no") or a verb of
// denial ("denied", "refuted", "rejected") whose scope — the few content
// words it governs — names at least two notions; an assertion is a sentence
// that states the same notions close together, as a predicate (a verb, an
// adverb, or after "is", "as", "labeled"), outside any negation. Words are
// compared by stem through small classes of synonyms ("mistake", "error",
// "mistakenly", "wrongly"; "deported", "sent", "expelled"). Precision comes
// first: a false conflict costs the editor's trust, so the rules ask for
// much before they speak.
package conflict

import (
	"slices"
	"sort"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// word is one token of a sentence with its notion.
type word struct {
	tok     text.Token
	notion  string // synonym class or stem
	content bool   // neither stop word nor punctuation-only
	name    bool   // capitalised inside the sentence
}

// sent is one sentence prepared for matching.
type sent struct {
	art, idx int
	s        parallax.Sentence
	words    []word
	runes    []rune
	negated  []bool // words inside a negation scope
	denials  []denial
}

// denial is a negation or verb of denial and the notions it governs.
type denial struct {
	cue      int      // word index of the cue
	scope    []int    // word indexes of the content words governed
	notions  []string // notions of the scope, the negated head first
	from, to int      // rune span of cue and scope within the sentence
}

// Claims returns the conflicts between claims of the given articles, in
// order of their first denial, each with Kind parallax.ConflictClaim, the
// asserting side first and the denying side second. It never fails; it
// returns nil when it finds nothing it is sure of.
func Claims(articles []*parallax.Article) []parallax.Conflict {
	return FromDocs(text.Analyse(articles))
}

// FromDocs is Claims over the analysed articles of a story (see
// text.Analyse): docs[i] is article i. The denials are found first, then
// the sentences that may state what they deny, then the issues: what a
// denial denies and the sentences that assert it.
func FromDocs(docs []*text.Doc) []parallax.Conflict {
	st := newStory(docs)
	denying := st.denying()
	byNotion := st.byNotion(denying)
	var out []parallax.Conflict
	for _, is := range st.issues(denying, byNotion) {
		// A sentence both denying and asserting belongs to the denial.
		for _, di := range is.denials {
			delete(is.asserts, di)
		}
		if len(is.asserts) == 0 || !otherArticle(st.prepared, is.denials, is.asserts) {
			continue
		}
		out = append(out, build(st.articles, st.prepared, is.denials, is.dscopes, is.speakers, is.asserts))
	}
	return out
}

// story is the sentences of a story read for claims. Reading a sentence
// costs more than all the rest: sentences are prepared only when a cheap
// look at their letters says they may deny or may state what a denial
// denies.
type story struct {
	docs     []*text.Doc
	articles []*parallax.Article
	refs     []sentRef
	prepared []*sent // by index into refs, nil until read
}

// sentRef names a sentence of the story with its lower-case text.
type sentRef struct {
	art, idx int
	lower    string
}

// issue is what a denial denies and the sentences that assert it.
type issue struct {
	key      string
	denials  []int // sentence indexes
	dscopes  []string
	asserts  map[int]string // sentence index → asserting phrase
	speakers []string
}

func newStory(docs []*text.Doc) *story {
	st := &story{docs: docs, articles: text.Articles(docs)}
	for ai, a := range st.articles {
		if a == nil {
			continue
		}
		for si, s := range a.Sentences {
			st.refs = append(st.refs, sentRef{ai, si, strings.ToLower(s.Text)})
		}
	}
	st.prepared = make([]*sent, len(st.refs))
	return st
}

// get returns sentence i read for claims.
func (st *story) get(i int) *sent {
	if st.prepared[i] == nil {
		r := st.refs[i]
		st.prepared[i] = prepare(r.art, r.idx, st.articles[r.art].Sentences[r.idx], &st.docs[r.art].Sents[r.idx])
	}
	return st.prepared[i]
}

// denying returns the sentences that deny something.
func (st *story) denying() []int {
	var out []int
	for i, r := range st.refs {
		if mayDeny(r.lower) && len(st.get(i).denials) > 0 {
			out = append(out, i)
		}
	}
	return out
}

// byNotion returns, for each notion denied, the sentences whose content
// words state it: those among the sentences whose letters hold two of the
// notions denied.
func (st *story) byNotion(denying []int) map[string][]int {
	surfaces := map[string][]string{}
	for _, i := range denying {
		for _, d := range st.get(i).denials {
			for _, n := range d.notions {
				if _, ok := surfaces[n]; !ok {
					surfaces[n] = surfaceForms(n)
				}
			}
		}
	}
	byNotion := map[string][]int{}
	for i, r := range st.refs {
		hits := 0
		for _, forms := range surfaces {
			for _, f := range forms {
				if strings.Contains(r.lower, f) {
					hits++
					break
				}
			}
			if hits >= 2 {
				break
			}
		}
		if hits < 2 {
			continue
		}
		seen := map[string]bool{}
		for _, w := range st.get(i).words {
			if w.content && !seen[w.notion] {
				if _, ok := surfaces[w.notion]; ok {
					seen[w.notion] = true
					byNotion[w.notion] = append(byNotion[w.notion], i)
				}
			}
		}
	}
	return byNotion
}

// issues gathers, for each denial, the sentences of other voices that
// assert what it denies, into issues keyed by the notions matched.
func (st *story) issues(denying []int, byNotion map[string][]int) []*issue {
	all := st.prepared
	var issues []*issue
	byKey := map[string]*issue{}
	// Many denials of a story deny the same notions: remember the answers.
	type memoKey struct {
		sent    int
		notions string
	}
	type memoVal struct {
		phrase  string
		notions []string
		ok      bool
	}
	memo := map[memoKey]memoVal{}
	// Copies of a denial deny the same notions: their candidates are found
	// once.
	cands := map[string][]int{}
	for _, di := range denying {
		d := all[di]
		for _, dn := range d.denials {
			if len(dn.notions) < 2 {
				continue
			}
			speaker := speakerOf(d)
			matches := map[int]string{}
			var matched []string
			nk := strings.Join(dn.notions, "\x00")
			cs, ok := cands[nk]
			if !ok {
				cs = candidates(byNotion, dn.notions)
				cands[nk] = cs
			}
			for _, ai := range cs {
				a := all[ai]
				if ai == di {
					continue
				}
				if a.art == d.art && speaker == "" {
					continue // the same voice in the same article
				}
				k := memoKey{ai, nk}
				v, seen := memo[k]
				if !seen {
					v.phrase, v.notions, v.ok = asserts(a, dn.notions)
					memo[k] = v
				}
				if !v.ok {
					continue
				}
				matches[ai] = v.phrase
				if len(v.notions) > len(matched) {
					matched = v.notions
				}
			}
			if len(matches) == 0 {
				continue
			}
			sort.Strings(matched)
			key := strings.Join(matched, "+")
			is := byKey[key]
			if is == nil {
				is = &issue{key: key, asserts: map[int]string{}}
				byKey[key] = is
				issues = append(issues, is)
			}
			if !slices.Contains(is.denials, di) {
				is.denials = append(is.denials, di)
				is.dscopes = append(is.dscopes, string(d.runes[dn.from:dn.to]))
				is.speakers = append(is.speakers, speaker)
			}
			for ai, p := range matches {
				is.asserts[ai] = p
			}
		}
	}
	return issues
}

// mayDeny reports whether the letters of a lower-case sentence hold a
// negation or a verb of denial.
func mayDeny(l string) bool {
	if strings.HasPrefix(l, "not ") {
		return true
	}
	for _, c := range []string{" not ", " not,", "cannot", "n't", "n’t", "never", "no ", "nobody", "none", "deni", "deny", "refut", "reject", "rebut", "disput"} {
		if strings.Contains(l, c) {
			return true
		}
	}
	return false
}

// surfaceForms returns letter sequences found in every word of a notion:
// the words of a synonym class, or the stem itself.
func surfaceForms(n string) []string {
	if ws, ok := classWords[n]; ok {
		return ws
	}
	return []string{n}
}

// otherArticle reports whether some assertion comes from an article that
// does not hold the denial: within one article the two may be two moments
// of the story ("needed surgery" then, "does not need surgery" now).
func otherArticle(all []*sent, denials []int, asserts map[int]string) bool {
	for a := range asserts {
		other := true
		for _, d := range denials {
			if all[d].art == all[a].art {
				other = false
			}
		}
		if other {
			return true
		}
	}
	return false
}

// candidates returns the sentences holding at least two of the notions.
func candidates(byNotion map[string][]int, notions []string) []int {
	count := map[int]int{}
	for _, n := range notions {
		for _, i := range byNotion[n] {
			count[i]++
		}
	}
	var out []int
	for i, c := range count {
		if c >= 2 {
			out = append(out, i)
		}
	}
	sort.Ints(out)
	return out
}

// prepare tokenises a sentence, maps its words to notions and finds its
// denials.
func prepare(art, idx int, s parallax.Sentence, g *text.Seg) *sent {
	st := &sent{art: art, idx: idx, s: s, runes: g.Runes}
	for i, t := range g.Tokens {
		w := word{tok: t, notion: t.Stem}
		if n, ok := notions[t.Stem]; ok {
			w.notion = n
		} else if n, ok := notions[t.Lower]; ok {
			w.notion = n
		}
		w.content = !t.Stop && !text.Negator(t.Lower) && text.RuneLen(t.Lower) > 2 && !t.Number
		w.name = t.Capital && i > 0 && !t.Stop
		st.words = append(st.words, w)
	}
	st.negated = make([]bool, len(st.words))
	st.markNegations()
	st.findDenials()
	return st
}

// gap returns the text between words i-1 and i.
func (s *sent) gap(i int) string {
	from, to := 0, len(s.runes)
	if i > 0 {
		from = s.words[i-1].tok.End
	}
	if i < len(s.words) {
		to = s.words[i].tok.Start
	}
	return string(s.runes[from:to])
}

// clauseEnd reports whether the gap before word i ends a clause.
func (s *sent) clauseEnd(i int) bool {
	if strings.ContainsAny(s.gap(i), ",;:()[]—–.!?") {
		return true
	}
	return i < len(s.words) && clauseWords[s.words[i].tok.Lower]
}

// markNegations marks the words any negation governs, denial or not, so
// that "No injuries were reported" asserts nothing.
func (s *sent) markNegations() {
	for i, w := range s.words {
		l := w.tok.Lower
		if !text.Negator(l) && !strings.HasSuffix(l, "n't") && l != "without" {
			continue
		}
		n := 0
		for j := i + 1; j < len(s.words) && n < 4; j++ {
			if strings.ContainsAny(s.gap(j), ",;:()[]—–.!?") || clauseWords[s.words[j].tok.Lower] {
				break
			}
			s.negated[j] = true
			if s.words[j].content {
				n++
			}
		}
	}
}

// findDenials finds the negations and verbs of denial of a sentence and the
// content words each governs.
func (s *sent) findDenials() {
	for i := 0; i < len(s.words); i++ {
		l := s.words[i].tok.Lower
		limit := 0
		skip := map[string]bool{}
		switch {
		case (l == "nobody" || l == "none" || l == "no" && i+1 < len(s.words) && s.words[i+1].tok.Lower == "one") && s.subjectOfVerb(i):
			// A negated subject: "Nobody was mistakenly sent", "No one was
			// hurt". The whole predicate is governed.
			limit = 3
			if l == "no" {
				i++
			}
		case l == "not" || l == "never" || strings.HasSuffix(l, "n't") || l == "no":
			// A plain negation denies a claim only as reported speech:
			// "Lawyers … say they are not gang members".
			if !s.reportedBefore(i) {
				continue
			}
			limit = 2
		case denyVerbs[s.words[i].tok.Stem]:
			limit = 4
			skip = claimWords
		default:
			continue
		}
		if !s.factual(i) {
			continue
		}
		d := denial{cue: i, from: s.words[i].tok.Start, to: s.words[i].tok.End}
		for j := i + 1; j < len(s.words) && len(d.scope) < limit; j++ {
			if s.clauseEnd(j) && !(j == i+1 && strings.TrimSpace(s.gap(j)) == "") && strings.Trim(s.gap(j), " ‘’'\"“”") != "" {
				break
			}
			w := s.words[j]
			if clauseWords[w.tok.Lower] {
				break
			}
			s.negated[j] = true
			d.to = w.tok.End
			if !w.content || skip[w.tok.Lower] || w.name {
				continue
			}
			d.scope = append(d.scope, j)
		}
		seen := map[string]bool{}
		for _, j := range d.scope {
			if n := s.words[j].notion; !seen[n] {
				seen[n] = true
				d.notions = append(d.notions, n)
			}
		}
		s.denials = append(s.denials, d)
	}
}

// subjectOfVerb reports whether a negative pronoun at word i is the subject
// of a verb: "nobody was", "none of the victims were".
func (s *sent) subjectOfVerb(i int) bool {
	for j := i + 1; j < len(s.words) && j <= i+4; j++ {
		switch s.words[j].tok.Lower {
		case "was", "were", "is", "are", "has", "had", "have", "did", "does":
			return true
		}
	}
	return false
}

// reportedBefore reports whether a reporting verb comes before word i in
// the sentence.
func (s *sent) reportedBefore(i int) bool {
	for k := 0; k < i; k++ {
		if reporting[s.words[k].tok.Lower] {
			return true
		}
	}
	return false
}

// factual reports whether the negation at word i denies a fact: not a
// question, not a modal ("could not say", "will not be released", "wouldn't
// point it"), not a figure of speech ("not only", "no longer", "no doubt").
func (s *sent) factual(i int) bool {
	if strings.HasSuffix(strings.TrimRight(s.s.Text, " \"”’'"), "?") {
		return false
	}
	l := s.words[i].tok.Lower
	if modalNegations[l] {
		return false
	}
	if i > 0 && modals[s.words[i-1].tok.Lower] {
		return false
	}
	if i+1 < len(s.words) && notFigures[s.words[i+1].tok.Lower] {
		return false
	}
	if i+1 < len(s.words) && s.words[i+1].tok.Lower == "by" {
		return false // "dismissed by critics as …" asserts with the critics
	}
	for j := i + 1; j < len(s.words) && j <= i+6; j++ {
		if hedges[s.words[j].tok.Lower] {
			return false
		}
	}
	return true
}

// hedged reports whether a conditional, modal or hedge word comes within
// three words before word i ("if the incident is connected", "would be
// released after he is charged").
func (a *sent) hedged(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		l := a.words[k].tok.Lower
		if modals[l] || hedges[l] || l == "if" || l == "whether" || modalNegations[l] {
			return true
		}
	}
	return false
}

// asserts reports whether a sentence states, outside any negation, at
// least two of the notions close together and as a predicate. It returns
// the words that state them and the notions matched.
func asserts(a *sent, want []string) (string, []string, bool) {
	wanted := map[string]bool{}
	for _, n := range want {
		wanted[n] = true
	}
	need := 2
	if len(want) > 3 {
		need = (2*len(want) + 2) / 3
	}
	// Content positions of the wanted notions, outside negation scopes.
	var pos []int
	for i, w := range a.words {
		if w.content && wanted[w.notion] && !a.negated[i] {
			pos = append(pos, i)
		}
	}
	best := []int(nil)
	for x := range pos {
		// A window of at most four content words.
		got := []int{pos[x]}
		seen := map[string]bool{a.words[pos[x]].notion: true}
		for y := x + 1; y < len(pos); y++ {
			if contentBetween(a, pos[x], pos[y]) > 3 || a.clauseBreak(pos[x], pos[y]) {
				break
			}
			if !seen[a.words[pos[y]].notion] {
				seen[a.words[pos[y]].notion] = true
				got = append(got, pos[y])
			}
		}
		if len(got) >= need && len(got) > len(best) && predicate(a, got) {
			best = got
		}
	}
	if best == nil || a.hedged(best[0]) || strings.HasSuffix(strings.TrimRight(a.s.Text, " \"”’'"), "?") {
		return "", nil, false
	}
	// The negated head must be among the notions stated: "No one was hurt
	// in the fire" does not deny "a fire deliberately set".
	head := false
	for _, i := range best {
		head = head || a.words[i].notion == want[0]
	}
	for k := best[0]; k <= best[len(best)-1]; k++ {
		if l := a.words[k].tok.Lower; hedges[l] || text.Negator(l) || strings.HasSuffix(l, "n't") || a.negated[k] {
			return "", nil, false
		}
	}
	if !head {
		return "", nil, false
	}
	from, to := a.words[best[0]].tok.Start, a.words[best[len(best)-1]].tok.End
	var ns []string
	for _, i := range best {
		ns = append(ns, a.words[i].notion)
	}
	return string(a.runes[from:to]), ns, true
}

// contentBetween counts the content words strictly between two words.
func contentBetween(a *sent, i, j int) int {
	n := 0
	for k := i + 1; k < j; k++ {
		if a.words[k].content {
			n++
		}
	}
	return n
}

// clauseBreak reports whether a clause ends between words i and j.
func (a *sent) clauseBreak(i, j int) bool {
	for k := i + 1; k <= j; k++ {
		if strings.ContainsAny(a.gap(k), ";:()—–.!?") {
			return true
		}
	}
	return false
}

// predicate reports whether matched words are stated, not merely named: one
// is a verb or adverb form, or a copula or labelling word comes right
// before them.
func predicate(a *sent, idx []int) bool {
	for _, i := range idx {
		l := a.words[i].tok.Lower
		if notPredicates[l] {
			continue
		}
		if strings.HasSuffix(l, "ly") || strings.HasSuffix(l, "ed") && len(l) > 4 || strings.HasSuffix(l, "ing") && len(l) > 5 || participles[l] {
			return true
		}
	}
	for k := idx[0] + 1; k < idx[len(idx)-1]; k++ {
		if labels[a.words[k].tok.Lower] {
			return true
		}
	}
	first := idx[0]
	for k := first - 1; k >= 0 && k >= first-3; k-- {
		if labels[a.words[k].tok.Lower] {
			return true
		}
		if a.words[k].content {
			break
		}
	}
	return false
}

// speakerOf names who speaks in a sentence: the name before or after a
// reporting verb, "" when none is found.
func speakerOf(s *sent) string {
	for i, w := range s.words {
		if !reporting[w.tok.Lower] {
			continue
		}
		// "Stephen Miller refuted", "Miller maintained"
		j := i
		for j > 0 && s.words[j-1].tok.Capital && !s.words[j-1].tok.Stop && i-j < 2 && strings.TrimSpace(s.gap(j)) == "" {
			j--
		}
		if j < i && (j == 0 || !prepositions[s.words[j-1].tok.Lower]) {
			return string(s.runes[s.words[j].tok.Start:s.words[i-1].tok.End])
		}
		// "said Miller"
		k := i + 1
		for k < len(s.words) && s.words[k].tok.Capital && !s.words[k].tok.Stop && k-i <= 2 && strings.TrimSpace(s.gap(k)) == "" {
			k++
		}
		if k > i+1 {
			return string(s.runes[s.words[i+1].tok.Start:s.words[k-1].tok.End])
		}
	}
	return ""
}

// build writes the conflict of one issue.
func build(articles []*parallax.Article, all []*sent, denials []int, scopes, speakers []string, asserts map[int]string) parallax.Conflict {
	var aidx []int
	for i := range asserts {
		aidx = append(aidx, i)
	}
	sort.Ints(aidx)
	assert := parallax.Claim{Sources: []string{}, Cites: []parallax.Cite{}, Side: parallax.SideAsserts}
	var phrases []string
	for _, i := range aidx {
		s := all[i]
		a := articles[s.art]
		assert.Sources = addSource(assert.Sources, a.SourceID)
		assert.Cites = append(assert.Cites, parallax.Cite{Source: a.SourceID, Start: s.s.Start, End: s.s.End})
		phrases = addSource(phrases, asserts[i])
	}
	assert.Text = all[aidx[0]].s.Text
	deny := parallax.Claim{Sources: []string{}, Cites: []parallax.Cite{}, Side: parallax.SideDenies}
	for _, i := range denials {
		s := all[i]
		a := articles[s.art]
		deny.Sources = addSource(deny.Sources, a.SourceID)
		deny.Cites = append(deny.Cites, parallax.Cite{Source: a.SourceID, Start: s.s.Start, End: s.s.End})
	}
	deny.Text = all[denials[0]].s.Text

	var who []string
	for _, id := range assert.Sources {
		who = append(who, outletName(articles, id))
	}
	if len(phrases) > 4 {
		phrases = phrases[:4]
	}
	var b strings.Builder
	b.WriteString(text.Enumerate(who, maxNamed))
	b.WriteString(" report it as '")
	b.WriteString(strings.Join(phrases, "', '"))
	b.WriteString("'; ")
	denier := ""
	for _, s := range speakers {
		if s != "" {
			denier = s
			break
		}
	}
	dout := text.Enumerate(outletNames(articles, deny.Sources), maxNamed)
	if denier != "" {
		b.WriteString(denier + " (in " + dout + ") denies it")
	} else {
		b.WriteString(dout + " reports a denial")
	}
	b.WriteString(": '" + scopes[0] + "…'")
	if len(scopes) > 1 {
		b.WriteString(", '" + scopes[1] + "…'")
	}
	return parallax.Conflict{
		About:       phrases[0],
		Kind:        parallax.ConflictClaim,
		Explanation: b.String(),
		Claims:      []parallax.Claim{assert, deny},
	}
}

func outletName(articles []*parallax.Article, id string) string {
	for _, a := range articles {
		if a != nil && a.SourceID == id {
			if a.Outlet != "" {
				return a.Outlet
			}
			return id
		}
	}
	return id
}

func outletNames(articles []*parallax.Article, ids []string) []string {
	var out []string
	for _, id := range ids {
		out = append(out, outletName(articles, id))
	}
	return out
}

// addSource appends s to list unless list has it.
func addSource(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
