package ingest

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	json "github.com/goccy/go-json"
	"strings"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
)

// record is the JSON form of an article. Unknown fields are kept in Extra.
type record struct {
	Kind      string             `json:"kind"`
	ID        json.RawMessage    `json:"id"`
	Author    string             `json:"author"`
	Path      string             `json:"path"`
	Metadata  []parallax.Removal `json:"metadata"`
	URL       string             `json:"url"`
	Title     string             `json:"title"`
	Text      string             `json:"text"`
	HTML      string             `json:"html"`
	Source    string             `json:"source"`
	Published string             `json:"published"`
	Lang      string             `json:"lang"`
	Label     any                `json:"label"`
}

// knownFields are the fields of record, and those of `parallax export`
// that ingest reads again rather than keeps (key, story, version: the store
// works them out anew).
var knownFields = map[string]bool{"id": true, "url": true, "title": true, "text": true, "html": true, "source": true,
	"published": true, "lang": true, "label": true, "kind": true, "author": true, "path": true, "metadata": true,
	"key": true, "story": true, "version": true}

// errNotArticle marks a line of an export that is not an article (a
// story): skipped by the readers of files, refused by DecodeArticle.
var errNotArticle = errors.New("not an article")

func validJSON(b []byte) bool { return json.Valid(b) }

// parseJSON reads one article object or an array of them; warnings go to
// warn (which may be nil).
func parseJSON(path string, b []byte, warn func(error)) ([]parallax.Document, error) {
	if err := checkText(path, b); err != nil {
		return nil, err
	}
	t := bytes.TrimSpace(b)
	if len(t) > 0 && t[0] == '[' {
		var raws []json.RawMessage
		if err := json.Unmarshal(t, &raws); err != nil {
			return nil, parallax.Errorf(parallax.EINVALID, path, "broken JSON: %w", err)
		}
		var docs []parallax.Document
		var errs []error
		for i, raw := range raws {
			d, err := parseRecord(fmt.Sprintf("%s[%d]", path, i), raw, warn)
			if errors.Is(err, errNotArticle) {
				continue
			}
			if err != nil {
				errs = append(errs, err)
				continue
			}
			docs = append(docs, d)
		}
		return docs, joinErrors(errs)
	}
	d, err := parseRecord(path, t, warn)
	if err != nil {
		return nil, err
	}
	return []parallax.Document{d}, nil
}

// parseRecord decodes one article object; input names it in errors and is
// its path unless it gives its own ("path", as export writes it); its ID is
// its "id", empty when it has none. An unreadable published date is left out, the
// article kept undated, with a warning to warn (which may be nil). A record
// with a title and no text has its title as text; one with neither is an
// empty article.
func parseRecord(input string, raw []byte, warn func(error)) (parallax.Document, error) {
	var r record
	if err := json.Unmarshal(raw, &r); err != nil {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "broken JSON: %w", err)
	}
	var all map[string]any
	if err := json.Unmarshal(raw, &all); err != nil {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "not a JSON object: %w", err)
	}
	if r.Kind != "" && r.Kind != "article" {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "a %q line: %w", r.Kind, errNotArticle)
	}
	id, err := recordID(r.ID)
	if err != nil {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "id: %w", err)
	}
	d := parallax.Document{ID: id, Path: cmp.Or(r.Path, input), URL: r.URL, Title: r.Title, Source: r.Source, Author: r.Author, Lang: r.Lang, Text: r.Text}
	if len(r.Metadata) > 0 {
		n := utf8.RuneCountInString(r.Text)
		for _, m := range r.Metadata {
			if m.Start < 0 || m.End < m.Start || m.End > n {
				return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "metadata span %d–%d outside the text", m.Start, m.End)
			}
		}
		d.Metadata = r.Metadata
	}
	switch l := r.Label.(type) {
	case string:
		d.Label = l
	case float64:
		d.Label = fmt.Sprint(l)
	}
	for k, v := range all {
		if !knownFields[k] {
			if d.Extra == nil {
				d.Extra = map[string]any{}
			}
			d.Extra[k] = v
		}
	}
	if strings.TrimSpace(r.Published) != "" {
		if t, ok := ParseTime(r.Published); ok {
			d.Published = t
		} else {
			warnf(warn, input, "published %q is not a date this reader knows; the article is kept undated", r.Published)
		}
	}
	if strings.TrimSpace(d.Text) == "" && r.HTML != "" {
		h, err := parseHTML(input, []byte(r.HTML))
		if err != nil {
			if strings.TrimSpace(d.Title) == "" {
				return parallax.Document{}, err
			}
			// The title is the text (below); what the HTML lacked is said.
			warnf(warn, input, "html field: %s; the title is the article's text", strings.TrimPrefix(err.Error(), input+": "))
		}
		d.Text = h.Text
		if d.Title == "" {
			d.Title = h.Title
		}
		if d.Source == "" {
			d.Source = h.Source
		}
		if d.Published.IsZero() {
			d.Published = h.Published
		}
		d.Author = cmp.Or(d.Author, h.Author)
	}
	if strings.TrimSpace(d.Text) == "" {
		if strings.TrimSpace(d.Title) == "" {
			return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "empty article: no title and no text")
		}
		// A headline alone is an article: its offsets refer to the title.
		d.Text = strings.TrimSpace(d.Title)
	}
	return d, nil
}

// recordID reads an id field: a string, or a number written as it is.
func recordID(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return "", fmt.Errorf("want a string or a number, got %s", raw)
	}
	return n.String(), nil
}

func joinErrors(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return joined(errs)
}

// joined is a list of errors that prints one per line and unwraps to all.
type joined []error

// Error returns the errors' messages, one per line.
func (j joined) Error() string {
	var b strings.Builder
	for i, e := range j {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (j joined) Unwrap() []error { return j }

// DecodeArticle decodes one article object (the JSON form read from .json
// and .jsonl files) into a document; input names it in errors and is its
// path; its ID is empty when it has none. It fails with EINVALID on broken JSON or a record with
// neither title nor text (a title alone becomes the text). An unreadable
// published date is left out without a word: the article is undated (Stream
// reports it through Options.Warn).
func DecodeArticle(input string, raw []byte) (parallax.Document, error) {
	return parseRecord(input, raw, nil)
}
