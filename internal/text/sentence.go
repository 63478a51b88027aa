package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Splitter splits text into sentences with a Punkt model for English,
// corrected for news prose: titles without periods ("Mr Bukele"), initialisms
// ("U.S."), sentences glued by scraping ("sent.The") and false breaks before a
// lower-case word ("Oopsie ... too late"). A Splitter is safe for concurrent
// use once made.
type Splitter struct {
	punkt *punkt
}

// splitterAbbrevs are the abbreviations the splitter adds to the Punkt
// model: titles, company suffixes, month abbreviations that take a period,
// initialisms.
var splitterAbbrevs = []string{"mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "prof", "jr", "sr", "inc", "corp", "co", "ltd", "vs", "no", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "d.c", "a.m", "p.m"}

// NewSplitter returns a splitter with the English Punkt model. It never
// fails; the error is kept for the callers written when the model was
// decoded at run time.
func NewSplitter() (*Splitter, error) {
	return &Splitter{punkt: newPunkt(splitterAbbrevs)}, nil
}

// Split returns the spans of the sentences of s in code points, trimmed of
// surrounding space. Line breaks always end a sentence.
func (sp *Splitter) Split(s string) []Span {
	var out []Span
	lineStart := 0 // in code points
	for _, line := range strings.SplitAfter(s, "\n") {
		n := utf8.RuneCountInString(line)
		for _, sp := range sp.splitLine(line) {
			out = append(out, Span{sp.Start + lineStart, sp.End + lineStart})
		}
		lineStart += n
	}
	return out
}

// Span is a range of code points, end exclusive.
type Span struct{ Start, End int }

func (sp *Splitter) splitLine(line string) []Span {
	if strings.TrimSpace(line) == "" {
		return nil
	}
	runes := []rune(line)
	// Byte offset → rune offset.
	runeAt := make([]int, len(line)+1)
	ri := 0
	for bi := range line {
		runeAt[bi] = ri
		ri++
	}
	runeAt[len(line)] = ri
	for i := len(line) - 1; i >= 0; i-- { // fill continuation bytes
		if !utf8.RuneStart(line[i]) {
			runeAt[i] = runeAt[i+1]
		}
	}

	var raw []Span
	for _, s := range sp.punkt.spans(line) {
		start, end := runeAt[s[0]], runeAt[min(s[1], len(line))]
		raw = append(raw, splitGlued(runes, start, end)...)
	}
	// Trim and merge false breaks.
	var out []Span
	for _, s := range raw {
		s = trim(runes, s)
		if s.End <= s.Start {
			continue
		}
		if len(out) > 0 && falseBreak(runes, out[len(out)-1], s) {
			out[len(out)-1].End = s.End
			continue
		}
		out = append(out, s)
	}
	return out
}

// splitGlued splits a span where scraping glued two sentences together with
// no space: "…the Ukrainians.The next…".
func splitGlued(r []rune, start, end int) []Span {
	var out []Span
	from := start
	for i := start + 2; i+2 < end; i++ {
		if (r[i] == '.' || r[i] == '!' || r[i] == '?') && unicode.IsLower(r[i-1]) && unicode.IsLower(r[i-2]) &&
			unicode.IsUpper(r[i+1]) && unicode.IsLower(r[i+2]) {
			out = append(out, Span{from, i + 1})
			from = i + 1
		}
	}
	return append(out, Span{from, end})
}

func trim(r []rune, s Span) Span {
	for s.Start < s.End && unicode.IsSpace(r[s.Start]) {
		s.Start++
	}
	for s.End > s.Start && unicode.IsSpace(r[s.End-1]) {
		s.End--
	}
	return s
}

// falseBreak reports whether the break between prev and next is wrong: the
// next piece starts with a lower-case letter or is only punctuation, or the
// previous one ends with a title abbreviation.
func falseBreak(r []rune, prev, next Span) bool {
	first := firstLetter(r, next)
	if first == 0 {
		return true
	}
	// A quotation left open goes on: “The question is preposterous. How can
	// I …?” is one sentence of the article.
	if quoteOpen(r[prev.Start:prev.End]) && prev.End-prev.Start < 500 {
		return true
	}
	if unicode.IsLower(first) {
		return true
	}
	// “…?” Mr Bukele said. — the attribution belongs to the quote.
	if endsWithQuote(r, prev) && isAttribution(string(r[next.Start:next.End])) {
		return true
	}
	// "... Gen. Smith", "U.S. Secretary": an abbreviation that never ends a
	// sentence in news prose.
	w := strings.ToLower(lastWord(r, prev))
	switch w {
	case "mr.", "mrs.", "ms.", "dr.", "gen.", "sen.", "rep.", "gov.", "lt.", "col.", "capt.", "prof.", "st.", "no.":
		return true
	}
	return false
}

func firstLetter(r []rune, s Span) rune {
	for i := s.Start; i < s.End; i++ {
		if unicode.IsLetter(r[i]) || unicode.IsDigit(r[i]) {
			return r[i]
		}
	}
	return 0
}

func lastWord(r []rune, s Span) string {
	i := s.End
	for i > s.Start && !unicode.IsSpace(r[i-1]) {
		i--
	}
	return string(r[i:s.End])
}

func endsWithQuote(r []rune, s Span) bool {
	if s.End-s.Start < 2 {
		return false
	}
	last := r[s.End-1]
	return (last == '”' || last == '"' || last == '’' || last == '\'') && strings.ContainsRune(".?!,", r[s.End-2])
}

// isAttribution reports whether a short piece is a reporting clause such as
// "Mr Bukele said." or "he told reporters on Monday."
func isAttribution(s string) bool {
	words := strings.Fields(s)
	for i, w := range words {
		if i >= 4 {
			break
		}
		if reporting[strings.Trim(strings.ToLower(w), ".,;:")]&RoleAttribution != 0 {
			return true
		}
	}
	return false
}

// quoteOpen reports whether a piece of text opens a quotation it does not
// close: more curly opening than closing double quotes, or an odd number of
// straight double quotes.
func quoteOpen(r []rune) bool {
	open, straight := 0, 0
	for _, c := range r {
		switch c {
		case '“':
			open++
		case '”':
			open--
		case '"':
			straight++
		}
	}
	return open > 0 || straight%2 == 1
}
