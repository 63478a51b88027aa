package quote

import (
	"sort"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/entity"
	"github.com/parallax-news/parallax/internal/text"
)

// maxSegments is how many comma-separated segments before a reporting verb
// are searched for its subject.
const maxSegments = 3

// subjectBefore finds the subject of the reporting verb at token v among
// the tokens [first, v): the noun phrase right before it, past adverbs
// ("Trump also said"), appositives ("Stephen Miller, a deputy chief of
// staff, told"), participle phrases and relative pronouns ("Marco Rubio,
// who called").
func (d *doc) subjectBefore(first, v, lo int) who {
	e := v
	// A parenthesis before the verb: "Sen. Chris Van Hollen (D-Md.) said".
	if e > first && strings.Contains(d.gapBefore(e, lo), ")") {
		for k := e - 1; k > first && e-k < 6; k-- {
			if strings.Contains(d.gapBefore(k, lo), "(") {
				e = k
				break
			}
		}
	}
	for e > first && adverbs[d.lower(e-1)] && !d.sepBefore(e, lo) {
		e--
	}
	if e <= first || strings.ContainsAny(d.gapBefore(e, lo), ".!?;:\"“”‘\n") {
		return who{}
	}
	// Segments between separators, nearest first.
	var segs [][2]int
	for end := e; end > first && len(segs) < maxSegments; {
		s := end - 1
		if d.inQuote(d.toks[s].Start) {
			break
		}
		for s > first && !d.sepBefore(s, lo) && !d.inQuote(d.toks[s-1].Start) {
			s--
		}
		segs = append(segs, [2]int{s, end})
		if s <= first || d.inQuote(d.toks[s-1].Start) || !strings.ContainsAny(d.gapBefore(s, lo), ",—–-") {
			break
		}
		end = s
	}
	if len(segs) == 0 {
		return who{}
	}
	s1 := segs[0]
	// ", who represents the area, said": a relative clause set off by
	// commas describes the subject before it.
	if l := d.lower(s1[0]); (l == "who" || l == "which") && s1[1]-s1[0] > 1 && len(segs) > 1 {
		return d.head(segs[1][0], segs[1][1], modeSegment)
	}
	// A relative clause or a new clause: the subject follows the last
	// relative pronoun or conjunction ("to which Bukele responded").
	for k := s1[1] - 1; k >= s1[0]; k-- {
		l := d.lower(k)
		if !relatives[l] && !conjunctions[l] {
			continue
		}
		if k == s1[1]-1 {
			if (l == "who" || l == "which" || l == "that") && len(segs) > 1 {
				// "Marco Rubio, who called …": the antecedent.
				return d.head(segs[1][0], segs[1][1], modeSegment)
			}
			if l == "who" && k > s1[0] {
				// "A Brooklyn woman who claims …": the antecedent before it.
				return d.head(s1[0], k, modeSegment)
			}
			return who{}
		}
		if (l == "who" || l == "which") && len(segs) > 1 && appositiveLike(d, [2]int{s1[0], k}) {
			// "Maral, a resident of Ashgabat who declined …, told": the
			// relative clause belongs to the appositive; the name before
			// it is the subject.
			if w := d.head(segs[1][0], segs[1][1], modeSegment); w.ok && !w.unresolved {
				return w
			}
		}
		s1[0] = k + 1
		break
	}
	first1 := d.toks[s1[0]]
	participle := len(segs) > 1 && isParticiple(first1.Lower) && !first1.Capital
	if !participle {
		w := d.head(s1[0], s1[1], modeBefore)
		if w.ok && !(w.unresolved && len(segs) > 1 && (appositiveLike(d, s1) || s1[1]-s1[0] <= 2)) {
			return w
		}
		if len(segs) < 2 {
			return w
		}
		// The segment before: a name, known or as written ("Pensioner
		// Bayram-aga, a voter in Ashgabat, said").
		if w2 := d.head(segs[1][0], segs[1][1], modeSegment); w2.ok && (!w2.unresolved || d.nameAsWritten(segs[1]) && appositiveLike(d, s1)) {
			return w2
		}
		return w
	}
	return d.head(segs[1][0], segs[1][1], modeSegment)
}

