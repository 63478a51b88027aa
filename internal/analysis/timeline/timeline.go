// Package timeline builds the dated events of a story from its articles,
// a timeline an editor can publish: each entry a sentence (or its main
// clause, less a trailing relative clause, for a long one) dated by the
// event its main clause reports (see clause.go: a date in a relative
// clause, a parenthesis, an apposition, a quotation or an adverbial clause
// dates that part only), each sentence once, under one date; headings and
// questions are no events. The sentences of several sources that report
// one event (one fact of the story's alignment, as the rest of the brief
// groups them) make one entry citing them all. A timeline holds at most
// maxEntries entries, the most reported kept.
//
// Dates are absolute ("March 15th", "February 2024", "in 2019") or
// relative to the article's date ("on Saturday", "last month", "last
// year's elections", "yesterday"). Relative dates are resolved against the
// article's publication date, or within a live-blog post against the
// post's time stamp; an article without one borrows the date of its
// live-blog posts, or else the most common publication date of the story
// (the articles of one story are written within days of each other).
// Expressions that cannot be dated ("shortly after Trump's inauguration")
// are skipped.
package timeline

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/align"
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

// dated is a sentence dated by its main clause: the entry it gives.
type dated struct {
	date string
	text string
	cite parallax.Cite
	// terms are the model's term IDs of the entry's words, less names and
	// the words of dates: what a source must also say to be credited.
	terms []int32
}

// maxEntries bounds a timeline: a story of a thousand articles dates
// thousands of sentences, and an editor reads a few dozen. The entries
// the most sources report are kept, the most central first among equals.
const maxEntries = 50

// minCoverage is the least share of an entry's words (names and dates
// aside, weighted by IDF) that a source's sentence must also use to be
// credited with it: "Trump is set to meet Bukele at the White House"
// shares Bukele's refusal's names, not its news.
const minCoverage = 0.2

// Build returns the timeline of a story's articles: one entry per event,
// a sentence dated by its main clause, credited to every source whose
// sentence reports it, ordered by date. It never fails; articles with no
// date at all contribute only their absolute dates.
func Build(articles []*parallax.Article) []parallax.Event {
	return FromDocs(text.Analyse(articles))
}

// FromDocs is Build over the analysed articles of a story (see
// text.Analyse): docs[i] is article i.
func FromDocs(docs []*text.Doc) []parallax.Event {
	m := align.FromDocs(docs, nil)
	return FromModel(m, align.Facts(m, align.Options{}), nil)
}

// FromModel is Build over a story's alignment model and its facts (see
// align.Facts): the sentences that report one event are sought among the
// sentences of one fact, as the rest of a brief seeks them. reports(e, k)
// tells whether model sentence k reports what sentence e does (a brief
// passes the rule it credits sources by); nil means the rule below.
//
// Each dated sentence of a fact starts an entry or joins one: the entry of
// the same date (a month and a day of it are one date, the day's) whose
// sentence it reports. The sentences are taken most precise date first,
// the fact's own sentence then the most central first among equals. Each
// undated sentence of the fact is credited to the entry it reports best.
// By default a sentence reports an entry when the model finds them similar
// (align.DefaultThreshold) and it uses minCoverage of the entry's words.
func FromModel(m *align.Model, facts []align.Fact, reports func(e, k int) bool) []parallax.Event {
	ds := dateSentences(m)
	if reports == nil {
		reports = func(e, k int) bool {
			return e == k || align.Similarity(m, e, k) >= align.DefaultThreshold && coverage(m, ds[e].terms, k) >= minCoverage
		}
	}
	var entries []entry
	for _, f := range facts {
		groups := dateGroups(f, ds, m, reports)
		if len(groups) == 0 {
			continue
		}
		for _, k := range f.Members {
			if ds[k] != nil {
				continue
			}
			best, bestSim := -1, 0.0
			for gi, g := range groups {
				if s := align.Similarity(m, g[0], k); reports(g[0], k) && s > bestSim {
					best, bestSim = gi, s
				}
			}
			if best >= 0 {
				groups[best] = append(groups[best], k)
			}
		}
		for _, g := range groups {
			entries = append(entries, newEntry(m, ds, g))
		}
	}
	return order(entries)
}

// entry is a timeline entry with what orders and bounds the timeline.
type entry struct {
	ev      parallax.Event
	rep     int // the model sentence it states
	central float64
}

