package quote

import (
	"slices"
	"sort"
	"strings"
	"unicode"
)

// span is one quotation found by its marks: the content between the marks
// of one piece. A quotation that runs over several paragraphs, each opened
// again by a mark, gives one span per paragraph, the later ones with cont
// set.
type span struct {
	open, close int // positions of the opening and closing marks
	start, end  int // the quoted words, marks and outer spaces excluded
	single      bool
	cont        bool // continues the quotation of the previous span
	contNext    bool // is continued by the next span
}

// stop returns the position where the quotation stops: its closing mark,
// or the end of its words when it has none (a paragraph continued by the
// next, whose close is -1).
func (s span) stop() int {
	if s.close >= 0 {
		return s.close
	}
	return s.end
}

// Mark classes.
const (
	markOpen = iota + 1
	markClose
	markEither
)

type mark struct {
	pos, class int
	straight   bool
}

// Limits of a quotation: longer ones are taken for stray marks.
const (
	maxQuoteRunes = 3000
	maxQuoteLines = 12
	maxSingleRune = 600
)

// findQuotes pairs the quotation marks of r that lie in kept text. Double
// marks (straight, curly, guillemets) are paired first; single marks (‘…’
// and '…') are paired only outside them and only where they are quotation
// marks rather than apostrophes.
func findQuotes(r []rune, kept func(int) bool) []span {
	var marks []mark
	for i := 0; i < len(r); i++ {
		c := r[i]
		if m, ok := doubledMark(r, i); ok {
			if kept(i) {
				marks = append(marks, m)
			}
			i++ // the mark is two characters
			continue
		}
		switch c {
		case '“', '„', '«', '”', '»', '"':
			if !kept(i) {
				continue
			}
		default:
			continue
		}
		switch c {
		case '“', '„', '«':
			marks = append(marks, mark{pos: i, class: markOpen})
		case '”', '»':
			marks = append(marks, mark{pos: i, class: markClose})
		case '"':
			marks = append(marks, mark{pos: i, class: straightClass(r, i), straight: true})
		}
	}
	var out []span
	for i := 0; i < len(marks); i++ {
		m := marks[i]
		if m.class == markClose {
			continue // a stray closing mark
		}
		pieces, next, ok := pairDouble(r, marks, i)
		if !ok {
			continue
		}
		out = append(out, pieces...)
		i = next
	}
	singles := findSingles(r, kept, out)
	if len(singles) > 0 {
		// A double quotation nested in a single one is part of its words,
		// as a single one nested in a double is.
		var outer ranges
		for _, s := range singles {
			outer = append(outer, [2]int{s.open, s.close})
		}
		outer = outer.merged()
		out = slices.DeleteFunc(out, func(d span) bool { return d.close >= 0 && outer.has(d.open) && outer.has(d.close) })
	}
	out = append(out, singles...)
	sortSpans(out)
	return out
}

// pairDouble finds the closing mark of the quotation opened by marks[i].
// It returns the pieces of the quotation, the index of the last mark it
// used, and false when the opening mark is stray. A quotation left open
// (the closing mark forgotten) ends at the end of its line when the line
// reads as a quoted sentence; see unclosedPiece.
func pairDouble(r []rune, marks []mark, i int) ([]span, int, bool) {
	var pieces []span
	cur := marks[i].pos
	// unclosed ends the piece opened at cur at its line, before mark k.
	prev := -1
	if i > 0 {
		prev = marks[i-1].pos
	}
	unclosed := func(k int) ([]span, int, bool) {
		p, ok := unclosedPiece(r, cur, prev)
		if !ok {
			return nil, 0, false
		}
		return continued(append(pieces, p)), k - 1, true
	}
	for k := i + 1; k < len(marks); k++ {
		c := marks[k]
		// The limits hold for each paragraph: a long speech quoted over
		// many paragraphs, each opened again, is one quotation.
		if c.pos-cur > maxQuoteRunes || lines(r, cur, c.pos) > maxQuoteLines {
			return unclosed(k)
		}
		newLine := lines(r, cur, c.pos) > 0
		if c.class == markOpen && newLine && lineStart(r, c.pos) {
			if paragraphBetween(r, cur, c.pos) {
				// A paragraph with no mark lies between: the quotation
				// was left open, not continued.
				return unclosed(k)
			}
			// A new paragraph opened again: the quotation goes on.
			end := lineEndBefore(r, c.pos)
			if p, ok := piece(r, cur, end, false); ok {
				p.close = -1
				p.contNext = true
				pieces = append(pieces, p)
			}
			cur = c.pos
			continue
		}
		if c.class == markOpen && !c.straight {
			if newLine {
				return unclosed(k)
			}
			return nil, 0, false // a curly opening mark before any close
		}
		if c.class == markOpen && newLine {
			// A straight mark opening a quotation on a later line: the
			// first mark was stray, or its quotation left open.
			return unclosed(k)
		}
		p, ok := piece(r, cur, c.pos, false)
		if !ok {
			return nil, 0, false
		}
		return continued(append(pieces, p)), k, true
	}
	// No closing mark: the opening one is stray (an inch mark, a typo such
	// as ECB+ 18_4ecbplus's), or the quotation was cut or left open; only a
	// line that reads as a quoted sentence is taken.
	return unclosed(len(marks))
}

