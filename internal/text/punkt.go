package text

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// punkt finds the sentence breaks of a line as the sentences module's
// English Punkt tokenizer (english.NewSentenceTokenizer) does, with the
// same model (punktmodel.go, generated from the module's), word for word
// and decision for decision: its word splitting,
// its type-based, token-based and multi-punctuation annotations and its
// orthographic heuristic, without its per-word regular expressions and
// allocations, which were most of the cost of cleaning. TestPunktSame
// checks it against the module on every line of the repository's text.
//
// The rules are those of github.com/neurosnap/sentences v1.1.2 (MIT
// licence), itself after Kiss and Strunk, "Unsupervised Multilingual
// Sentence Boundary Detection" (2006), with the module's quirks kept: a
// line's last word is read only when it ends in a one-byte character, and
// a word's type is cut by its count of code points, not bytes.
type punkt struct {
	abbrevs, collocations, starters map[string]bool
}

//go:generate go run punktgen.go

// newPunkt returns the Punkt reading of the model in punktmodel.go, with
// the abbreviations the English tokenizer adds ("sgt", "gov", "no") and
// those given.
func newPunkt(abbrevs []string) *punkt {
	p := &punkt{abbrevs: map[string]bool{}, collocations: map[string]bool{}, starters: map[string]bool{}}
	for _, list := range [][]string{punktAbbrevs, {"sgt", "gov", "no"}, abbrevs} {
		for _, a := range list {
			p.abbrevs[a] = true
		}
	}
	for _, c := range punktCollocations {
		p.collocations[c] = true
	}
	for _, w := range punktStarters {
		p.starters[w] = true
	}
	return p
}

// ortho returns the orthographic context of a word type, 0 when the model
// has none.
func (p *punkt) ortho(typ string) int {
	if i := sort.SearchStrings(punktOrthoWords, typ); i < len(punktOrthoWords) && punktOrthoWords[i] == typ {
		return int(punktOrthoFlags[i])
	}
	return 0
}

// The orthographic contexts of the model (sentences/ortho.go).
const (
	orthoBegUc = 1 << 1
	orthoMidUc = 1 << 2
	orthoUnkUc = 1 << 3
	orthoBegLc = 1 << 4
	orthoMidLc = 1 << 5
	orthoUnkLc = 1 << 6
	orthoUc    = orthoBegUc + orthoMidUc + orthoUnkUc
	orthoLc    = orthoBegLc + orthoMidLc + orthoUnkLc
)

// ptok is a word of the Punkt reading of a line.
type ptok struct {
	tok       string
	pos       int // byte offset just past the word
	sentBreak bool
	abbr      bool
}

// spans returns the sentences of line as byte ranges, as the module's
// Tokenize does.
func (p *punkt) spans(line string) [][2]int {
	toks := p.words(line)
	for i := range toks {
		p.typeAnnotation(&toks[i])
	}
	for i := 0; i+1 < len(toks); i++ {
		p.tokenAnnotation(&toks[i], &toks[i+1])
	}
	for i := 0; i+1 < len(toks); i++ {
		p.multiPunct(&toks[i], &toks[i+1])
	}
	var out [][2]int
	last := 0
	for _, t := range toks {
		if t.sentBreak {
			out = append(out, [2]int{last, t.pos})
			last = t.pos
		}
	}
	if last != len(line) {
		out = append(out, [2]int{last, len(line)})
	}
	return out
}

// words splits a line into words at spaces (DefaultWordTokenizer.Tokenize).
func (p *punkt) words(text string) []ptok {
	n := len(text)
	if n == 0 {
		return nil
	}
	var toks []ptok
	lastSpace := 0
	for i, c := range text {
		cjk := c == '。' || c == '；' || c == '！' || c == '？'
		if !unicode.IsSpace(c) && !cjk && i != n-1 {
			continue
		}
		if cjk {
			i += utf8.RuneLen(c)
		}
		cursor := i
		if i == n-1 {
			cursor = n
		}
		word := strings.TrimSpace(text[lastSpace:cursor])
		if word == "" {
			continue
		}
		toks = append(toks, ptok{tok: word, pos: cursor})
		lastSpace = cursor
	}
	if len(toks) == 0 {
		toks = append(toks, ptok{tok: text, pos: n})
	}
	return toks
}

