// Package opml reads and writes OPML subscription lists, the file feed
// readers exchange their feeds in (OPML 2.0; 1.0 files read the same).
// Outlines nest in folders; every outline with an xmlUrl is a feed.
package opml

import (
	"encoding/xml"
	"io"
	"strings"

	"github.com/parallax-news/parallax"
)

// MaxBytes is the largest OPML file read.
const MaxBytes = 8 << 20

// Feed is one subscription: its address and, when the file gives them,
// its title and the site it belongs to.
type Feed struct {
	URL, Title, Site string
}

type document struct {
	XMLName xml.Name  `xml:"opml"`
	Version string    `xml:"version,attr"`
	Title   string    `xml:"head>title"`
	Body    []outline `xml:"body>outline"`
}

type outline struct {
	Text     string    `xml:"text,attr"`
	Title    string    `xml:"title,attr,omitempty"`
	Type     string    `xml:"type,attr,omitempty"`
	XMLURL   string    `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string    `xml:"htmlUrl,attr,omitempty"`
	Children []outline `xml:"outline"`
}

// Read returns the feeds of the OPML file named input, folders flattened,
// each address once, in the order of the file. It fails with EINVALID for
// a file that is not OPML or lists no feed, and ETOOLARGE for one over
// MaxBytes.
func Read(input string, r io.Reader) ([]Feed, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, input, "read: %w", err)
	}
	if len(b) > MaxBytes {
		return nil, parallax.Errorf(parallax.ETOOLARGE, input, "OPML file over %d bytes", MaxBytes)
	}
	var doc document
	if err := xml.Unmarshal(b, &doc); err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, input, "not an OPML file: %w", err)
	}
	var feeds []Feed
	seen := map[string]bool{}
	var walk func([]outline)
	walk = func(os []outline) {
		for _, o := range os {
			if u := strings.TrimSpace(o.XMLURL); u != "" && !seen[u] {
				seen[u] = true
				title := strings.TrimSpace(o.Title)
				if title == "" {
					title = strings.TrimSpace(o.Text)
				}
				feeds = append(feeds, Feed{URL: u, Title: title, Site: strings.TrimSpace(o.HTMLURL)})
			}
			walk(o.Children)
		}
	}
	walk(doc.Body)
	if len(feeds) == 0 {
		return nil, parallax.Errorf(parallax.EINVALID, input, "OPML file lists no feed (no outline with an xmlUrl)")
	}
	return feeds, nil
}

// Write writes the feeds as an OPML 2.0 file titled title.
func Write(w io.Writer, title string, feeds []Feed) error {
	doc := document{Version: "2.0", Title: title}
	for _, f := range feeds {
		text := f.Title
		if text == "" {
			text = f.URL
		}
		doc.Body = append(doc.Body, outline{Text: text, Title: f.Title, Type: "rss", XMLURL: f.URL, HTMLURL: f.Site})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
