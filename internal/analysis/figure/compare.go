package figure

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// figureGroup is one figure: the mentions of the same number about the same
// thing, possibly from several articles.
type figureGroup struct {
	ms   []Mention
	arts []int // article index of each mention
}

func (g *figureGroup) first() Mention { return g.ms[0] }

// Compare merges the mentions of the same figure across articles into
// parallax.Figures (in order of first mention) and compares the figures
// different outlets give for the same thing. It returns a conflict of kind
// parallax.ConflictFigure for each thing counted differently by at least two
// outlets: its explanation ends in "consistent" when the wordings allow one
// number, and says "conflict" with the figures that cannot both hold
// otherwise. Mentions are matched to articles by their place in the outer
// slice; mentions[i] must belong to articles[i]. Calendar years, parts of
// sums and minor counts are not figures. Compare never fails.
func Compare(articles []*parallax.Article, mentions [][]Mention) ([]parallax.Figure, []parallax.Conflict) {
	groups := mergeFigures(articles, mentions)
	var figs []parallax.Figure
	for _, g := range groups {
		if !listed(g.first()) {
			continue
		}
		figs = append(figs, toFigure(articles, g))
	}
	return figs, compareGroups(articles, groups)
}

// listed reports whether a figure is worth listing among the key figures:
// not a date, not a minor count, not a part of a sum (the sum is listed,
// and says both parts), and saying what it counts. A vague quantity
// ("thousands", "scores of killers") is listed only with the event it
// counts ("thousands of people jailed"): alone it tells an editor nothing
// to check.
func listed(m Mention) bool {
	if m.Unit == UnitDate || m.Minor || m.Part || m.About == "" {
		return false
	}
	if m.Approx == Vague && m.Verb == "" || headOf(m) == "age" && m.Subject == "" {
		return false // "thousands", "At 43": of what, of whom?
	}
	if m.Unit == UnitCount && headOf(m) == "" && m.Verb == "" {
		return false
	}
	return true
}

type figureKey struct {
	unit             string
	value, low, high float64
	increment        bool
	part, minor      bool
}

// maxSameKey is the most figures of the same number, range and unit a
// mention is compared with to find its figure: real stories have a score
// at most (18 over the ECB+ topics and the examples); text full of numbers
// has thousands, and comparing each mention with all of them made the cost
// grow with the square of the mentions.
const maxSameKey = 64

// mergeFigures groups mentions with the same number, range and unit that
// may be about the same thing.
func mergeFigures(articles []*parallax.Article, mentions [][]Mention) []*figureGroup {
	var groups []*figureGroup
	index := map[figureKey][]*figureGroup{}
	for ai, ms := range mentions {
		if ai >= len(articles) || articles[ai] == nil {
			continue
		}
		for _, m := range ms {
			// A date is a figure of its own (sameFigure never joins dates);
			// the others join the first figure of their number, range and
			// unit (and part and minor flags, which sameFigure asks to be
			// equal) that may be the same.
			k := keyOf(m)
			var into *figureGroup
			if m.Unit != UnitDate {
				for _, g := range index[k][:min(len(index[k]), maxSameKey)] {
					if sameFigure(g.first(), m) {
						into = g
						break
					}
				}
			}
			if into == nil {
				into = &figureGroup{}
				groups = append(groups, into)
				if m.Unit != UnitDate {
					index[k] = append(index[k], into)
				}
			}
			into.ms = append(into.ms, m)
			into.arts = append(into.arts, ai)
		}
	}
	for _, g := range groups {
		g.best()
	}
	return groups
}

// keyOf returns the key of the figures a mention may join: its unit, its
// number and the range its wording allows, except that an exact number and
// the same number hedged ("$6 million", "approximately $6 million") may be
// one figure.
func keyOf(m Mention) figureKey {
	lo, hi := m.Low, m.High
	if m.Approx == Exact || m.Approx == About {
		lo, hi = m.Value, m.Value
	}
	return figureKey{m.Unit, m.Value, lo, hi, m.Increment, m.Part, m.Minor}
}