// newEntry states the entry of model sentences g, g[0] the one it states:
// its sources that sentence's then the others in input order, each cited
// once.
func newEntry(m *align.Model, ds []*dated, g []int) entry {
	rep := g[0]
	ev := parallax.Event{Date: ds[rep].date, Text: ds[rep].text, Sources: []string{ds[rep].cite.Source}, Cites: []parallax.Cite{ds[rep].cite}}
	rest := append([]int(nil), g[1:]...)
	sort.SliceStable(rest, func(x, y int) bool { return m.Sents[rest[x]].Article < m.Sents[rest[y]].Article })
	for _, k := range rest {
		id := m.Articles[m.Sents[k].Article].SourceID
		if slices.Contains(ev.Sources, id) {
			continue
		}
		s := m.Sentence(k)
		ev.Sources = append(ev.Sources, id)
		ev.Cites = append(ev.Cites, parallax.Cite{Source: id, Start: s.Start, End: s.End})
	}
	return entry{ev: ev, rep: rep, central: m.Sents[rep].Central}
}

// order bounds the entries to maxEntries (the most reported, then the
// most central) and orders them by date, then by where their sentence
// stands (article, then sentence); a sentence repeated word for word (a
// live blog's summary and its post) gives one entry.
func order(entries []entry) []parallax.Event {
	if len(entries) > maxEntries {
		sort.SliceStable(entries, func(x, y int) bool {
			a, b := entries[x], entries[y]
			if len(a.ev.Sources) != len(b.ev.Sources) {
				return len(a.ev.Sources) > len(b.ev.Sources)
			}
			if a.central != b.central {
				return a.central > b.central
			}
			return a.rep < b.rep
		})
		entries = entries[:maxEntries]
	}
	sort.SliceStable(entries, func(x, y int) bool {
		a, b := entries[x], entries[y]
		if a.ev.Date != b.ev.Date {
			return a.ev.Date < b.ev.Date
		}
		return a.rep < b.rep
	})
	out := make([]parallax.Event, 0, len(entries))
	seen := map[[2]string]int{}
	for _, e := range entries {
		key := [2]string{e.ev.Date, e.ev.Text}
		if at, ok := seen[key]; ok {
			for i, s := range e.ev.Sources {
				if !slices.Contains(out[at].Sources, s) {
					out[at].Sources = append(out[at].Sources, s)
					out[at].Cites = append(out[at].Cites, e.ev.Cites[i])
				}
			}
			continue
		}
		seen[key] = len(out)
		out = append(out, e.ev)
	}
	return out
}

// dateGroups returns the entries the dated sentences of a fact give, each
// a group of model sentences, the one it states first.
func dateGroups(f align.Fact, ds []*dated, m *align.Model, reports func(e, k int) bool) [][]int {
	var dd []int
	for _, k := range f.Members {
		if ds[k] != nil {
			dd = append(dd, k)
		}
	}
	sort.SliceStable(dd, func(x, y int) bool {
		a, b := dd[x], dd[y]
		if len(ds[a].date) != len(ds[b].date) {
			return len(ds[a].date) > len(ds[b].date)
		}
		if (a == f.Rep) != (b == f.Rep) {
			return a == f.Rep
		}
		if m.Sents[a].Central != m.Sents[b].Central {
			return m.Sents[a].Central > m.Sents[b].Central
		}
		return a < b
	})
	var groups [][]int
	for _, k := range dd {
		joined := false
		for gi, g := range groups {
			if strings.HasPrefix(ds[g[0]].date, ds[k].date) && reports(g[0], k) {
				groups[gi] = append(groups[gi], k)
				joined = true
				break
			}
		}
		if !joined {
			groups = append(groups, []int{k})
		}
	}
	return groups
}

// coverage returns the share of terms, weighted by IDF, that model
// sentence k also uses.
func coverage(m *align.Model, terms []int32, k int) float64 {
	ids := m.Sents[k].Vec.IDs
	var shared, total float64
	for _, t := range terms {
		total += m.IDF[t]
		if _, ok := slices.BinarySearch(ids, t); ok {
			shared += m.IDF[t]
		}
	}
	if total == 0 {
		return 0
	}
	return shared / total
}

// dateSentences returns, for each sentence of the model, the entry it
// gives, or nil: a statement (not a heading nor a question) whose main
// clause carries a date.
func dateSentences(m *align.Model) []*dated {
	out := make([]*dated, len(m.Sents))
	story := storyDate(m.Articles)
	refs := map[int]time.Time{}
	var names map[int32]bool
	for i, st := range m.Sents {
		d := m.Docs[st.Article]
		if d == nil {
			continue
		}
		ref, ok := refs[st.Article]
		if !ok {
			ref = referenceDate(d, story)
			refs[st.Article] = ref
		}
		if e := dateSentence(d, st.Sentence, ref, story); e != nil {
			if names == nil {
				names = storyNames(m)
			}
			e.terms = entryTerms(m, i, e.cite.End-m.Sentence(i).Start, names)
			out[i] = e
		}
	}
	return out
}

