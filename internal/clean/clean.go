// Package clean turns a scraped document into an article: it cuts image
// captions and photo credits (also when glued to the text), caption blocks,
// bylines, live-blog post stamps (which become the time of the post),
// "image source" lines, agency tails, datelines and live-blog chatter, keeps
// every removal with its reason and offsets, splits the kept text into blocks
// and sentences, and names the outlet.
//
// The rules read one line at a time, top to bottom, in the order given in
// Clean; each is a small function that names what it recognises.
package clean

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// Cleaner cleans documents. It is safe for concurrent use.
type Cleaner struct {
	split *text.Splitter
	opts  Options
}

// Options configures a Cleaner. The zero value is the Cleaner New returns.
type Options struct {
	// KeepLanguage leaves Article.Lang as the document gives it ("" when
	// it gives none) instead of guessing the language of the text: the
	// guess costs as much as the rest of cleaning, and a brief does not
	// read it.
	KeepLanguage bool
}

// New returns a Cleaner. It fails only if the sentence splitter cannot be
// made (text.NewSplitter, which never fails today).
func New() (*Cleaner, error) { return NewWith(Options{}) }

// NewWith returns a Cleaner configured by opts. It fails as New does.
func NewWith(opts Options) (*Cleaner, error) {
	sp, err := text.NewSplitter()
	if err != nil {
		return nil, err
	}
	return &Cleaner{split: sp, opts: opts}, nil
}

// Splitter returns the sentence splitter the cleaner uses.
func (c *Cleaner) Splitter() *text.Splitter { return c.split }

// line is one line of the document: code-point offsets into the document's
// text (without the line break) and its text.
type line struct {
	start, end int
	text       string
}

// piece is a kept part of a line before it becomes a block.
type piece struct {
	start, end int
	heading    bool
	post       int
	time       time.Time
	join       bool // continues the previous piece's paragraph
}

// Clean returns the article of a document. It never fails: text it cannot
// place is kept, and everything it cuts is listed in Article.Removed.
func (c *Cleaner) Clean(d parallax.Document) *parallax.Article {
	a := &parallax.Article{Document: d}
	if dateLine.MatchString(strings.TrimSpace(a.Title)) {
		a.Title = "" // a page's time stamp taken for its title: "May 2, 2013, 1: 12 PM"
	}
	runes := []rune(d.Text)
	lines := splitLines(d.Text)
	st := &state{runes: runes, doc: &a.Document, wrap: wrapWidth(lines)}
	st.removed = append(st.removed, d.Metadata...)

	for i := 0; i < len(lines); i++ {
		if st.words >= MaxWords {
			// An article is not that long: the rest is cut, and said so.
			st.remove(lines[i].start, len(runes), parallax.ReasonTooLong)
			break
		}
		ln := st.skipMetadata(lines[i])
		t := strings.TrimSpace(ln.text)
		if t == "" {
			st.blank = true
			continue
		}
		next := ""
		for j := i + 1; j < len(lines) && next == ""; j++ {
			next = strings.TrimSpace(lines[j].text)
		}
		switch {
		case st.captionLabel(ln, t):
		case st.expectedCaption(ln):
		case st.imageSourceCredit(ln, t):
		case st.creditedCaption(ln, t):
		case st.postStamp(ln, t):
		case st.dateStamp(ln, t):
		case st.byline(ln, t, next, lines, &i):
		case st.chatter(ln, t):
		case st.boilerplate(ln, t):
		case st.syndication(ln, t):
		default:
			st.keep(ln, next)
		}
		st.blank = false
	}
	c.finish(a, st)
	return a
}

// state carries what the rules learn while reading the lines.
type state struct {
	runes     []rune
	doc       *parallax.Document
	removed   []parallax.Removal
	pieces    []piece
	tail      string // agency named by a tail or dateline
	post      int
	postTime  time.Time
	sincePost int  // lines read since the last post stamp
	expectCap bool // the previous line was a caption label
	blank     bool // a blank line came before this one
	content   bool // a content line has been kept
	wrap      int  // the line width of a hard-wrapped text, 0 if not wrapped
	prevLen   int  // length of the previous kept line, in code points
	words     int  // words of the lines kept
}

// MaxWords is the most words of one article kept for analysis: three times
// the longest news features, so that no article is cut while a page of
// megabytes (a data dump, a generated page) costs seconds, not minutes.
// The text past it is cut with ReasonTooLong.
const MaxWords = 50000