// typeAnnotation is TypeBasedAnnotation: sentence-ending punctuation
// breaks, a final period breaks unless it ends a known abbreviation.
func (p *punkt) typeAnnotation(t *ptok) {
	if hasSentEndChars(t.tok) {
		t.sentBreak = true
		return
	}
	if periodFinal(t.tok) && !strings.HasSuffix(t.tok, "..") {
		noPeriod := strings.ToLower(t.tok[:utf8.RuneCountInString(t.tok)-1])
		lastHyphen := noPeriod
		if k := strings.LastIndexByte(noPeriod, '-'); k >= 0 {
			lastHyphen = noPeriod[k+1:]
		}
		if p.abbrevs[noPeriod] || p.abbrevs[lastHyphen] {
			t.abbr = true
		} else {
			t.sentBreak = true
		}
	}
}

// tokenAnnotation is TokenBasedAnnotation: collocations, abbreviations
// and ellipses before a sentence starter, initials and ordinals.
func (p *punkt) tokenAnnotation(one, two *ptok) {
	if !periodFinal(one.tok) {
		return
	}
	typ := typeNoPeriod(one)
	nextTyp := typeNoSentPeriod(two)
	initial := isInitial(one.tok)
	if p.collocations[typ+","+nextTyp] {
		one.sentBreak, one.abbr = false, true
		return
	}
	if (one.abbr || isEllipsis(one.tok)) && !initial {
		if p.heuristic(two) == 1 {
			one.sentBreak = true
			return
		}
		if firstUpper(two.tok) && p.starters[nextTyp] {
			one.sentBreak = true
			return
		}
	}
	if one.tok == "." && two.tok == "." {
		one.sentBreak, two.sentBreak = false, false
		return
	}
	if initial || typ == "##number##" {
		h := p.heuristic(two)
		if h == 0 {
			one.sentBreak, one.abbr = false, true
			return
		}
		if h == -1 && initial && firstUpper(two.tok) && p.ortho(nextTyp)&orthoLc == 0 {
			one.sentBreak, one.abbr = false, true
		}
	}
}

// multiPunct is the English MultiPunctWordAnnotation: list numbers,
// initialisms such as "F.B.I." and words ending in punctuation and a quote.
func (p *punkt) multiPunct(one, two *ptok) {
	if isListNumber(one.tok) || one.tok == "N°." {
		one.sentBreak = false
		return
	}
	if strings.HasSuffix(one.tok, ".") && two.tok == "." {
		one.sentBreak = false
		return
	}
	unreliable := hasUnreliableEndChars(one.tok)
	coordinate := isCoordinatePartTwo(one.tok)
	if !hasMultiPeriod(one.tok) && one.tok != "." && !unreliable && !coordinate {
		return
	}
	if isInitial(one.tok) {
		return
	}
	one.abbr, one.sentBreak = true, false
	nextTyp := typeNoSentPeriod(two)
	if p.heuristic(two) == 1 {
		one.sentBreak = true
		return
	}
	if firstUpper(two.tok) && (p.starters[nextTyp] || unreliable || one.tok == "." || coordinate) {
		one.sentBreak = true
	}
}

// heuristic is the orthographic heuristic: 1 when the word starts a
// sentence, 0 when it does not, -1 when the model cannot tell.
func (p *punkt) heuristic(t *ptok) int {
	switch t.tok {
	case ";", ":", ",", ".", "!", "?", "；", "：", "，", "。", "！", "？":
		return 0
	}
	ctx := p.ortho(typeNoSentPeriod(t))
	if firstUpper(t.tok) && ctx&orthoLc > 0 && ctx&orthoMidUc == 0 {
		return 1
	}
	if firstLower(t.tok) && (ctx&orthoUc > 0 || ctx&orthoBegLc == 0) {
		return 0
	}
	return -1
}

