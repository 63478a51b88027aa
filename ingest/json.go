package ingest

import (
	"bytes"
	"fmt"
	json "github.com/goccy/go-json"
	"strings"

	"github.com/parallax-news/parallax"
)

// record is the JSON form of an article. Unknown fields are kept in Extra.
type record struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
	Source    string `json:"source"`
	Published string `json:"published"`
	Lang      string `json:"lang"`
	Label     any    `json:"label"`
}

var knownFields = map[string]bool{"id": true, "url": true, "title": true, "text": true, "html": true, "source": true, "published": true, "lang": true, "label": true}

func validJSON(b []byte) bool { return json.Valid(b) }

// parseJSON reads one article object or an array of them.
func parseJSON(path string, b []byte) ([]parallax.Document, error) {
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
			d, err := parseRecord(fmt.Sprintf("%s[%d]", path, i), raw)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			docs = append(docs, d)
		}
		return docs, joinErrors(errs)
	}
	d, err := parseRecord(path, t)
	if err != nil {
		return nil, err
	}
	return []parallax.Document{d}, nil
}

// parseRecord decodes one article object; input names it in errors and is
// its ID when it has none.
func parseRecord(input string, raw []byte) (parallax.Document, error) {
	var r record
	if err := json.Unmarshal(raw, &r); err != nil {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "broken JSON: %w", err)
	}
	var all map[string]any
	if err := json.Unmarshal(raw, &all); err != nil {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "not a JSON object: %w", err)
	}
	d := parallax.Document{ID: r.ID, Path: input, URL: r.URL, Title: r.Title, Source: r.Source, Lang: r.Lang, Text: r.Text}
	if d.ID == "" {
		d.ID = input
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
	if r.Published != "" {
		t, ok := ParseTime(r.Published)
		if !ok {
			return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "published %q is neither RFC 3339 nor YYYY-MM-DD", r.Published)
		}
		d.Published = t
	}
	if strings.TrimSpace(d.Text) == "" && r.HTML != "" {
		h, err := parseHTML(input, []byte(r.HTML))
		if err != nil {
			return parallax.Document{}, err
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
		d.Author = h.Author
	}
	if strings.TrimSpace(d.Text) == "" {
		return parallax.Document{}, parallax.Errorf(parallax.EINVALID, input, "empty article: no text")
	}
	return d, nil
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
// and .jsonl files) into a document; input names it in errors and is its ID
// when it has none. It fails with EINVALID on broken JSON, a bad date or an
// empty text.
func DecodeArticle(input string, raw []byte) (parallax.Document, error) {
	return parseRecord(input, raw)
}
