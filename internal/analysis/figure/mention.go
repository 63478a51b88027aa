package figure

import (
	"sort"
	"strings"

	"github.com/parallax-news/parallax"
)

// sums joins "238 Venezuelans and 23 Salvadorans" into one more figure, the
// sum, keeping the parts.
func (s *sentence) sums(fs []found) []found {
	n := len(fs)
	for i := 0; i+1 < n; i++ {
		a, b := fs[i], fs[i+1]
		if a.unit != b.unit || (a.unit != UnitPeople && a.unit != UnitCount) || a.head < 0 || b.head < 0 {
			continue
		}
		if a.e.increment || b.e.increment || a.e.approx != Exact && a.e.approx != About || b.e.approx != Exact && b.e.approx != About {
			continue
		}
		if a.npEnd != b.e.start-1 || s.lower(a.npEnd) != "and" {
			continue
		}
		if a.unit == UnitCount && a.headStem != b.headStem {
			continue
		}
		sum := b
		sum.e.start, sum.e.from = a.e.start, a.e.from
		sum.e.value, sum.e.low, sum.e.high = a.e.value+b.e.value, a.e.low+b.e.low, a.e.high+b.e.high
		if !sum.e.finite() {
			continue // the parts are finite, their sum overflows
		}
		sum.npStart = a.npStart
		sum.nations = append(append([]string(nil), a.nations...), b.nations...)
		if sum.verb < 0 {
			sum.verb, sum.verbClass = a.verb, a.verbClass
		}
		if fs[i].verb < 0 {
			fs[i].verb, fs[i].verbClass = b.verb, b.verbClass
		}
		sum.sumOf = []int{i, i + 1}
		fs[i].partOfSum, fs[i+1].partOfSum = true, true
		fs = append(fs, sum)
	}
	return fs
}

// mention turns a found figure into a Mention with offsets in the article.
func (s *sentence) mention(f found, all []found) Mention {
	e := f.e
	m := Mention{
		Sentence: s.index,
		Value:    e.value, Low: e.low, High: e.high,
		Unit:      f.unit,
		Approx:    e.approx,
		Increment: e.increment,
		Word:      e.word,
		Nations:   f.nations,
	}
	from, to := e.from, e.to
	if f.sumOf != nil {
		to = f.phraseTo
		for _, p := range f.sumOf {
			part := all[p]
			m.Parts = append(m.Parts, part.e.value)
			key := part.headStem
			if len(part.nations) > 0 {
				key = part.nations[0]
			}
			m.PartKeys = append(m.PartKeys, key)
			m.PartTexts = append(m.PartTexts, string(s.runes[part.e.from:max(part.e.to, part.phraseTo)]))
		}
	}
	m.Span = parallax.Span{Start: s.offset + from, End: s.offset + to}
	m.Text = string(s.runes[from:to])
	pto := max(to, f.phraseTo)
	m.Phrase = parallax.Span{Start: s.offset + from, End: s.offset + pto}
	m.PhraseText = string(s.runes[from:pto])
	if f.verb >= 0 {
		m.Verb = f.verbClass
	}
	m.About = s.about(f)
	if f.e.age {
		m.Subject = f.subject
	}
	m.Head = s.key(f)
	m.Part, m.Minor = f.partOfSum, f.trivial
	return m
}

