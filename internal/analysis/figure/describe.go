package figure

import (
	"strings"

	"github.com/parallax-news/parallax/internal/text"
)

// describe finds what a number expression counts: its unit, noun phrase,
// head noun, governing verb and nationality words.
func (s *sentence) describe(e expr) found {
	f := found{e: e, npStart: e.end, npEnd: e.end, head: -1, verb: -1, phraseTo: e.to, prepFrom: -1}
	if e.year {
		f.unit = UnitDate
		return f
	}
	// Increment words before the number: "an additional 10", "another 10".
	for k := e.start - 1; k >= max(0, e.start-2); k-- {
		if incrementWords[s.lower(k)] && s.lower(k+1) != "than" {
			f.e.increment = true
		}
	}
	if e.age {
		f.unit = UnitYears
		s.ageSubjectAfter(&f)
		return f
	}
	if s.ageAppositive(&f) {
		return f
	}
	s.nounPhrase(&f, s.phraseStart(&f))
	s.inWhat(&f)
	s.nationsOf(&f)
	if f.npEnd < len(s.toks) && s.lower(f.npEnd) == "ago" && s.tight(f.npEnd) {
		f.relativeDate = true
	}
	f.unit = s.unitOf(&f)
	if f.head < 0 {
		s.headBefore(&f)
		if f.unit == UnitCount && f.headStem != "" {
			if u := unitNouns[f.headStem]; u != "" {
				f.unit = u
			}
		}
	}
	s.findVerb(&f)
	if f.unit == UnitCount && f.head < 0 && (f.verbClass == "kill" || f.verbClass == "injure" || f.verbClass == "deport" || f.verbClass == "detain" || f.verbClass == "evacuate" || f.verbClass == "rescue") {
		f.unit = UnitPeople
	}
	if e.word && e.value <= 3 && e.approx == Exact && f.verb < 0 && e.duration == "" && f.unit != UnitYears {
		f.trivial = true
	}
	s.prepAfter(&f)
	return f
}

// clean reports whether nothing but spaces comes before token k, the
// number's expression e ending where the phrase after it starts.
func (s *sentence) clean(e expr, k int) bool {
	if k == e.end {
		return k < len(s.toks) && strings.Trim(string(s.runes[e.to:s.toks[k].Start]), " ”’\"") == ""
	}
	return s.tight(k)
}

// phraseStart returns the token where the noun phrase after the number
// starts, past "of (the) (those)" and increment words ("10 more", "10
// other", "10 new"), and sets f.npStart to it.
func (s *sentence) phraseStart(f *found) int {
	e := f.e
	j := e.end
	if s.lower(j) == "of" && s.clean(e, j) {
		j++
		for j < len(s.toks) && determiners[s.lower(j)] && s.lower(j) != "more" && s.tight(j) {
			j++
		}
		if l := s.lower(j); (l == "those" || l == "these") && s.tight(j) {
			j++
		}
	}
	for j < len(s.toks) && s.clean(e, j) && (incrementWords[s.lower(j)] || s.lower(j) == "other" || s.lower(j) == "new") {
		if incrementWords[s.lower(j)] {
			f.e.increment = true
		}
		j++
	}
	f.npStart = j
	return j
}

// nounPhrase reads the noun phrase from token j: content words with
// nothing but spaces or hyphens between them, at most five, a unit noun
// ending it, a trailing participle left to be the verb ("23 Salvadorans
// deported to Cecot"); it sets the phrase's end and its head.
func (s *sentence) nounPhrase(f *found, j int) {
	k := j
	for k < len(s.toks) && k-j < 5 && (s.clean(f.e, k) || k > j && s.gap(k) == "-") {
		t := s.toks[k]
		if t.Stop || t.Number || !isWord(t.Text) || prepositions[t.Lower] {
			break
		}
		if _, ok := numberWord(t.Lower); ok {
			break
		}
		k++
		if unitNouns[t.Stem] != "" {
			break
		}
	}
	for k-1 > j && verbLike(s.toks[k-1]) && !personNouns[s.toks[k-1].Stem] {
		k--
	}
	if k == j+1 && verbLike(s.toks[j]) && !personNouns[s.toks[j].Stem] && unitNouns[s.toks[j].Stem] == "" && s.toks[j].Lower != "dead" {
		k = j
	}
	f.npEnd = k
	if k > j {
		f.head = k - 1
		for h := j; h < k; h++ {
			if unitNouns[s.toks[h].Stem] != "" || personNouns[s.toks[h].Stem] && !personNouns[s.toks[k-1].Stem] {
				f.head = h
				break
			}
		}
		f.headStem = s.toks[f.head].Stem
		f.phraseTo = s.toks[k-1].End
	}
}

