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

// skipMetadata drops the part of a line that ingest consumed as metadata.
func (st *state) skipMetadata(ln line) line {
	for _, m := range st.doc.Metadata {
		if m.Start <= ln.start && m.End > ln.start {
			cut := min(m.End, ln.end)
			ln.text = string(st.runes[cut:ln.end])
			ln.start = cut
		}
	}
	return ln
}

var captionLabel = regexp.MustCompile(`(?i)^(media|image|video|photo|picture) caption,?$`)

// captionLabel cuts "Media caption," and "Image caption," lines; the next
// line is the caption itself.
func (st *state) captionLabel(ln line, t string) bool {
	if !captionLabel.MatchString(t) {
		return false
	}
	st.remove(ln.start, ln.end, parallax.ReasonCaption)
	st.expectCap = true
	return true
}

func (st *state) expectedCaption(ln line) bool {
	if !st.expectCap {
		return false
	}
	st.expectCap = false
	st.remove(ln.start, ln.end, parallax.ReasonCaption)
	return true
}

var imageSource = regexp.MustCompile(`(?i)(image|video|photo) source, `)

// imageSourceCredit cuts a caption glued to its credit: "Exterior of the
// White HousdeImage source, Bernd Debusmann Jr/BBC News".
func (st *state) imageSourceCredit(ln line, t string) bool {
	if !strings.Contains(ln.text, "source, ") {
		return false
	}
	loc := imageSource.FindStringIndex(ln.text)
	if loc == nil {
		return false
	}
	at := ln.start + utf8.RuneCountInString(ln.text[:loc[0]])
	st.remove(ln.start, at, parallax.ReasonCaption)
	st.remove(at, ln.end, parallax.ReasonCredit)
	return true
}

// maxCaption is the longest caption in code points: a longer paragraph
// ending with a credit is text with a credit line glued to it.
const maxCaption = 300

var (
	creditWords = []string{"Photo", "Picture", "Image", "Credit", "Illustration", "©"}
	creditTail  = regexp.MustCompile(`(?:^|[.!?]\s+|\s)((?:Photograph|Photo|Picture|Image|Photo credit|Credit|Illustration)s?\s*:\s*\S.{0,100}|\(Photo(?:graph)? by [^)]{3,80}\)|©\s*\S.{0,160})$`)
)

// creditedCaption cuts a paragraph that ends with a photo credit
// ("… on Monday. Photograph: Win McNamee/Getty Images", "… © AFP"): the
// words before the credit are the picture's caption.
func (st *state) creditedCaption(ln line, t string) bool {
	if !hasAny(ln.text, creditWords) {
		return false
	}
	m := creditTail.FindStringSubmatchIndex(ln.text)
	if m == nil || utf8.RuneCountInString(ln.text[:m[2]]) > maxCaption {
		return false
	}
	at := ln.start + utf8.RuneCountInString(ln.text[:m[2]])
	st.remove(ln.start, at, parallax.ReasonCaption)
	st.remove(at, ln.end, parallax.ReasonCredit)
	return true
}

var postWords = []string{"ublished at", "osted at", "pdated at", "UBLISHED AT", "OSTED AT", "PDATED AT"}

var postStamp = regexp.MustCompile(`(?i)(?:published|posted|updated) at (\d{1,2})[:.](\d{2})(?:\s*(am|pm))?(?: ([A-Za-z][A-Za-z ]*? Time|GMT|BST|UTC|EST|EDT|CET|CEST|ET))?(?: (\d{1,2}) ([A-Z][a-z]+)(?: (\d{4}))?)?\s*$`)

// postStamp recognises the title line of a live-blog post with its stamp
// glued on ("White House waits for Bukelepublished at 15:21 British Summer
// Time 14 April"): the stamp is cut and becomes the post's time, the rest is
// the post's heading.
func (st *state) postStamp(ln line, t string) bool {
	if !hasAny(ln.text, postWords) {
		return false
	}
	m := postStamp.FindStringSubmatchIndex(ln.text)
	if m == nil {
		return false
	}
	at := ln.start + utf8.RuneCountInString(ln.text[:m[0]])
	st.remove(at, ln.end, parallax.ReasonPostStamp)
	st.post++
	st.sincePost = 0
	st.postTime = stampTime(ln.text, m, st.doc.Published)
	head := postMarker(st.runes, ln.start, at)
	if head < at {
		st.pieces = append(st.pieces, piece{start: head, end: at, heading: true, post: st.post, time: st.postTime})
	}
	return true
}

