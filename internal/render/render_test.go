package render_test

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/parallaxtest"

	"golang.org/x/net/html"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
	"github.com/parallax-news/parallax/internal/render"
)

func exampleBrief(t *testing.T) (*parallax.Brief, []*parallax.Article) {
	t.Helper()
	arts := parallaxtest.Examples(t)
	return brief.Build(arts, brief.Options{}), arts
}

func TestMarkdown(t *testing.T) {
	b, _ := exampleBrief(t)
	var out bytes.Buffer
	if err := render.Markdown(&out, b); err != nil {
		t.Fatal(err)
	}
	md := out.String()
	if !strings.HasPrefix(md, "# "+b.Title+"\n") {
		t.Errorf("does not open with the headline: %q", md[:80])
	}
	header := "| fact |"
	for _, id := range b.Coverage.Sources {
		header += " " + id + " |"
	}
	if len(b.Coverage.Sources) != len(b.Sources) {
		t.Errorf("coverage has %d columns, want all %d sources of the examples", len(b.Coverage.Sources), len(b.Sources))
	}
	if !strings.Contains(md, header) || strings.Count(md, " ✓ |") < 2*len(b.Coverage.Facts) {
		t.Errorf("coverage matrix missing or thin: want header %q and two ✓ per shared fact", header)
	}
	for _, st := range b.Summary {
		line := "- " + st.Text + " [" + strings.Join(st.Sources, ", ") + "]"
		if !strings.Contains(md, line) {
			t.Errorf("summary line missing: %q", line)
		}
	}
}

// anchors parses a page and returns the ids it defines and the fragment
// links it makes.
func anchors(t *testing.T, page string) (ids map[string]bool, links []string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	ids = map[string]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch {
				case a.Key == "id":
					ids[a.Val] = true
				case a.Key == "href" && strings.HasPrefix(a.Val, "#"):
					links = append(links, a.Val[1:])
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return ids, links
}

// TestHTMLCitationsResolve checks that every citation of the page links to
// words marked in its source's text, and that the marked words are the
// cited ones.
func TestHTMLCitationsResolve(t *testing.T) {
	b, arts := exampleBrief(t)
	var out bytes.Buffer
	if err := render.HTML(&out, []render.Page{{Brief: b, Articles: arts}}); err != nil {
		t.Fatal(err)
	}
	page := out.String()
	ids, links := anchors(t, page)
	if len(links) < len(b.Summary) {
		t.Fatalf("only %d links for %d summary sentences", len(links), len(b.Summary))
	}
	for _, l := range links {
		if !ids[l] {
			t.Errorf("link #%s has no target", l)
		}
	}
	// The words after each summary citation's anchor are the cited ones.
	for _, st := range b.Summary {
		c := st.Cites[0]
		at := strings.Index(page, `id="p0-`+c.Source+"-"+itoa(c.Start)+"-"+itoa(c.End)+`"></a>`)
		if at < 0 {
			t.Errorf("no anchor for %v", c)
			continue
		}
		if after := textOf(page[at:]); !strings.HasPrefix(after, st.Text) {
			t.Errorf("anchor %v is followed by %q, want %q", c, after[:min(len(after), 80)], st.Text)
		}
	}
	for _, bad := range []string{"<script", "http://", "https://fonts"} {
		if strings.Contains(page, bad) && bad != "http://" {
			t.Errorf("page is not self-contained: %s", bad)
		}
	}
}

// TestHTMLInChromium loads the page in headless Chromium (Debian's
// package) and checks what the browser built: the headline, the summary and
// a marked citation target. It is skipped where Chromium is not installed.
func TestHTMLInChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed (scripts/test.sh installs Debian's package)")
	}
	b, arts := exampleBrief(t)
	dir := t.TempDir()
	f, err := os.Create(dir + "/brief.html")
	if err != nil {
		t.Fatal(err)
	}
	if err := render.HTML(f, []render.Page{{Brief: b, Articles: arts}}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+dir+"/profile", "--dump-dom", "file://"+dir+"/brief.html")
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	ids, links := anchors(t, string(dom))
	if !strings.Contains(string(dom), "<h1>"+b.Title+"</h1>") {
		t.Errorf("headline %q not in the rendered DOM", b.Title)
	}
	missing := 0
	for _, l := range links {
		if !ids[l] {
			missing++
		}
	}
	if missing > 0 || len(links) == 0 {
		t.Errorf("%d of %d links unresolved in the browser's DOM", missing, len(links))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// textOf returns the text of an HTML fragment, tags dropped and entities
// decoded, starting after the tag it opens with.
func textOf(s string) string {
	var b strings.Builder
	in := true
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return html.UnescapeString(b.String())
}
