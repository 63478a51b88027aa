package render

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/parallax-news/parallax"
)

//go:embed templates/*.html
var templates embed.FS

// Page is one brief with the articles it cites.
type Page struct {
	Brief    *parallax.Brief
	Articles []*parallax.Article
}

// pageTemplates parses the templates of the page once, on first use; the
// set is only executed after that, never changed.
var pageTemplates = sync.OnceValues(func() (*template.Template, error) {
	return template.New("page.html").Funcs(template.FuncMap{
		"links":    citeLinks,
		"coverage": coverageRows,
		"join":     strings.Join,
		"kind":     conflictKind,
		"explain":  func(c parallax.Conflict) string { return strings.TrimPrefix(c.Explanation, c.About+": ") },
		"dict":     func(page int, cites []parallax.Cite) citeList { return citeList{page, cites} },
		"terms":    func(qs []parallax.Quote) []parallax.Quote { return quotesOf(qs, true) },
		"said":     func(qs []parallax.Quote) []parallax.Quote { return quotesOf(qs, false) },
	}).ParseFS(templates, "templates/*.html")
})

// HTML writes one self-contained page (styles inline, no script, no remote
// resource) with the briefs of pages: several pages get an index of stories
// at the top. Each citation links to the cited words, marked in the text of
// its source further down the page. It fails only when w fails or a
// template does not execute.
func HTML(w io.Writer, pages []Page) error {
	t, err := pageTemplates()
	if err != nil {
		return fmt.Errorf("render: parse templates: %w", err)
	}
	var views []pageView
	for i, p := range pages {
		views = append(views, pageView{Index: i, Brief: p.Brief, Texts: texts(i, p)})
	}
	return t.Execute(w, views)
}

// citeLink is one citation as a link: its target and its label, the
// source's identifier, numbered when the source is cited more than once
// ("guardian", "guardian·2").
type citeLink struct{ Href, Label string }

func citeLinks(l citeList) []citeLink {
	var out []citeLink
	seen := map[string]int{}
	for _, c := range l.Cites {
		seen[c.Source]++
		label := c.Source
		if n := seen[c.Source]; n > 1 {
			label = fmt.Sprintf("%s·%d", c.Source, n)
		}
		out = append(out, citeLink{Href: "#" + citeID(l.Page, c.Source, c.Start, c.End), Label: label})
	}
	return out
}

// citeList is what the "tags" template needs: the page and the citations.
type citeList struct {
	Page  int
	Cites []parallax.Cite
}

type pageView struct {
	Index int
	Brief *parallax.Brief
	Texts []sourceText
}

// sourceText is the text of one source cut into runs at every boundary of
// a citation, a removal or an off-topic part.
type sourceText struct {
	ID, Name string
	Runs     []run
}

// run is a piece of a source's text: plain, cited (by one citation or
// more), removed or off-topic, with the anchors of the citations that start
// there.
type run struct {
	Text    string
	Anchors []string
	Kind    string // "", "cite", "removed", "offtopic"
}

// citeID is the anchor of a cited span.
func citeID(page int, source string, start, end int) string {
	return fmt.Sprintf("p%d-%s-%d-%d", page, source, start, end)
}

// Mark is a span of one source's text that a brief cites, cut while
// cleaning or left out as off-topic: code-point offsets into the text as
// read, end exclusive.
type Mark struct {
	Start, End int
	// Kind is MarkCite, MarkRemoved or MarkOffTopic.
	Kind string
	// Reason is a removal's reason (see parallax.Removal).
	Reason string
}

// Kinds of marks.
const (
	MarkCite     = "cite"
	MarkRemoved  = "removed"
	MarkOffTopic = "offtopic"
)

// Marks returns the marks of source (a Source.ID of b) in the order the
// brief lists them: its citations, its removals, its off-topic parts. The
// same span cited twice is marked once.
func Marks(b *parallax.Brief, source string) []Mark {
	var out []Mark
	seen := map[[2]int]bool{}
	for _, c := range allCites(b) {
		if c.Source == source && !seen[[2]int{c.Start, c.End}] {
			seen[[2]int{c.Start, c.End}] = true
			out = append(out, Mark{Start: c.Start, End: c.End, Kind: MarkCite})
		}
	}
	for _, r := range b.Removed {
		if r.Source == source {
			out = append(out, Mark{Start: r.Start, End: r.End, Kind: MarkRemoved, Reason: r.Reason})
		}
	}
	for _, o := range b.OffTopic {
		if o.Source == source {
			out = append(out, Mark{Start: o.Start, End: o.End, Kind: MarkOffTopic})
		}
	}
	return out
}

// texts cuts each article's text into runs. Citations may nest (a figure
// inside a cited sentence): every citation gets an anchor at its start, and
// a run is marked as cited when any citation covers it.
func texts(page int, p Page) []sourceText {
	var out []sourceText
	for _, a := range p.Articles {
		out = append(out, sourceText{ID: a.SourceID, Name: a.Outlet, Runs: runs(page, a.SourceID, []rune(a.Text), Marks(p.Brief, a.SourceID))})
	}
	return out
}

// runs cuts text at the boundaries of marks.
func runs(page int, source string, text []rune, marks []Mark) []run {
	cuts := map[int]bool{0: true, len(text): true}
	anchors := map[int][]string{}
	for _, m := range marks {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			continue
		}
		cuts[m.Start], cuts[m.End] = true, true
		if m.Kind == MarkCite {
			id := citeID(page, source, m.Start, m.End)
			if !slices.Contains(anchors[m.Start], id) {
				anchors[m.Start] = append(anchors[m.Start], id)
			}
		}
	}
	points := make([]int, 0, len(cuts))
	for p := range cuts {
		points = append(points, p)
	}
	sort.Ints(points)
	var out []run
	for i := 0; i+1 < len(points); i++ {
		from, to := points[i], points[i+1]
		r := run{Text: string(text[from:to]), Anchors: anchors[from]}
		for _, m := range marks {
			if m.Start <= from && to <= m.End && rank(m.Kind) > rank(r.Kind) {
				r.Kind = m.Kind
			}
		}
		out = append(out, r)
	}
	return out
}

// rank orders the kinds of marks for a text that shows one kind per span:
// a removal shows over anything else, then off-topic, then a citation.
func rank(kind string) int {
	switch kind {
	case MarkRemoved:
		return 3
	case MarkOffTopic:
		return 2
	case MarkCite:
		return 1
	}
	return 0
}

// allCites gathers the citations of every part of a brief.
func allCites(b *parallax.Brief) []parallax.Cite {
	var cs []parallax.Cite
	for _, sts := range [][]parallax.Statement{b.Summary, b.Agreed} {
		for _, st := range sts {
			cs = append(cs, st.Cites...)
		}
	}
	for _, q := range b.Quotes {
		cs = append(cs, q.Cites...)
		for _, v := range q.Variants {
			cs = append(cs, v.Cites...)
		}
	}
	for _, f := range b.Figures {
		cs = append(cs, f.Cites...)
	}
	for _, c := range b.Conflicts {
		for _, cl := range c.Claims {
			cs = append(cs, cl.Cites...)
		}
	}
	for _, e := range b.Timeline {
		cs = append(cs, e.Cites...)
	}
	return cs
}

// quotesOf returns the quotes of qs that are terms, or those that are not.
func quotesOf(qs []parallax.Quote, terms bool) []parallax.Quote {
	var out []parallax.Quote
	for _, q := range qs {
		if (q.Kind == parallax.QuoteTerm) == terms {
			out = append(out, q)
		}
	}
	return out
}
