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
	// PartKeys tell what each part counts: the stem of its nationality
	// word, else of its head noun ("venezuelan", "salvadoran"); PartTexts
	// are the parts as written ("238 Venezuelans"). A figure that counts
	// one part is compared with that part, not with the sum.
	PartKeys  []string `json:"part_keys,omitempty"`
	PartTexts []string `json:"part_texts,omitempty"`
	// Subject is the person whose age the figure is ("Bukele"), "" for
	// other figures and for an age whose person the sentence does not name
	// ("At 43, his popularity…").
	Subject string `json:"subject,omitempty"`
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
		fs = append(fs, s.bound(s.describe(e)))
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

func isNumberToken(t text.Token) bool {
	_, ok := numberWord(t.Lower)
	return t.Number || ok
}

// irregularParticiple are the irregular past participles that may be the
// verb of a figure (see text.Participles).
var irregularParticiple = text.Participles(text.ParticipleVerb)

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