// inWhat takes the noun after "in" as the head of money and measures
// without one: "$6.5 billion in goods".
func (s *sentence) inWhat(f *found) {
	e, k := f.e, f.npEnd
	if f.head < 0 && e.unit != "" && e.unit != UnitPercent && s.lower(k) == "in" && k+1 < len(s.toks) && s.tight(k+1) {
		t := s.toks[k+1]
		if !t.Stop && !t.Number && !t.Capital && isWord(t.Text) {
			f.head, f.headStem = k+1, t.Stem
			f.npStart, f.npEnd = k+1, k+2
			f.phraseTo = t.End
		}
	}
}

// nationsOf collects the nationalities of the noun phrase, and of
// "hundreds of people, mostly Venezuelans,".
func (s *sentence) nationsOf(f *found) {
	for h := f.npStart; h < f.npEnd; h++ {
		if t := s.toks[h]; isNation(t) {
			f.nations = append(f.nations, t.Stem)
		}
	}
	if k := f.npEnd; k+1 < len(s.toks) && strings.TrimSpace(s.gap(k)) == "," && mostly[s.lower(k)] && isNation(s.toks[k+1]) {
		f.nations = append(f.nations, s.toks[k+1].Stem)
	}
}

// unitOf names the unit of a figure from its expression and head noun.
func (s *sentence) unitOf(f *found) string {
	switch {
	case f.e.unit != "":
		return f.e.unit
	case f.e.duration != "":
		return f.e.duration
	case f.head >= 0 && unitNouns[f.headStem] != "":
		return unitNouns[f.headStem]
	case f.head >= 0 && (personNouns[f.headStem] || isNation(s.toks[f.head])):
		return UnitPeople
	}
	return UnitCount
}

// headBefore finds the noun a bare number measures when it comes before the
// number: "a capacity of 40,000", "support at over 90%".
func (s *sentence) headBefore(f *found) {
	for k := f.e.start - 1; k >= 0 && k >= f.e.start-6; k-- {
		if strings.ContainsAny(s.gap(k+1), ",;:()[]—–\"“”.!?") {
			return
		}
		t := s.toks[k]
		if changeVerbs[t.Lower] || t.Capital && !t.Stop || t.Lower == "in" {
			continue
		}
		if t.Stop || t.Number || !isWord(t.Text) || prepositions[t.Lower] || verbLike(t) || verbClasses[t.Stem] != "" {
			return
		}
		if _, ok := numberWord(t.Lower); ok {
			return
		}
		if _, ok := vague[t.Lower]; ok {
			return
		}
		f.headStem = t.Stem
		f.head = -1
		f.npStart, f.npEnd = k, k+1
		f.phraseTo = f.e.to
		return
	}
}

// findVerb finds the verb of which the figure is the object ("deported
// around 250", "the deportation of an additional 10") or the subject ("23
// Salvadorans deported", "85,000 people have been arrested").
func (s *sentence) findVerb(f *found) {
	k := f.e.start - 1
	for k >= 0 && (determiners[s.lower(k)] || incrementWords[s.lower(k)]) && !s.boundary(k+1) {
		k--
	}
	if k >= 0 && !strings.ContainsAny(s.gap(k+1), ",;:()") {
		t := s.toks[k]
		if c, ok := verbClasses[t.Stem]; ok && (verbLike(t) || s.lower(k+1) == "of") {
			f.verb, f.verbClass = k, c
			return
		}
		if verbLike(t) && !t.Capital && s.lower(k+1) != "of" {
			f.verb, f.verbClass = k, t.Stem
			return
		}
	}
	k = f.npEnd
	if f.npEnd == f.npStart {
		k = f.e.end
	}
	for n := 0; k < len(s.toks) && n < 5; k, n = k+1, n+1 {
		if strings.ContainsAny(s.gap(k), ",;:()") {
			return
		}
		t := s.toks[k]
		if auxiliaries[t.Lower] || strings.HasSuffix(t.Lower, "ly") {
			continue
		}
		if c, ok := verbClasses[t.Stem]; ok {
			f.verb, f.verbClass = k, c
		} else if verbLike(t) && !t.Capital {
			f.verb, f.verbClass = k, t.Stem
		}
		return
	}
}

