package quote

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/entity"
	"github.com/parallax-news/parallax/internal/clean"
)

// FuzzQuotes runs quotation extraction and grouping on arbitrary text,
// cleaned as the pipeline cleans it, with and without its first line as the
// title (a headline becomes a heading, which has no sentences). It checks
// that nothing panics and that every mention's offsets lie in the text and
// read its words. The seeds are the passages of testdata.
func FuzzQuotes(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	c, err := clean.New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) || len(in) > 16<<10 {
			return // ingest rejects invalid UTF-8; long inputs only slow the search
		}
		title, _, _ := strings.Cut(in, "\n")
		for _, doc := range []parallax.Document{
			{ID: "a", Path: "a", Text: in},
			{ID: "b", Path: "b", Title: strings.TrimSpace(title), Text: in},
		} {
			a := c.Clean(doc)
			arts := []*parallax.Article{a}
			ms := ExtractAll(arts, entity.Extract(arts))
			checkMentions(t, a, ms[0])
			Group(arts, ms)
			// Without the cleaner's sentences: the line fallback.
			raw := &parallax.Article{Document: doc}
			checkMentions(t, raw, Extract(0, raw, nil))
		}
	})
}

// checkMentions checks the offsets of the mentions found in a.
func checkMentions(t *testing.T, a *parallax.Article, ms []Mention) {
	t.Helper()
	r := []rune(a.Text)
	for _, m := range ms {
		if m.Start < 0 || m.End > len(r) || m.Start >= m.End {
			t.Fatalf("span %d-%d out of range 0-%d", m.Start, m.End, len(r))
		}
		if got := string(r[m.Start:m.End]); got != m.Text {
			t.Fatalf("text %q at %d-%d, want %q", got, m.Start, m.End, m.Text)
		}
		if (m.SpeakerStart < 0) != (m.Speaker == "") {
			t.Fatalf("speaker %q at %d-%d", m.Speaker, m.SpeakerStart, m.SpeakerEnd)
		}
		if m.SpeakerStart >= 0 && (m.SpeakerEnd > len(r) || m.SpeakerEnd <= m.SpeakerStart) {
			t.Fatalf("speaker span %d-%d out of range 0-%d", m.SpeakerStart, m.SpeakerEnd, len(r))
		}
	}
}

// fuzzSeeds returns the texts of the passages in testdata.
func fuzzSeeds(tb testing.TB) []string {
	tb.Helper()
	var out []string
	paths, err := filepath.Glob("testdata/*.json")
	if err != nil {
		tb.Fatal(err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		var ps []struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(b, &ps) != nil {
			continue // not a list of passages
		}
		for _, p := range ps {
			if p.Text != "" {
				out = append(out, p.Text)
			}
		}
	}
	if len(out) == 0 {
		tb.Fatal("no seed passages in testdata")
	}
	return out
}
