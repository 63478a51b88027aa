package figure

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// sentence is one sentence (or heading) of an article prepared for reading
// numbers: its runes, its tokens and its place in the article text.
type sentence struct {
	index  int // index into Article.Sentences, -1 for a heading block
	offset int // code-point offset of the sentence in the article text
	runes  []rune
	toks   []text.Token
}

// newSentence reads sentence index of an article for numbers.
func newSentence(index int, g *text.Seg) *sentence {
	if !mayHoldNumber(g.Text) {
		return &sentence{index: index, offset: g.Start}
	}
	return &sentence{index: index, offset: g.Start, runes: g.Runes, toks: g.Tokens}
}

// headingSentence reads a heading block of an article for numbers.
func headingSentence(d *text.Doc, b parallax.Block) *sentence {
	t := strings.ReplaceAll(b.Text, "\n", " ")
	if !mayHoldNumber(t) {
		return &sentence{index: -1, offset: b.Start}
	}
	g := d.Seg(b.Start, b.End, t)
	return newSentence(-1, &g)
}

// gap returns the text between token i-1 and token i (from the start of the
// sentence for i == 0, to its end for i == len(toks)).
func (s *sentence) gap(i int) string {
	from, to := 0, len(s.runes)
	if i > 0 {
		from = s.toks[i-1].End
	}
	if i < len(s.toks) {
		to = s.toks[i].Start
	}
	return string(s.runes[from:to])
}

// tight reports whether tokens i-1 and i are separated by spaces only.
func (s *sentence) tight(i int) bool {
	return i > 0 && i < len(s.toks) && strings.TrimSpace(s.gap(i)) == ""
}

// lower returns the lower-case form of token i, or "" out of range.
func (s *sentence) lower(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].Lower
}

// boundary reports whether the gap before token i ends a clause: a
// semicolon, colon, dash, bracket, quotation mark or sentence end.
func (s *sentence) boundary(i int) bool {
	g := s.gap(i)
	return strings.ContainsAny(g, ";:()[]—–\"“”‘’.!?") || strings.Contains(g, " - ")
}

// expr is a number expression found in a sentence.
type expr struct {
	start, end       int // tokens [start, end)
	from, to         int // runes [from, to) in the sentence, approximator and symbols included
	value, low, high float64
	unit             string // currency or percent when the expression says so
	approx           Approx
	word             bool   // spelled out
	year             bool   // a calendar year
	age              bool   // "43-year-old"
	duration         string // unit of a "14-week" adjective
	increment        bool
	scale            float64 // product of the scale words read ("million")
}

var (
	suffixed   = regexp.MustCompile(`^(\d+(?:\.\d+)?)(m|bn|b|k|mn|tn)$`)
	hyphenated = regexp.MustCompile(`^([a-z0-9.]+)-(year|month|week|day|hour|minute)s?(-old)?$`)
)

// parseAt reads a number expression starting at token i. It reports false
// when token i does not start one, or starts one that is not a figure: a
// clock time, a day of the month, a name ("Highway 214", "MS-13").
func (s *sentence) parseAt(i int) (expr, bool) {
	t := s.toks[i]
	e := expr{start: i, end: i + 1, from: t.Start, to: t.End, scale: 1}
	switch {
	case t.Number:
		if !s.digits(&e) {
			return e, false
		}
		if s.spacedAge(&e) {
			return e, true
		}
	case strings.IndexByte(t.Lower, '-') > 0 && hyphenated.MatchString(t.Lower):
		m := hyphenated.FindStringSubmatch(t.Lower)
		v, ok := numberWord(m[1])
		if !ok {
			return e, false
		}
		e.value, e.low, e.high = v, v, v
		e.word = !unicode.IsDigit(rune(m[1][0]))
		if m[3] != "" {
			e.age = true
		} else {
			e.duration = unitNouns[m[2]]
		}
		return e, true
	case s.currencyBefore(t.Start) != "" && suffixed.MatchString(t.Lower):
		m := suffixed.FindStringSubmatch(t.Lower)
		v, _ := strconv.ParseFloat(m[1], 64)
		switch m[2] {
		case "m", "mn":
			v *= 1e6
		case "bn", "b":
			v *= 1e9
		case "k":
			v *= 1e3
		case "tn":
			v *= 1e12
		}
		e.unit = s.currencyBefore(t.Start)
		e.from--
		e.value, e.low, e.high = v, v, v
	default:
		if !s.words(&e) {
			return e, false
		}
		if e.approx == Vague {
			return e, true
		}
	}
	s.approximate(&e)
	s.rangeAfter(&e)
	return e, true
}