// continued marks every piece but the first as going on from the one
// before: the pieces of one quotation.
func continued(pieces []span) []span {
	for n := 1; n < len(pieces); n++ {
		pieces[n].cont = true
	}
	return pieces
}

// paragraphBetween reports whether, between the line of position a and
// the line of position b, the text is set in paragraphs (a blank line
// stands between them) and a paragraph opens with no quotation mark.
// Text with one sentence a line and no blank lines (ECB+) runs a quotation
// over several lines without opening each again, so it is not read so.
func paragraphBetween(r []rune, a, b int) bool {
	blank, bare := false, false
	start := -1
	for i := a; i < b; i++ {
		if r[i] != '\n' {
			continue
		}
		if start >= 0 && strings.TrimSpace(string(r[start:i])) == "" {
			blank = true
		}
		start = i + 1
		j := start
		for j < b && (r[j] == ' ' || r[j] == '\t') {
			j++
		}
		if j < b && r[j] != '\n' && !strings.ContainsRune("\"“„«'‘`", r[j]) {
			bare = true
		}
	}
	return blank && bare
}

// unclosedPiece returns the quotation opened at open and left without a
// closing mark, ended at the end of its line, when that line reads as a
// quoted sentence that goes on from a quotation just before (the mark
// before, at prev, lies on the same line or the line before: “…,” Thune
// added. “We will vote no.): the mark opens a line or follows the end of a
// sentence, a comma or a colon; three words or more follow, with no other
// double mark, and end with ".", "?" or "!". A stray mark before a
// sentence of the author's ("A gunman shot …, police said.") follows no
// quotation.
func unclosedPiece(r []rune, open, prev int) (span, bool) {
	if prev < 0 || nonBlankLines(r, prev, open) > 1 {
		return span{}, false
	}
	if !lineStart(r, open) {
		p := open - 1
		for p >= 0 && r[p] == ' ' {
			p--
		}
		if p < 0 || p == open-1 || !strings.ContainsRune(".?!,:", r[p]) {
			return span{}, false
		}
	}
	end := open + 1
	for end < len(r) && r[end] != '\n' {
		if strings.ContainsRune("\"“”„«»", r[end]) {
			return span{}, false
		}
		end++
	}
	p, ok := piece(r, open, end, false)
	if !ok || !endsSentence(r[p.start:p.end]) || len(strings.Fields(string(r[p.start:p.end]))) < 3 {
		return span{}, false
	}
	p.close = -1
	return p, true
}

// piece returns the quotation between an opening mark at open and a
// closing mark (or paragraph end) at close, trimmed of spaces.
func piece(r []rune, open, close int, single bool) (span, bool) {
	s, e := open+1, close
	for s < e && unicode.IsSpace(r[s]) {
		s++
	}
	for e > s && (unicode.IsSpace(r[e-1]) || r[e-1] == ',') {
		e--
	}
	if e <= s {
		return span{}, false
	}
	hasWord := false
	for _, c := range r[s:e] {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			hasWord = true
			break
		}
	}
	if !hasWord {
		return span{}, false
	}
	return span{open: open, close: close, start: s, end: e, single: single}, true
}

