package render

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"

	"github.com/parallax-news/parallax"
)

//go:embed templates/*.html
var templates embed.FS

// Page is one brief with the articles it cites.
type Page struct {
	Brief    *parallax.Brief
	Articles []*parallax.Article
}

// HTML writes one self-contained page (styles inline, no script, no remote
// resource) with the briefs of pages: several pages get an index of stories
// at the top. Each citation links to the cited words, marked in the text of
// its source further down the page. It fails only when w fails or a
// template does not execute.
func HTML(w io.Writer, pages []Page) error {
	t, err := template.New("page.html").Funcs(template.FuncMap{
		"cite": citeID,
		"join": strings.Join,
		"dict": func(page int, cites []parallax.Cite) citeList { return citeList{page, cites} },
	}).ParseFS(templates, "templates/*.html")
	if err != nil {
		return fmt.Errorf("render: parse templates: %w", err)
	}
	var views []pageView
	for i, p := range pages {
		views = append(views, pageView{Index: i, Brief: p.Brief, Texts: texts(i, p)})
	}
	return t.Execute(w, views)
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

// sourceText is the kept text of one source cut into runs, each either
// plain or cited (with the anchor citations link to).
type sourceText struct {
	ID, Name string
	Runs     []run
}

type run struct {
	Text   string
	Anchor string
	Kind   string // "", "cite", "removed", "offtopic"
}

// citeID is the anchor of a cited span.
func citeID(page int, source string, start, end int) string {
	return fmt.Sprintf("p%d-%s-%d-%d", page, source, start, end)
}

// texts cuts each article's text into runs at the cited, removed and
// off-topic spans.
func texts(page int, p Page) []sourceText {
	type mark struct {
		start, end int
		kind       string
	}
	marks := map[string][]mark{}
	add := func(src string, start, end int, kind string) {
		marks[src] = append(marks[src], mark{start, end, kind})
	}
	b := p.Brief
	for _, c := range allCites(b) {
		add(c.Source, c.Start, c.End, "cite")
	}
	for _, r := range b.Removed {
		add(r.Source, r.Start, r.End, "removed")
	}
	for _, o := range b.OffTopic {
		add(o.Source, o.Start, o.End, "offtopic")
	}
	var out []sourceText
	for _, a := range p.Articles {
		runes := []rune(a.Text)
		ms := marks[a.SourceID]
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
		st := sourceText{ID: a.SourceID, Name: a.Outlet}
		pos := 0
		for _, m := range ms {
			if m.start < pos || m.end > len(runes) || m.start >= m.end {
				continue // overlapping marks: the first wins
			}
			if m.start > pos {
				st.Runs = append(st.Runs, run{Text: string(runes[pos:m.start])})
			}
			r := run{Text: string(runes[m.start:m.end]), Kind: m.kind}
			if m.kind == "cite" {
				r.Anchor = citeID(page, a.SourceID, m.start, m.end)
			}
			st.Runs = append(st.Runs, r)
			pos = m.end
		}
		if pos < len(runes) {
			st.Runs = append(st.Runs, run{Text: string(runes[pos:])})
		}
		out = append(out, st)
	}
	return out
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