// best puts first the mention that says the figure best, which the figure
// then shows: the one that says what it counts, exactly, with its event,
// its head noun, its person, in the most words; the first in reading order
// among equals.
func (g *figureGroup) best() {
	score := func(m Mention) int {
		n := 0
		if m.About != "" {
			n += 64
		}
		if m.Approx == Exact {
			n += 32
		}
		if m.Verb != "" {
			n += 16
		}
		if headOf(m) != "" {
			n += 16
		}
		if m.Subject != "" {
			n += 16
		}
		return n + min(len(strings.Fields(m.About)), 8)
	}
	top := 0
	for i := range g.ms {
		if score(g.ms[i]) > score(g.ms[top]) {
			top = i
		}
	}
	if top > 0 {
		m, a := g.ms[top], g.arts[top]
		copy(g.ms[1:top+1], g.ms[:top])
		copy(g.arts[1:top+1], g.arts[:top])
		g.ms[0], g.arts[0] = m, a
	}
}

// sameFigure reports whether two mentions of the same number can be one
// figure: the same kind of thing, the same event when both name one.
func sameFigure(a, b Mention) bool {
	if a.Unit == UnitDate || a.Part != b.Part || a.Minor != b.Minor {
		return false
	}
	ha, hb := headOf(a), headOf(b)
	if ha == "age" || hb == "age" {
		// The same age of an unnamed person ("At 43, his popularity…") and
		// of a named one ("43-year-old Bukele") is one figure.
		return ha == hb && (a.Subject == "" || b.Subject == "" || overlap(a.Head[1:], b.Head[1:]) > 0)
	}
	if a.Verb != "" && b.Verb != "" && a.Verb != b.Verb {
		return false
	}
	if !nationsAgree(a, b) {
		return false
	}
	if a.Unit == UnitPeople {
		return true
	}
	return ha == hb || ha == "" || hb == ""
}

// sameThing reports whether two mentions with different numbers count the
// same thing, strictly enough that a difference between them means
// something: the same unit, the same head noun (or both people), the same
// event, the same nationality, and words in common around the number.
func sameThing(a, b Mention) bool {
	if a.Unit != b.Unit || a.Unit == UnitDate || a.Increment != b.Increment || a.Part || b.Part || a.Minor || b.Minor {
		return false
	}
	ha, hb := headOf(a), headOf(b)
	ca, cb := contextOf(a), contextOf(b)
	switch {
	case ha == "age" || hb == "age":
		// Ages are compared only of the same named person.
		return ha == hb && a.Subject != "" && b.Subject != "" && overlap(ca, cb) > 0
	case a.Unit == UnitPeople:
		return a.Verb != "" && a.Verb == b.Verb && nationsAgree(a, b) && overlap(ca, cb) >= 1
	case durationUnits[a.Unit]:
		return a.Verb != "" && a.Verb == b.Verb && overlap(ca, cb) >= 2
	}
	if a.Verb != "" && b.Verb != "" && a.Verb != b.Verb {
		return false
	}
	if ha != "" && hb != "" {
		if a.Unit == UnitCount || unitNouns[ha] != "" {
			// "yards", "games", "miles": the head alone says little.
			n := overlap(ca, cb)
			return ha == hb && n >= 3 && 2*n >= min(len(ca), len(cb))
		}
		return ha == hb && overlap(ca, cb) >= 1
	}
	if ha == "" && hb == "" && a.Verb == "" {
		return false
	}
	return a.Verb != "" && a.Verb == b.Verb && overlap(ca, cb) >= 2
}

func headOf(m Mention) string {
	if len(m.Head) == 0 {
		return ""
	}
	return m.Head[0]
}

func contextOf(m Mention) []string {
	if len(m.Head) < 2 {
		return nil
	}
	return m.Head[1:]
}

// nationsAgree reports whether the nationality words of two mentions leave
// room for the same people: either names none, or they share one.
func nationsAgree(a, b Mention) bool {
	return len(a.Nations) == 0 || len(b.Nations) == 0 || overlap(a.Nations, b.Nations) > 0
}