// doubledMark reads a quotation mark set as two single ones, as some
// newspapers' archives and old wires print them: two straight apostrophes
// on each side, two backquotes opening and two apostrophes closing, or two
// curly single marks. The mark's position is the character next to the
// quoted words: the second of an opening pair, the first of a closing one.
func doubledMark(r []rune, i int) (mark, bool) {
	if i+1 >= len(r) || r[i+1] != r[i] {
		return mark{}, false
	}
	switch r[i] {
	case '`', '‘':
		if i > 0 && (i+2 >= len(r) || unicode.IsSpace(r[i+2])) {
			// Before a space or the end of a line, opening nothing: a
			// closing pair set with the wrong key ("the final say ``").
			return mark{pos: i, class: markClose}, true
		}
		return mark{pos: i + 1, class: markOpen}, true
	case '’':
		return mark{pos: i, class: markClose}, true
	case '\'':
		before := i == 0 || unicode.IsSpace(r[i-1]) || strings.ContainsRune("([{—–-/", r[i-1])
		after := i+2 >= len(r) || unicode.IsSpace(r[i+2])
		switch {
		case before && !after:
			return mark{pos: i + 1, class: markOpen, straight: true}, true
		case !before && (after || unicode.IsPunct(r[i+2])):
			return mark{pos: i, class: markClose, straight: true}, true
		}
	}
	return mark{}, false
}

// straightClass tells whether a straight double mark opens or closes a
// quotation from the characters around it.
func straightClass(r []rune, i int) int {
	before := i == 0 || unicode.IsSpace(r[i-1]) || strings.ContainsRune("([{—–-/", r[i-1])
	after := i+1 >= len(r) || unicode.IsSpace(r[i+1])
	switch {
	case before && !after:
		return markOpen
	case !before && (after || unicode.IsPunct(r[i+1])):
		return markClose
	}
	return markEither
}

// findSingles pairs single quotation marks outside the double quotations
// found. An opening mark is ‘ or a ' after a space; a closing mark is ’ or '
// after a non-space and before no letter, which tells it from the
// apostrophe of "don’t" or "Bukele’s".
func findSingles(r []rune, kept func(int) bool, doubles []span) []span {
	// The positions inside a double quotation: from its opening mark to its
	// closing mark, or up to the end of its words when it has none.
	var in ranges
	for _, d := range doubles {
		if d.close >= 0 {
			in = append(in, [2]int{d.open, d.close})
		} else {
			in = append(in, [2]int{d.open, d.end - 1})
		}
	}
	in = in.merged()
	inside := in.has
	// A double quotation nested in a single one ('He said "no",' …) is
	// stepped over: from its opening mark to its closing one.
	closeOf := map[int]int{}
	for _, d := range doubles {
		if d.close >= 0 && !d.cont && !d.contNext {
			closeOf[d.open] = d.close
		}
	}
	var out []span
	for i := 0; i < len(r); i++ {
		if c := r[i]; c != '‘' && c != '\'' || !kept(i) || inside(i) || !singleOpen(r, i) {
			continue
		}
		crossed := false
		for k := i + 1; k < len(r) && k-i < maxSingleRune; k++ {
			c := r[k]
			if c == '\n' {
				// A quotation opening a paragraph may run over the next
				// when the paragraph ends a sentence ("… on these
				// projects.\nIt needs …,’ Brimmer said"), as in double
				// marks; the closing mark must then sit by punctuation.
				if crossed || !lineStart(r, i) || !strings.ContainsRune(".?!", lastNonSpace(r, k)) || k+1 < len(r) && (r[k+1] == '\'' || r[k+1] == '‘' || r[k+1] == '\n') {
					break
				}
				crossed = true
				continue
			}
			if c == '"' || c == '“' || c == '”' {
				if e, ok := closeOf[k]; ok && lines(r, k, e) == 0 {
					k = e
					continue
				}
				break
			}
			if singleOpen(r, k) && r[k] == '‘' {
				break
			}
			if !singleClose(r, k) {
				continue
			}
			if crossed && !strings.ContainsRune(",.?!", r[k-1]) && (k+1 >= len(r) || !strings.ContainsRune(",.?!", r[k+1])) {
				continue
			}
			if p, ok := piece(r, i, k, true); ok {
				out = append(out, p)
				i = k
			}
			break
		}
	}
	return out
}

