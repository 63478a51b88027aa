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
	m := &markdown{b: b}
	title := b.Title
	if title == "" {
		title = "Untitled story"
	}
	m.f("# %s\n\n", title)
	m.sources()
	m.statements("Summary", b.Summary)
	m.statements("What the sources agree on", b.Agreed)
	m.conflicts()
	m.quotes()
	m.figures()
	m.entities()
	m.timeline()
	m.exclusive()
	m.coverage()
	m.cuts()
	_, err := io.WriteString(w, m.s.String())
	return err
}

// markdown writes the sections of a brief in Markdown, one method each.
type markdown struct {
	b *parallax.Brief
	s strings.Builder
}

func (m *markdown) f(format string, args ...any) { fmt.Fprintf(&m.s, format, args...) }

// section writes the heading of a section of n entries and reports whether
// it has any; a section without entries is left out.
func (m *markdown) section(title string, n int) bool {
	if n == 0 {
		return false
	}
	m.f("\n## %s\n\n", title)
	return true
}

func (m *markdown) sources() {
	m.f("## Sources\n\n")
	for _, src := range m.b.Sources {
		m.f("- **%s**: %s", src.ID, src.Name)
		if src.Title != "" {
			m.f(", “%s”", src.Title)
		}
		if src.Published != "" {
			m.f(", %s", src.Published)
		}
		if src.URL != "" {
			m.f(", <%s>", src.URL)
		}
		m.f(" (%s)\n", src.Path)
	}
}

func (m *markdown) statements(head string, sts []parallax.Statement) {
	if len(sts) == 0 {
		return
	}
	m.f("\n## %s\n\n", head)
	for _, st := range sts {
		m.f("- %s %s\n", st.Text, tags(st.Sources))
	}
}

func (m *markdown) conflicts() {
	if !m.section("Where they differ", len(m.b.Conflicts)) {
		return
	}
	for _, c := range m.b.Conflicts {
		m.f("- **%s** (%s): %s\n", c.About, conflictKind(c), strings.TrimPrefix(c.Explanation, c.About+": "))
		for _, cl := range c.Claims {
			side := ""
			if cl.Side != "" {
				side = cl.Side + ": "
			}
			m.f("  - %s“%s” %s\n", side, cl.Text, tags(cl.Sources))
		}
	}
}

// quotes writes who said what: the utterances with their speakers, then
// the words quoted from each speaker in passing (partial quotations), then
// those quoted without a speaker, then the words set in quotation marks as
// terms.
func (m *markdown) quotes() {
	var said, partial, unattributed, terms []parallax.Quote
	for _, q := range m.b.Quotes {
		switch {
		case q.Kind == parallax.QuoteTerm:
			terms = append(terms, q)
		case q.Speaker == "":
			unattributed = append(unattributed, q)
		case q.Kind == parallax.QuotePartial:
			partial = append(partial, q)
		default:
			said = append(said, q)
		}
	}
	if m.section("Who said what", len(said)) {
		for _, q := range said {
			m.quote(q)
		}
	}
	if m.section("Their words, quoted in passing", len(partial)) {
		for _, g := range bySpeaker(partial) {
			m.f("- **%s**:", g[0].Speaker)
			for k, q := range g {
				sep := ";"
				if k == len(g)-1 {
					sep = ""
				}
				m.f(" “%s” %s%s", strings.TrimRight(q.Text, ".,;"), tags(q.Sources), sep)
			}
			m.f("\n")
		}
	}
	if m.section("Quoted without a speaker", len(unattributed)) {
		for _, q := range unattributed {
			m.quote(q)
		}
	}
	if m.section("Terms in quotation marks", len(terms)) {
		for _, q := range terms {
			m.f("- “%s” %s\n", q.Text, tags(q.Sources))
		}
	}
	m.more("quotes", "quotes")
}

// bySpeaker groups quotes by speaker, in the order each speaker first
// comes.
func bySpeaker(qs []parallax.Quote) [][]parallax.Quote {
	var out [][]parallax.Quote
	at := map[string]int{}
	for _, q := range qs {
		k, ok := at[q.Speaker]
		if !ok {
			k = len(out)
			at[q.Speaker] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], q)
	}
	return out
}

// quote writes one quote and its other wordings.
func (m *markdown) quote(q parallax.Quote) {
	if q.Speaker != "" {
		m.f("- **%s** (%s): “%s” %s\n", q.Speaker, q.Kind, q.Text, tags(q.Sources))
	} else {
		m.f("- (%s) “%s” %s\n", q.Kind, q.Text, tags(q.Sources))
	}
	for _, v := range q.Variants {
		switch {
		case v.Text == q.Text:
		case v.Kind == parallax.QuoteIndirect:
			m.f("  - paraphrased: %s %s\n", v.Text, tags(v.Sources))
		default:
			m.f("  - also worded: “%s” %s\n", v.Text, tags(v.Sources))
		}
	}
}

func (m *markdown) figures() {
	if !m.section("Key figures", len(m.b.Figures)) {
		return
	}
	for _, f := range m.b.Figures {
		m.f("- %s: %s %s\n", f.About, f.Text, tags(f.Sources))
	}
}