// overlap counts the words two short lists share.
func overlap(a, b []string) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if x == y {
				n++
				break
			}
		}
	}
	return n
}

// toFigure turns a group into a parallax.Figure citing every mention.
func toFigure(articles []*parallax.Article, g *figureGroup) parallax.Figure {
	m := g.first()
	f := parallax.Figure{
		Text: m.PhraseText, Value: m.Value, Low: m.Low, High: m.High, Unit: m.Unit, About: m.About,
		Sources: []string{}, Cites: []parallax.Cite{},
	}
	f.Sources = g.sources(articles)
	for i, x := range g.ms {
		f.Cites = append(f.Cites, parallax.Cite{Source: articles[g.arts[i]].SourceID, Start: x.Phrase.Start, End: x.Phrase.End})
	}
	return f
}

// sources lists the outlets of a figure in the order of their articles
// (its cites put the mention that says it best first).
func (g *figureGroup) sources(articles []*parallax.Article) []string {
	order := append([]int(nil), g.arts...)
	sort.Ints(order)
	list := []string{}
	for _, a := range order {
		list = addSource(list, articles[a].SourceID)
	}
	return list
}

// addSource appends id to list unless list has it.
func addSource(list []string, id string) []string {
	if slices.Contains(list, id) {
		return list
	}
	return append(list, id)
}

// compareGroups finds the things counted by more than one outlet with
// different numbers, and explains each.
func compareGroups(articles []*parallax.Article, groups []*figureGroup) []parallax.Conflict {
	// Candidates: figures that may be compared.
	var cand []int
	for i, g := range groups {
		m := g.first()
		if m.Unit == UnitDate || m.Part || m.Minor {
			continue
		}
		cand = append(cand, i)
	}
	// Union the figures about the same thing; remember which pairs are
	// directly comparable.
	parent := make([]int, len(groups))
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	// Only figures that share a meeting key (see meetings) can count the
	// same thing: they are compared, never every pair of figures.
	direct := map[[2]int]bool{}
	for _, pair := range candidatePairs(groups, cand) {
		i, j := pair[0], pair[1]
		if groupsSame(groups[i], groups[j]) {
			direct[[2]int{i, j}] = true
			if a, b := find(i), find(j); a != b {
				parent[b] = a
			}
		}
	}
	topics := map[int][]int{}
	var roots []int
	for _, i := range cand {
		r := find(i)
		if _, ok := topics[r]; !ok {
			roots = append(roots, r)
		}
		topics[r] = append(topics[r], i)
	}
	sort.Slice(roots, func(i, j int) bool { return topics[roots[i]][0] < topics[roots[j]][0] })
	var out []parallax.Conflict
	for _, r := range roots {
		members := topics[r]
		if len(members) < 2 || len(members) > maxTopic {
			continue
		}
		if c, ok := explain(articles, groups, members, direct); ok {
			out = append(out, c)
		}
	}
	return out
}

// meeting is a key two mentions that count the same thing (see sameThing)
// always share: the kind of match, the head noun or the verb class, and one
// word of the context around the number.
type meeting struct {
	unit      string
	increment bool
	kind      byte // 'A' ages, 'P' counts of people and durations, 'H' head nouns, 'V' verbs
	word      string
	context   string
}

// meetings returns the meeting keys of a mention. sameThing(a, b) holds only
// when a and b share one: every case of sameThing asks for a word of context
// in common, the same unit and increment, and either both ages, or (people
// and durations) the same verb, or the same head noun, or the same verb.
func meetings(m Mention, out []meeting) []meeting {
	if m.Unit == UnitDate || m.Part || m.Minor {
		return out
	}
	head, ctx := headOf(m), contextOf(m)
	add := func(kind byte, word string) {
		for _, c := range ctx {
			out = append(out, meeting{m.Unit, m.Increment, kind, word, c})
		}
	}
	switch {
	case head == "age":
		add('A', "")
	case m.Unit == UnitPeople || durationUnits[m.Unit]:
		if m.Verb != "" {
			add('P', m.Verb)
		}
	default:
		if head != "" {
			add('H', head)
		}
		if m.Verb != "" {
			add('V', m.Verb)
		}
	}
	return out
}