// spacedAge reads the age of "16 - year - old" as scraped, the hyphens of
// "16-year-old" spaced out.
func (s *sentence) spacedAge(e *expr) bool {
	j := e.end
	if e.unit != "" || e.scale != 1 || e.value != math.Trunc(e.value) || j+1 >= len(s.toks) {
		return false
	}
	dash := func(k int) bool { g := strings.TrimSpace(s.gap(k)); return g == "-" || g == "–" }
	if (s.lower(j) != "year" && s.lower(j) != "years") || s.lower(j+1) != "old" || !dash(j) || !dash(j+1) {
		return false
	}
	e.end, e.to = j+2, s.toks[j+1].End
	e.age, e.year = true, false
	return true
}

// digits reads a number written in digits with its currency, scale and
// percent sign.
func (s *sentence) digits(e *expr) bool {
	i := e.start
	t := s.toks[i]
	// Clock times: "11:00", "7: 38pm", "1100 AM EST", "5:30 p.m.".
	if t.Start > 0 && s.runes[t.Start-1] == ':' {
		return false
	}
	if t.End < len(s.runes) && s.runes[t.End] == ':' {
		return false
	}
	if next := s.lower(i + 1); s.tight(i+1) && (timeWords[next] && next != "a" && next != "p" || (next == "a" || next == "p") && s.lower(i+2) == "m") {
		return false
	}
	// Powers: "10^999" is neither 10 nor 999 (and beyond float64).
	if t.Start > 0 && s.runes[t.Start-1] == '^' || t.End < len(s.runes) && s.runes[t.End] == '^' {
		return false
	}
	// Days of the month: "March 15", "Feb. 22", "15 March".
	if _, ok := text.Month(s.lower(i - 1)); ok && i > 0 && strings.Trim(s.gap(i), " .") == "" {
		return false
	}
	if _, ok := text.Month(s.lower(i + 1)); ok && s.tight(i+1) {
		return false
	}
	// Names and numbers of things: "Highway 214", "Oregon 214".
	if i > 0 && s.tight(i) {
		p := s.toks[i-1]
		if p.Capital && !p.Stop && !text.IsStop(p.Lower) && i-1 > 0 {
			return false
		}
	}
	// Numbers with a leading zero are codes and phone numbers ("0845").
	if len(t.Text) > 1 && t.Text[0] == '0' && t.Text[1] != '.' {
		return false
	}
	// "6. 0" as scraped: the fragment after a broken decimal point.
	if i > 0 && s.toks[i-1].Number && (s.gap(i) == ". " || s.gap(i) == " . ") {
		return false
	}
	raw := strings.ReplaceAll(t.Text, ",", "")
	joined := false
	// "10, 000", "1, 400" and "10 000" as scraped.
	for j := i + 1; j < len(s.toks) && s.toks[j].Number && len(s.toks[j].Text) == 3 && len(raw) <= 3 && !strings.Contains(raw, ".") &&
		(s.gap(j) == ", " && (j == i+1 || true) || s.gap(j) == " " && s.toks[j].Text[0] == '0'); j++ {
		raw += s.toks[j].Text
		e.end, e.to = j+1, s.toks[j].End
		joined = true
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return false
	}
	e.value = v
	if c := s.currencyBefore(t.Start); c != "" {
		e.unit = c
		e.from--
		if e.from > 0 && c == UnitUSD && s.runes[e.from-1] == 'S' && e.from > 1 && s.runes[e.from-2] == 'U' {
			e.from -= 2
		}
	}
	scaled := false
	for j := e.end; j < len(s.toks) && s.tight(j); j++ {
		m, ok := scales[s.toks[j].Lower]
		if !ok {
			break
		}
		e.value *= m
		e.scale *= m
		e.end, e.to = j+1, s.toks[j].End
		scaled = true
	}
	if e.to < len(s.runes) && s.runes[e.to] == '%' {
		e.unit = UnitPercent
		e.to++
	} else if l := s.lower(e.end); (l == "percent" || l == "pct") && s.tight(e.end) {
		e.unit = UnitPercent
		e.end, e.to = e.end+1, s.toks[e.end].End
	} else if l == "per" && s.lower(e.end+1) == "cent" {
		e.unit = UnitPercent
		e.end, e.to = e.end+2, s.toks[e.end+1].End
	}
	if e.unit == "" && !scaled && !joined && len(raw) == 4 && !strings.ContainsAny(t.Text, ".,") && v >= 1000 && v <= 2100 {
		next := s.toks[min(e.end, len(s.toks)-1)]
		if e.end >= len(s.toks) || !s.tight(e.end) || next.Capital || !(personNouns[next.Stem] || unitNouns[next.Stem] != "") {
			e.year = true
		}
	}
	e.low, e.high = e.value, e.value
	return true
}

