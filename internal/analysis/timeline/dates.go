package timeline

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/text"
)

// match is a date expression found in a sentence: runes [from, to).
type match struct {
	from, to int
	d        date
}

var (
	// yearPreps make a lone year a date of an event ("in 2019").
	yearPreps = map[string]bool{"in": true, "between": true, "since": true, "from": true, "during": true, "until": true, "by": true, "before": true, "after": true, "early": true, "late": true, "mid": true, "through": true, "of": false}
	// monthPreps make a lone month name a date ("in March", "since March").
	monthPreps = map[string]bool{"in": true, "between": true, "since": true, "from": true, "during": true, "until": true, "by": true, "early": true, "late": true, "mid": true, "last": true, "this": true, "next": true, "through": true, "before": true, "after": true, "of": true}
	// future words turn a weekday forward ("will meet on Monday").
	future = map[string]bool{"will": true, "'ll": true, "scheduled": true, "upcoming": true, "expected": true, "plans": true, "planned": true, "set": true, "shall": true}
	dayNum = regexp.MustCompile(`^(\d{1,2})(st|nd|rd|th)?$`)
	iso    = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	small  = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a": 1}
)

// findDates returns the date expressions of a sentence resolved against
// ref (the zero time when unknown: then only dates with a year are found).
func findDates(g *text.Seg, ref time.Time) []match {
	if !mayHoldDate(g.Text) {
		return nil
	}
	sc := &dateScan{toks: g.Tokens, runes: g.Runes, ref: ref, used: make([]bool, len(g.Tokens))}
	for _, t := range sc.toks {
		if future[t.Lower] {
			sc.fwd = true
		}
	}
	for i := 0; i < len(sc.toks); i++ {
		if sc.used[i] {
			continue
		}
		t := sc.toks[i]
		switch {
		case iso.MatchString(t.Text): // ISO dates
			if d, err := time.Parse("2006-01-02", t.Text); err == nil {
				sc.add(i, i+1, date{d, day})
			}
		case sc.monthName(i):
		case sc.loneYear(i):
		case ref.IsZero():
		case sc.weekday(i):
		default:
			sc.relative(i)
		}
	}
	return sc.out
}

// dateScan is the state of findDates over one sentence's tokens: the
// tokens already part of a date, the dates found, the reference date and
// whether the sentence speaks of the future.
type dateScan struct {
	toks  []text.Token
	runes []rune
	ref   time.Time
	fwd   bool
	used  []bool
	out   []match
}

// lower is token i in lower case, "" outside the sentence.
func (sc *dateScan) lower(i int) string {
	if i < 0 || i >= len(sc.toks) {
		return ""
	}
	return sc.toks[i].Lower
}

// tight reports whether tokens i-1 and i are separated by spaces, a comma
// or a period only.
func (sc *dateScan) tight(i int) bool {
	if i <= 0 || i >= len(sc.toks) {
		return false
	}
	g := strings.TrimSpace(string(sc.runes[sc.toks[i-1].End:sc.toks[i].Start]))
	return g == "" || g == "," || g == "."
}

// add records a date over tokens from to to (exclusive).
func (sc *dateScan) add(from, to int, d date) {
	for k := from; k < to; k++ {
		sc.used[k] = true
	}
	sc.out = append(sc.out, match{from: sc.toks[from].Start, to: sc.toks[to-1].End, d: d})
}