// about describes what a figure counts in the words of the sentence: the
// noun phrase the number counts, the verb of its event and a short phrase
// after them ("alleged Tren de Aragua members deported to El Salvador",
// "people arrested", "more individuals deported to El Salvador", "years of
// harsh tactics"). It returns "" when the sentence names nothing counted: a
// unit alone ("three years"), a verb or a place alone ("millions entered",
// "$6 million to El Salvador").
func (s *sentence) about(f found) string {
	if f.unit == UnitDate {
		return "year"
	}
	if f.e.age {
		if f.subject != "" {
			return "age of " + f.subject
		}
		return "age"
	}
	np := ""
	if f.npEnd > f.npStart {
		np = string(s.runes[s.toks[f.npStart].Start:s.toks[f.npEnd-1].End])
		if f.sumOf != nil {
			np = strings.Join(nounsOfSum(s, f), " and ")
		}
	}
	if np != "" && f.npStart < f.e.start {
		// The noun came before the number: "capacity of 40,000", and
		// what it is of: "The prison, with a capacity of 40,000" is the
		// prison capacity.
		if owner := s.ownerBefore(f.npStart); owner != "" {
			return owner + " " + np
		}
		return np
	}
	verb := s.verbOf(f)
	prep := ""
	if f.prepFrom >= 0 {
		prep = string(s.runes[s.toks[f.prepFrom].Start:s.toks[f.prepTo-1].End])
	}
	// A unit alone ("three years", "36 miles") says how much, not of what.
	if f.sumOf == nil && f.npEnd-f.npStart == 1 && unitNouns[f.headStem] != "" {
		if obj := s.objectAfter(f); obj != "" && prep == "" && durationUnits[f.unit] {
			return np + " of " + obj // "for three years used harsh tactics"
		}
		if prep == "" {
			return "" // "days lasted", "feet dragged": still not of what
		}
	}
	if np == "" {
		switch {
		case f.unit == UnitPeople:
			np = "people" // "thousands have been arrested"
		case (f.unit == UnitUSD || f.unit == "EUR" || f.unit == "GBP") && verb != "":
			np = "amount" // "paid $6 million"
		default:
			return ""
		}
	}
	parts := []string{np}
	if f.e.increment && (f.unit == UnitPeople || f.unit == UnitCount) {
		parts[0] = "more " + np // "10 more people", "an additional 10 individuals"
	}
	for _, p := range []string{verb, prep} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// ownerBefore returns the noun that a measure noun at token k belongs to in
// "The prison, with a capacity of…", "the city, with a population of…", or
// "" when the sentence does not say it so.
func (s *sentence) ownerBefore(k int) string {
	if k < 3 || (s.lower(k-1) != "a" && s.lower(k-1) != "an") || s.lower(k-2) != "with" || strings.TrimSpace(s.gap(k-2)) != "," {
		return ""
	}
	t := s.toks[k-3]
	if t.Stop || t.Number || !isWord(t.Text) {
		return ""
	}
	// The owner is the sentence's subject, "The port city", not the end of
	// a phrase that qualifies it ("Iran's largest island in the Persian
	// Gulf, with a population of…").
	for j := 0; j < k-3; j++ {
		if !s.toks[j].Stop && !isWord(s.toks[j].Text) || prepositions[s.lower(j)] || j >= 2 {
			return ""
		}
	}
	return t.Text
}

// verbOf returns the verb of a figure's event as the about of a figure
// says it: a participle after the thing counted ("people deported", from
// "deported 250 people", "sending 250 people", "the deportation of 250
// people"), or the verb as written when it comes after ("85,000 people have
// been arrested"). It returns "" when there is none or it cannot be said.
func (s *sentence) verbOf(f found) string {
	if f.verb < 0 {
		return ""
	}
	v := s.toks[f.verb]
	if f.verbClass == "include" {
		return "" // "children included", "members named" say no more than the noun
	}
	if f.verb > f.e.start {
		return v.Text
	}
	return participle(v.Lower, verbClasses[v.Stem])
}

// objectAfter returns the object of the verb right after a noun phrase:
// "harsh tactics" in "for three years used harsh tactics to imprison…". It
// returns "" when no verb and object follow.
func (s *sentence) objectAfter(f found) string {
	k := f.npEnd
	for k < len(s.toks) && (auxiliaries[s.lower(k)] || strings.HasSuffix(s.lower(k), "ly")) && s.tight(k) {
		k++
	}
	if k >= len(s.toks) || !s.tight(k) || s.toks[k].Stop || s.toks[k].Capital || prepositions[s.lower(k)] || !isWord(s.toks[k].Text) {
		return ""
	}
	from := k + 1
	end := from
	for end < len(s.toks) && end-from < 3 && s.tight(end) {
		t := s.toks[end]
		if t.Stop || t.Number || !isWord(t.Text) || prepositions[t.Lower] {
			break
		}
		end++
	}
	if end == from {
		return ""
	}
	return string(s.runes[s.toks[from].Start:s.toks[end-1].End])
}

// nounsOfSum returns the noun phrases of the parts of a sum.
func nounsOfSum(s *sentence, f found) []string {
	var out []string
	k := f.npStart
	for k < f.npEnd {
		j := k
		for j < f.npEnd && !isNumberToken(s.toks[j]) && s.lower(j) != "and" {
			j++
		}
		if j > k {
			out = append(out, string(s.runes[s.toks[k].Start:s.toks[j-1].End]))
		}
		for j < f.npEnd && (isNumberToken(s.toks[j]) || s.lower(j) == "and") {
			j++
		}
		k = j
	}
	return out
}

// key returns the comparison key of a figure: head stem first, then the
// salient stems of the clause around the number.
func (s *sentence) key(f found) []string {
	head := f.headStem
	if f.e.age {
		head = "age"
	} else if head == "age" {
		head = "ages" // the noun, not an age read from "aged 91"
	}
	seen := map[string]bool{}
	var ctx []string
	add := func(st string) {
		if st != "" && st != head && !seen[st] {
			seen[st] = true
			ctx = append(ctx, st)
		}
	}
	if f.e.age && f.subject != "" {
		for _, t := range s.toks[f.subjFrom:f.subjTo] {
			add(t.Stem)
		}
		return append([]string{head}, ctx...)
	}
	// The clause around the number: up to eight words either side.
	lo, hi := f.e.start, max(f.e.end, f.npEnd)
	for n := 0; lo > 0 && n < 8 && !s.boundary(lo); n++ {
		lo--
	}
	for n := 0; hi < len(s.toks) && n < 8 && !s.boundary(hi); n++ {
		hi++
	}
	for k := lo; k < hi; k++ {
		if k >= f.e.start && k < f.e.end {
			continue
		}
		t := s.toks[k]
		if t.Stop || t.Number || len([]rune(t.Lower)) < 3 || !isWord(t.Text) {
			continue
		}
		if _, ok := numberWord(t.Lower); ok {
			continue
		}
		if _, ok := vague[t.Lower]; ok || isApproxWord(t.Lower) {
			continue
		}
		add(t.Stem)
	}
	sort.Strings(ctx)
	return append([]string{head}, ctx...)
}
