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
			m.Parts = append(m.Parts, all[p].e.value)
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
	m.Head = s.key(f)
	m.Part, m.Minor = f.partOfSum, f.trivial
	return m
}

// about describes what a figure counts in the words of the sentence.
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
	var parts []string
	np := ""
	if f.npEnd > f.npStart {
		np = string(s.runes[s.toks[f.npStart].Start:s.toks[f.npEnd-1].End])
		if f.sumOf != nil {
			np = strings.Join(nounsOfSum(s, f), " and ")
		}
	}
	if np != "" && f.npStart < f.e.start {
		// The noun came before the number: "capacity of 40,000".
		return np
	}
	if np != "" {
		parts = append(parts, np)
	}
	if f.verb >= 0 {
		v := s.toks[f.verb]
		if f.verb < f.e.start && (strings.HasSuffix(v.Lower, "ed") || irregularParticiple[v.Lower]) {
			parts = append(parts, v.Text)
		} else if f.verb > f.e.start {
			parts = append(parts, v.Text)
		}
	}
	if f.prepFrom >= 0 {
		parts = append(parts, string(s.runes[s.toks[f.prepFrom].Start:s.toks[f.prepTo-1].End]))
	}
	return strings.Join(parts, " ")
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
