package ingest

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/parallax-news/parallax"
)

// parseHTML extracts the main text and the metadata (title, date, site name,
// author, canonical URL, language) of an HTML page with go-trafilatura. The
// document's Text is the extracted text, one paragraph a line: offsets of the
// brief refer to it.
func parseHTML(input string, b []byte) (parallax.Document, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "empty article")
	}
	if len(b) > MaxExtractBytes {
		return parseLargeHTML(input, b)
	}
	res, err := trafilatura.Extract(bytes.NewReader(b), trafilatura.Options{
		EnableFallback:  true,
		ExcludeComments: true,
		Focus:           trafilatura.Balanced,
	})
	if err != nil {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "no article text found in HTML: %w", err)
	}
	text := blockText(res.ContentNode)
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
		Title:     m.Title,
		Source:    m.Sitename,
		Author:    m.Author,
		Lang:      m.Language,
		Published: m.Date,
		Text:      text,
	}, nil
}

// MaxExtractBytes is the largest page go-trafilatura extracts: its cost
// grows with the square of the number of paragraphs (a 4 MB page of short
// paragraphs took 7 s), so a larger page is read by parseLargeHTML, whose
// cost grows with its size.
const MaxExtractBytes = 1 << 20

// skipped are the elements whose text a large page's reading leaves out:
// code, styles, navigation and the page's furniture.
var skipped = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "svg": true, "iframe": true,
	"nav": true, "header": true, "footer": true, "aside": true, "form": true, "button": true, "select": true,
}

// parseLargeHTML reads a page over MaxExtractBytes in one linear pass: the
// text of its <article> (else <main>, else <body>) one block a line, less
// navigation, furniture and code; its title (the <title>, else the first
// <h1>), canonical URL, site name and publication date from the head.
func parseLargeHTML(input string, b []byte) (parallax.Document, error) {
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "broken HTML: %w", err)
	}
	d := parallax.Document{Path: input}
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
					d.Title = strings.TrimSpace(n.FirstChild.Data)
				}
			case "link":
				if attr(n, "rel") == "canonical" {
					d.URL = attr(n, "href")
				}
			case "meta":
				switch attr(n, "property") + attr(n, "name") {
				case "og:site_name":
					d.Source = attr(n, "content")
				case "article:published_time", "date", "pubdate":
					if t, ok := ParseTime(attr(n, "content")); ok && d.Published.IsZero() {
						d.Published = t
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(root)
	if d.Title == "" && h1 != nil {
		d.Title = strings.Join(strings.Fields(blockText(h1)), " ")
	}
	for _, n := range []*html.Node{article, main, body} {
		if n != nil {
			prune(n)
			d.Text = blockText(n)
			break
		}
	}
	if d.Text == "" {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "no article text found in HTML")
	}
	return d, nil
}

// prune takes the skipped elements out of the tree below n. (The trees
// walked here are at most 512 elements deep: x/net/html refuses deeper
// pages.)
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

// blockElements end a line of the extracted text.
var blockElements = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "blockquote": true, "pre": true, "table": true, "tr": true,
	"br": true, "hr": true, "section": true, "article": true, "header": true, "footer": true,
	"figure": true, "figcaption": true, "dd": true, "dt": true, "head": true, "main": true,
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
// fetched), already in UTF-8, as an HTML file is read: its main text and
// metadata. It fails with EINVALID when no article text is found.
func DecodeHTML(input string, b []byte) (parallax.Document, error) {
	return parseHTML(input, b)
}