// maxMeeting is the most figures sharing a meeting key that are compared
// with each other: each with the maxMeeting before it. Real stories share a
// key among a dozen figures at most (11 over the ECB+ topics and the
// examples); text full of numbers shares one among thousands, whose every
// pair would make the cost grow with the square of the figures.
const maxMeeting = 64

// maxTopic is the most figures a compared topic may hold: more differ about
// too many things to make one comparison an editor can read (real topics
// hold a dozen at most).
const maxTopic = 64

// candidatePairs returns the pairs of candidate figures (indexes into
// groups, the lower first) that share a meeting key:
// the only pairs groupsSame can accept, each figure paired with at most
// maxMeeting others per key, so that the cost grows with the figures.
func candidatePairs(groups []*figureGroup, cand []int) [][2]int {
	byKey := map[meeting][]int{} // figures in increasing order
	keysOf := make(map[int][]meeting, len(cand))
	for _, i := range cand {
		var keys []meeting
		for _, m := range groups[i].ms {
			keys = meetings(m, keys)
		}
		for _, k := range keys {
			list := byKey[k]
			if len(list) == 0 || list[len(list)-1] != i {
				byKey[k] = append(list, i)
				keysOf[i] = append(keysOf[i], k)
			}
		}
	}
	stamp := make([]int, len(groups)) // y+1 once x is paired with y
	var pairs [][2]int
	for _, y := range cand {
		for _, k := range keysOf[y] {
			list := byKey[k]
			pos := sort.SearchInts(list, y)
			for _, x := range list[max(0, pos-maxMeeting):pos] {
				if stamp[x] != y+1 {
					stamp[x] = y + 1
					pairs = append(pairs, [2]int{x, y})
				}
			}
		}
	}
	return pairs
}

// groupsSame reports whether two figures count the same thing: some mention
// of one and some mention of the other do.
func groupsSame(a, b *figureGroup) bool {
	for _, x := range a.ms {
		for _, y := range b.ms {
			if sameThing(x, y) {
				return true
			}
		}
	}
	return false
}

// explain builds the conflict of one topic, or reports false when fewer
// than two outlets speak of it or all say the same.
func explain(articles []*parallax.Article, groups []*figureGroup, members []int, direct map[[2]int]bool) (parallax.Conflict, bool) {
	sources := map[string]bool{}
	for _, i := range members {
		for _, a := range groups[i].arts {
			sources[articles[a].SourceID] = true
		}
	}
	if len(sources) < 2 || selfContradictory(articles, groups, members) {
		return parallax.Conflict{}, false
	}
	// Conflicting pairs: directly comparable figures of different outlets
	// whose ranges cannot meet. A difference is left unsaid ("murky") when
	// it is not worth an editor's look or when an outlet gives both numbers
	// itself (then they are about different things).
	values := valuesBySource(articles, groups)
	type clash struct{ a, b int }
	var clashes []clash
	differ, murky := false, false
	for x := 0; x < len(members); x++ {
		for y := x + 1; y < len(members); y++ {
			i, j := members[x], members[y]
			if !crossSource(articles, groups[i], groups[j]) {
				continue
			}
			mi, mj := groups[i].first(), groups[j].first()
			isDirect := direct[[2]int{i, j}] || direct[[2]int{j, i}]
			if mi.Value != mj.Value && isDirect {
				differ = true
			}
			if compatible(mi, mj) {
				continue
			}
			if !isDirect || !weighty(mi) || !weighty(mj) || knowsBoth(articles, values, groups[i], mj.Value) || knowsBoth(articles, values, groups[j], mi.Value) {
				murky = true
				continue
			}
			clashes = append(clashes, clash{i, j})
		}
	}
	if len(clashes) == 0 && (murky || !differ) {
		return parallax.Conflict{}, false
	}
	c := parallax.Conflict{Kind: parallax.ConflictFigure, About: topicAbout(groups, members)}
	if c.About == "" {
		// No figure of the topic says what it counts ("reached 120",
		// "more than 100"): nothing shows that the numbers count one thing.
		return parallax.Conflict{}, false
	}
	for _, i := range members {
		c.Claims = append(c.Claims, toClaim(articles, groups[i]))
	}
	var b strings.Builder
	b.WriteString(c.About)
	b.WriteString(": ")
	b.WriteString(sayings(articles, groups, members))
	if len(clashes) == 0 {
		c.Consistent = true
		b.WriteString(": consistent")
		if why := agreement(groups, members); why != "" {
			fmt.Fprintf(&b, " (%s)", why)
		}
	} else {
		b.WriteString(": conflict: ")
		for n, cl := range clashes {
			if n > 0 {
				b.WriteString("; ")
			}
			x, y := groups[cl.a].first(), groups[cl.b].first()
			fmt.Fprintf(&b, "%s and %s cannot both hold", said(x, readingOf(x, y)), said(y, readingOf(y, x)))
		}
	}
	c.Explanation = b.String()
	return c, true
}