func (st *state) remove(start, end int, reason string) {
	for start < end && unicode.IsSpace(st.runes[start]) {
		start++
	}
	for end > start && unicode.IsSpace(st.runes[end-1]) {
		end--
	}
	if end <= start {
		return
	}
	st.removed = append(st.removed, parallax.Removal{Span: parallax.Span{Start: start, End: end}, Text: string(st.runes[start:end]), Reason: reason})
}

// maxCaption is the longest caption in code points: a longer paragraph
// ending with a credit is text with a credit line glued to it.
const maxCaption = 300

const monthNames = `jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|févr(?:ier)?|fév|mar(?:ch)?|märz|mars|apr(?:il|il)?|avr(?:il)?|may|mai|jun(?:e|i)?|juin|jul(?:y|i)?|juil(?:let)?|aug(?:ust)?|août|sep(?:t(?:ember)?)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?|déc(?:embre)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre`

var (
	imageSourceURL = regexp.MustCompile(`(?i)image source from:\s*\S+`)
	agencyTail     = regexp.MustCompile(`\s+[-–—]\s*(` + agencyNames + `)\s*$|\s*\((` + agencyNames + `)\)\s*$`)
	dateline       = regexp.MustCompile(`^([A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,3})(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)? ?(?:\((` + agencyNames + `)\) ?)?(?:[-–—]{1,2}|_) `)
)

// agencyList lists the agency names of agencyNames.
var agencyList = strings.Split(agencyNames, "|")

// mayEndWithAgency reports whether a line may end with an agency tail: it
// ends with ")" or with an agency's name.
func mayEndWithAgency(s string) bool {
	t := strings.TrimRight(s, " \t")
	if strings.HasSuffix(t, ")") {
		return true
	}
	for _, n := range agencyList {
		if strings.HasSuffix(t, n) {
			return true
		}
	}
	return false
}

// keep keeps a content line, cutting what it carries inside: a scraper's
// "image source from:URL", an agency tail ("– Reuters"), a dateline on the
// first paragraph ("Washington DC - ").
func (st *state) keep(ln line, next string) {
	st.sincePost++
	st.words += len(strings.Fields(ln.text))
	start, end := ln.start, ln.end
	var cuts [][2]int // code points within the line
	// The regular expressions run only where a cheap test finds their
	// words: most lines carry neither.
	if strings.Contains(ln.text, "ource from:") || strings.Contains(ln.text, "OURCE FROM:") {
		for _, m := range imageSourceURL.FindAllStringIndex(ln.text, -1) {
			a, b := utf8.RuneCountInString(ln.text[:m[0]]), utf8.RuneCountInString(ln.text[:m[1]])
			st.remove(start+a, start+b, parallax.ReasonImageSource)
			cuts = append(cuts, [2]int{a, b})
		}
	}
	if strings.Contains(ln.text, "&") {
		for _, m := range wireCode.FindAllStringIndex(ln.text, -1) {
			a, b := utf8.RuneCountInString(ln.text[:m[0]]), utf8.RuneCountInString(ln.text[:m[1]])
			st.remove(start+a, start+b, parallax.ReasonWireCode)
			cuts = append(cuts, [2]int{a, b})
		}
	}
	var m []int
	if mayEndWithAgency(ln.text) {
		m = agencyTail.FindStringSubmatchIndex(ln.text)
	}
	if m != nil {
		name := ""
		if m[2] >= 0 {
			name = ln.text[m[2]:m[3]]
		} else {
			name = ln.text[m[4]:m[5]]
		}
		st.tail = name
		a := utf8.RuneCountInString(ln.text[:m[0]])
		st.remove(start+a, end, parallax.ReasonAgencyTail)
		cuts = append(cuts, [2]int{a, end - start})
	}
	if !st.content {
		lead := strings.TrimLeft(ln.text, " \t")
		if m := dateline.FindStringSubmatchIndex(lead); m != nil && len(strings.Fields(lead)) > 8 && startsSentence(lead[m[1]:]) {
			off := utf8.RuneCountInString(ln.text[:len(ln.text)-len(lead)])
			b := off + utf8.RuneCountInString(lead[:m[1]])
			if m[4] >= 0 {
				st.tail = lead[m[4]:m[5]]
			}
			st.remove(start+off, start+b, parallax.ReasonDateline)
			cuts = append(cuts, [2]int{0, b})
		}
	}
	// The kept parts are the line minus the cuts.
	heading := isHeading(strings.TrimSpace(ln.text), next) && (st.wrap == 0 || ln.end-ln.start < st.wrap*6/10)
	join := !st.blank && len(st.pieces) > 0 && !heading &&
		(continues(st.runes, st.pieces[len(st.pieces)-1], ln) || (st.wrap > 0 && st.prevLen >= st.wrap*6/10 && !st.pieces[len(st.pieces)-1].heading && !newParagraph(st.runes, st.pieces[len(st.pieces)-1], ln)))
	st.prevLen = ln.end - ln.start
	from := 0
	for _, c := range sortCuts(cuts) {
		st.addPiece(start+from, start+c[0], heading, join)
		join = false
		from = max(from, c[1])
	}
	st.addPiece(start+from, end, heading, join)
	st.content = true
}

