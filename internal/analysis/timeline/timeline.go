// Package timeline builds the dated events of a story from its articles:
// absolute dates ("March 15th", "February 2024", "in 2019"), dates relative
// to the article's date ("on Saturday", "last month", "last year's
// elections", "yesterday") and the time stamps of live-blog posts, ordered by
// date and merged across outlets when two articles date the same event.
//
// Relative dates are resolved against the article's publication date; an
// article without one borrows the date of its live-blog posts, or else the
// most common publication date of the story (the articles of one story are
// written within days of each other). Expressions that cannot be dated
// ("shortly after Trump's inauguration") are skipped.
package timeline

import (
	"sort"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// precision of a date: a day, a month or a year.
type precision int

const (
	year precision = iota
	month
	day
)

// date is a resolved date.
type date struct {
	t    time.Time
	prec precision
}

// String returns the date as YYYY, YYYY-MM or YYYY-MM-DD by its precision.
func (d date) String() string {
	switch d.prec {
	case year:
		return d.t.Format("2006")
	case month:
		return d.t.Format("2006-01")
	}
	return d.t.Format("2006-01-02")
}

// event is an event before merging.
type event struct {
	date   string
	clock  string
	text   string
	terms  []string
	source string
	cite   parallax.Cite
	art    int
	order  int
}

// Build returns the dated events of the articles, ordered by date, then
// time, then first appearance, with the events several articles date alike
// merged into one that cites them all. It never fails; articles with no
// date at all contribute only their absolute dates.
func Build(articles []*parallax.Article) []parallax.Event {
	return FromDocs(text.Analyse(articles))
}

// FromDocs is Build over the analysed articles of a story (see
// text.Analyse): docs[i] is article i.
func FromDocs(docs []*text.Doc) []parallax.Event {
	story := storyDate(text.Articles(docs))
	var evs []event
	for ai, d := range docs {
		if d == nil {
			continue
		}
		ref := referenceDate(d, story)
		evs = append(evs, articleEvents(d, ai, ref, story)...)
	}
	return merge(evs)
}

// storyDate returns the most common publication day of the articles (the
// latest on a tie), or the zero time.
func storyDate(articles []*parallax.Article) time.Time {
	count := map[time.Time]int{}
	var best time.Time
	for _, a := range articles {
		if a == nil || a.Published.IsZero() {
			continue
		}
		d := day0(a.Published)
		count[d]++
		if count[d] > count[best] || count[d] == count[best] && d.After(best) {
			best = d
		}
	}
	return best
}

// referenceDate returns the day relative dates of an article refer to.
func referenceDate(d *text.Doc, story time.Time) time.Time {
	a := d.Article
	if !a.Published.IsZero() {
		return day0(a.Published)
	}
	// A dateline cut while cleaning, or a first block that is only a date
	// ("June 06, 2013").
	var lines []parallax.Removal
	lines = append(lines, a.Removed...)
	if len(a.Blocks) > 0 {
		lines = append(lines, parallax.Removal{Span: a.Blocks[0].Span, Text: a.Blocks[0].Text})
	}
	for _, l := range lines {
		if len(l.Text) > 60 {
			continue
		}
		g := d.Seg(l.Start, l.End, l.Text)
		for _, m := range findDates(&g, time.Time{}) {
			if m.d.prec == day {
				return m.d.t
			}
		}
	}
	for _, b := range a.Blocks {
		if !b.Time.IsZero() {
			if t := withYear(b.Time, story); !t.IsZero() {
				return day0(t)
			}
		}
	}
	return story
}

// withYear completes a post stamp without a year ("14 April") with the
// story's year; it returns the zero time when there is none.
func withYear(t, story time.Time) time.Time {
	if t.Year() > 0 {
		return t
	}
	if story.IsZero() {
		return time.Time{}
	}
	return time.Date(story.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, t.Location())
}

func day0(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// articleEvents returns the events of one article: one per live-blog post
// and one per sentence carrying a date.
func articleEvents(d *text.Doc, ai int, ref, story time.Time) []event {
	a := d.Article
	var out []event
	posts := map[int]bool{}
	for bi, b := range a.Blocks {
		if b.Post == 0 || b.Time.IsZero() || posts[b.Post] {
			continue
		}
		t := withYear(b.Time, story)
		if t.IsZero() {
			continue
		}
		posts[b.Post] = true
		// The post's heading, or its first sentence.
		sp, txt, toks := b.Span, strings.TrimSpace(b.Text), []text.Token(nil)
		if !b.Heading {
			for si, s := range a.Sentences {
				if s.Block == bi {
					sp, txt, toks = s.Span, s.Text, d.Sents[si].Tokens
					break
				}
			}
		}
		if toks == nil {
			toks = d.Seg(b.Start, b.End, b.Text).Tokens
		}
		out = append(out, event{
			date: t.Format("2006-01-02"), clock: t.Format("15:04"), text: txt, terms: text.TermsOf(toks),
			source: a.SourceID, cite: parallax.Cite{Source: a.SourceID, Start: sp.Start, End: sp.End}, art: ai, order: sp.Start,
		})
	}
	for si, s := range a.Sentences {
		g := &d.Sents[si]
		sref := ref
		if s.Block >= 0 && s.Block < len(a.Blocks) && !a.Blocks[s.Block].Time.IsZero() {
			b := a.Blocks[s.Block]
			if t := withYear(b.Time, story); !t.IsZero() {
				sref = day0(t)
			}
		}
		for _, m := range findDates(g, sref) {
			r := g.Runes
			from, to := clause(r, m.from, m.to)
			txt := strings.TrimSpace(string(r[from:to]))
			// Trim the span to the trimmed text.
			lead := 0
			for from+lead < to && r[from+lead] == ' ' {
				lead++
			}
			start := s.Start + from + lead
			toks, ok := text.Within(g.Tokens, from, to)
			if !ok { // the clause cuts a word ("238,000")
				toks = text.Tokens(txt)
			}
			terms := text.TermsOf(toks)
			out = append(out, event{
				date: m.d.String(), text: txt, terms: terms, source: a.SourceID,
				cite: parallax.Cite{Source: a.SourceID, Start: start, End: start + text.RuneLen(txt)}, art: ai, order: start,
			})
		}
	}
	return out
}

// clause returns the part of a sentence that carries a date found at
// [from, to): the whole sentence when it is short, else the clause between
// the nearest semicolons, dashes or commas around it, widened to at least
// eight words.
func clause(r []rune, from, to int) (int, int) {
	if len(r) <= 220 {
		return 0, len(r)
	}
	isBreak := func(c rune) bool { return c == ';' || c == '—' || c == '–' || c == ',' || c == ':' }
	lo, hi := from, to
	for {
		for lo > 0 && !isBreak(r[lo-1]) {
			lo--
		}
		for hi < len(r) && !isBreak(r[hi]) {
			hi++
		}
		if len(strings.Fields(string(r[lo:hi]))) >= 8 || lo == 0 && hi == len(r) {
			break
		}
		if lo > 0 {
			lo--
		}
		if hi < len(r) {
			hi++
		}
	}
	// Take in the short pieces before the clause: the subject and its
	// apposition ("Stephen Miller, a deputy chief of staff, told …").
	for lo > 0 {
		k := lo - 1
		for k > 0 && !isBreak(r[k-1]) {
			k--
		}
		if len(strings.Fields(string(r[k:lo]))) > 6 {
			break
		}
		lo = k
	}
	for hi > lo && (isBreak(r[hi-1]) || r[hi-1] == ' ') {
		hi--
	}
	for lo < hi && (r[lo] == ' ' || isBreak(r[lo])) {
		lo++
	}
	return lo, hi
}

// merge joins events of the same date and close content across articles,
// and orders them.
func merge(evs []event) []parallax.Event {
	sort.SliceStable(evs, func(i, j int) bool {
		if evs[i].date != evs[j].date {
			return evs[i].date < evs[j].date
		}
		if evs[i].clock != evs[j].clock {
			return evs[i].clock < evs[j].clock
		}
		if evs[i].art != evs[j].art {
			return evs[i].art < evs[j].art
		}
		return evs[i].order < evs[j].order
	})
	var out []parallax.Event
	var reps []map[string]bool // terms of each output event
	for _, e := range evs {
		terms := uniq(e.terms)
		joined := false
		for k := len(out) - 1; k >= 0 && out[k].Date == e.date; k-- {
			if out[k].Time != e.clock || !same(reps[k], terms) {
				continue
			}
			dup := false
			for _, c := range out[k].Cites {
				dup = dup || c == e.cite
			}
			if !dup {
				out[k].Cites = append(out[k].Cites, e.cite)
			}
			if !containsString(out[k].Sources, e.source) {
				out[k].Sources = append(out[k].Sources, e.source)
			}
			joined = true
			break
		}
		if joined {
			continue
		}
		out = append(out, parallax.Event{Date: e.date, Time: e.clock, Text: e.text, Sources: []string{e.source}, Cites: []parallax.Cite{e.cite}})
		reps = append(reps, terms)
	}
	return out
}

// same reports whether two events tell the same thing: at least three
// content words in common, making up at least 40% of the shorter.
func same(a, b map[string]bool) bool {
	n := 0
	for t := range b {
		if a[t] {
			n++
		}
	}
	short := min(len(a), len(b))
	return n >= 3 && float64(n) >= 0.4*float64(short)
}

func uniq(ts []string) map[string]bool {
	m := map[string]bool{}
	for _, t := range ts {
		if !dateWords[t] {
			m[t] = true
		}
	}
	return m
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// dateWords are the stems of the words of dates, left out when comparing
// events.
var dateWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december last month year week today yesterday tomorrow morning afternoon evening night earlier") {
		m[text.Stem(w)] = true
	}
	return m
}()