// nameAsWritten reports whether a segment reads as a name the entity index
// does not know ("Pensioner Bayram-aga"): every word capitalised, none a
// function word, a number or a calendar word ("On Monday").
func (d *doc) nameAsWritten(seg [2]int) bool {
	for k := seg[0]; k < seg[1]; k++ {
		t := d.toks[k]
		if !t.Capital || t.Stop || t.Number || preps[t.Lower] || text.IsCalendarWord(t.Lower) {
			return false
		}
	}
	return seg[1] > seg[0]
}

// appositiveLike reports whether a segment reads as an appositive: "a
// deputy chief of staff", "the head of …", "78".
func appositiveLike(d *doc, s [2]int) bool {
	switch d.lower(s[0]) {
	case "a", "an", "the", "his", "her", "its", "their", "one", "another":
		return true
	}
	// A possessive: "Trump's lead attorney".
	if l := d.lower(s[0]); s[1]-s[0] > 1 && (strings.HasSuffix(l, "'s") || strings.HasSuffix(l, "’s")) {
		return true
	}
	// A title without article: "director of the Helsinki Foundation".
	if t := d.toks[s[0]]; !t.Capital && personHeads[t.Lower] {
		return true
	}
	// A party and state: "R-Ohio", "D-Mass.".
	if t := d.toks[s[0]].Text; len(t) > 2 && strings.ContainsRune("DRI", rune(t[0])) && t[1] == '-' {
		return true
	}
	return d.toks[s[0]].Number && s[1]-s[0] == 1
}

func isParticiple(w string) bool {
	return len(w) > 5 && strings.HasSuffix(w, "ing") && w != "during" && w != "according"
}

// subjectAfter finds the speaker named after an inverted verb or
// "according to": “…,” said Mr Bukele; according to X.
func (d *doc) subjectAfter(k, hi int) who {
	if k >= len(d.toks) || d.toks[k].End > hi {
		return who{}
	}
	if sep := d.gapBefore(k, d.toks[k].Start); strings.ContainsAny(sep, ".!?\"“”") {
		return who{}
	}
	e := k + 1
	for e < len(d.toks) && d.toks[e].End <= hi && e-k < 12 && !d.sepBefore(e, 0) {
		l := d.lower(e)
		if relatives[l] || conjunctions[l] && l != "and" {
			break
		}
		e++
	}
	if preps[d.lower(k)] || npNotStart[d.lower(k)] && !pronouns[d.lower(k)] {
		return who{}
	}
	return d.head(k, e, modeAfter)
}

// Modes of head: the segment right before the verb, an earlier segment
// (an antecedent or the name before an appositive), or the words after an
// inverted verb.
const (
	modeBefore = iota
	modeSegment
	modeAfter
)

// head finds the speaker in the noun phrase of tokens [s, e): an entity
// mention ending it ("El Salvador's president Nayib Bukele"), a pronoun, or
// a description resolved to an entity or kept as written ("one woman", "a
// speaker addressing the group"). Prepositional and participle phrases
// after the head are cut off ("a spokesman for the ministry" → "a
// spokesman"); when what is cut holds a verb, the subject is the phrase
// right before the reporting verb instead ("… a prison critics say").
func (d *doc) head(s, e int, mode int) who {
	for s < e && conjunctions[d.lower(s)] && d.lower(s) != "as" {
		s++
	}
	for e > s+1 && adverbs[d.lower(e-1)] {
		e--
	}
	if s >= e {
		return who{}
	}
	if mode == modeSegment {
		if w, ok := d.mentionWho(s, e); ok {
			return w
		}
	}
	end := e
	for k := s + 1; k < end; k++ {
		l := d.lower(k)
		t := d.toks[k]
		if (l == "from" || l == "by" || l == "of") && documentWords[d.lower(k-1)] {
			// "a statement from the White House": the document's author.
			if w, ok := d.mentionWho(k+1, e); ok && (w.kind == parallax.EntityPerson || w.kind == parallax.EntityOrganization) {
				return w
			}
		}
		if (preps[l] || isParticiple(l) && !t.Capital || relatives[l]) && !d.inMention(t.Start) {
			end = k
			break
		}
		// A past participle after the noun: "the officers involved in the
		// shooting".
		if strings.HasSuffix(l, "ed") && !t.Capital && k+1 < end && preps[d.lower(k+1)] && d.nounLike(k-1) && !d.inMention(t.Start) {
			end = k
			break
		}
	}
	if mode == modeAfter {
		// "said Mr Bukele on Monday", "claims Mr Bukele rejects".
		for k := s; k < end && k < s+5; k++ {
			if m, ok := d.mentionStartingAt(k); ok {
				j := k
				for j < end && d.toks[j].Start < m.End {
					j++
				}
				if j < end && !d.toks[j].Capital && !possessiveTail(d.r[m.End:d.toks[j-1].End]) {
					end = j
				}
				break
			}
		}
	}
	if mode == modeBefore && end < e && d.hasVerb(end, e) {
		return d.backward(s, e)
	}
	for end > s+1 && adverbs[d.lower(end-1)] {
		end--
	}
	if w, ok := d.mentionWho(s, end); ok {
		return w
	}
	last := d.toks[end-1]
	if pronouns[last.Lower] && end-s <= 2 {
		return d.pronoun(end - 1)
	}
	if end-s > 8 {
		if mode == modeBefore {
			return d.backward(s, e)
		}
		return who{}
	}
	return d.description(s, end)
}

