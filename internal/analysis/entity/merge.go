package entity

import (
	"slices"
	"sort"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// form is every candidate written with the same folded words.
type form struct {
	key   string
	words []string
	raws  []*raw
	kind  string
	subOf []*form
	// head, shared and numeral are those of the form's words (headOf).
	head            string
	shared, numeral bool
	// guess is true when the kind is a person for want of any cue.
	guess bool
	// alts are the words of the variants merged into the form (see
	// linkVariants), its own first.
	alts [][]string
}

// build merges the candidates into entities and indexes their mentions:
// candidates written alike make a form, partial names join the full names
// that contain them, every candidate is assigned to an entity, the entities
// are counted and named, and the mentions are indexed.
func build(arts []*parallax.Article, raws []*raw, pairs [][2]*raw) *Index {
	ix := &Index{arts: arts, byName: map[string]*entry{}, mentions: make([][]Mention, len(arts))}
	ix.forms = make([]map[string]*entry, len(arts)+1)
	for i := range ix.forms {
		ix.forms[i] = map[string]*entry{}
	}
	order := linkVariants(groupForms(raws), pairs)
	joinPartials(order)
	ents, all := assign(order)
	tally(all, parallax.SourceIDs(arts))
	ix.name(ents, all)
	ix.index(all)
	return ix
}

// assigned is a candidate and the entity it names.
type assigned struct {
	r *raw
	e *entry
}

// groupForms groups candidates by folded words, known places by their
// gazetteer name, so that "US", "U.S." and "United States" are one form.
// It returns the forms in order of first candidate, their kinds decided.
func groupForms(raws []*raw) []*form {
	forms := map[string]*form{}
	var order []*form
	for _, r := range raws {
		if r == nil || len(r.words) == 0 {
			continue
		}
		key := strings.Join(r.words, " ")
		if isDemonym(key) && r.title == "" {
			continue
		}
		if r.place != "" && r.person == 0 {
			key = "place:" + fold(r.place)
		}
		f := forms[key]
		if f == nil {
			f = &form{key: key, words: r.words, head: r.head, shared: r.shared, numeral: r.numeral}
			f.alts = [][]string{f.words}
			forms[key] = f
			order = append(order, f)
		}
		f.raws = append(f.raws, r)
	}
	for _, f := range order {
		f.kind = kindOf(f)
	}
	return order
}

// joinPartials makes partial person names join the full names that contain
// them, and partial organisation names the longer names they end: each
// form's subOf lists the maximal forms it may stand for, longest first.
// Only the full forms that hold the form's first word (or spell it as
// their acronym) are compared with it, never every pair of forms.
func joinPartials(order []*form) {
	var full []*form
	for _, f := range order {
		if f.kind != "" && f.kind != parallax.EntityPlace && len(f.words) >= 2 {
			full = append(full, f)
		}
	}
	sort.SliceStable(full, func(i, j int) bool { return len(full[i].words) > len(full[j].words) })
	holding := map[string][]int{} // a word, or an acronym → positions in full
	for k, g := range full {
		for _, w := range g.words {
			holding[w] = append(holding[w], k)
		}
		for _, w := range g.alts {
			if a := acronym(w); a != "" {
				holding[a] = append(holding[a], k)
			}
		}
	}
	byLen := append([]*form(nil), order...)
	sort.SliceStable(byLen, func(i, j int) bool { return len(byLen[i].words) > len(byLen[j].words) })
	var cands []int
	for _, f := range byLen {
		if f.kind == parallax.EntityPlace {
			continue
		}
		// compatible(f, g) needs f's first word in g, or g's acronym.
		cands = append(cands[:0], holding[f.words[0]]...)
		slices.Sort(cands)
		cands = slices.Compact(cands)
		for _, k := range cands {
			g := full[k]
			if g == f || len(g.words) <= len(f.words) || g.subOf != nil || !compatible(f, g) {
				continue // only maximal forms take partial names
			}
			f.subOf = append(f.subOf, g)
		}
	}
}

// assign makes the entities of the maximal forms and of the forms that join
// none, and assigns every candidate to one, in text order.
func assign(order []*form) ([]*entry, []assigned) {
	entOf := map[*form]*entry{}
	var ents []*entry
	for _, f := range order {
		if len(f.subOf) == 0 && f.kind != "" {
			e := &entry{key: f.key, forms: map[string]int{}, descs: map[string]int{}, aliasN: map[string]int{}}
			e.Kind = f.kind
			e.Mentions = map[string]int{}
			e.first = f.raws[0].art<<20 | f.raws[0].order
			ents = append(ents, e)
			entOf[f] = e
		}
	}
	var all []assigned
	for _, f := range order {
		for _, r := range f.raws {
			var e *entry
			switch {
			case len(f.subOf) == 1:
				e = entOf[f.subOf[0]]
			case len(f.subOf) > 1:
				e = pick(f.subOf, r, entOf)
			default:
				e = entOf[f]
			}
			if e == nil {
				continue
			}
			all = append(all, assigned{r, e})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].r.art != all[j].r.art {
			return all[i].r.art < all[j].r.art
		}
		return all[i].r.span.Start < all[j].r.span.Start
	})
	return ents, all
}

