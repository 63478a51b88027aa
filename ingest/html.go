package ingest

import (
	"bytes"
	"strings"

	"github.com/markusmobius/go-trafilatura"
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
	text := strings.TrimSpace(res.ContentText)
	if text == "" {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "no article text found in HTML")
	}
	m := res.Metadata
	return parallax.Document{
		ID:        fileID(input),
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
