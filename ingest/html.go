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