// tally counts each entity's mentions per source, spellings, aliases,
// gender and descriptions.
func tally(all []assigned, srcs []string) {
	for _, a := range all {
		e, r := a.e, a.r
		e.total++
		src := srcs[r.art]
		if e.Mentions[src] == 0 {
			e.Sources = append(e.Sources, src)
		}
		e.Mentions[src]++
		surface := r.text
		if possessive(surface) {
			surface = strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(surface, "'s"), "’s"), "'’")
		}
		e.forms[surface]++
		if len(r.words) > 0 {
			e.words = appendUnique(e.words, r.words)
		}
		if r.title != "" && abbrevs[fold(r.title)] {
			e.aliasN[r.title+" "+surface]++
		}
		if r.gender != "" && e.gender == "" {
			e.gender = r.gender
		}
		for _, d := range r.descs {
			key := fold(d)
			if e.descs[key] == 0 {
				e.descOrd = append(e.descOrd, d)
			}
			e.descs[key]++
		}
	}
}

// name gives the entities their canonical names (the most frequent
// spelling of the longest form; the gazetteer name of a place), merges
// those that share one and keeps them in ix, most mentioned first.
func (ix *Index) name(ents []*entry, all []assigned) {
	firstSeen := map[string]int{}
	for n, a := range all {
		if _, ok := firstSeen[a.r.text]; !ok {
			firstSeen[a.r.text] = n
		}
	}
	var kept []*entry
	for _, e := range ents {
		if e.total == 0 {
			continue
		}
		e.Name = canonical(e, firstSeen)
		if strings.HasPrefix(e.key, "place:") {
			e.Name = places[strings.TrimPrefix(e.key, "place:")]
		}
		if other, ok := ix.byName[e.Name]; ok {
			// Two forms with one display name ("White House" as org and as
			// a partial name): merge into the first.
			mergeInto(other, e)
			continue
		}
		ix.byName[e.Name] = e
		kept = append(kept, e)
	}
	for _, e := range kept {
		finish(e)
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].total != kept[j].total {
			return kept[i].total > kept[j].total
		}
		return kept[i].Name < kept[j].Name
	})
	ix.ents = kept
}

// index lists the mentions of each article and the forms tables: the
// entity each folded form names most often, per article and story-wide.
func (ix *Index) index(all []assigned) {
	n := len(ix.arts)
	counts := make([]map[string]map[*entry]int, n+1)
	for i := range counts {
		counts[i] = map[string]map[*entry]int{}
	}
	for _, a := range all {
		e := ix.byName[a.e.Name]
		r := a.r
		ix.mentions[r.art] = append(ix.mentions[r.art], Mention{
			Span: r.span, Full: r.full, Text: r.text, Name: e.Name, Kind: e.Kind, Title: r.title, Sentence: r.sent,
		})
		key := strings.Join(r.words, " ")
		for _, t := range []int{r.art, n} {
			if counts[t][key] == nil {
				counts[t][key] = map[*entry]int{}
			}
			counts[t][key][e]++
		}
	}
	for t, m := range counts {
		for key, es := range m {
			var best *entry
			for e, c := range es {
				if best == nil || c > es[best] || c == es[best] && e.Name < best.Name {
					best = e
				}
			}
			ix.forms[t][key] = best
		}
	}
}