// mentionWho returns the entity mention ending the phrase [s, e) as the
// speaker. A place followed by more words only modifies a description ("US
// officials").
func (d *doc) mentionWho(s, e int) (who, bool) {
	m, ok := d.mentionEndingAt(e)
	if !ok || m.End <= d.toks[s].Start {
		return who{}, false
	}
	if m.Kind == parallax.EntityPlace && e-s > 1 && m.Start > d.toks[s].Start {
		return who{}, false
	}
	start := max(m.Full.Start, d.toks[s].Start)
	return who{name: m.Name, start: start, end: m.End, kind: m.Kind, ok: true}, true
}

// hasVerb reports whether tokens [s, e) hold an auxiliary or a past form,
// which makes them a clause rather than a noun phrase.
func (d *doc) hasVerb(s, e int) bool {
	for k := s; k < e; k++ {
		l := d.lower(k)
		if auxiliaries[l] || finiteCues[l] && !d.toks[k].Capital {
			return true
		}
		if strings.HasSuffix(l, "ed") && len(l) > 4 && !d.toks[k].Capital && !d.inMention(d.toks[k].Start) {
			return true
		}
	}
	return false
}

// backward finds the subject as the noun phrase right before the verb:
// the words back from token e-1 to a determiner, a preposition, a verb or
// a function word, five at most.
func (d *doc) backward(s, e int) who {
	if w, ok := d.mentionWho(e-1, e); ok {
		return w
	}
	if pronouns[d.lower(e-1)] {
		return d.pronoun(e - 1)
	}
	k := e - 1
	for k > s && e-k < 5 {
		l := d.lower(k - 1)
		t := d.toks[k-1]
		if determiners[l] {
			k--
			break
		}
		if preps[l] || relatives[l] || conjunctions[l] || auxiliaries[l] || t.Stop || strings.HasSuffix(l, "ed") {
			break
		}
		k--
	}
	return d.description(k, e)
}

// description returns the speaker named by a description [s, e): an entity
// when it resolves to one ("the Salvadoran leader"), else the words as
// written ("one woman"). It fails when the words name no one.
func (d *doc) description(s, e int) who {
	content := false
	for k := s; k < e; k++ {
		if !d.toks[k].Stop && !d.toks[k].Number {
			content = true
		}
	}
	last := d.toks[e-1]
	if !content || last.Stop || !personHeads[strings.TrimSuffix(last.Lower, "'s")] && !d.nounLike(e-1) {
		return who{}
	}
	start, stop := d.toks[s].Start, last.End
	if name, kind, ok := d.describe(s, e); ok {
		return who{name: name, start: start, end: stop, kind: kind, ok: true}
	}
	return who{name: d.text(start, stop), start: start, end: stop, unresolved: true, ok: true}
}

// nounLike reports whether token k may end a noun phrase naming a speaker:
// a capitalised word or a word that is no verb form.
func (d *doc) nounLike(k int) bool {
	t := d.toks[k]
	if t.Capital {
		return true
	}
	l := t.Lower
	if strings.HasSuffix(l, "ed") || strings.HasSuffix(l, "ing") || strings.HasSuffix(l, "ly") {
		return false
	}
	return true
}