// valuesBySource lists the values each outlet gives, whatever they count.
func valuesBySource(articles []*parallax.Article, groups []*figureGroup) map[string]map[float64]bool {
	out := map[string]map[float64]bool{}
	for _, g := range groups {
		for k, m := range g.ms {
			id := articles[g.arts[k]].SourceID
			if out[id] == nil {
				out[id] = map[float64]bool{}
			}
			out[id][m.Value] = true
		}
	}
	return out
}

// knowsBoth reports whether an outlet of figure g also gives the value v
// somewhere: an outlet that gives both numbers does not contradict the
// other outlet, it speaks of two things ("32 million viewers, compared with
// 55.3 million a decade ago").
func knowsBoth(articles []*parallax.Article, values map[string]map[float64]bool, g *figureGroup, v float64) bool {
	for _, a := range g.arts {
		if values[articles[a].SourceID][v] {
			return true
		}
	}
	return false
}

// weighty reports whether a figure is one whose disagreement is worth an
// editor's look: money, shares, ages, counts of people killed, hurt, moved
// or held, and counts of anything from ten up. Small counts of things
// ("three touchdowns", "two jurors") differ for too many innocent reasons.
func weighty(m Mention) bool {
	switch {
	case m.Unit == UnitUSD || m.Unit == "EUR" || m.Unit == "GBP" || m.Unit == UnitPercent:
		return true
	case headOf(m) == "age":
		return true
	case durationUnits[m.Unit] || m.Unit != UnitPeople && m.Unit != UnitCount:
		return false // durations and distances: too many spans in a story
	}
	return m.High >= 10 && !(m.Word && m.Low < 10)
}

// selfContradictory reports whether one outlet gives two numbers for the
// topic that cannot both hold: then the topic is not one thing (an article
// does not contradict itself on purpose: "404 yards" and "440 yards" are
// different yardages) and nothing is said of it.
func selfContradictory(articles []*parallax.Article, groups []*figureGroup, members []int) bool {
	by := map[string][]Mention{}
	for _, i := range members {
		g := groups[i]
		for k, m := range g.ms {
			id := articles[g.arts[k]].SourceID
			by[id] = append(by[id], m)
		}
	}
	for _, ms := range by {
		for x := 0; x < len(ms); x++ {
			for y := x + 1; y < len(ms); y++ {
				if !compatible(ms[x], ms[y]) {
					return true
				}
			}
		}
	}
	return false
}

// crossSource reports whether two figures come from different outlets.
func crossSource(articles []*parallax.Article, a, b *figureGroup) bool {
	for _, x := range a.arts {
		for _, y := range b.arts {
			if articles[x].SourceID != articles[y].SourceID {
				return true
			}
		}
	}
	return false
}

// reading is what a figure says when it is set against another: its own
// range, or, for a sum set against a figure that counts what one of its
// parts counts, the range of that part.
type reading struct {
	low, high float64
	part      int // index into Parts, -1 for the figure itself
}

