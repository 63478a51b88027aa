package web

import (
	"cmp"
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/desk"
	"github.com/parallax-news/parallax/internal/library"
)

// Bounds of the story page, so that a story of hundreds of articles gives
// a page of bounded size: the rest is folded or counted.
const (
	shownSources   = 30  // articles listed before the rest is folded
	shownExclusive = 12  // outlets whose exclusive facts are listed
	shownCut       = 100 // removed or off-topic parts listed
	shownVariants  = 6   // wordings listed per quote
	shownLong      = 30  // quotes, figures and timeline entries, unless all are asked for
)

// cite is one citation mark: a link to the cited words in the article
// page, labelled with the source's identifier, titled with its outlet.
type cite struct{ Href, Label, Title string }

// cites are the citation marks of a statement: the first shownCites, the
// rest counted (a fact carried by dozens of outlets lists a few).
type cites struct {
	Shown []cite
	More  int
}

// shownCites is the number of citation marks shown per statement.
const shownCites = 6

// statement is a sentence of the brief with its citations.
type statement struct {
	Text    string
	Sources int
	Cites   cites
	Side    string // of a claim in dispute: asserts or denies
}

// quoteView is one utterance with its wordings.
type quoteView struct {
	Text, Kind string
	Cites      cites
	Variants   []statement
	More       int // wordings not listed
}

// speaker is the quotes of one speaker.
type speaker struct {
	Name   string
	Quotes []quoteView
}

// conflictView is a disagreement, each side cited.
type conflictView struct {
	About, Kind, Explanation string
	Consistent               bool
	Claims                   []statement
}

// figureView is a number a source gives.
type figureView struct {
	About, Text, Unit string
	Cites             cites
}

// eventView is a dated entry of the timeline.
type eventView struct {
	Date, Time, Text string
	Cites            cites
}

// matrix is the coverage matrix, bounded: the most carried facts against
// the outlets that carry the most, the rest counted.
type matrix struct {
	Outlets              []parallax.Source
	Rows                 []matrixRow
	MoreFacts, MoreOuts  int
	TotalFacts, TotalOut int
}

type matrixRow struct {
	Text    string
	Carried []bool
}

// sourceView is one article of the story as listed.
type sourceView struct {
	parallax.Source
	Page, Link string
}

// exclusiveView is what one outlet alone reports.
type exclusiveView struct {
	Source string
	Facts  []statement
}

// cutView is a removed or off-topic part of one article.
type cutView struct {
	Source, Reason, Text, Href string
}

// storyView is the story page.
type storyView struct {
	Info      parallax.StoryInfo
	Brief     *parallax.Brief
	Outlets   []string
	Version   int
	Current   bool
	Pending   bool
	Summary   []statement
	Agreed    []statement
	Conflicts []conflictView
	Speakers  []speaker
	Figures   []figureView
	Timeline  []eventView
	Matrix    matrix
	Exclusive []exclusiveView
	MoreExcl  int
	Removed   []cutView
	OffTopic  []cutView
	MoreCut   int
	Sources   []sourceView
	Folded    []sourceView
	Versions  []parallax.StoryVersion
	Since     int
	Changes   *changesView
	// All is true when every quote, figure and event is listed; More
	// counts those left out otherwise.
	All  bool
	More int
}

// changesView is what changed since a version.
type changesView struct {
	Since, Version, Compared int
	Sources                  []sourceView
	Facts                    []statement
	Quotes                   []quoteView
	Figures                  []figureView
	Conflicts                []conflictView
}

// citer makes citation links: a brief's source identifiers to the keys of
// their articles.
type citer struct {
	keys    map[string]string
	outlets map[string]string
}

func newCiter(w *desk.Written) citer {
	c := citer{keys: map[string]string{}, outlets: map[string]string{}}
	for i, s := range w.Brief.Sources {
		if i < len(w.Keys) {
			c.keys[s.ID] = w.Keys[i]
		}
		c.outlets[s.ID] = s.Name
	}
	return c
}

// cites returns the links of cs, numbered when a source is cited more
// than once ("bbc", "bbc·2"), the first shownCites of them.
func (c citer) cites(cs []parallax.Cite) cites {
	shown, more := fold(cs, shownCites)
	return cites{Shown: c.links(shown), More: len(more)}
}