// monthName reads a date around a month name at token i ("March 15th",
// "15 March", "Feb. 22, 2009", "February 2024", "in March"); it reports
// whether token i is a month name.
func (sc *dateScan) monthName(i int) bool {
	t, l := sc.toks[i], sc.toks[i].Lower
	mo, ok := text.Month(l)
	if !ok || !t.Capital || !(len(l) > 3 || l == "may" || i+1 < len(sc.toks)) {
		return false
	}
	from, to := i, i+1
	dd, yy := 0, 0
	if i+1 < len(sc.toks) && sc.tight(i+1) {
		if m := dayNum.FindStringSubmatch(sc.lower(i + 1)); m != nil {
			dd, _ = strconv.Atoi(m[1])
			to = i + 2
		}
	}
	if dd == 0 && i > 0 && sc.tight(i) {
		if m := dayNum.FindStringSubmatch(sc.lower(i - 1)); m != nil && !sc.used[i-1] {
			dd, _ = strconv.Atoi(m[1])
			from = i - 1
		}
	}
	if to < len(sc.toks) && sc.tight(to) && len(sc.toks[to].Text) == 4 {
		if y, err := strconv.Atoi(sc.toks[to].Text); err == nil && y >= 1000 && y <= 2200 {
			yy = y
			to++
		}
	}
	abbrev := len(l) <= 4 && l != "may" && l != "june" && l != "july"
	ref := sc.ref
	switch {
	case dd > 31:
	case dd > 0 && yy > 0:
		sc.add(from, to, date{time.Date(yy, mo, dd, 0, 0, 0, 0, time.UTC), day})
	case dd > 0 && !ref.IsZero():
		sc.add(from, to, date{nearest(ref, func(y int) time.Time { return time.Date(y, mo, dd, 0, 0, 0, 0, time.UTC) }), day})
	case dd == 0 && yy > 0 && !abbrev:
		sc.add(from, to, date{time.Date(yy, mo, 1, 0, 0, 0, 0, time.UTC), month})
	case dd == 0 && yy == 0 && !abbrev && !ref.IsZero() && (monthPreps[sc.lower(i-1)] || i == 0 && l != "may"):
		d := nearest(ref, func(y int) time.Time { return time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC) })
		switch sc.lower(i - 1) {
		case "last":
			d = monthBefore(ref, mo)
			from = i - 1
		case "next":
			d = monthAfter(ref, mo)
			from = i - 1
		}
		sc.add(from, to, date{d, month})
	}
	return true
}

// loneYear reads a year after a preposition at token i ("in 2019", "since
// 2019"); it reports whether token i is such a year's place.
func (sc *dateScan) loneYear(i int) bool {
	t := sc.toks[i]
	if !t.Number || len(t.Text) != 4 || !yearPreps[sc.lower(i-1)] {
		return false
	}
	if y, err := strconv.Atoi(t.Text); err == nil && y >= 1900 && y <= 2100 {
		sc.add(i, i+1, date{time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), year})
	}
	return true
}

// weekday reads a weekday at token i ("on Saturday", "last Monday", "next
// Friday") against the reference date; it reports whether token i is a
// weekday.
func (sc *dateScan) weekday(i int) bool {
	t, ref := sc.toks[i], sc.ref
	wd, ok := text.Weekday(t.Lower)
	if !ok || !t.Capital {
		return false
	}
	if _, ok := text.Month(sc.lower(i + 1)); ok && sc.tight(i+1) {
		return true // "Sunday, February 22, 2009": the date says it
	}
	if _, ok := text.Month(sc.lower(i + 2)); ok && dayNum.MatchString(sc.lower(i+1)) && sc.tight(i+1) {
		return true // "Tuesday 28 April 2009"
	}
	from := i
	var d time.Time
	switch sc.lower(i - 1) {
	case "last":
		d = weekdayBefore(ref.AddDate(0, 0, -1), wd)
		from = i - 1
	case "next":
		d = weekdayAfter(ref.AddDate(0, 0, 1), wd)
		from = i - 1
	case "this":
		from = i - 1
		d = weekdayBefore(ref, wd)
		if sc.fwd {
			d = weekdayAfter(ref, wd)
		}
	default:
		d = weekdayBefore(ref, wd)
		if sc.fwd {
			d = weekdayAfter(ref, wd)
		}
	}
	sc.add(from, i+1, date{d, day})
	return true
}