// lastNonSpace returns the last character before position i that is no
// space, or 0.
func lastNonSpace(r []rune, i int) rune {
	for j := i - 1; j >= 0; j-- {
		if !unicode.IsSpace(r[j]) {
			return r[j]
		}
	}
	return 0
}

func singleOpen(r []rune, i int) bool {
	c := r[i]
	if c != '‘' && c != '\'' {
		return false
	}
	if i+1 >= len(r) || !(unicode.IsLetter(r[i+1]) || unicode.IsDigit(r[i+1]) || r[i+1] == '.') {
		return false
	}
	if i > 0 && !(unicode.IsSpace(r[i-1]) || strings.ContainsRune("([{—–-/\"“:", r[i-1])) {
		return false
	}
	// Elisions: 'em, 'til, '90s, 'n'.
	w := strings.ToLower(word(r, i+1))
	switch w {
	case "em", "til", "tis", "twas", "cause", "n", "bout", "round", "s":
		return false
	}
	if c == '\'' || c == '‘' {
		if len(w) > 0 && unicode.IsDigit(rune(w[0])) && strings.HasSuffix(w, "s") {
			return false
		}
	}
	return true
}

func singleClose(r []rune, i int) bool {
	c := r[i]
	if c != '’' && c != '\'' {
		return false
	}
	if i == 0 || unicode.IsSpace(r[i-1]) {
		return false
	}
	if i+1 < len(r) && (unicode.IsLetter(r[i+1]) || unicode.IsDigit(r[i+1])) {
		return false
	}
	return true
}

func word(r []rune, i int) string {
	j := i
	for j < len(r) && (unicode.IsLetter(r[j]) || unicode.IsDigit(r[j])) {
		j++
	}
	return string(r[i:j])
}

// nonBlankLines counts the line breaks between two positions that end a
// line with text.
func nonBlankLines(r []rune, a, b int) int {
	n, text := 0, false
	for i := a; i < b && i < len(r); i++ {
		switch {
		case r[i] == '\n':
			if text {
				n++
			}
			text = false
		case !unicode.IsSpace(r[i]):
			text = true
		}
	}
	return n
}

// lines counts the line breaks between two positions.
func lines(r []rune, a, b int) int {
	n := 0
	for i := a; i < b && i < len(r); i++ {
		if r[i] == '\n' {
			n++
		}
	}
	return n
}

// lineStart reports whether only spaces stand between the start of the
// line and position i.
func lineStart(r []rune, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if r[j] == '\n' {
			return true
		}
		if !unicode.IsSpace(r[j]) {
			return false
		}
	}
	return true
}

// lineEndBefore returns the end of the last non-blank line before i.
func lineEndBefore(r []rune, i int) int {
	j := i
	for j > 0 && unicode.IsSpace(r[j-1]) {
		j--
	}
	return j
}

func sortSpans(s []span) {
	// Stable, as the insertion sort it replaces (quadratic on long texts).
	sort.SliceStable(s, func(i, j int) bool { return s[i].start < s[j].start })
}

// ranges are closed intervals [lo, hi] of positions.
type ranges [][2]int

// merged returns the ranges sorted and with overlapping or touching ones
// joined; empty ranges (hi < lo) are dropped.
func (rs ranges) merged() ranges {
	var out ranges
	for _, r := range rs {
		if r[1] >= r[0] {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	n := 0
	for _, r := range out {
		if n > 0 && r[0] <= out[n-1][1]+1 {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out[n] = r
		n++
	}
	return out[:n]
}

// has reports whether position i lies in one of the merged ranges.
func (rs ranges) has(i int) bool {
	k := sort.Search(len(rs), func(n int) bool { return rs[n][1] >= i })
	return k < len(rs) && rs[k][0] <= i
}