func (c citer) links(cs []parallax.Cite) []cite {
	out := make([]cite, 0, len(cs))
	seen := map[string]int{}
	for _, x := range cs {
		seen[x.Source]++
		label := x.Source
		if n := seen[x.Source]; n > 1 {
			label += "·" + itoa(n)
		}
		href := ""
		if key, ok := c.keys[x.Source]; ok {
			href = articleURL(key, citeAnchor(x.Start, x.End))
		}
		out = append(out, cite{Href: href, Label: label, Title: cmp.Or(c.outlets[x.Source], x.Source)})
	}
	return out
}

func (c citer) statements(sts []parallax.Statement) []statement {
	out := make([]statement, len(sts))
	for i, st := range sts {
		out[i] = statement{Text: st.Text, Sources: len(st.Sources), Cites: c.cites(st.Cites)}
	}
	return out
}

// newStoryView builds the story page of info from its latest brief w:
// the first shownLong quotes, figures and events unless all.
func newStoryView(info parallax.StoryInfo, w *desk.Written, all bool) *storyView {
	b := w.Brief
	c := newCiter(w)
	quotes, figures, events := b.Quotes, b.Figures, b.Timeline
	more := 0
	if !all {
		quotes, figures, events = quotes[:min(len(quotes), shownLong)], figures[:min(len(figures), shownLong)], events[:min(len(events), shownLong)]
		more = len(b.Quotes) + len(b.Figures) + len(b.Timeline) - len(quotes) - len(figures) - len(events)
	}
	v := &storyView{Info: info, Brief: b, Outlets: outletNames(b.Sources), Version: w.Version, Current: w.Current,
		Summary: c.statements(b.Summary), Agreed: c.statements(b.Agreed),
		Conflicts: c.conflicts(b.Conflicts), Speakers: c.speakers(quotes), Figures: c.figures(figures),
		Timeline: c.timeline(events), Matrix: newMatrix(b), All: all, More: more}
	v.Exclusive, v.MoreExcl = c.exclusive(b.Exclusive)
	v.Removed, v.OffTopic, v.MoreCut = c.cut(b)
	srcs := c.sources(b.Sources)
	v.Sources, v.Folded = fold(srcs, shownSources)
	return v
}

// fold splits a list into what is shown and what is folded away.
func fold[T any](xs []T, n int) (shown, folded []T) {
	if len(xs) <= n {
		return xs, nil
	}
	return xs[:n], xs[n:]
}

func (c citer) sources(srcs []parallax.Source) []sourceView {
	out := make([]sourceView, len(srcs))
	for i, s := range srcs {
		out[i] = sourceView{Source: s, Link: safeLink(s.URL)}
		if key, ok := c.keys[s.ID]; ok {
			out[i].Page = articleURL(key, "")
		}
	}
	return out
}

func (c citer) conflicts(xs []parallax.Conflict) []conflictView {
	out := make([]conflictView, len(xs))
	for i, x := range xs {
		claims := make([]statement, len(x.Claims))
		for k, cl := range x.Claims {
			claims[k] = statement{Text: cl.Text, Sources: len(cl.Sources), Cites: c.cites(cl.Cites), Side: cl.Side}
		}
		out[i] = conflictView{About: x.About, Kind: x.Kind, Consistent: x.Consistent,
			Explanation: strings.TrimPrefix(x.Explanation, x.About+": "), Claims: claims}
	}
	return out
}

// The headings of the quotes no speaker is said to utter.
const (
	unattributed = "Quoted without a speaker"
	termsHeading = "Terms in quotation marks"
)

// speakers groups the quotes by speaker, in the order each speaker is
// first quoted; then the quotations without a speaker, then the words set
// in quotation marks as terms.
func (c citer) speakers(qs []parallax.Quote) []speaker {
	var out []speaker
	at := map[string]int{}
	for _, q := range qs {
		name := cmp.Or(q.Speaker, unattributed)
		if q.Kind == parallax.QuoteTerm {
			name = termsHeading
		}
		i, ok := at[name]
		if !ok {
			i = len(out)
			at[name] = i
			out = append(out, speaker{Name: name})
		}
		out[i].Quotes = append(out[i].Quotes, c.quote(q))
	}
	rank := func(s speaker) int {
		switch s.Name {
		case unattributed:
			return 1
		case termsHeading:
			return 2
		}
		return 0
	}
	slices.SortStableFunc(out, func(a, b speaker) int { return cmp.Compare(rank(a), rank(b)) })
	return out
}