// currencyBefore returns the currency of a symbol right before rune at.
func (s *sentence) currencyBefore(at int) string {
	if at == 0 {
		return ""
	}
	switch s.runes[at-1] {
	case '$':
		return UnitUSD
	case '£':
		return "GBP"
	case '€':
		return "EUR"
	}
	return ""
}

// words reads a number written in words: "ten", "two dozen", "a dozen",
// "twenty-five", "two hundred", "hundreds", "tens of thousands", "several
// hundred".
func (s *sentence) words(e *expr) bool {
	e.word = true
	if ok, done := s.vagueWords(e); done {
		return ok
	}
	return s.spelled(e)
}

// vagueWords reads a vague quantity: "hundreds", "tens of thousands",
// "scores of", "several hundred", "a few thousand". It reports whether it
// read one and, in done, whether the words were for it to judge.
func (s *sentence) vagueWords(e *expr) (ok, done bool) {
	i := e.start
	w := s.lower(i)
	if r, ok := vague[w]; ok {
		next := s.lower(i + 1)
		if (w == "tens" || w == "hundreds") && next == "of" {
			if m, ok := scales[strings.TrimSuffix(s.lower(i+2), "s")]; ok && m >= 1e3 {
				base := 10.0
				if w == "hundreds" {
					base = 100
				}
				e.low, e.high = 2*base*m, 10*base*m
				e.value = e.low
				e.end, e.to = i+3, s.toks[i+2].End
				e.approx = Vague
				return true, true
			}
		}
		if w == "scores" && next != "of" {
			return false, true
		}
		e.value, e.low, e.high = r[0], r[0], r[1]
		e.approx = Vague
		return true, true
	}
	if w == "tens" && s.lower(i+1) == "of" && s.lower(i+2) == "thousands" {
		e.value, e.low, e.high = 2e4, 2e4, 1e5
		e.end, e.to = i+3, s.toks[i+2].End
		e.approx = Vague
		return true, true
	}
	if w == "several" || w == "few" && s.lower(i-1) == "a" {
		m, ok := scales[s.lower(i+1)]
		if !ok || !s.tight(i+1) {
			return false, true
		}
		lo, hi := 3.0, 9.0
		if w == "few" {
			lo, hi = 2, 5
			e.from = s.toks[i-1].Start
		}
		e.value, e.low, e.high = lo*m, lo*m, hi*m
		e.end, e.to = i+2, s.toks[i+1].End
		e.approx = Vague
		return true, true
	}
	return false, false
}

// spelled reads a number spelled out: "twenty-five", "two hundred and
// ten", "a dozen", "three million".
func (s *sentence) spelled(e *expr) bool {
	i := e.start
	w := s.lower(i)
	total, cur := 0.0, 0.0
	j := i
	seen := false
	if w == "a" {
		// "a dozen", "a hundred", "a million"
		n := s.lower(i + 1)
		if _, ok := scales[n]; !ok && n != "dozen" {
			return false
		}
		cur, seen = 1, true
		j++
	}
	for ; j < len(s.toks); j++ {
		if j > i && !s.tight(j) && !(seen && s.gap(j) == "-") {
			break
		}
		l := s.toks[j].Lower
		if v, ok := numberWord(l); ok && !unicode.IsDigit(rune(l[0])) && l != "hundred" && l != "thousand" && l != "million" && l != "billion" && l != "trillion" {
			cur += v
		} else if l == "dozen" {
			cur = max(cur, 1) * 12
		} else if l == "hundred" {
			cur = max(cur, 1) * 100
		} else if m, ok := scales[l]; ok && m >= 1e3 && seen {
			total += max(cur, 1) * m
			cur = 0
		} else if l == "and" && seen && (total > 0 || cur >= 100) {
			if _, ok := numberWord(s.lower(j + 1)); !ok {
				break
			}
			continue
		} else {
			break
		}
		seen = true
		e.end, e.to = j+1, s.toks[j].End
	}
	if !seen || e.end == i || w == "a" && e.end == i+1 {
		return false
	}
	e.value = total + cur
	e.low, e.high = e.value, e.value
	// "one" only counts before a scale or a unit ("one million", "one
	// year"); small numbers after "the", "both", "his" refer back ("the two
	// men").
	if w == "one" && e.end == i+1 {
		if unitNouns[text.Stem(s.lower(i+1))] == "" {
			return false
		}
	}
	if e.value < 20 && i > 0 && anaphoric[s.lower(i-1)] {
		return false
	}
	return true
}