// relative reads a date word relative to the reference date at token i:
// "today", "yesterday", "last month", "this morning", "three days ago".
func (sc *dateScan) relative(i int) {
	l, ref := sc.toks[i].Lower, sc.ref
	switch strings.TrimSuffix(l, "'s") {
	case "today", "tonight":
		sc.add(i, i+1, date{ref, day})
	case "yesterday":
		sc.add(i, i+1, date{ref.AddDate(0, 0, -1), day})
	case "tomorrow":
		sc.add(i, i+1, date{ref.AddDate(0, 0, 1), day})
	case "month", "year":
		p := sc.lower(i - 1)
		if p != "last" && p != "this" && p != "next" || i == 0 {
			return
		}
		delta := map[string]int{"last": -1, "this": 0, "next": 1}[p]
		if l == "month" {
			m := time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, delta, 0)
			sc.add(i-1, i+1, date{m, month})
		} else {
			sc.add(i-1, i+1, date{time.Date(ref.Year()+delta, 1, 1, 0, 0, 0, 0, time.UTC), year})
		}
	case "morning", "afternoon", "evening":
		if sc.lower(i-1) == "this" {
			sc.add(i-1, i+1, date{ref, day})
		}
	case "ago":
		sc.ago(i)
	}
}

// ago reads "N days/months/years ago" ending at token i.
func (sc *dateScan) ago(i int) {
	if i < 2 {
		return
	}
	n, ok := small[sc.lower(i-2)]
	if !ok {
		v, err := strconv.Atoi(sc.lower(i - 2))
		if err != nil || v > 100 {
			return
		}
		n = v
	}
	ref := sc.ref
	switch strings.TrimSuffix(sc.lower(i-1), "s") {
	case "day":
		sc.add(i-2, i+1, date{ref.AddDate(0, 0, -n), day})
	case "year":
		sc.add(i-2, i+1, date{time.Date(ref.Year()-n, 1, 1, 0, 0, 0, 0, time.UTC), year})
	case "month":
		m := time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -n, 0)
		sc.add(i-2, i+1, date{m, month})
	}
}

// nearest returns, of the dates at(y) for the years around ref, the one
// closest to ref.
func nearest(ref time.Time, at func(y int) time.Time) time.Time {
	best := at(ref.Year())
	for _, y := range []int{ref.Year() - 1, ref.Year() + 1} {
		if c := at(y); abs(c.Sub(ref)) < abs(best.Sub(ref)) {
			best = c
		}
	}
	return best
}

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// weekdayBefore returns the last day on or before t that is wd.
func weekdayBefore(t time.Time, wd time.Weekday) time.Time {
	return t.AddDate(0, 0, -((int(t.Weekday()) - int(wd) + 7) % 7))
}

// weekdayAfter returns the first day on or after t that is wd.
func weekdayAfter(t time.Time, wd time.Weekday) time.Time {
	return t.AddDate(0, 0, (int(wd)-int(t.Weekday())+7)%7)
}

// monthBefore returns the first of the last month mo strictly before ref's
// month.
func monthBefore(ref time.Time, mo time.Month) time.Time {
	y := ref.Year()
	if mo >= ref.Month() {
		y--
	}
	return time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC)
}

// monthAfter returns the first of the next month mo strictly after ref's
// month.
func monthAfter(ref time.Time, mo time.Month) time.Time {
	y := ref.Year()
	if mo <= ref.Month() {
		y++
	}
	return time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC)
}

// mayHoldDate reports whether a sentence may hold a date: a digit, or the
// letters of a month, a weekday or a relative date word. It spares the
// reading of most sentences.
func mayHoldDate(s string) bool {
	if strings.ContainsAny(s, "0123456789") {
		return true
	}
	l := strings.ToLower(s)
	for _, w := range dateCues {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// dateCues are letter sequences of the date words findDates reads.
var dateCues = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
	"day", "tonight", "tomorrow", "month", "year", "morning", "afternoon", "evening", "ago"}