func (st *state) addPiece(start, end int, heading, join bool) {
	start = listMarker(st.runes, start, end)
	for end > start && unicode.IsSpace(st.runes[end-1]) {
		end--
	}
	if end <= start || !hasLetter(st.runes[start:end]) {
		return
	}
	st.pieces = append(st.pieces, piece{start: start, end: end, heading: heading, post: st.post, time: st.postTime, join: join})
}

// continues reports whether a line goes on with the paragraph of the
// previous piece: the piece does not end a sentence and the line starts in
// lower case ("… in Venezuela and others,\nstating that …").
func continues(r []rune, prev piece, ln line) bool {
	if prev.heading {
		return false
	}
	last := r[prev.end-1]
	if strings.ContainsRune(".!?”\"’:", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(strings.TrimSpace(ln.text))
	return unicode.IsLower(first)
}

// newParagraph reports whether an indented line after a finished sentence
// opens a paragraph of a hard-wrapped text.
func newParagraph(r []rune, prev piece, ln line) bool {
	indented := strings.HasPrefix(ln.text, " ") || strings.HasPrefix(ln.text, "\t")
	return indented && strings.ContainsRune(".!?”\"’'", r[prev.end-1])
}

// wrapWidth tells whether a text is hard-wrapped (most lines of similar
// length, many ending inside a sentence, as in newswire archives) and if so
// returns its line width; it returns 0 otherwise.
func wrapWidth(lines []line) int {
	var lens []int
	open := 0
	for _, l := range lines {
		t := strings.TrimSpace(l.text)
		if t == "" {
			continue
		}
		n := utf8.RuneCountInString(strings.TrimRight(l.text, " \t"))
		lens = append(lens, n)
		if !endsSentence(t) {
			open++
		}
	}
	if len(lens) < 5 {
		return 0
	}
	sorted := append([]int(nil), lens...)
	sortInts(sorted)
	width := sorted[len(sorted)*9/10]
	if width < 40 || width > 120 {
		return 0
	}
	near := 0
	for _, n := range lens {
		if n >= width*6/10 && n <= width {
			near++
		}
	}
	if near*10 < len(lens)*6 || open*10 < len(lens)*3 {
		return 0
	}
	return width
}

func sortInts(x []int) {
	for i := 1; i < len(x); i++ {
		for j := i; j > 0 && x[j] < x[j-1]; j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
}

// isHeading reports whether a line is a heading: a short line without
// closing punctuation, followed by more text.
func isHeading(t, next string) bool {
	if next == "" || strings.HasPrefix(t, "•") {
		return false
	}
	words := strings.Fields(t)
	if len(words) == 0 || len(words) > 12 {
		return false
	}
	return !endsSentence(t)
}

// startsSentence reports whether t starts like a sentence: a capital, a
// digit or an opening quotation mark. What follows a dateline does; what
// follows a name and a dash ("Dee Dee Myers — a White House press
// secretary") does not.
func startsSentence(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'", r)
}

func endsSentence(t string) bool {
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(t))
	return strings.ContainsRune(".!?”\"’;:,", last)
}

var (
	bulletPrefix = regexp.MustCompile(`^\s*[•·▪●◦*+-]\s+`)
	listPrefix   = regexp.MustCompile(`^\s*(?:[•·▪●◦*+-]|\d{1,3}[.)])\s+`)
)

// listMarker returns the start of a line's text past a bullet. A list number
// ("2. Choose the right pot") is kept: in a ranking it is content.
func listMarker(r []rune, start, end int) int {
	return pastPrefix(bulletPrefix, false, r, start, end)
}

// postMarker returns the start of a live-blog post title past a bullet or
// the number of a list of key posts ("1. White House waits for Bukele").
func postMarker(r []rune, start, end int) int {
	return pastPrefix(listPrefix, true, r, start, end)
}

// pastPrefix returns the start of r[start:end] past a match of prefix (a
// bullet, or with digits a list number, after ASCII spaces) and leading
// spaces. The pattern is tried only on a line whose first character past
// ASCII spaces is a bullet (or a digit): on others it cannot match.
func pastPrefix(prefix *regexp.Regexp, digits bool, r []rune, start, end int) int {
	p := start
	for p < end && (r[p] == ' ' || r[p] == '\t' || r[p] == '\n' || r[p] == '\f' || r[p] == '\r') {
		p++
	}
	if p < end && (strings.ContainsRune("•·▪●◦*+-", r[p]) || digits && r[p] >= '0' && r[p] <= '9') {
		s := string(r[start:end])
		if m := prefix.FindStringIndex(s); m != nil {
			return start + utf8.RuneCountInString(s[:m[1]])
		}
	}
	for start < end && unicode.IsSpace(r[start]) {
		start++
	}
	return start
}

// words returns the number of words of t, as len(strings.Fields(t)).
func words(t string) int {
	n, in := 0, false
	for _, c := range t {
		space := unicode.IsSpace(c)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

func hasLetter(r []rune) bool {
	for _, c := range r {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return true
		}
	}
	return false
}

func sortCuts(c [][2]int) [][2]int {
	for i := 1; i < len(c); i++ {
		for j := i; j > 0 && c[j][0] < c[j-1][0]; j-- {
			c[j], c[j-1] = c[j-1], c[j]
		}
	}
	return c
}

func splitLines(s string) []line {
	var out []line
	pos := 0
	for _, l := range strings.Split(s, "\n") {
		n := utf8.RuneCountInString(l)
		t := strings.TrimSuffix(l, "\r")
		out = append(out, line{start: pos, end: pos + utf8.RuneCountInString(t), text: t})
		pos += n + 1
	}
	return out
}

// finish turns the pieces into blocks and sentences and names the outlet.
func (c *Cleaner) finish(a *parallax.Article, st *state) {
	for _, p := range st.pieces {
		if p.join && len(a.Blocks) > 0 {
			b := &a.Blocks[len(a.Blocks)-1]
			b.End = p.end
			b.Text = string(st.runes[b.Start:b.End])
			continue
		}
		a.Blocks = append(a.Blocks, parallax.Block{
			Span: parallax.Span{Start: p.start, End: p.end}, Text: string(st.runes[p.start:p.end]),
			Heading: p.heading, Post: p.post, Time: p.time,
		})
	}
	// The title repeated as the first line is a heading, unless it is all
	// the article holds (a headline alone is an article: its one fact).
	if a.Title != "" && len(a.Blocks) > 1 && strings.TrimSpace(strings.TrimLeft(a.Blocks[0].Text, "# ")) == a.Title {
		a.Blocks[0].Heading = true
	}
	if len(a.Blocks) == 1 && a.Blocks[0].Heading {
		a.Blocks[0].Heading = false
	}
	for bi, b := range a.Blocks {
		if b.Heading {
			continue
		}
		flat := strings.ReplaceAll(b.Text, "\n", " ")
		br := []rune(b.Text)
		for _, s := range c.split.Split(flat) {
			a.Sentences = append(a.Sentences, parallax.Sentence{
				Span:  parallax.Span{Start: b.Start + s.Start, End: b.Start + s.End},
				Text:  strings.ReplaceAll(string(br[s.Start:s.End]), "\n", " "),
				Block: bi, Index: len(a.Sentences),
			})
		}
	}
	sortRemovals(st.removed)
	a.Removed = st.removed
	a.SourceID, a.Outlet = outletOf(&a.Document, st.tail)
	if a.Lang == "" && !c.opts.KeepLanguage {
		a.Lang = text.Language(a.Text)
	}
	if a.Published.IsZero() {
		for _, b := range a.Blocks {
			if !b.Time.IsZero() && b.Time.Year() > 0 && (a.Published.IsZero() || b.Time.After(a.Published)) {
				a.Published = b.Time
			}
		}
	}
}

func sortRemovals(r []parallax.Removal) {
	for i := 1; i < len(r); i++ {
		for j := i; j > 0 && r[j].Start < r[j-1].Start; j-- {
			r[j], r[j-1] = r[j-1], r[j]
		}
	}
}

// hasAny reports whether s contains any of words: a cheap test before a
// costly regular expression.
func hasAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
