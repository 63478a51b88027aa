package ingest

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	json "github.com/goccy/go-json"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// page is what one walk over a parsed HTML page learns of it before
// extraction: its size in elements and text, and the publication times its
// metadata state.
type page struct {
	// elements counts the elements, paragraphs the <p> elements and text
	// the bytes of text outside scripts and styles.
	elements, paragraphs, text int
	// dates are the publication times of the page's metadata (see
	// dateKeys), and jsonLD the JSON-LD scripts, for their datePublished.
	dates  []dated
	jsonLD []string
}

// dated is a publication time as a page's metadata writes it, with the rank
// of the metadata that holds it (lower is better).
type dated struct {
	rank  int
	value string
}

// separated are the elements whose start and end part the words around
// them: the blocks of HTML, and the cells, items and line breaks that a
// browser never runs together.
var separated = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Br: true,
	atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true,
	atom.Hr: true, atom.Legend: true, atom.Li: true, atom.Main: true, atom.Menu: true, atom.Nav: true,
	atom.Ol: true, atom.Option: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Td: true, atom.Tfoot: true,
	atom.Th: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
}

// dateKeys rank the metadata that give a page's publication time: Open
// Graph's article:published_time first, then schema.org's datePublished
// as an item property (JSON-LD's ranks 2, see jsonLDDates), then the names
// that publishing systems use. Modification dates are not among them.
var dateKeys = map[string]int{
	"article:published_time": 0, "og:article:published_time": 0, "og:published_time": 0,
	"datepublished": 1,
	"pubdate":       3, "publishdate": 3, "publish-date": 3, "publish_date": 3, "published_time": 3,
	"article.published": 3, "article_date_original": 3, "original-publish-date": 3,
	"parsely-pub-date": 3, "sailthru.date": 3, "dc.date.issued": 3, "dcterms.issued": 3,
	"dc.date": 3, "dcterms.date": 3, "dcterms.created": 3, "date": 4,
}

// jsonLDRank is the rank of JSON-LD's datePublished among dateKeys.
const jsonLDRank = 2

// rawText are the elements whose content the parser keeps as raw text,
// not markup: code, styles and the like, never words that a reader of the
// page sees. (With scripting off, as parseHTML parses, <noscript> holds
// markup.)
var rawText = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Textarea: true, atom.Title: true,
	atom.Noembed: true, atom.Noframes: true, atom.Iframe: true, atom.Xmp: true, atom.Plaintext: true,
}

// maxJSONLD is the largest JSON-LD script read for a publication time.
const maxJSONLD = 1 << 20

// readPage walks a parsed page once: it counts its elements and text,
// collects the publication times of its metadata and puts a line break
// wherever nothing but a block boundary parts two words ("<h1>Bridge
// opens</h1><p>The mayor…"), so that no extractor, whichever way it joins
// text, runs them together. Its cost grows with the size of the tree, at
// most maxHTMLDepth deep.
func readPage(root *html.Node) page {
	var p page
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			switch {
			case c.Type == html.TextNode:
				p.text += len(c.Data)
			case c.Type != html.ElementNode:
			default:
				p.element(c)
				if separated[c.DataAtom] {
					separate(c)
				}
				if !rawText[c.DataAtom] {
					walk(c)
				}
			}
			c = next
		}
	}
	walk(root)
	return p
}

// separate puts a line break before and after the element n unless white
// space is already there.
func separate(n *html.Node) {
	if prev := n.PrevSibling; prev != nil && (prev.Type != html.TextNode || !endsWithSpace(prev.Data)) {
		n.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: "\n"}, n)
	}
	if next := n.NextSibling; next != nil && (next.Type != html.TextNode || !startsWithSpace(next.Data)) {
		n.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: "\n"}, next)
	}
}

func startsWithSpace(s string) bool { return s != "" && isSpace(s[0]) }
func endsWithSpace(s string) bool   { return s != "" && isSpace(s[len(s)-1]) }

