// Package figure finds the numbers news articles give — counts of people,
// sums of money, percentages, ages, capacities, durations and years — reads
// approximate wordings as ranges ("around 250" is 225–275, "over 200" is
// 200–250, "hundreds" is 200 and up), tells what each number counts, and
// compares the numbers outlets give for the same thing.
//
// Extract reads one article; Compare merges the same figure across outlets
// into one parallax.Figure and explains, for each thing counted by more than
// one outlet with different numbers, whether the numbers are consistent or in
// conflict. Numbers about different things (a $6 million fee and $6.5 billion
// of exports, an age and a head count, a share of votes and an approval
// rating) are never compared.
//
// The reading is rule-based and deterministic: no model, no network.
package figure

import (
	"sort"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// Units of figures. Currencies use their ISO 4217 codes ("USD", "GBP",
// "EUR"); measures use their plural English names ("miles", "tonnes").
const (
	// UnitPeople counts persons: migrants, members, voters, victims.
	UnitPeople = "people"
	// UnitCount counts anything else; the head noun tells what.
	UnitCount = "count"
	// UnitUSD is an amount of US dollars.
	UnitUSD = "USD"
	// UnitPercent is a percentage.
	UnitPercent = "percent"
	// UnitYears and the other time units are durations and ages.
	UnitYears   = "years"
	UnitMonths  = "months"
	UnitWeeks   = "weeks"
	UnitDays    = "days"
	UnitHours   = "hours"
	UnitMinutes = "minutes"
	// UnitDate is a calendar year ("in 2019"): a date, never compared as a
	// figure.
	UnitDate = "date"
)

// Mention is one number in one sentence of an article.
type Mention struct {
	// Article is the index of the article in the slice given to ExtractAll
	// (0 from Extract).
	Article int `json:"article"`
	// Sentence is the index of the sentence in Article.Sentences, or -1 for
	// a heading.
	Sentence int `json:"sentence"`
	// Span is the number expression in the article text, in code points:
	// approximator, currency sign and scale word included ("around 250",
	// "approximately $6 million", "84%").
	parallax.Span
	// Text is the number expression as written. For a sum it is the whole
	// coordination ("238 Venezuelans and 23 Salvadorans").
	Text string `json:"text"`
	// Phrase and PhraseText extend Span over the noun phrase the number
	// counts ("around 250 alleged Tren de Aragua members").
	Phrase     parallax.Span `json:"phrase"`
	PhraseText string        `json:"phrase_text"`
	// Value is the number read; Low and High bound what the wording allows.
	// For vague wordings ("hundreds") Value is Low.
	Value float64 `json:"value"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
	// Unit is one of the Unit constants, a currency code or a measure.
	Unit string `json:"unit"`
	// Approx names the wording of an approximate number, Exact for none.
	Approx Approx `json:"approx,omitempty"`
	// About says what the number counts, in words of the sentence
	// ("alleged Tren de Aragua members deported to El Salvador", "age of
	// Bukele", "fee for keeping deportees").
	About string `json:"about"`
	// Head is the comparison key: the stem of the head noun first ("" when
	// the number has none; "age" for ages, followed by the person's name),
	// then the stems of the salient words around the number, sorted.
	Head []string `json:"head"`
	// Verb is the class of the event the number is the subject or object
	// of ("deport", "detain", "kill", "pay"), "" when none is found.
	Verb string `json:"verb,omitempty"`
	// Nations are the stems of nationality words in the noun phrase
	// ("venezuelan").
	Nations []string `json:"nations,omitempty"`
	// Increment is true for an addition to an earlier figure ("10 more
	// people", "an additional 10 individuals").
	Increment bool `json:"increment,omitempty"`
	// Parts holds the addends of a sum ("238 Venezuelans and 23
	// Salvadorans" has Parts 238 and 23 and Value 261).
	Parts []float64 `json:"parts,omitempty"`
	// Word is true for a number spelled out ("ten", "two dozen").
	Word bool `json:"word,omitempty"`
	// Part is true for an addend of a sum mention of the same sentence;
	// Compare weighs the sum, not its parts.
	Part bool `json:"part,omitempty"`
	// Minor is true for a small spelled-out count that nothing is said of
	// ("two presidents"); Compare leaves it out.
	Minor bool `json:"minor,omitempty"`
}

// Approx is how a number is approximated.
type Approx string

// Approximations: the words of each are listed in approximators.
const (
	Exact   Approx = ""         // "238"
	About   Approx = "about"    // "about 250", "some 250", "an estimated 250"
	Over    Approx = "over"     // "more than 200", "over 200"
	Under   Approx = "under"    // "fewer than 200"
	Nearly  Approx = "nearly"   // "almost 200", "close to 200"
	AtLeast Approx = "at least" // "at least 200", "200 or more"
	UpTo    Approx = "up to"    // "as many as 200", "at most 200"
	Vague   Approx = "vague"    // "hundreds", "dozens", "several"
	Range   Approx = "range"    // "200 to 250", "between 200 and 250"
)

// ExtractAll extracts the mentions of every article and sets their Article
// index. It never fails.
func ExtractAll(arts []*parallax.Article) [][]Mention {
	return FromDocs(text.Analyse(arts))
}

// FromDocs is ExtractAll over the analysed articles of a story (see
// text.Analyse): docs[i] is article i.
func FromDocs(docs []*text.Doc) [][]Mention {
	out := make([][]Mention, len(docs))
	for i, d := range docs {
		out[i] = extract(d)
		for k := range out[i] {
			out[i][k].Article = i
		}
	}
	return out
}

// Extract returns the numbers of an article's sentences and headings in
// reading order. It never fails; an article without sentences has none.
func Extract(a *parallax.Article) []Mention {
	if a == nil {
		return nil
	}
	return extract(text.NewVocab().Analyse(a))
}

// extract is Extract of an analysed article.
func extract(d *text.Doc) []Mention {
	if d == nil {
		return nil
	}
	a := d.Article
	var out []Mention
	// Headings are not split into sentences but may carry figures ("$6
	// million fee for keeping deportees").
	si := 0
	for bi, b := range a.Blocks {
		if b.Heading {
			out = append(out, extractSentence(headingSentence(d, b))...)
			continue
		}
		for ; si < len(a.Sentences) && a.Sentences[si].Block <= bi; si++ {
			out = append(out, extractSentence(newSentence(si, &d.Sents[si]))...)
		}
	}
	for ; si < len(a.Sentences); si++ {
		out = append(out, extractSentence(newSentence(si, &d.Sents[si]))...)
	}
	return out
}

// found is a number expression with what it counts.
type found struct {
	e                expr
	npStart, npEnd   int // tokens of the noun phrase, npEnd exclusive
	head             int // token index of the head noun, -1 when none
	headStem         string
	unit             string
	verb             int // token index of the governing verb, -1 when none
	verbClass        string
	nations          []string
	subject          string // person whose age it is
	subjFrom, subjTo int    // tokens of the subject
	phraseTo         int    // rune end of the phrase
	relativeDate     bool   // "four years ago"
	trivial          bool   // a small spelled-out count with nothing said of it
	partOfSum        bool
	sumOf            []int // indexes of the parts in the found list
	prepFrom, prepTo int   // tokens of a prepositional phrase after the noun phrase
}

// mayHoldNumber reports whether a text may hold a number: a digit or the
// letters of a number word. It spares the tokenising of most sentences.
func mayHoldNumber(s string) bool {
	if strings.ContainsAny(s, "0123456789") {
		return true
	}
	l := strings.ToLower(s)
	for _, w := range numberStems {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// numberStems are the letter sequences every number word contains.
var numberStems = []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
	"teen", "twenty", "thirty", "forty", "fifty", "ty", "hundred", "thousand", "million", "billion", "trillion", "dozen", "score",
	"several", "few", "zero", "-year-old"}

func extractSentence(s *sentence) []Mention {
	var fs []found
	for i := 0; i < len(s.toks); {
		e, ok := s.parseAt(i)
		if !ok {
			i++
			continue
		}
		if !e.finite() {
			i = max(e.end, i+1) // too large to be a figure, and no other one
			continue
		}
		fs = append(fs, s.describe(e))
		i = max(e.end, i+1)
		if f := fs[len(fs)-1]; f.npEnd > i && f.unit != UnitDate {
			i = f.npEnd
		}
	}
	fs = s.sums(fs)
	out := make([]Mention, 0, len(fs))
	for _, f := range fs {
		if f.relativeDate {
			continue
		}
		out = append(out, s.mention(f, fs))
	}
	return out
}

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

func isNumberToken(t text.Token) bool {
	_, ok := numberWord(t.Lower)
	return t.Number || ok
}

var irregularParticiple = map[string]bool{"sent": true, "held": true, "taken": true, "flown": true, "paid": true, "spent": true, "lost": true, "sold": true, "won": true, "bought": true, "freed": true, "hit": true, "slain": true, "shot": true}

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

func isApproxWord(w string) bool {
	switch w {
	case "around", "about", "approximately", "roughly", "nearly", "almost", "over", "under", "least", "estimated", "some", "more", "than", "fewer", "less", "additional", "another":
		return true
	}
	return false
}

// verbLike reports whether a token reads as a verb form: a past tense or
// participle in -ed, a present participle in -ing, or a known event verb.
func verbLike(t text.Token) bool {
	l := t.Lower
	if irregularParticiple[l] {
		return true
	}
	n := len([]rune(l))
	if strings.HasSuffix(l, "ed") && n > 4 || strings.HasSuffix(l, "ing") && n > 5 || strings.Contains(l, "ed-") {
		return true
	}
	return false
}

// isNation reports whether a token is a nationality word: capitalised and
// ending like a demonym ("Venezuelans", "Salvadoran", "Chinese", "Israelis").
func isNation(t text.Token) bool {
	if !t.Capital || len(t.Lower) < 5 {
		return false
	}
	for _, suf := range []string{"ans", "an", "ese", "is", "ish"} {
		if strings.HasSuffix(t.Lower, suf) {
			return !strings.HasSuffix(t.Lower, "man") && !strings.HasSuffix(t.Lower, "ian's")
		}
	}
	return false
}

func isWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