// pronoun returns the speaker a pronoun at token k refers to: for he and
// she the nearest compatible person that is a subject (first in its
// sentence) or a speaker in this or the four sentences before; for it an
// organisation. An unresolved pronoun is kept as written.
func (d *doc) pronoun(k int) who {
	t := d.toks[k]
	w := who{name: t.Text, start: t.Start, end: t.End, unresolved: true, ok: true}
	p := t.Lower
	var kinds []string
	switch p {
	case "he", "she":
		kinds = []string{parallax.EntityPerson}
	case "it":
		kinds = []string{parallax.EntityOrganization}
	case "they":
		kinds = []string{parallax.EntityOrganization}
	default:
		return w
	}
	gender := map[string]string{"he": "male", "she": "female"}[p]
	compatible := func(name, kind string) bool {
		ok := false
		for _, k := range kinds {
			if k == kind {
				ok = true
			}
		}
		if !ok {
			return false
		}
		if gender != "" && d.ix != nil {
			if g := d.ix.Gender(name); g != "" && g != gender {
				return false
			}
		}
		return true
	}
	sent := d.sentOf(t.Start)
	// This sentence, before the pronoun.
	if name, kind, ok := d.firstMention(sent, t.Start, compatible); ok && p != "they" {
		w.name, w.kind, w.unresolved = name, kind, false
		return w
	}
	// Sentences and paragraphs wholly inside a quotation (the speaker's
	// own words, as in a quotation run over several paragraphs before "she
	// told Reuters") do not count towards the reach.
	steps, paras, lastPara := 0, 0, -1
	if sent >= 0 && sent < len(d.blockN) {
		lastPara = d.blockN[sent]
	}
	for s := sent - 1; s >= 0; s-- {
		if !d.sentQuoted(s) {
			steps++
			if lastPara >= 0 && d.blockN[s] != lastPara {
				paras += lastPara - d.blockN[s]
				lastPara = d.blockN[s]
			}
		} else if lastPara >= 0 {
			lastPara = d.blockN[s]
		}
		if steps > 4 || paras > 3 {
			break
		}
		// A speaker of that sentence: its quotation or its attribution
		// lies there.
		sp := d.sentSpan(s)
		for qi := sort.Search(len(d.spans), func(n int) bool { return d.spans[n].open > sp.End }) - 1; qi >= 0; qi-- {
			q := d.quotes[qi]
			if d.spans[qi].stop() < sp.Start && q.who.end < sp.Start {
				break // this quotation and the ones before lie before s
			}
			if (q.sent == s || q.who.ok && q.who.start >= sp.Start && q.who.start < sp.End) && q.who.ok && !q.who.unresolved && compatible(q.who.name, q.who.kind) {
				w.name, w.kind, w.unresolved = q.who.name, q.who.kind, false
				return w
			}
		}
		name, kind, found := d.firstMention(s, d.sentSpan(s).End, compatible)
		if p == "they" {
			// "Protesters gathered outside the Capitol. … they chanted":
			// people described as the subject before an organisation
			// named later in the sentence.
			if desc, ok := d.openingDescription(s); ok && strings.HasSuffix(desc, "s") {
				w.name = desc
				return w
			}
		}
		if p != "it" && p != "they" {
			// "The mayor of Paris opened the bridge. … she said.": the
			// subject is a description, and the name in it (Paris) is not
			// the speaker.
			if desc, ok := d.openingDescription(s); ok && found && strings.Contains(desc, name) {
				w.name = desc
				return w
			}
		}
		if found {
			w.name, w.kind, w.unresolved = name, kind, false
			return w
		}
		if p == "he" || p == "she" || p == "they" {
			// "A police spokeswoman said …. She added:", "The protesters
			// … they chanted": the described subject when no one is named.
			if desc, ok := d.openingDescription(s); ok && (p != "they") == !strings.HasSuffix(desc, "s") {
				// Resolved when it describes a person of the story ("The
				// Ukrainian president" for Volodymyr Zelensky).
				i, _ := d.tokRange(d.sentSpan(s).Start, d.sentSpan(s).End)
				if n := len(strings.Fields(desc)); p != "they" && n <= 4 && i+n <= len(d.toks) {
					if name, kind, ok := d.describe(i, i+n); ok && compatible(name, kind) {
						w.name, w.kind, w.unresolved = name, kind, false
						return w
					}
				}
				w.name = desc
				return w
			}
		}
	}
	return w
}

