package ingest

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/unicode/norm"

	"github.com/parallax-news/parallax"
)

// parseHTML extracts the main text and the metadata (title, date, site name,
// author, canonical URL, language) of an HTML page with go-trafilatura. The
// document's Text is the extracted text, one paragraph a line: offsets of the
// brief refer to it. A page too large or too dense for go-trafilatura (see
// MaxExtractBytes and heavy) is read by parseLargeHTML. It fails with
// EINVALID for a page without text, and with ETOOLARGE for one nested
// deeper than maxHTMLDepth or, over MaxExtractBytes, with more than
// maxHTMLElements elements.
func parseHTML(input string, b []byte) (parallax.Document, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "empty article")
	}
	b = utf8Page(b)
	if len(b) > MaxExtractBytes && countElements(b) > maxHTMLElements {
		return parallax.Document{}, parallax.Errorf(parallax.ETOOLARGE, input, "HTML with more than the limit of %d elements", maxHTMLElements)
	}
	// Scripting off: the content of <noscript> is markup, not raw text
	// that would reach the text as tags (some pages, Blogger's among them,
	// hold their article there).
	root, err := html.ParseWithOptions(bytes.NewReader(b), html.ParseOptionEnableScripting(false))
	if err != nil {
		return parallax.Document{}, htmlError(input, err)
	}
	p := readPage(root)
	if len(b) > MaxExtractBytes || p.heavy() {
		return parseLargeHTML(input, root, &p)
	}
	res, err := trafilatura.ExtractDocument(root, trafilatura.Options{
		EnableFallback:  true,
		ExcludeComments: true,
		Focus:           trafilatura.Balanced,
	})
	if err != nil {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "no article text found in HTML: %w", err)
	}
	text := withoutRepeats(blockText(res.ContentNode))
	if text == "" {
		text = strings.TrimSpace(res.ContentText)
	}
	if text == "" {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "no article text found in HTML")
	}
	m := res.Metadata
	return parallax.Document{
		Path:      input,
		URL:       m.URL,
		Title:     oneLine(m.Title),
		Source:    oneLine(m.Sitename),
		Author:    oneLine(m.Author),
		Lang:      m.Language,
		Published: p.publishedOn(m.Date),
		Text:      text,
	}, nil
}

// softHyphen is U+00AD in UTF-8: an invisible break point, dropped.
var softHyphen = []byte("\u00ad")

// utf8Page returns a page in UTF-8 and in Unicode's composed form (NFC),
// without soft hyphens nor a byte order mark, as go-trafilatura reads a
// page: as it is when it is valid UTF-8 (whatever it declares: text in
// another encoding is hardly ever valid UTF-8) and not UTF-16, else
// decoded from the encoding that it declares (see pageEncoding); bytes that
// are no character become U+FFFD.
func utf8Page(b []byte) []byte {
	utf16 := bytes.HasPrefix(b, []byte{0xfe, 0xff}) || bytes.HasPrefix(b, []byte{0xff, 0xfe})
	if utf16 || !utf8.Valid(b) {
		if e := pageEncoding(b); e != nil {
			if d, err := e.NewDecoder().Bytes(b); err == nil {
				b = d
			}
		}
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if bytes.Contains(b, softHyphen) {
		b = bytes.ReplaceAll(b, softHyphen, nil)
	}
	if !norm.NFC.IsNormal(b) {
		b = norm.NFC.Bytes(b)
	}
	return b
}

// metaCharset finds the charset a <meta> declares.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)`)

// pageEncoding returns the encoding of a page that is not UTF-8: the one
// its byte order mark declares, or a <meta> in its first 1024 bytes (as
// the HTML standard reads them) or, failing that, in its first 16 KiB
// (pages put scripts and styles before it), else windows-1252, the
// standard's default. It returns nil for UTF-8.
func pageEncoding(b []byte) encoding.Encoding {
	e, name, certain := charset.DetermineEncoding(b, "")
	if !certain && name == "windows-1252" {
		if m := metaCharset.FindSubmatch(b[:min(len(b), 16<<10)]); m != nil {
			if declared, n := charset.Lookup(string(m[1])); declared != nil {
				e, name = declared, n
			}
		}
	}
	if name == "utf-8" {
		return nil
	}
	return e
}

// countElements counts the start tags of a page with the tokenizer alone,
// which keeps no tree: the price of a tree is known before it is built.
func countElements(b []byte) int {
	z := html.NewTokenizer(bytes.NewReader(b))
	n := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.StartTagToken, html.SelfClosingTagToken:
			n++
		}
	}
}