// kindOf decides the kind of a form from the evidence of its candidates:
// titles and ages make a person, the head noun a law, an event or a
// facility (kindByHead), organisation cues an organisation, the gazetteer
// and "in X" a place, a common noun said of it ("the Cecot prison") the
// kind of that noun; a name of two to four words with no cue is taken for
// a person. It returns "" when nothing tells.
func kindOf(f *form) string {
	f.guess = false
	var person, org, placeCue, sayer, definite, common int
	var known bool
	var cues [3]int // facility, law, event
	cueKinds := [3]string{parallax.EntityFacility, parallax.EntityLaw, parallax.EntityEvent}
	place := ""
	for _, r := range f.raws {
		person += r.person
		org += r.org
		placeCue += r.placeCue
		if r.sayer {
			sayer++
		}
		if r.definite {
			definite++
		}
		common += r.common
		if r.place != "" {
			place = r.place
		}
		known = known || r.known
		for i, k := range cueKinds {
			if r.cue == k {
				cues[i]++
			}
		}
	}
	n := len(f.raws)
	if !known && place == "" {
		if kind, ok := kindByHead(f, person, definite); ok {
			return kind
		}
		// No head: a common noun said of the name more often than a title
		// or an age ("the notorious Cecot prison", "known as CECOT").
		best, bestN := "", 0
		for i, k := range cueKinds {
			if cues[i] > bestN {
				best, bestN = k, cues[i]
			}
		}
		if best != "" && bestN > person && org == 0 && !nameEnd(f.words[len(f.words)-1]) {
			return best
		}
	}
	switch {
	case org > 0 && org >= person:
		return parallax.EntityOrganization
	case person > 0 && person >= 2*n/3:
		return parallax.EntityPerson
	case place != "":
		return parallax.EntityPlace
	case person > 0:
		return parallax.EntityPerson
	case placeCue*2 > n:
		return parallax.EntityPlace
	case definite*2 > n:
		return parallax.EntityOrganization
	}
	words := len(f.words)
	if words >= 2 && words <= 4 && common < n*(words-1)+1 {
		f.guess = true
		return parallax.EntityPerson
	}
	if words == 1 && sayer > 0 && common == 0 {
		return parallax.EntityPerson
	}
	if words >= 2 && placeCue > 0 {
		return parallax.EntityPlace
	}
	return ""
}

// kindByHead decides the kind of a form whose head noun gives one (see
// lawHeads): a law or an event by the head alone; a facility unless the
// name speaks more than it is used as a place ("Buckingham Palace said"
// is the institution), or, for a head shared with institutions ("Office",
// "Centre", "House"), only when it is used as a place more than as a
// speaker ("in the Oval Office"). A name never written with "the" that has
// a title or an age is a person ("Jude Law", "Mr Hall"), and a head alone
// ("the Act") is no name; a name mostly in quotation marks is a work's
// title ("‘The Hunger Games’"). It returns false when the head does not
// decide.
func kindByHead(f *form, person, definite int) (string, bool) {
	if f.head == "" {
		return "", false
	}
	quoted := 0
	for _, r := range f.raws {
		if r.quoted {
			quoted++
		}
	}
	if definite == 0 && person >= 2 && !f.numeral || 2*quoted > len(f.raws) {
		return "", false
	}
	if len(f.words) == 1 && !eventNames[f.words[0]] {
		if f.shared {
			return "", false // "House", "Office": as before, by the other cues
		}
		return "", true
	}
	if f.head != parallax.EntityFacility {
		return f.head, true
	}
	place, speaks := 0, 0
	for _, r := range f.raws {
		if r.locative {
			place++
		}
		if r.cue == parallax.EntityFacility {
			place += 2
		}
		if r.speaks || r.sayer {
			speaks++
		}
	}
	if f.shared {
		// "Office of Management and Budget", "House of Commons": the
		// institution.
		institution := false
		for c := 1; c < len(f.words)-1; c++ {
			if f.words[c] == "of" || f.words[c] == "for" {
				institution = orgPrefixes[f.words[c-1]]
				break
			}
		}
		if !institution && 2*place >= len(f.raws) && place > 2*speaks {
			return parallax.EntityFacility, true
		}
		// Else the institution when it reads as one ("the Hall of Fame",
		// "City Hall of Naoussa"), or as the other cues tell ("Cynthia
		// Hall").
		if institution || slices.Contains(f.words, "of") || slices.Contains(f.words, "for") || 2*definite >= len(f.raws) {
			return parallax.EntityOrganization, true
		}
		return "", false
	}
	if speaks > place {
		return parallax.EntityOrganization, true
	}
	return parallax.EntityFacility, true
}

