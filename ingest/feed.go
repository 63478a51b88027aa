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
// for a malformed feed; items without text are reported and skipped.
func DecodeFeed(input string, b []byte) ([]parallax.Document, error) {
	return parseFeed(input, b)
}

// parseFeed reads an RSS, Atom or RDF feed with gofeed: each item becomes a
// document whose text is the item's content (or, failing that, its
// description) with the HTML turned into one line per paragraph. The feed's
// title names the source. An item with no text is reported and skipped.
func parseFeed(path string, b []byte) ([]parallax.Document, error) {
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
			errs = append(errs, parallax.Errorf(parallax.EINVALID, input, "feed item %q has no text", it.Title))
			continue
		}
		d := parallax.Document{ID: it.GUID, Path: input, URL: it.Link, Title: strings.TrimSpace(it.Title), Source: strings.TrimSpace(feed.Title), Text: text}
		if d.ID == "" {
			d.ID = it.Link
		}
		if d.ID == "" {
			d.ID = input
		}
		if it.Author != nil {
			d.Author = it.Author.Name
		}
		switch {
		case it.PublishedParsed != nil:
			d.Published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			d.Published = *it.UpdatedParsed
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