// readingOf returns what m says against other. A sum is set against a
// figure that names what some of its parts count ("over 200 Venezuelan
// immigrants" against "238 Venezuelans and 23 Salvadorans") through the
// first of those parts whose range meets the figure's; against a figure
// that names none of them, or all ("around 250 alleged gang members"),
// through its total. Like is compared with like: the Venezuelans with the
// Venezuelans, everyone with everyone.
func readingOf(m, other Mention) reading {
	whole := reading{m.Low, m.High, -1}
	if len(m.Parts) == 0 || len(m.PartKeys) != len(m.Parts) || other.Parts != nil {
		return whole
	}
	var match []int
	for k, key := range m.PartKeys {
		if key != "" && (key == headOf(other) || overlap([]string{key}, other.Nations) > 0) {
			match = append(match, k)
		}
	}
	cands := make([]reading, 0, len(match)+1)
	for _, k := range match {
		cands = append(cands, reading{m.Parts[k], m.Parts[k], k})
	}
	if len(match) == 0 || len(match) == len(m.Parts) {
		cands = append(cands, whole) // all the parts, or none, are what other counts
	}
	for _, r := range cands {
		if r.low <= other.High && other.Low <= r.high {
			return r
		}
	}
	return cands[0]
}

// compatible reports whether the ranges of two mentions meet, each read
// as it is against the other.
func compatible(a, b Mention) bool {
	x, y := readingOf(a, b), readingOf(b, a)
	return x.low <= y.high && y.low <= x.high
}

// common returns the range all figures of a topic fit.
func common(groups []*figureGroup, members []int) (float64, float64, bool) {
	lo, hi := math.Inf(-1), math.Inf(1)
	for _, i := range members {
		m := groups[i].first()
		lo, hi = max(lo, m.Low), min(hi, m.High)
	}
	return lo, hi, lo <= hi
}

// agreement says why the figures of a consistent topic agree. Without a
// sum, it gives the range all wordings allow: "the wordings meet at
// 225–250". With one, each reading of the sum is named with the wordings
// that are compared with it ("238 Venezuelans fits 'hundreds' and 'over
// 200'; 261 in all fits 'around 250'"), so that the explanation never gives
// a range its own numbers fall outside.
func agreement(groups []*figureGroup, members []int) string {
	var sums, plain []int
	for _, i := range members {
		if groups[i].first().Parts != nil {
			sums = append(sums, i)
		} else {
			plain = append(plain, i)
		}
	}
	unit := groups[members[0]].first().Unit
	if len(sums) == 0 {
		if lo, hi, ok := common(groups, members); ok {
			return "the wordings meet at " + span(lo, hi, unit)
		}
		return ""
	}
	var says []string
	for _, i := range sums {
		m := groups[i].first()
		// The wordings compared with each reading of the sum.
		type with struct {
			quotes []string
			within bool // the reading lies within every wording's range
		}
		by := map[int]*with{}
		for _, j := range plain {
			o := groups[j].first()
			r := readingOf(m, o)
			w := by[r.part]
			if w == nil {
				w = &with{within: true}
				by[r.part] = w
			}
			if q := "'" + o.Text + "'"; !slices.Contains(w.quotes, q) {
				w.quotes = append(w.quotes, q)
			}
			w.within = w.within && o.Low <= r.low && r.high <= o.High
		}
		for k := range len(m.Parts) + 1 {
			part := k // the parts first, then the whole
			if k == len(m.Parts) {
				part = -1
			}
			w := by[part]
			if w == nil {
				continue
			}
			what := number(m.Value, m.Unit) + " in all"
			if part >= 0 {
				what = m.PartTexts[part]
			}
			verb := " fits "
			if !w.within {
				verb = " meets "
			}
			if say := what + verb + strings.Join(w.quotes, " and "); !slices.Contains(says, say) {
				says = append(says, say)
			}
		}
	}
	return strings.Join(says, "; ")
}