// element counts the element n and keeps the publication time it states,
// if any: the content of a <meta>, the datetime of a <time>, the text of a
// JSON-LD script.
func (p *page) element(n *html.Node) {
	p.elements++
	switch n.DataAtom {
	case atom.P:
		p.paragraphs++
		return
	case atom.Script:
		if strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil && len(n.FirstChild.Data) <= maxJSONLD {
			p.jsonLD = append(p.jsonLD, n.FirstChild.Data)
		}
		return
	case atom.Meta, atom.Time:
	default:
		return
	}
	rank, value := -1, ""
	for _, a := range n.Attr {
		switch {
		case a.Key == "property" || a.Key == "name" || a.Key == "itemprop":
			if r, ok := dateKeys[strings.ToLower(strings.TrimSpace(a.Val))]; ok && (rank < 0 || r < rank) {
				rank = r
			}
		case a.Key == "pubdate" && n.DataAtom == atom.Time && rank < 0:
			rank = dateKeys["pubdate"]
		case a.Key == "content" && n.DataAtom == atom.Meta, a.Key == "datetime" && n.DataAtom == atom.Time:
			value = strings.TrimSpace(a.Val)
		}
	}
	if rank >= 0 && value != "" {
		p.dates = append(p.dates, dated{rank, value})
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

// published returns the publication time that the page's metadata state,
// and the value it was read from: the best ranked value that ParseTime
// reads, that has a time of day and is not before 1995 (a CMS's zero date,
// "1970-01-01", is none), else the best ranked such value without a time of
// day; ok is false when the metadata give none. JSON-LD is decoded only
// when no better ranked value has a time of day.
func (p *page) published() (t time.Time, value string, ok bool) {
	// try reads dates in order; it reports whether one had a time of day.
	try := func(dates []dated) bool {
		for _, d := range dates {
			read, parsed := ParseTime(d.value)
			switch {
			case !parsed || read.Year() < 1995:
			case hasClock(d.value):
				t, value, ok = read, d.value, true
				return true
			case !ok:
				t, value, ok = read, d.value, true
			}
		}
		return false
	}
	dates := slices.Clone(p.dates)
	slices.SortStableFunc(dates, func(a, b dated) int { return a.rank - b.rank })
	better := 0 // the dates ranked above JSON-LD's
	for better < len(dates) && dates[better].rank < jsonLDRank {
		better++
	}
	if !try(dates[:better]) && !try(p.jsonLDDates()) {
		try(dates[better:])
	}
	return t, value, ok
}

// publishedOn returns the publication time of the page's metadata, with its
// time of day and zone, else day, the date go-trafilatura found (its date
// library keeps no time, and at times takes the date of the last change
// for that of publication). A numeric date read month first ("10/05/2022
// 05:22 pm") is read day first when that is day and month first is not.
func (p *page) publishedOn(day time.Time) time.Time {
	t, value, ok := p.published()
	if !ok {
		return day
	}
	if !day.IsZero() && !sameDay(t, day) && !sameDay(t.UTC(), day) && ambiguousDate.MatchString(value) && t.Day() <= 12 {
		swapped := time.Date(t.Year(), time.Month(t.Day()), int(t.Month()), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
		if sameDay(swapped, day) {
			return swapped
		}
	}
	return t
}

// ambiguousDate matches a date that starts with day and month in some
// order ("10/05/2022").
var ambiguousDate = regexp.MustCompile(`^\s*\d{1,2}[/.]\d{1,2}[/.]\d{4}`)

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

// hasClock reports whether a date as written holds a time of day.
func hasClock(s string) bool {
	i := strings.IndexByte(s, ':')
	return i > 0 && i+1 < len(s) && s[i-1] >= '0' && s[i-1] <= '9' && s[i+1] >= '0' && s[i+1] <= '9'
}

// jsonLDDates returns the datePublished values of the page's JSON-LD, in
// the order of the scripts, each script's objects walked depth first with
// their keys in lexical order (so that the first found does not depend on
// the order of a map).
func (p *page) jsonLDDates() []dated {
	var out []dated
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if s, ok := v["datePublished"].(string); ok && strings.TrimSpace(s) != "" {
				out = append(out, dated{jsonLDRank, strings.TrimSpace(s)})
			}
			for _, k := range slices.Sorted(maps.Keys(v)) {
				if k != "datePublished" {
					walk(v[k])
				}
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	for _, script := range p.jsonLD {
		var v any
		// A broken script is no evidence; goccy's decoder bounds the depth.
		if json.Unmarshal([]byte(script), &v) == nil {
			walk(v)
		}
	}
	return out
}
