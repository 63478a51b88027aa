package ingest_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
)

// TestHTMLMinified: a page written without a byte between its tags reads
// as the same page laid out, whichever way it is extracted (go-trafilatura,
// its fallbacks and its baseline for a short page, the one-pass reading
// of a large one): block boundaries always part words.
func TestHTMLMinified(t *testing.T) {
	pretty, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	want, err := ingest.DecodeHTML("article.html", pretty)
	if err != nil {
		t.Fatal(err)
	}
	minified, err := os.ReadFile("testdata/minified.html")
	if err != nil {
		t.Fatal(err)
	}
	got, err := ingest.DecodeHTML("minified.html", minified)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(strings.Split(want.Text, "\n"), strings.Split(got.Text, "\n")); diff != "" {
		t.Errorf("minified page (-laid out +minified):\n%s", diff)
	}
	if got.Title != want.Title {
		t.Errorf("title %q, want %q", got.Title, want.Title)
	}

	para := "The mayor said the bridge over the river would open to traffic on Monday, after four years of work and a long dispute over its cost, report %d."
	var large strings.Builder
	large.WriteString("<html><head><title>Bridge opens</title></head><body><article><h1>Bridge opens</h1>")
	for i := 0; large.Len() <= ingest.MaxExtractBytes; i++ {
		fmt.Fprintf(&large, "<p>"+para+"</p>", i)
	}
	large.WriteString("<ul><li>First stop</li><li>Second stop</li></ul></article></body></html>")
	tests := []struct {
		name, page string
		want       string // the text with its runs of space folded
	}{
		// go-trafilatura's baseline reads these short pages, each block
		// not always a line of its own; their words stay apart.
		{"short page of divs", `<html><body><div><h1>Bridge opens</h1><div>The mayor said.</div><div>Traffic eases.</div></div></body></html>`,
			"Bridge opens The mayor said. Traffic eases."},
		{"short article", `<html><body><article><h2>Bridge opens</h2><p>The mayor said the bridge would open on Monday.</p><p>Traffic should ease, the council said.</p></article></body></html>`,
			"Bridge opens The mayor said the bridge would open on Monday. Traffic should ease, the council said."},
		{"items, cells and breaks", `<html><body><article><p>The bridge has two stops:</p><ul><li>North bank</li><li>South bank</li></ul><table><tr><td>Cars</td><td>1,200</td></tr></table><p>Open daily<br>from six</p></article></body></html>`,
			"The bridge has two stops: North bank South bank Cars 1,200 Open daily from six"},
		{"large page", large.String(), "Bridge opens " + fmt.Sprintf(para, 0) + " " + fmt.Sprintf(para, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ingest.DecodeHTML(tt.name, []byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if words := strings.Join(strings.Fields(d.Text), " "); !strings.Contains(words, tt.want) {
				t.Errorf("text lacks %q:\n%.600s", tt.want, d.Text)
			}
		})
	}
	// The large page's reading keeps a line a block.
	d, err := ingest.DecodeHTML("large", []byte(large.String()))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(d.Text, "\n")
	if lines[0] != "Bridge opens" || lines[len(lines)-2] != "First stop" || lines[len(lines)-1] != "Second stop" {
		t.Errorf("large page: lines %q … %q", lines[:2], lines[len(lines)-2:])
	}
}

// TestHTMLRepeats: a paragraph said again word for word is dropped, a
// short line (a heading, a cell) said again is kept.
func TestHTMLRepeats(t *testing.T) {
	para := "<p>The mayor said the bridge over the river would open to traffic on Monday, after four years of work.</p>"
	page := "<html><body><article><h2>Costs</h2>" + para + "<h2>Costs</h2>" + para +
		strings.Repeat(" ", ingest.MaxExtractBytes) + "</article></body></html>"
	d, err := ingest.DecodeHTML("repeats.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Costs", "The mayor said the bridge over the river would open to traffic on Monday, after four years of work.", "Costs"}
	if diff := cmp.Diff(want, strings.Split(d.Text, "\n")); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

// TestHTMLPublished: the publication time of a page's metadata keeps its
// time of day and zone, which go-trafilatura's date drops; a page without
// one has go-trafilatura's date.
func TestHTMLPublished(t *testing.T) {
	body := `<body><article><h1>Bridge opens</h1><p>The mayor said the bridge over the river would open to traffic on Monday, after four years of work.</p>` +
		`<p>Traffic in the centre of town should ease, the council said in a report that weighed the cost of the delays.</p></article></body></html>`
	page := func(head string) string { return "<html><head><title>Bridge opens</title>" + head + "</head>" + body }
	paris := time.FixedZone("", 2*3600)
	tests := []struct {
		name, head string
		want       time.Time
	}{
		{"article:published_time", `<meta property="article:published_time" content="2025-04-14T17:05:00+02:00">`,
			time.Date(2025, 4, 14, 17, 5, 0, 0, paris)},
		{"itemprop datePublished", `<meta itemprop="datePublished" content="2025-04-14T15:05:00Z">`,
			time.Date(2025, 4, 14, 15, 5, 0, 0, time.UTC)},
		{"JSON-LD graph", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Town"},{"@type":"NewsArticle","datePublished":"2025-04-14T17:05:00+02:00","dateModified":"2025-04-15T09:00:00+02:00"}]}</script>`,
			time.Date(2025, 4, 14, 17, 5, 0, 0, paris)},
		{"time of day beats a date", `<meta name="date" content="2025-04-14"><meta property="og:article:published_time" content="2025-04-14T17:05:00+02:00">`,
			time.Date(2025, 4, 14, 17, 5, 0, 0, paris)},
		{"modification is no publication", `<meta property="article:modified_time" content="2025-04-20T08:00:00Z"><meta property="article:published_time" content="2025-04-14T17:05:00Z">`,
			time.Date(2025, 4, 14, 17, 5, 0, 0, time.UTC)},
		{"a zero date is none", `<meta property="article:published_time" content="1970-01-01T01:00:00+01:00"><meta name="date" content="2025-04-14">`,
			time.Date(2025, 4, 14, 0, 0, 0, 0, time.UTC)},
		{"no metadata", ``, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ingest.DecodeHTML(tt.name, []byte(page(tt.head)))
			if err != nil {
				t.Fatal(err)
			}
			if !d.Published.Equal(tt.want) {
				t.Fatalf("published %v, want %v", d.Published, tt.want)
			}
			if _, off := d.Published.Zone(); !tt.want.IsZero() && off != 0 && d.Published.Format(time.RFC3339) != tt.want.Format(time.RFC3339) {
				t.Errorf("published %s, want the zone kept: %s", d.Published.Format(time.RFC3339), tt.want.Format(time.RFC3339))
			}
		})
	}
}

// TestHTMLEncoding: a page is read in the encoding it is in: UTF-8 when it
// is valid UTF-8, whatever it declares; else the encoding of its byte order
// mark or its <meta>, even one declared after scripts past the first 1024
// bytes; soft hyphens are dropped.
func TestHTMLEncoding(t *testing.T) {
	const para = "Le président du Salvador, Nayib Bukele, a déclaré lundi qu'il ne renverrait pas l'homme expulsé par erreur."
	page := func(head, body string) string {
		return "<html><head>" + head + "<title>Bukele</title></head><body><article><p>" + body + "</p><p>" + para + "</p></article></body></html>"
	}
	latin1 := func(s string) string {
		b, err := charmap.ISO8859_1.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16 := func(s string) string {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	script := "<script>" + strings.Repeat("var x = 1;\n", 200) + "</script>"
	tests := []struct{ name, page string }{
		{"UTF-8 declared Latin-1", page(`<meta charset="iso-8859-1">`, para)},
		{"Latin-1 declared late", latin1(page(script+`<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">`, para))},
		{"UTF-16 with a byte order mark", utf16(page("", para))},
		{"soft hyphens", page(`<meta charset="utf-8">`, strings.ReplaceAll(para, "président", "pré\u00adsi\u00addent"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ingest.DecodeHTML(tt.name, []byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(d.Text, para) {
				t.Errorf("text lacks %q:\n%s", para, d.Text)
			}
		})
	}
}

// FuzzHTML: any bytes read as a page give text or an error of a known
// kind, never a panic.
func FuzzHTML(f *testing.F) {
	for _, name := range []string{"testdata/article.html", "testdata/minified.html", "testdata/inline.html"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<html><head><script type="application/ld+json">{"datePublished":[</script><meta itemprop=datePublished content="10/05/2022 05:22 pm"></head><body><p>Words`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := ingest.DecodeHTML("fuzz.html", b)
		switch code := parallax.ErrorCode(err); {
		case err == nil && strings.TrimSpace(d.Text) == "":
			t.Errorf("no error and no text")
		case err != nil && code != parallax.EINVALID && code != parallax.ETOOLARGE:
			t.Errorf("error of kind %q: %v", code, err)
		}
	})
}