// compatible reports whether form f may be a partial name of form g: a run
// of its words, the first and last of a person's name, or an acronym of a
// name that is no person's (of any of its variants).
func compatible(f, g *form) bool {
	// A person's name without a middle name or initial: "Mark Heller" for
	// "Mark Jay Heller".
	if g.kind == parallax.EntityPerson && (f.kind == "" || f.kind == parallax.EntityPerson) &&
		len(f.words) == 2 && len(g.words) >= 3 && f.words[0] == g.words[0] && f.words[1] == g.words[len(g.words)-1] {
		return true
	}
	if !text.ContainsRun(g.words, f.words) {
		// An acronym of an organisation: "DHS".
		if g.kind != parallax.EntityPerson && len(f.words) == 1 && len(f.words[0]) >= 2 {
			for _, w := range g.alts {
				if acronym(w) == f.words[0] {
					return true
				}
			}
		}
		return false
	}
	switch g.kind {
	case parallax.EntityPerson:
		if f.kind != "" && f.kind != parallax.EntityPerson {
			return false
		}
		// A single word must be a surname or a first name.
		if len(f.words) == 1 {
			return f.words[0] == g.words[len(g.words)-1] || f.words[0] == g.words[0]
		}
		return true
	default:
		if f.kind == parallax.EntityPerson || f.kind == parallax.EntityPlace {
			return false
		}
		// "Supreme Court" ends "US Supreme Court", "Beaumont Hospital"
		// "Royal Oak Beaumont Hospital".
		return hasSuffix(g.words, f.words) && len(f.words) >= 2
	}
}

func hasSuffix(long, short []string) bool {
	if len(short) > len(long) {
		return false
	}
	off := len(long) - len(short)
	for i := range short {
		if long[off+i] != short[i] {
			return false
		}
	}
	return true
}

func acronym(words []string) string {
	var b strings.Builder
	for _, w := range words {
		if connectors[w] || w == "the" || w == "and" {
			continue
		}
		b.WriteString(w[:1])
	}
	return b.String()
}

// pick chooses among the full names a partial name may stand for: the one
// written last before it in the same article, else the first after it in
// the article, else the one mentioned most in the story.
func pick(cands []*form, r *raw, entOf map[*form]*entry) *entry {
	var before, after, most *form
	bestBefore, bestAfter, bestMost := -1, 1<<62, -1
	for _, g := range cands {
		if len(g.raws) > bestMost {
			most, bestMost = g, len(g.raws)
		}
		for _, o := range g.raws {
			if o.art != r.art {
				continue
			}
			if o.span.Start < r.span.Start && o.span.Start > bestBefore {
				before, bestBefore = g, o.span.Start
			}
			if o.span.Start > r.span.Start && o.span.Start < bestAfter {
				after, bestAfter = g, o.span.Start
			}
		}
	}
	switch {
	case before != nil:
		return entOf[before]
	case after != nil:
		return entOf[after]
	}
	return entOf[most]
}

func canonical(e *entry, firstSeen map[string]int) string {
	longest := 0
	for s := range e.forms {
		if n := len(nameWords(s)); n > longest {
			longest = n
		}
	}
	best, bestN := "", -1
	for s, n := range e.forms {
		if len(nameWords(s)) != longest {
			continue
		}
		if n > bestN || n == bestN && firstSeen[s] < firstSeen[best] {
			best, bestN = s, n
		}
	}
	return best
}

func mergeInto(dst, src *entry) {
	dst.total += src.total
	for s, n := range src.Mentions {
		if dst.Mentions[s] == 0 {
			dst.Sources = append(dst.Sources, s)
		}
		dst.Mentions[s] += n
	}
	for s, n := range src.forms {
		dst.forms[s] += n
	}
	for s, n := range src.aliasN {
		dst.aliasN[s] += n
	}
	for _, d := range src.descOrd {
		if dst.descs[fold(d)] == 0 {
			dst.descOrd = append(dst.descOrd, d)
		}
		dst.descs[fold(d)] += src.descs[fold(d)]
	}
	dst.words = append(dst.words, src.words...)
	if dst.gender == "" {
		dst.gender = src.gender
	}
}

// finish fills the aliases and descriptions of an entity.
func finish(e *entry) {
	aliases := map[string]int{}
	for s, n := range e.forms {
		if s != e.Name {
			aliases[s] += n
		}
	}
	for s, n := range e.aliasN {
		if s != e.Name {
			aliases[s] += n
		}
	}
	e.Aliases = sortByCount(aliases, nil)
	if e.Aliases == nil {
		e.Aliases = []string{}
	}
	if e.Kind != parallax.EntityPerson {
		e.Descriptions = []string{}
		return
	}
	first := map[string]int{}
	for i, d := range e.descOrd {
		first[fold(d)] = i
	}
	counts := map[string]int{}
	display := map[string]string{}
	for _, d := range e.descOrd {
		counts[fold(d)] = e.descs[fold(d)]
		display[fold(d)] = d
	}
	e.Descriptions = []string{}
	for _, k := range sortByCount(counts, first) {
		e.Descriptions = append(e.Descriptions, display[k])
	}
}

func appendUnique(list [][]string, words []string) [][]string {
	key := strings.Join(words, " ")
	for _, w := range list {
		if strings.Join(w, " ") == key {
			return list
		}
	}
	return append(list, words)
}