// entryTerms returns the term IDs of the words of model sentence i before
// code point end of the sentence, less the story's names and the words of
// dates.
func entryTerms(m *align.Model, i, end int, names map[int32]bool) []int32 {
	var out []int32
	forTerms(m, i, func(t text.Token, id int32) {
		if t.End <= end && !t.Capital && !names[id] && !dateWord(t) && !slices.Contains(out, id) {
			out = append(out, id)
		}
	})
	return out
}

// storyNames returns the terms some sentence of the story writes
// capitalised after its first word ("President", "Secretary of State"):
// words that name, shared by sentences that report different things.
func storyNames(m *align.Model) map[int32]bool {
	names := map[int32]bool{}
	for i := range m.Sents {
		forTerms(m, i, func(t text.Token, id int32) {
			if t.Capital && t.Start > 0 && !text.IsCalendarWord(t.Lower) {
				names[id] = true
			}
		})
	}
	return names
}

// forTerms calls f with each content word of model sentence i and its
// term ID.
func forTerms(m *align.Model, i int, f func(t text.Token, id int32)) {
	terms := m.Sents[i].Terms
	k := 0
	for _, t := range m.Tokens[i] {
		if t.Stop || len(t.Lower) < 2 {
			continue
		}
		if k < len(terms) {
			f(t, terms[k])
		}
		k++
	}
}

// dateSentence returns the entry sentence si of an article gives, or nil.
func dateSentence(d *text.Doc, si int, ref, story time.Time) *dated {
	a := d.Article
	s, g := a.Sentences[si], &d.Sents[si]
	// A live-blog post's time stamp dates the words of its sentences.
	if s.Block >= 0 && s.Block < len(a.Blocks) && !a.Blocks[s.Block].Time.IsZero() {
		if t := withYear(a.Blocks[s.Block].Time, story); !t.IsZero() {
			ref = day0(t)
		}
	}
	// Without a reference date the relative dates are read against any
	// day, so that a main clause dated "on Saturday" is known to be dated,
	// though not when: it is no entry, rather than one under the date of
	// a clause inside it.
	read := ref
	if read.IsZero() {
		read = anyDay
	}
	ms := findDates(g, read)
	if len(ms) == 0 || !statement(a, s, g) {
		return nil
	}
	c := readClauses(g.Tokens, g.Runes)
	md, tok, ok := c.mainDate(ms)
	if !ok || ref.IsZero() && !absolute(g, md) {
		return nil
	}
	r := g.Runes
	from, to := 0, c.trim(tok)
	for from < to && r[from] == ' ' {
		from++
	}
	for to > from && r[to-1] == ' ' {
		to--
	}
	start := s.Start + from
	return &dated{date: md.d.String(), text: string(r[from:to]), cite: parallax.Cite{Source: a.SourceID, Start: start, End: start + to - from}}
}

// dangling are the words a sentence cut short ends on.
var dangling = set("that and or but the a an of to for with by on in at from as if which who whose whom than")

// anyDay is the reference date relative dates are read against when an
// article has none, only to find them.
var anyDay = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// absolute reports whether date m of a sentence is one findDates finds
// without a reference date.
func absolute(g *text.Seg, m match) bool {
	for _, x := range findDates(g, time.Time{}) {
		if x.from == m.from {
			return true
		}
	}
	return false
}

// statement reports whether a sentence can be an entry: a heading (a
// live blog's post title, a section title) or a question reports no
// event, nor does a line that introduces what follows ("… as follows:"),
// a piece cut from a sentence (it ends on a comma or a function word, or
// closes a bracket it never opened) or a dateline: fewer than three words beyond function words and dates, or
// none of them in lower case ("Published on Friday 27 September 2013",
// "County Sheriff's Deputy Jerry Ortiz in June, 2005.").
func statement(a *parallax.Article, s parallax.Sentence, g *text.Seg) bool {
	if s.Block >= 0 && s.Block < len(a.Blocks) && a.Blocks[s.Block].Heading {
		return false
	}
	end := strings.TrimRight(g.Text, " ”\"’'»)")
	if strings.HasSuffix(end, "?") || strings.HasSuffix(end, ":") || strings.HasSuffix(end, ",") || strings.HasSuffix(end, ";") {
		return false
	}
	if n := len(g.Tokens); n > 0 && dangling[g.Tokens[n-1].Lower] && !strings.HasSuffix(end, ".") {
		return false // cut on a function word ("… on Monday morning that")
	}
	if c, o := strings.IndexAny(g.Text, ")]"), strings.IndexAny(g.Text, "(["); c >= 0 && (o < 0 || c < o) {
		return false
	}
	n, lower := 0, false
	for _, t := range g.Tokens {
		if !t.Stop && !dateWord(t) {
			n++
			lower = lower || !t.Capital
		}
	}
	return n >= 3 && lower
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
