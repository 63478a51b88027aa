package ingest

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/parallax-news/parallax"
)

// DecodeFeed reads the items of an RSS, Atom or RDF feed named input (see
// parseFeed), as a feed poller does with each fetch. It fails with EINVALID
// for a malformed feed; items with neither title nor text are reported and
// skipped; unreadable dates are left out without a word.
func DecodeFeed(input string, b []byte) ([]parallax.Document, error) {
	return parseFeed(input, b, nil)
}

// parseFeed reads an RSS, Atom or RDF feed with gofeed: each item becomes a
// document whose text is the item's content (or, failing that, its
// description) with the HTML turned into one line per paragraph. The feed's
// title names the source. An item with a title and no text has its title
// as text; one with neither is reported and skipped. A date gofeed could
// not read is read by ParseTime, else left out with a warning to warn
// (which may be nil), the item kept undated.
func parseFeed(path string, b []byte, warn func(error)) ([]parallax.Document, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, path, "malformed feed: %w", err)
	}
	var docs []parallax.Document
	var errs []error
	for i, it := range feed.Items {
		input := fmt.Sprintf("%s#%d", path, i+1)
		body := it.Content
		if strings.TrimSpace(body) == "" {
			body = it.Description
		}
		text := htmlText(body)
		if text == "" {
			// A headline alone is an article: its offsets refer to the title.
			text = strings.TrimSpace(it.Title)
		}
		if text == "" {
			errs = append(errs, parallax.Errorf(parallax.EINVALID, input, "empty article: feed item with no title and no text"))
			continue
		}
		d := parallax.Document{ID: it.GUID, Path: input, URL: it.Link, Title: strings.TrimSpace(it.Title), Source: strings.TrimSpace(feed.Title), Text: text}
		if it.Author != nil {
			d.Author = it.Author.Name
		}
		switch {
		case it.PublishedParsed != nil:
			d.Published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			d.Published = *it.UpdatedParsed
		default:
			for _, s := range []string{it.Published, it.Updated} {
				if strings.TrimSpace(s) == "" {
					continue
				}
				if t, ok := ParseTime(s); ok {
					d.Published = t
					break
				}
				warnf(warn, input, "date %q is not a date this reader knows; the item is kept undated", s)
				break
			}
		}
		d.Lang = feed.Language
		docs = append(docs, d)
	}
	if len(docs) == 0 && len(errs) == 0 {
		errs = append(errs, parallax.Errorf(parallax.EINVALID, path, "feed has no items"))
	}
	return docs, joinErrors(errs)
}

// htmlText turns an HTML fragment (or plain text) into text with one line
// per paragraph.
func htmlText(s string) string {
	if !strings.Contains(s, "<") {
		return strings.Join(strings.Fields(s), " ")
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return ""
	}
	root := &html.Node{Type: html.ElementNode, Data: "div"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return blockText(root)
}