// sentQuoted reports whether sentence s lies wholly inside a quotation.
func (d *doc) sentQuoted(s int) bool {
	sp := d.sentSpan(s)
	i, j := d.tokRange(sp.Start, sp.End)
	if i >= j {
		return false
	}
	return d.inQuote(d.toks[i].Start) && d.inQuote(d.toks[j-1].Start)
}

// openingDescription returns the description of a person that opens sentence s
// as its subject, when it is not a name: a determiner, at most two words, a
// noun that names a person and what follows it up to the verb ("The mayor
// of Paris", "A spokeswoman for the ministry"). The words are as written,
// less a capital "The" or "A".
func (d *doc) openingDescription(s int) (string, bool) {
	span := d.sentSpan(s)
	i, j := d.tokRange(span.Start, span.End)
	if j-i < 2 || d.inQuote(d.toks[i].Start) {
		return "", false
	}
	// A bare plural that names people: "Protesters gathered …".
	if l := d.toks[i].Lower; personHeads[l] && strings.HasSuffix(l, "s") && !d.inMention(d.toks[i].Start) {
		return l, true
	}
	if j-i < 3 || !determiners[d.toks[i].Lower] && d.toks[i].Lower != "one" {
		return "", false
	}
	head := -1
	for k := i + 1; k < min(i+4, j); k++ {
		if personHeads[d.toks[k].Lower] {
			head = k
			break
		}
		if _, demonym := entity.Demonym(d.toks[k].Text); (d.toks[k].Capital && !demonym) || d.toks[k].Number {
			return "", false // "The Trump administration": a name's; "The Ukrainian president" goes on
		}
	}
	if head < 0 {
		return "", false
	}
	end := head + 1
	for end < j && personHeads[d.toks[end].Lower] {
		end++ // "a police spokeswoman"
	}
	if end+1 < j && (d.toks[end].Lower == "of" || d.toks[end].Lower == "for") {
		k := end + 1
		if k < j && (d.toks[k].Lower == "the" || d.toks[k].Lower == "a") {
			k++
		}
		for k < j && d.toks[k].Capital {
			k++
		}
		if k > end+1 && d.toks[k-1].Capital {
			end = k
		}
	}
	if end < j && d.gapBefore(end, span.Start) != strings.TrimLeft(d.gapBefore(end, span.Start), ",") && d.toks[end].Capital {
		return "", false // "A family friend, Kevin Blacks, said": the name is the subject
	}
	return d.toks[i].Lower + string(d.r[d.toks[i].End:d.toks[end-1].End]), true
}

// firstMention returns the first entity mention of sentence s before
// position limit, outside quotations, that passes ok.
func (d *doc) firstMention(s, limit int, ok func(name, kind string) bool) (string, string, bool) {
	span := d.sentSpan(s)
	for _, m := range d.entsNear(span.Start, span.End) {
		if m.Start < span.Start || m.End > limit || m.End > span.End {
			continue
		}
		if d.inQuote(m.Start) {
			continue
		}
		// The object of a preposition is rarely the one who speaks next:
		// "a meeting with Mr Trump".
		if ok(m.Name, m.Kind) {
			return m.Name, m.Kind, true
		}
	}
	return "", "", false
}