// stampTime reads the time of a post stamp. Without a year in the stamp the
// article's year is used, or year 0 when that is unknown too (the brief then
// takes the year from the other articles).
func stampTime(s string, m []int, published time.Time) time.Time {
	group := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	hour, min := atoi(group(1)), atoi(group(2))
	switch strings.ToLower(group(3)) {
	case "pm":
		if hour < 12 {
			hour += 12
		}
	case "am":
		if hour == 12 {
			hour = 0
		}
	}
	year, month, day := published.Year(), published.Month(), published.Day()
	if published.IsZero() {
		year, month, day = 0, 1, 1
	}
	if group(5) != "" {
		day = atoi(group(5))
		if mo, err := time.Parse("January", group(6)); err == nil {
			month = mo.Month()
		} else if mo, err := time.Parse("Jan", group(6)); err == nil {
			month = mo.Month()
		}
	}
	if group(7) != "" {
		year = atoi(group(7))
	}
	return time.Date(year, month, day, hour, min, 0, 0, zone(group(4)))
}

// zone returns the fixed zone of a time-zone name used in stamps; UTC when
// the name is unknown or missing.
func zone(name string) *time.Location {
	offsets := map[string]int{
		"british summer time": 1, "bst": 1, "greenwich mean time": 0, "gmt": 0, "utc": 0,
		"eastern time": -4, "eastern daylight time": -4, "edt": -4, "eastern standard time": -5, "est": -5, "et": -4,
		"central european time": 1, "cet": 1, "central european summer time": 2, "cest": 2,
	}
	n := strings.ToLower(strings.TrimSpace(name))
	h, ok := offsets[n]
	if !ok {
		return time.UTC
	}
	return time.FixedZone(strings.ToUpper(n), h*3600)
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

var (
	roleLine   = regexp.MustCompile(`(?i)^(reporting from\b.*|live reporter|.*\b(reporter|correspondent|editor|writer|analyst|producer|contributor|journalist|presenter)s?\b.*|in [A-Z][a-z]+.*)$`)
	bylineLine = regexp.MustCompile(`^(?i:by|written by|words by|reporting by)\s+[A-Z][\p{L}.'-]+(?:\s+(?:[A-Z][\p{L}.'-]+|and|&|de|van|von|da|del|la))*(?:,.{0,60})?$`)
)

// byline cuts an author line: "By Jane Smith", or a bare name followed by a
// role line ("Bernd Debusmann Jr" / "Reporting from the White House").
func (st *state) byline(ln line, t, next string, lines []line, i *int) bool {
	if bylineLine.MatchString(t) {
		st.remove(ln.start, ln.end, parallax.ReasonByline)
		return true
	}
	if !isName(t) || next == "" || !roleLine.MatchString(next) || len(strings.Fields(next)) > 8 || endsSentence(next) {
		return false
	}
	st.remove(ln.start, ln.end, parallax.ReasonByline)
	*i++
	st.remove(lines[*i].start, lines[*i].end, parallax.ReasonByline)
	return true
}

// isName reports whether a line is a person's name alone: two to five
// capitalised words without digits or closing punctuation.
func isName(t string) bool {
	words := strings.Fields(t)
	if len(words) < 2 || len(words) > 5 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || strings.ContainsAny(w, "0123456789,:;!?\"“”") {
			return false
		}
	}
	return true
}

var chatterLine = regexp.MustCompile(`(?i)^(?:(?:stick|stay) with us|(?:follow|join) (?:us|along)|keep (?:refreshing|following)|welcome to (?:our|the) live|we('ll| will) (?:bring|keep) you|thanks for (?:following|joining|reading)|we're (?:pausing|ending|closing) (?:our|this) (?:live )?coverage|we'll be (?:covering|bringing|following|watching|updating)\b.*\b(?:bring you|live|updates|key details|as it happens))`)

// chatter cuts live-blog asides addressed to the reader ("Stick with us.").
func (st *state) chatter(ln line, t string) bool {
	if !chatterLine.MatchString(t) {
		return false
	}
	st.remove(ln.start, ln.end, parallax.ReasonChatter)
	return true
}