// entities lists the names of the story, each with its kind, the other
// forms the sources write it in and what they say it is.
func (m *markdown) entities() {
	if !m.section("Names: people, organisations, places and more", len(m.b.Entities)) {
		return
	}
	for _, e := range m.b.Entities {
		m.f("- **%s** (%s)", e.Name, e.Kind)
		if aliases := otherForms(e); len(aliases) > 0 {
			m.f(", also %s", strings.Join(aliases, ", "))
		}
		if len(e.Descriptions) > 0 {
			m.f(": %s", strings.Join(e.Descriptions, "; "))
		}
		m.f(" %s\n", tags(e.Sources))
	}
	m.more("entities", "names")
}

// otherForms returns at most three of an entity's other names, leaving out
// those that differ from another only in case, and the forms of a person's
// name that share a word with it ("Mr Bukele" for Nayib Bukele).
func otherForms(e parallax.Entity) []string {
	var out []string
	seen := map[string]bool{strings.ToLower(e.Name): true}
	name := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(e.Name)) {
		name[w] = true
	}
	for _, a := range e.Aliases {
		k := strings.ToLower(a)
		if seen[k] || (e.Kind == parallax.EntityPerson && sharesWord(k, name)) {
			continue
		}
		seen[k] = true
		out = append(out, a)
		if len(out) == 3 {
			break
		}
	}
	return out
}

func (m *markdown) timeline() {
	if !m.section("Timeline", len(m.b.Timeline)) {
		return
	}
	for _, e := range m.b.Timeline {
		when := e.Date
		if e.Time != "" {
			when += " " + e.Time
		}
		m.f("- **%s**: %s %s\n", when, e.Text, tags(e.Sources))
	}
}

func (m *markdown) exclusive() {
	if !m.section("Only in one source", len(m.b.Exclusive)) {
		return
	}
	for _, ex := range m.b.Exclusive {
		m.f("- **%s**\n", ex.Source)
		for _, f := range ex.Facts {
			m.f("  - %s\n", f.Text)
		}
	}
}

func (m *markdown) coverage() {
	b := m.b
	if !m.section("Coverage: who carries each shared fact", len(b.Coverage.Facts)) {
		return
	}
	m.f("| fact |")
	for _, id := range b.Coverage.Sources {
		m.f(" %s |", id)
	}
	m.f("\n|---|")
	for range b.Coverage.Sources {
		m.f(":-:|")
	}
	m.f("\n")
	for _, row := range coverageRows(b) {
		m.f("| %s |", strings.ReplaceAll(row.Text, "|", "\\|"))
		for _, has := range row.Carried {
			if has {
				m.f(" ✓ |")
			} else {
				m.f(" – |")
			}
		}
		m.f("\n")
	}
	m.f("\n")
	for _, id := range b.Coverage.Sources {
		if idx := b.Coverage.Omitted[id]; len(idx) > 0 {
			m.f("- **%s** leaves out %d of %d shared facts\n", id, len(idx), len(b.Coverage.Facts))
		}
	}
	m.more("coverage.facts", "shared facts")
	m.more("coverage.sources", "sources")
}

// more says how many entries of the list named key the brief left out.
func (m *markdown) more(key, what string) {
	if n := m.b.Truncated[key]; n > 0 {
		m.f("\n_%d more %s not shown._\n", n, what)
	}
}

// cuts lists what was left out as off-topic and what cleaning cut.
func (m *markdown) cuts() {
	if m.section("Left out as off-topic", len(m.b.OffTopic)) {
		for _, o := range m.b.OffTopic {
			m.f("- [%s %d–%d] %s\n", o.Source, o.Start, o.End, o.Text)
		}
	}
	if m.section("Cut while cleaning", len(m.b.Removed)) {
		for _, r := range m.b.Removed {
			m.f("- [%s %d–%d, %s] %s\n", r.Source, r.Start, r.End, r.Reason, r.Text)
		}
	}
}

// sharesWord reports whether s has a word of words.
func sharesWord(s string, words map[string]bool) bool {
	for _, w := range strings.Fields(s) {
		if words[w] {
			return true
		}
	}
	return false
}

// coverageRow is one fact of the coverage matrix: whether each source of
// the brief, in order, carries it.
type coverageRow struct {
	Text    string
	Carried []bool
}

// coverageRows lays out the coverage matrix of b in the order of its
// columns.
func coverageRows(b *parallax.Brief) []coverageRow {
	var rows []coverageRow
	for _, f := range b.Coverage.Facts {
		row := coverageRow{Text: f.Text}
		for _, id := range b.Coverage.Sources {
			row.Carried = append(row.Carried, slices.Contains(f.Sources, id))
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

// tags writes the identifiers of sources in brackets: at most eight, the
// rest counted.
func tags(ids []string) string {
	const most = 8 // a fact carried by a thousand outlets names eight
	switch {
	case len(ids) == 0:
		return ""
	case len(ids) > most:
		return fmt.Sprintf("[%s, +%d more]", strings.Join(ids[:most], ", "), len(ids)-most)
	}
	return "[" + strings.Join(ids, ", ") + "]"
}