// oneLine folds the runs of spaces and line breaks of a metadata field.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// htmlError is the error of a page the parser refused: ETOOLARGE for a page
// nested deeper than its limit, else EINVALID.
func htmlError(input string, err error) error {
	if strings.Contains(err.Error(), "open stack of elements exceeds") {
		return parallax.Errorf(parallax.ETOOLARGE, input, "HTML nested deeper than the limit of %d elements", maxHTMLDepth)
	}
	return parallax.Errorf(parallax.EINVALID, input, "broken HTML: %w", err)
}

// Bounds of any HTML page: the deepest nesting that x/net/html parses, and
// the most elements in a page over MaxExtractBytes (whose tree, with its
// text, takes some 300 bytes an element: 150 MB at most).
const (
	maxHTMLDepth    = 512
	maxHTMLElements = 500_000
)

// MaxExtractBytes is the largest page go-trafilatura extracts: its cost
// grows faster than the page (a 4 MB page of short paragraphs took 7 s),
// so a larger page is read by parseLargeHTML, whose cost grows with its
// size.
const MaxExtractBytes = 1 << 20

// Bounds of the pages go-trafilatura extracts, below MaxExtractBytes: its
// cost per element is high (20,000 elements take it half a second), and
// for each container it tries it joins the text of all the page's
// paragraphs one by one, a cost of paragraphs times text (4,000 paragraphs
// of 140 bytes took half a second). A page past either is read by
// parseLargeHTML. The largest of trafilatura's 983 test pages has 10,106
// elements and 7.7e7 as paragraphs times text.
const (
	maxExtractElements      = 20_000
	maxExtractParagraphText = 400_000_000
)

// heavy reports whether go-trafilatura would take long over the page.
func (p *page) heavy() bool {
	return p.elements > maxExtractElements || p.paragraphs*p.text > maxExtractParagraphText
}

// skipped are the elements whose text a large page's reading leaves out:
// code, styles, navigation and the page's furniture.
var skipped = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "svg": true, "iframe": true,
	"nav": true, "header": true, "footer": true, "aside": true, "form": true, "button": true, "select": true,
}

// parseLargeHTML reads a parsed page in one linear pass: the text of its
// <article> (else <main>, else <body>) one block a line, less navigation,
// furniture and code; its title (the <title>, else the first <h1>),
// canonical URL and site name from the head, its publication time from
// its metadata (see page.published).
func parseLargeHTML(input string, root *html.Node, p *page) (parallax.Document, error) {
	d := parallax.Document{Path: input}
	if t, _, ok := p.published(); ok {
		d.Published = t
	}
	var article, main, body, h1 *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "article":
				if article == nil {
					article = n
				}
			case "main":
				if main == nil {
					main = n
				}
			case "body":
				body = n
			case "h1":
				if h1 == nil {
					h1 = n
				}
			case "title":
				if d.Title == "" && n.FirstChild != nil {
					d.Title = oneLine(n.FirstChild.Data)
				}
			case "link":
				if attr(n, "rel") == "canonical" {
					d.URL = attr(n, "href")
				}
			case "meta":
				if attr(n, "property") == "og:site_name" {
					d.Source = oneLine(attr(n, "content"))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(root)
	if d.Title == "" && h1 != nil {
		d.Title = oneLine(blockText(h1))
	}
	for _, n := range []*html.Node{article, main, body} {
		if n != nil {
			prune(n)
			d.Text = withoutRepeats(blockText(n))
			break
		}
	}
	if d.Text == "" {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "no article text found in HTML")
	}
	return d, nil
}