// boilerLine matches page furniture: advertising labels, links to related
// articles and sharing, in English and in the other languages most often
// met (German, French, Spanish, Portuguese, Italian, Polish).
var boilerLine = regexp.MustCompile(`(?i)^(?:` +
	`advertisement|skip (?:to|past) .*|read more:?.*|related:.*|share (?:this|on) .*|sign up .*newsletter.*|follow us on .*|listen to this article.*|click here .*|this article was (?:amended|updated) .*|copyright .*|all rights reserved\.?` +
	`|(?:also read|read also|see also|more on this(?: story)?|you (?:may|might) also like|recommended(?: for you)?|related (?:articles|stories|posts|coverage|content)|most (?:read|popular|viewed)|more stories|trending now|tags|topics|filed under|leave a (?:comment|reply))\b:?.*` +
	`|[\d.,]+[km]? (?:followers|subscribers|comments|shares|likes)` +
	`|(?:auch interessant|lesen sie auch|das könnte sie auch interessieren|mehr zum thema|weitere themen|mehr themen|schon gelesen|artikel teilen|schlagwörter|kategorien)\b.*` +
	`|(?:à lire aussi|lire aussi|voir aussi|sur le même sujet|à voir aussi)\b.*` +
	`|(?:le puede interesar|te puede interesar|lee también|ver también|leia também|veja também|más sobre|leggi anche|potrebbe interessarti|czytaj (?:też|także|również))\b.*` +
	`)$`)

// dateStamp cuts a line that is only a date, maybe with a time and a label
// ("Updated: May 24, 2005, 3:23 PM ET", "27.01.2022", "Aktualisiert am 3.
// März 2022"): the page's time stamp, kept as metadata.
func (st *state) dateStamp(ln line, t string) bool {
	// Every date has a digit: most lines are ruled out before the
	// expression runs.
	if len(t) > 80 || !strings.ContainsAny(t, "0123456789") || !dateLine.MatchString(t) {
		return false
	}
	st.remove(ln.start, ln.end, parallax.ReasonMetadata)
	if st.doc.Published.IsZero() {
		if d, ok := stampDate(t); ok {
			st.doc.Published = d // the page's date, when nothing else gave it
		}
	}
	return true
}

var (
	monthDayYear = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b`)
	dayMonthYear = regexp.MustCompile(`(?i)\b(\d{1,2}) (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,? (\d{4})\b`)
	isoDate      = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
)

// stampDate reads the day of an English or ISO date stamp ("Updated: May
// 24, 2005, 3:23 PM ET", "9 September 2013", "2013-05-03").
func stampDate(t string) (time.Time, bool) {
	var y, m, d string
	if g := monthDayYear.FindStringSubmatch(t); g != nil {
		m, d, y = g[1], g[2], g[3]
	} else if g := dayMonthYear.FindStringSubmatch(t); g != nil {
		d, m, y = g[1], g[2], g[3]
	} else if g := isoDate.FindStringSubmatch(t); g != nil {
		y, m, d = g[1], g[2], g[3]
	} else {
		return time.Time{}, false
	}
	layout := "2006 Jan 2"
	if len(m) == 2 && m[0] >= '0' && m[0] <= '9' {
		layout = "2006 01 2"
	} else {
		m = strings.ToUpper(m[:1]) + strings.ToLower(m[1:3])
	}
	day, err := time.Parse(layout, y+" "+m+" "+strings.TrimLeft(d, "0"))
	return day, err == nil
}

const monthNames = `jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|févr(?:ier)?|fév|mar(?:ch)?|märz|mars|apr(?:il|il)?|avr(?:il)?|may|mai|jun(?:e|i)?|juin|jul(?:y|i)?|juil(?:let)?|aug(?:ust)?|août|sep(?:t(?:ember)?)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?|déc(?:embre)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre`

// dateLine matches a line that is a date: an optional label, an optional
// weekday, the date in digits or with a month name, an optional time.
var dateLine = regexp.MustCompile(`(?i)^(?:(?:last )?(?:updated|published|posted|modified|created|date)(?: on)?:?|aktualisiert(?: am)?:?|veröffentlicht(?: am)?:?|stand:?|publié le|mis à jour le|actualizado(?: el)?:?|publicado(?: el)?:?)?\s*` +
	`(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+|(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag),?\s+)?` +
	`(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:` + monthNames + `)\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?|\d{1,2}(?:st|nd|rd|th)?\.? (?:de )?(?:` + monthNames + `)\.?(?:,? (?:de )?\d{4})?|(?:` + monthNames + `) \d{4})` +
	`(?:,?\s*(?:at |um |à |-\s*)?\d{1,2}[:.h]\s?\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:uhr|[A-Z]{2,4}|GMT[+-]\d{1,2}(?::\d{2})?))?)?\.?$`)

// boilerplate cuts page furniture that extraction sometimes leaves in.
func (st *state) boilerplate(ln line, t string) bool {
	if words(t) > 25 || !boilerLine.MatchString(t) {
		return false
	}
	st.remove(ln.start, ln.end, parallax.ReasonNavigation)
	return true
}

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
