package clean

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
)

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

// syndicationLine matches the lines a syndication service sends to the
// editors who take its copy (the New York Times and other agencies' wire
// archives, as in the DUC and TDT newswire): notes to editors, trims and
// ends, slugs and release times, and offers to non-subscribers. They are in
// capitals as the wire sets them, so the match is case-sensitive.
var syndicationLine = regexp.MustCompile(`^\(?(?:` +
	`EDITORS?(?:'|’)?S? ?(?:NOTE)?:.*|NON-?SUBSCRIBERS?:.*|ATTN:? .*|ATTENTION (?:EDITORS|NEWS EDITORS).*` +
	`|END (?:OF STORY|OPTIONAL TRIM|ADVANCE FOR .*)|END|ENDIT|OPTIONAL TRIM.*|(?:STORY )?CAN END HERE.*|TRIM HERE.*` +
	`|NYT-?\d+.*|FOR RELEASE .*|(?:RELEASE|EMBARGOED) (?:AT|UNTIL) .*|(?:MORE|-MORE-|MORE TO COME)` +
	`|(?:This|The) (?:story|article) (?:is|was) (?:available|distributed) (?:to|by) .*|.*(?:Syndicate|News Service) Web site.*` +
	`)\)?\.?$`)

// phone finds a telephone number as wires print them in contact lines.
var phone = regexp.MustCompile(`\(?\b\d{3}\)?[ .-]\d{3}-\d{4}\b`)

// contactWords mark a short line with a telephone number as a contact line
// of the writer or the service ("can be reached at", "contact"); a police
// appeal to call a tip line is the story's, and stays.
var contactWords = []string{"ontact", "reached at", "fax", "Fax", "e-mail", "E-mail", "email", "@", "nquiries"}

// syndication cuts a line of the syndication service (see syndicationLine),
// or a short contact line with a telephone number ("For information,
// contact Jane Doe at (212) 556-4204").
func (st *state) syndication(ln line, t string) bool {
	contact := words(t) <= 20 && hasAny(t, contactWords) && phone.MatchString(t)
	if !contact && (words(t) > 30 || !syndicationLine.MatchString(t)) {
		return false
	}
	st.remove(ln.start, ln.end, parallax.ReasonSyndication)
	return true
}

// wireCode finds the typesetting codes of agency wires: &QL; (quad left),
// &QC;, &QR;, &UR;, &UL;, &HT; (tab), &LR;, &TL;, &TR;, &IL;, &UN;. Entities
// that stand for characters (&AMP;, &MD; for a dash) are text and stay.
var wireCode = regexp.MustCompile(`&(?:QL|QC|QR|UR|UL|HT|LR|TL|TR|IL|UN);`)

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