// numberWord returns the value of one number word or hyphenated compound
// ("twenty-five") or digit string.
func numberWord(w string) (float64, bool) {
	if v, ok := smallNumbers[w]; ok {
		return v, true
	}
	if v, ok := scales[w]; ok && (w == "hundred" || w == "thousand" || w == "million" || w == "billion" || w == "trillion") {
		return v, true
	}
	if a, b, ok := strings.Cut(w, "-"); ok {
		x, ok1 := smallNumbers[a]
		y, ok2 := smallNumbers[b]
		if ok1 && ok2 && x >= 20 && y < 10 {
			return x + y, true
		}
		return 0, false
	}
	// Digits only: ParseFloat also reads "nan", "inf" and "infinity" (the
	// name Nan, "to infinity") and exponents ("1e400"), none of them a count.
	if !plainDigits(w) {
		return 0, false
	}
	if v, err := strconv.ParseFloat(strings.ReplaceAll(w, ",", ""), 64); err == nil && finite(v) {
		return v, true
	}
	return 0, false
}

// plainDigits reports whether w is written in ASCII digits with "," and "."
// separators only.
func plainDigits(w string) bool {
	digit := false
	for _, c := range w {
		switch {
		case c >= '0' && c <= '9':
			digit = true
		case c == ',' || c == '.':
		default:
			return false
		}
	}
	return digit
}

// finite reports whether v is a number: neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// finite reports whether the expression's value and range are all finite. A
// number too large for float64 ("$9" and 300 zeros "billion", an
// approximation or a sum of such) counts nothing a reader could check.
func (e expr) finite() bool { return finite(e.value) && finite(e.low) && finite(e.high) }

// approximate applies an approximator before the expression ("around",
// "more than", "an estimated") or after it ("or more", "or so").
func (s *sentence) approximate(e *expr) {
	if e.year || e.age {
		return
	}
	for _, a := range approximators {
		ws := strings.Fields(a.words)
		k := e.start - len(ws)
		if k < 0 {
			continue
		}
		ok := true
		for n, w := range ws {
			if s.toks[k+n].Lower != w || (k+n > k && !s.tight(k+n)) {
				ok = false
				break
			}
		}
		// The gap between the approximator and the number may hold a
		// currency sign or an opening quote only.
		if ok && strings.Trim(s.gap(e.start), " $£€“\"'‘") != "" {
			ok = false
		}
		if !ok {
			continue
		}
		e.low, e.high = a.rng(e.value)
		e.approx = a.kind
		e.from = s.toks[k].Start
		break
	}
	if e.approx == Exact && s.lower(e.end) == "or" && s.tight(e.end) && e.end+1 < len(s.toks) {
		switch s.lower(e.end + 1) {
		case "more":
			e.low, e.high, e.approx = e.value, e.value*1.5, AtLeast
			e.end, e.to = e.end+2, s.toks[e.end+1].End
		case "so":
			e.low, e.high = around(e.value)
			e.approx = About
			e.end, e.to = e.end+2, s.toks[e.end+1].End
		}
	}
}

// rangeAfter reads "X to Y", "between X and Y" and "X-Y".
func (s *sentence) rangeAfter(e *expr) {
	if e.year || e.age || e.approx != Exact && e.approx != About {
		return
	}
	j := e.end
	sep := s.lower(j)
	between := s.lower(e.start-1) == "between"
	if !(sep == "to" || sep == "and" && between) || j+1 >= len(s.toks) || !s.toks[j+1].Number {
		return
	}
	if e.approx == About && (e.unit == "" || s.currencyBefore(s.toks[j+1].Start) != e.unit) {
		return // "an estimated $10 million to $15 million" only
	}
	second := expr{start: j + 1, end: j + 2, from: s.toks[j+1].Start, to: s.toks[j+1].End, scale: 1}
	if !s.digits(&second) || second.year {
		return
	}
	if e.scale == 1 && second.scale > 1 && e.value*second.scale <= second.value {
		e.value *= second.scale
	}
	if second.value <= e.value {
		return
	}
	if second.unit != "" && e.unit == "" {
		e.unit = second.unit
	}
	if second.unit != e.unit && second.unit != "" {
		return
	}
	e.low, e.high = e.value, second.value
	e.value = (e.low + e.high) / 2
	e.approx = Range
	e.end, e.to = second.end, second.to
	if between {
		e.from = s.toks[e.start-1].Start
	}
}