// topicAbout names what a topic counts: the description of its sum when it
// has one, else of its most exact figure.
func topicAbout(groups []*figureGroup, members []int) string {
	best, score := "", -1
	for _, i := range members {
		m := groups[i].first()
		s := 0
		switch {
		case m.Parts != nil:
			s = 3
		case m.Approx == Exact:
			s = 2
		case m.Approx != Vague:
			s = 1
		}
		if m.Verb != "" {
			s += 4
		}
		if s > score && m.About != "" {
			best, score = m.About, s
		}
	}
	return best
}

// sayings lists what each outlet says: "BBC News says 'hundreds', The
// Guardian 'over 200' and '238 Venezuelans and 23 Salvadorans' (261 in all)".
func sayings(articles []*parallax.Article, groups []*figureGroup, members []int) string {
	type said struct {
		name  string
		first int
		texts []string
	}
	var order []*said
	by := map[string]*said{}
	for _, i := range members {
		g := groups[i]
		for k, m := range g.ms {
			a := articles[g.arts[k]]
			s := by[a.SourceID]
			if s == nil {
				name := a.Outlet
				if name == "" {
					name = a.SourceID
				}
				s = &said{name: name, first: g.arts[k]}
				by[a.SourceID] = s
				order = append(order, s)
			}
			q := quoteOf(m)
			dup := false
			for _, t := range s.texts {
				dup = dup || t == q
			}
			if !dup {
				s.texts = append(s.texts, q)
			}
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].first < order[j].first })
	var parts []string
	for n, s := range order {
		verb := " "
		if n == 0 {
			verb = " says "
		}
		parts = append(parts, s.name+verb+strings.Join(s.texts, " and "))
	}
	if len(parts) > maxNamed {
		return text.Enumerate(parts, maxNamed) // "…, X 'y' and 12 others"
	}
	return strings.Join(parts, ", ")
}

// maxNamed is the most outlets an explanation names; the rest are counted.
const maxNamed = 6

// quoteOf quotes a mention as written, with the total of a sum.
func quoteOf(m Mention) string {
	q := "'" + m.Text + "'"
	if m.Parts != nil {
		q += " (" + number(m.Value, m.Unit) + " in all)"
	}
	return q
}

// said quotes a mention as it is read against another, with the range it
// allows: "'over 200' (200–250)", "'238 Venezuelans' (238)" for the part of
// a sum that is compared.
func said(m Mention, r reading) string {
	if r.part >= 0 {
		return "'" + m.PartTexts[r.part] + "' (" + span(r.low, r.high, m.Unit) + ")"
	}
	return quoteOf(m) + " (" + span(m.Low, m.High, m.Unit) + ")"
}

func span(lo, hi float64, unit string) string {
	if lo == hi {
		return number(lo, unit)
	}
	return number(lo, unit) + "–" + number(hi, unit)
}

// number writes a value for a reader: "261", "6.5 billion", "$6 million",
// "90%".
func number(v float64, unit string) string {
	s := ""
	switch a := math.Abs(v); {
	case a >= 1e9:
		s = trim(v/1e9) + " billion"
	case a >= 1e6:
		s = trim(v/1e6) + " million"
	default:
		s = trim(v)
	}
	switch unit {
	case UnitUSD:
		return "$" + s
	case "GBP":
		return "£" + s
	case "EUR":
		return "€" + s
	case UnitPercent:
		return s + "%"
	}
	return s
}

func trim(v float64) string {
	if v >= 100 {
		v = math.Round(v)
	} else {
		v = math.Round(v*10) / 10
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if v < 10000 || strings.Contains(s, ".") {
		return s
	}
	// Group thousands: "85,000".
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// toClaim is one side of a figure conflict: one figure and its sources.
func toClaim(articles []*parallax.Article, g *figureGroup) parallax.Claim {
	c := parallax.Claim{Text: g.first().PhraseText, Sources: g.sources(articles), Cites: []parallax.Cite{}}
	for k, m := range g.ms {
		id := articles[g.arts[k]].SourceID
		c.Cites = append(c.Cites, parallax.Cite{Source: id, Start: m.Phrase.Start, End: m.Phrase.End})
	}
	return c
}