// punktNumeric is the module's pattern of a number at the end of a word.
var punktNumeric = regexp.MustCompile(`-?[\.,]?\d[\d,\.-]*\.?$`)

// punktType is the module's Type: the lower-case word with a final number
// written "##number##" and commas dropped.
func punktType(tok string) string {
	typ := strings.ToLower(tok)
	if strings.ContainsAny(typ, "0123456789") {
		typ = punktNumeric.ReplaceAllString(typ, "##number##")
	}
	if len(typ) == 1 {
		return typ
	}
	return strings.ReplaceAll(typ, ",", "")
}

func typeNoPeriod(t *ptok) string {
	typ := punktType(t.tok)
	if len(typ) > 1 && typ[len(typ)-1] == '.' {
		return typ[:len(typ)-1]
	}
	return typ
}

func typeNoSentPeriod(t *ptok) string {
	if t.sentBreak {
		return typeNoPeriod(t)
	}
	return punktType(t.tok)
}

func firstUpper(s string) bool {
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func firstLower(s string) bool {
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func periodFinal(s string) bool {
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "。")
}

// hasSentEndChars is the English WordTokenizer's HasSentEndChars.
func hasSentEndChars(s string) bool {
	if !strings.ContainsAny(s, ".?!") {
		return false
	}
	for _, e := range []string{`."`, `.'`, `.)`, `.’`, `.”`, `?`, `?"`, `?'`, `?)`, `?’`, `?”`, `!`, `!"`, `!'`, `!)`, `!’`, `!”`} {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	for _, e := range []string{`.[`, `.(`, `."`, `.'`, `?[`, `?(`, `![`, `!(`} {
		if strings.Contains(s, e) {
			return true
		}
	}
	return false
}

// hasUnreliableEndChars is the English WordTokenizer's
// HasUnreliableEndChars.
func hasUnreliableEndChars(s string) bool {
	if !strings.ContainsAny(s, ".?!") {
		return false
	}
	for _, e := range []string{`."`, `.'`, `.)`, `.’`, `.”`, `?"`, `?'`, `?)`, `?’`, `?”`, `!"`, `!'`, `!)`, `!’`, `!”`} {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

// isInitial matches ^[A-Za-z]\.$.
func isInitial(s string) bool {
	return len(s) == 2 && s[1] == '.' && (s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}

// isEllipsis matches \.\.+$.
func isEllipsis(s string) bool { return strings.HasSuffix(s, "..") }

// isListNumber matches ^\d+.?\)?$ (the dot is any character but a line
// break).
func isListNumber(s string) bool {
	d := 0
	for d < len(s) && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	if d == 0 {
		return false
	}
	rest := s[d:]
	if rest == "" || rest == ")" {
		return true
	}
	r, w := utf8.DecodeRuneInString(rest)
	if r == '\n' {
		return false
	}
	return len(rest) == w || rest[w:] == ")"
}

// isCoordinatePartTwo matches ^[0-9]*\.[0-9]*\.[0-9]*\.$.
func isCoordinatePartTwo(s string) bool {
	dots := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			dots++
		case c < '0' || c > '9':
			return false
		}
	}
	return dots == 3 && strings.HasSuffix(s, ".")
}

// hasMultiPeriod reports whether ((?:[\w]\.)+[\w]*\.) matches somewhere in
// s: a word character and a period, then word characters (perhaps none)
// and a period.
func hasMultiPeriod(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if !isASCIIWord(s[i]) || s[i+1] != '.' {
			continue
		}
		k := i + 2
		for k < len(s) && isASCIIWord(s[k]) {
			k++
		}
		if k < len(s) && s[k] == '.' {
			return true
		}
	}
	return false
}

func isASCIIWord(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}
