// Package render writes briefs as Markdown, JSON or one self-contained HTML
// page in which every citation links to the cited words of its source.
package render

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
)

// Formats are the output formats of a brief.
const (
	FormatMarkdown = "md"
	FormatJSON     = "json"
	FormatHTML     = "html"
)

// Brief writes b to w in the named format. The HTML page shows the texts of
// arts with the cited words marked; the other formats ignore arts. It fails
// on an unknown format (EUSAGE) or when w fails.
func Brief(w io.Writer, format string, b *parallax.Brief, arts []*parallax.Article) error {
	switch format {
	case FormatMarkdown, "markdown", "":
		return Markdown(w, b)
	case FormatJSON:
		return JSON(w, b)
	case FormatHTML:
		return HTML(w, []Page{{Brief: b, Articles: arts}})
	}
	return parallax.Errorf(parallax.EUSAGE, "--format", "unknown format %q (want md, json or html)", format)
}

// JSON writes b as indented JSON, the documented contract.
func JSON(w io.Writer, b any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(b)
}

// Markdown writes b as a Markdown document. Every statement ends with the
// identifiers of its sources in brackets.
func Markdown(w io.Writer, b *parallax.Brief) error {
	var s strings.Builder
	md := func(format string, args ...any) { fmt.Fprintf(&s, format, args...) }
	title := b.Title
	if title == "" {
		title = "Untitled story"
	}
	md("# %s\n\n", title)
	md("## Sources\n\n")
	for _, src := range b.Sources {
		md("- **%s**: %s", src.ID, src.Name)
		if src.Title != "" {
			md(", “%s”", src.Title)
		}
		if src.Published != "" {
			md(", %s", src.Published)
		}
		if src.URL != "" {
			md(", <%s>", src.URL)
		}
		md(" (%s)\n", src.Path)
	}
	statements := func(head string, sts []parallax.Statement) {
		if len(sts) == 0 {
			return
		}
		md("\n## %s\n\n", head)
		for _, st := range sts {
			md("- %s %s\n", st.Text, tags(st.Sources))
		}
	}
	statements("Summary", b.Summary)
	statements("What the sources agree on", b.Agreed)
	if len(b.Conflicts) > 0 {
		md("\n## Where they differ\n\n")
		for _, c := range b.Conflicts {
			md("- **%s** (%s): %s\n", c.About, conflictKind(c), strings.TrimPrefix(c.Explanation, c.About+": "))
			for _, cl := range c.Claims {
				md("  - “%s” %s\n", cl.Text, tags(cl.Sources))
			}
		}
	}
	if len(b.Quotes) > 0 {
		md("\n## Who said what\n\n")
		for _, q := range b.Quotes {
			speaker := q.Speaker
			if speaker == "" {
				speaker = "unattributed"
			}
			md("- **%s** (%s): “%s” %s\n", speaker, q.Kind, q.Text, tags(q.Sources))
			for _, v := range q.Variants {
				switch {
				case v.Text == q.Text:
				case v.Kind == parallax.QuoteIndirect:
					md("  - paraphrased: %s %s\n", v.Text, tags(v.Sources))
				default:
					md("  - also worded: “%s” %s\n", v.Text, tags(v.Sources))
				}
			}
		}
	}
	if len(b.Figures) > 0 {
		md("\n## Key figures\n\n")
		for _, f := range b.Figures {
			md("- %s: %s %s\n", f.About, f.Text, tags(f.Sources))
		}
	}
	if len(b.Entities) > 0 {
		md("\n## People, organisations and places\n\n")
		for _, e := range b.Entities {
			md("- **%s** (%s)", e.Name, e.Kind)
			if len(e.Descriptions) > 0 {
				md(": %s", strings.Join(e.Descriptions, "; "))
			}
			md(" %s\n", tags(e.Sources))
		}
	}
	if len(b.Timeline) > 0 {
		md("\n## Timeline\n\n")
		for _, e := range b.Timeline {
			when := e.Date
			if e.Time != "" {
				when += " " + e.Time
			}
			md("- **%s**: %s %s\n", when, e.Text, tags(e.Sources))
		}
	}
	if len(b.Exclusive) > 0 {
		md("\n## Only in one source\n\n")
		for _, ex := range b.Exclusive {
			md("- **%s**\n", ex.Source)
			for _, f := range ex.Facts {
				md("  - %s\n", f.Text)
			}
		}
	}
	if len(b.Coverage.Facts) > 0 {
		md("\n## Coverage: who carries each shared fact\n\n")
		md("| fact |")
		for _, src := range b.Sources {
			md(" %s |", src.ID)
		}
		md("\n|---|")
		for range b.Sources {
			md(":-:|")
		}
		md("\n")
		for _, row := range coverageRows(b) {
			md("| %s |", strings.ReplaceAll(row.Text, "|", "\\|"))
			for _, has := range row.Carried {
				if has {
					md(" ✓ |")
				} else {
					md(" – |")
				}
			}
			md("\n")
		}
		md("\n")
		for _, src := range b.Sources {
			if idx := b.Coverage.Omitted[src.ID]; len(idx) > 0 {
				md("- **%s** leaves out %d of %d shared facts\n", src.ID, len(idx), len(b.Coverage.Facts))
			}
		}
	}
	if len(b.OffTopic) > 0 {
		md("\n## Left out as off-topic\n\n")
		for _, o := range b.OffTopic {
			md("- [%s %d–%d] %s\n", o.Source, o.Start, o.End, o.Text)
		}
	}
	if len(b.Removed) > 0 {
		md("\n## Cut while cleaning\n\n")
		for _, r := range b.Removed {
			md("- [%s %d–%d, %s] %s\n", r.Source, r.Start, r.End, r.Reason, r.Text)
		}
	}
	_, err := io.WriteString(w, s.String())
	return err
}

// coverageRow is one fact of the coverage matrix: whether each source of
// the brief, in order, carries it.
type coverageRow struct {
	Text    string
	Carried []bool
}

// coverageRows lays out the coverage matrix of b in the order of its
// sources.
func coverageRows(b *parallax.Brief) []coverageRow {
	var rows []coverageRow
	for _, f := range b.Coverage.Facts {
		row := coverageRow{Text: f.Text}
		for _, src := range b.Sources {
			row.Carried = append(row.Carried, slices.Contains(f.Sources, src.ID))
		}
		rows = append(rows, row)
	}
	return rows
}

// conflictKind labels a conflict for the reader.
func conflictKind(c parallax.Conflict) string {
	if c.Consistent {
		return c.Kind + ", consistent"
	}
	return c.Kind
}

func tags(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return "[" + strings.Join(ids, ", ") + "]"
}