// describe resolves a definite description to an entity: "the Salvadoran
// leader" to the nearest person whose titles or descriptions share its
// words or place, "the administration" to the nearest organisation whose
// name holds the word, "the diplomat" to an earlier speaker described so.
func (d *doc) describe(s, e int) (string, string, bool) {
	det := d.lower(s)
	if det != "the" && det != "this" {
		return "", "", false
	}
	headWord := strings.TrimSuffix(d.lower(e-1), "'s")
	if e-s > 4 {
		return "", "", false
	}
	var mods []string
	for k := s + 1; k < e-1; k++ {
		t := d.toks[k]
		_, demonym := entity.Demonym(t.Text)
		// A title in capitals ("the District Attorney") keeps its words.
		titleCase := d.toks[e-1].Capital && personHeads[headWord]
		if t.Capital && !demonym && !titleCase || strings.HasSuffix(t.Lower, "'s") {
			return "", "", false
		}
		w := entity.Fold(d.toks[k].Text)
		mods = append(mods, w)
		if p, ok := entity.Demonym(d.toks[k].Text); ok {
			mods = append(mods, entity.Fold(p))
		}
	}
	pos := d.toks[s].Start
	sent := d.sentOf(pos)
	// Earlier speakers described with the same head word.
	for qi := len(d.quotes) - 1; qi >= 0; qi-- {
		q := d.quotes[qi]
		if q.who.ok && q.who.unresolved && q.who.end <= pos && strings.HasSuffix(entity.Fold(q.who.name), " "+headWord) {
			return q.who.name, "", true
		}
	}
	if d.ix == nil {
		return "", "", false
	}
	wantOrg := orgWords[headWord] && !personHeadOnly[headWord]
	var best string
	bestKind := ""
	bestScore := 0
	for n := len(d.ents) - 1; n >= 0; n-- {
		m := d.ents[n]
		if m.End > pos || d.sentOf(m.Start) < sent-10 {
			continue
		}
		if wantOrg != (m.Kind == parallax.EntityOrganization) {
			continue
		}
		score := 0
		if wantOrg {
			if strings.Contains(" "+entity.Fold(m.Name)+" ", " "+headWord+" ") {
				score = 2
			}
		} else {
			ent, ok := d.ix.Lookup(m.Name)
			if !ok || m.Kind != parallax.EntityPerson {
				continue
			}
			about := " " + titleWords(entity.Fold(strings.Join(append(append([]string{m.Title, d.ofPlace(m.End)}, ent.Descriptions...), ent.Aliases...), " "))) + " "
			headMatch := strings.Contains(about, " "+headWord)
			modMatch := false
			for _, w := range mods {
				if len(w) > 2 && strings.Contains(about, " "+w) {
					modMatch = true
				}
			}
			switch {
			case len(mods) > 0 && !modMatch, len(mods) == 0 && !headMatch:
				continue
			case headMatch && modMatch:
				score = 4
			default:
				score = 2
			}
		}
		if score > bestScore {
			best, bestKind, bestScore = m.Name, m.Kind, score
		}
	}
	if bestScore == 0 {
		return "", "", false
	}
	return best, bestKind, true
}

// documentWords are what a speaker issues: "a statement from X".
var documentWords = set("statement", "release", "letter", "memo", "memorandum", "post", "posting", "filing", "tweet", "email", "e-mail", "message", "notice", "report", "transcript", "readout", "communique", "communiqué")

// ofPlace returns the place named right after a mention ending at end
// ("President Volodymyr Zelensky of Ukraine"), or "".
func (d *doc) ofPlace(end int) string {
	i, _ := d.tokRange(end, len(d.r))
	if i+1 >= len(d.toks) || d.toks[i].Lower != "of" || strings.TrimSpace(string(d.r[end:d.toks[i].Start])) != "" {
		return ""
	}
	for _, m := range d.entsNear(d.toks[i+1].Start, d.toks[i+1].End) {
		if m.Kind == parallax.EntityPlace && m.Start <= d.toks[i+1].Start && m.End >= d.toks[i+1].End {
			return m.Name
		}
	}
	return ""
}

// titleWords returns the folded words of a person's titles and
// descriptions with the abbreviated titles written out, so that "the
// senator" finds "Sen. Lindsey Graham" and "the governor" "Gov. Gavin
// Newsom".
func titleWords(about string) string {
	words := strings.FieldsFunc(about, func(c rune) bool { return c == ' ' || c == '.' || c == ',' })
	out := words
	for _, w := range words {
		if full, ok := titleAbbrevs[w]; ok {
			out = append(out, full...)
		}
	}
	return strings.Join(out, " ")
}

// titleAbbrevs are the titles news writing abbreviates before a name, and
// the nouns a later description uses for them.
var titleAbbrevs = map[string][]string{
	"sen":  {"senator", "lawmaker", "legislator"},
	"rep":  {"representative", "congressman", "congresswoman", "lawmaker", "legislator"},
	"gov":  {"governor"},
	"lt":   {"lieutenant"},
	"gen":  {"general"},
	"adm":  {"admiral"},
	"col":  {"colonel"},
	"capt": {"captain"},
	"sgt":  {"sergeant"},
	"det":  {"detective"},
	"atty": {"attorney"},
	"sec":  {"secretary"},
	"amb":  {"ambassador"},
	"pres": {"president"},
	"prof": {"professor"},
	"supt": {"superintendent"},
	"insp": {"inspector"},
	"cmdr": {"commander"},
	"rev":  {"reverend", "pastor"},
	"dr":   {"doctor"},
}

// personHeadOnly are orgWords that as a head name a person.
var personHeadOnly = set()