// prepAfter records a short prepositional phrase after the noun phrase or
// after the verb ("to El Salvador", "for keeping deportees").
func (s *sentence) prepAfter(f *found) {
	k := max(f.npEnd, f.e.end)
	if f.verb >= k {
		k = f.verb + 1
	}
	switch s.lower(k) {
	case "to", "from", "in", "into", "for", "under", "at", "on", "of", "off", "out":
	default:
		return
	}
	if strings.TrimSpace(s.gap(k)) != "" && f.verb < 0 {
		return
	}
	end := k + 1
	for end < len(s.toks) && end-k < 5 && s.tight(end) {
		l := s.lower(end)
		if l == "where" || l == "which" || l == "who" || l == "that" || l == "whom" || l == "and" || l == "while" || prepositions[l] || l == "to" || l == "for" || l == "in" || l == "under" || l == "on" || l == "at" {
			break
		}
		end++
	}
	if end > k+1 {
		f.prepFrom, f.prepTo = k, end
	}
}

// ageSubjectAfter names the person of a "43-year-old Bukele" or "the
// 40-year-old actor".
func (s *sentence) ageSubjectAfter(f *found) {
	k := f.e.end
	j := k
	for j < len(s.toks) && j-k < 3 && s.tight(j) && !s.toks[j].Stop && isWord(s.toks[j].Text) {
		if t := s.toks[j]; !t.Capital && (verbLike(t) || j > k && !personLike(t)) {
			break // "the 26-year-old fired", "36-year-old Duncan Rait died"
		}
		j++
		if !s.toks[j-1].Capital {
			break
		}
	}
	if j > k {
		f.npStart, f.npEnd = k, j
		f.head = j - 1
		f.subject = string(s.runes[s.toks[k].Start:s.toks[j-1].End])
		f.subjFrom, f.subjTo = k, j
		f.phraseTo = s.toks[j-1].End
	}
}

// personLike reports whether a lower-case word may name a person: a
// person noun, or a word with the ending of an agent noun ("climber",
// "resident", "tourist", "guardsman").
func personLike(t text.Token) bool {
	if personNouns[t.Stem] {
		return true
	}
	for _, suf := range []string{"er", "or", "ist", "ian", "ant", "ent", "man", "woman"} {
		if strings.HasSuffix(t.Lower, suf) {
			return true
		}
	}
	return false
}

// ageAppositive reads ages given after a name or in an age clause: "Kilmar
// Abrego García, 29,", "Jackman, 40", "aged 91", "at the age of 91", "She was
// 91.", "At 43, his popularity…".
func (s *sentence) ageAppositive(f *found) bool {
	e := f.e
	if e.unit != "" || e.word || e.approx != Exact || e.value < 1 || e.value > 120 || e.value != float64(int(e.value)) {
		return false
	}
	i := e.start
	before, after := s.gap(i), s.gap(e.end)
	endsPhrase := e.end >= len(s.toks) || strings.HasPrefix(strings.TrimSpace(after), ",") || strings.HasPrefix(strings.TrimSpace(after), ".") || strings.HasPrefix(strings.TrimSpace(after), ")")
	if !endsPhrase {
		return false
	}
	p := s.lower(i - 1)
	switch {
	case i > 0 && strings.TrimSpace(before) == "," && s.toks[i-1].Capital && !s.toks[i-1].Stop:
		if _, month := text.Month(p); month {
			return false
		}
		if _, day := text.Weekday(p); day {
			return false
		}
		k := i - 1
		for k > 0 && s.tight(k) && s.toks[k-1].Capital && !s.toks[k-1].Stop && i-k < 3 {
			k--
		}
		f.subject = string(s.runes[s.toks[k].Start:s.toks[i-1].End])
		f.subjFrom, f.subjTo = k, i
	case p == "aged" || p == "of" && s.lower(i-2) == "age" || p == "at" && e.value >= 14 || (p == "was" || p == "is") && e.end >= len(s.toks)-0 && i >= 2 && (s.toks[i-2].Stop || s.toks[i-2].Capital):
	default:
		return false
	}
	f.unit = UnitYears
	f.e.age = true
	return true
}