// prune takes the skipped elements out of the tree below n. (The trees
// walked here are at most maxHTMLDepth elements deep: x/net/html refuses
// deeper pages.)
func prune(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && skipped[c.Data] {
			n.RemoveChild(c)
		} else {
			prune(c)
		}
		c = next
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

// blockElements end a line of the extracted text: the elements that part
// words in the page (separated) but table cells, which stay on their row's
// line, and go-trafilatura's "head", a heading.
var blockElements = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true, "caption": true,
	"center": true, "dd": true, "details": true, "dialog": true, "div": true, "dl": true, "dt": true,
	"fieldset": true, "figcaption": true, "figure": true, "footer": true, "form": true, "h1": true,
	"h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "head": true, "header": true,
	"hgroup": true, "hr": true, "legend": true, "li": true, "main": true, "menu": true, "nav": true,
	"ol": true, "option": true, "p": true, "pre": true, "section": true, "summary": true,
	"table": true, "tbody": true, "tfoot": true, "thead": true, "tr": true, "ul": true,
}

// blockText returns the text of an extracted content tree with one line per
// paragraph, heading or list item, spaces folded within each line: the
// paragraph structure that cleaning and citations rely on.
func blockText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var lines []string
	var cur strings.Builder
	flush := func() {
		if line := strings.Join(strings.Fields(cur.String()), " "); line != "" {
			lines = append(lines, line)
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			// The extractor trims the text that follows an inline element
			// ("<code>Dockerfile</code>to ensure"): put the space back, as
			// its own plain-text output does, unless punctuation follows.
			if p := n.PrevSibling; p != nil && p.Type == html.ElementNode && !blockElements[p.Data] && glued(cur.String(), n.Data) {
				cur.WriteByte(' ')
			}
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.Data == "script" || n.Data == "style" {
				return
			}
		}
		block := n.Type == html.ElementNode && blockElements[n.Data]
		if block {
			flush()
		}
		if n.Type == html.ElementNode && (n.Data == "td" || n.Data == "th") {
			cur.WriteByte(' ') // cells of a row stay apart
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(n)
	flush()
	return strings.Join(lines, "\n")
}

// minRepeat is the length, in code points, from which a line met again is a
// repeat: a sentence or more, not a heading or a table's cell.
const minRepeat = 50

// withoutRepeats drops from text (one paragraph a line) every line of at
// least minRepeat code points that an earlier line already said word for
// word: go-trafilatura, when it takes both a block and the paragraphs
// within it, repeats text that the page holds once (a lead, a paragraph,
// a headline), and a teaser or pull quote repeats the article's own words.
func withoutRepeats(text string) string {
	lines := strings.Split(text, "\n")
	seen := make(map[string]bool, len(lines))
	kept := lines[:0]
	for _, l := range lines {
		if utf8.RuneCountInString(l) >= minRepeat {
			if seen[l] {
				continue
			}
			seen[l] = true
		}
		kept = append(kept, l)
	}
	return strings.Join(kept, "\n")
}

// glued reports whether text would run into the word before it: both sides
// have no space at the join and text does not start with closing
// punctuation.
func glued(before, text string) bool {
	if before == "" || text == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(before)
	first, _ := utf8.DecodeRuneInString(text)
	return !unicode.IsSpace(last) && !unicode.IsSpace(first) && !strings.ContainsRune(".,;:!?)]}”’'\"%…", first)
}

// DecodeHTML reads an HTML page named input (its address, for a page
// fetched) as an HTML file is read: its main text and metadata. A page
// that is not UTF-8 is read in the encoding it declares (a fetched page is
// best converted first from the charset of its Content-Type). It fails
// with EINVALID when no article text is found, and with ETOOLARGE past the
// bounds of a page (see parseHTML).
func DecodeHTML(input string, b []byte) (parallax.Document, error) {
	return parseHTML(input, b)
}