func (c citer) quote(q parallax.Quote) quoteView {
	v := quoteView{Text: q.Text, Kind: q.Kind, Cites: c.cites(q.Cites)}
	if len(q.Variants) > 1 {
		vs, more := fold(q.Variants, shownVariants)
		for _, x := range vs {
			v.Variants = append(v.Variants, statement{Text: x.Text, Sources: len(x.Sources), Cites: c.cites(x.Cites)})
		}
		v.More = len(more)
	}
	return v
}

func (c citer) figures(fs []parallax.Figure) []figureView {
	out := make([]figureView, len(fs))
	for i, f := range fs {
		out[i] = figureView{About: f.About, Text: f.Text, Unit: f.Unit, Cites: c.cites(f.Cites)}
	}
	return out
}

func (c citer) timeline(es []parallax.Event) []eventView {
	out := make([]eventView, len(es))
	for i, e := range es {
		out[i] = eventView{Date: e.Date, Time: e.Time, Text: e.Text, Cites: c.cites(e.Cites)}
	}
	return out
}

func (c citer) exclusive(xs []parallax.Exclusive) ([]exclusiveView, int) {
	shown, more := fold(xs, shownExclusive)
	out := make([]exclusiveView, len(shown))
	for i, x := range shown {
		out[i].Source = cmp.Or(c.outlets[x.Source], x.Source)
		for _, f := range x.Facts {
			href := ""
			if key, ok := c.keys[x.Source]; ok {
				href = articleURL(key, "")
			}
			out[i].Facts = append(out[i].Facts, statement{Text: f.Text, Sources: 1, Cites: cites{Shown: []cite{{Href: href, Label: x.Source, Title: out[i].Source}}}})
		}
	}
	return out, len(more)
}

// cut lists the removed and off-topic parts, at most shownCut of both,
// each linking to its article, and counts the rest.
func (c citer) cut(b *parallax.Brief) (removed, offTopic []cutView, more int) {
	page := func(src string) string {
		if key, ok := c.keys[src]; ok {
			return articleURL(key, "")
		}
		return ""
	}
	for _, r := range b.Removed {
		if len(removed) >= shownCut {
			more++
			continue
		}
		removed = append(removed, cutView{Source: cmp.Or(c.outlets[r.Source], r.Source), Reason: r.Reason, Text: r.Text, Href: page(r.Source)})
	}
	for _, o := range b.OffTopic {
		if len(offTopic) >= shownCut {
			more++
			continue
		}
		offTopic = append(offTopic, cutView{Source: cmp.Or(c.outlets[o.Source], o.Source), Reason: "off-topic", Text: o.Text, Href: page(o.Source)})
	}
	return removed, offTopic, more
}

// newMatrix lays out the coverage matrix as the brief bounds it: its
// facts (the most widely carried) against its sources (those carrying the
// most of them), with the counts of those left out.
func newMatrix(b *parallax.Brief) matrix {
	facts := b.Coverage.Facts
	m := matrix{TotalFacts: len(facts) + b.Truncated["coverage.facts"], TotalOut: len(b.Sources),
		MoreFacts: b.Truncated["coverage.facts"], MoreOuts: b.Truncated["coverage.sources"]}
	if len(facts) == 0 {
		return m
	}
	byID := map[string]parallax.Source{}
	for _, s := range b.Sources {
		byID[s.ID] = s
	}
	for _, id := range b.Coverage.Sources {
		m.Outlets = append(m.Outlets, byID[id])
	}
	if len(b.Coverage.Sources) == 0 { // a brief stored before its columns were
		m.Outlets = b.Sources
	}
	for _, f := range facts {
		row := matrixRow{Text: f.Text, Carried: make([]bool, len(m.Outlets))}
		for k, o := range m.Outlets {
			row.Carried[k] = slices.Contains(f.Sources, o.ID)
		}
		m.Rows = append(m.Rows, row)
	}
	return m
}

// newChanges shows what changed since a version.
func (c citer) changes(ch *library.Changes, compared int) *changesView {
	v := &changesView{Since: ch.Since, Version: ch.Version, Compared: compared,
		Sources: c.sources(ch.Sources), Facts: c.statements(ch.Facts),
		Figures: c.figures(ch.Figures), Conflicts: c.conflicts(ch.Conflicts)}
	for _, q := range ch.Quotes {
		v.Quotes = append(v.Quotes, c.quote(q))
	}
	return v
}
