package quote

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/entity"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/text"
)

// TestParagraphs checks quotations that run over several paragraphs, on
// the passages of testdata/paragraphs.json (ECB+ news text, some with a
// headline as the first line): a quotation that opens in one paragraph and
// closes two paragraphs later after a quoted headline (which once panicked
// in adjacent with index -1), paragraphs opened again, a caption between
// two paragraphs of a quotation, unclosed quotations and a closing mark
// before any opening one. Each passage lists its direct and partial
// quotations in order, with their speakers (compared by ending, as the
// canonical name may be longer than the passage's).
func TestParagraphs(t *testing.T) {
	type quote struct{ Text, Kind, Speaker string }
	var cases []struct {
		Name   string  `json:"name"`
		Title  bool    `json:"title"`
		Text   string  `json:"text"`
		Quotes []quote `json:"quotes"`
	}
	readJSON(t, "testdata/paragraphs.json", &cases)
	if len(cases) < 8 {
		t.Fatalf("%d passages in testdata/paragraphs.json, want 8 or more", len(cases))
	}
	c, err := clean.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range cases {
		t.Run(tt.Name, func(t *testing.T) {
			doc := parallax.Document{ID: "t", Path: "t", Text: tt.Text}
			if tt.Title {
				doc.Title, _, _ = strings.Cut(tt.Text, "\n")
			}
			a := c.Clean(doc)
			arts := []*parallax.Article{a}
			got := []quote{}
			for _, m := range ExtractAll(arts, entity.Extract(arts))[0] {
				if m.Kind == parallax.QuoteIndirect {
					continue
				}
				sp := m.Speaker
				for _, w := range tt.Quotes {
					if w.Speaker != "" && strings.HasSuffix(sp, w.Speaker) {
						sp = w.Speaker
					}
				}
				got = append(got, quote{m.Text, m.Kind, sp})
			}
			if diff := cmp.Diff(tt.Quotes, got); diff != "" {
				t.Errorf("quotations mismatch (-want +got):\n%s", diff)
			}
			checkMentions(t, a, ExtractAll(arts, nil)[0])
		})
	}
}

// TestParagraphBounds checks the paragraph and heading of positions, on
// which the continuity of speakers rests: a headline has no sentence.
func TestParagraphBounds(t *testing.T) {
	c, err := clean.New()
	if err != nil {
		t.Fatal(err)
	}
	in := "\"We are better than this,\" Stefanski says\nThe Sixers lost again on Saturday.\n\"I believe in this team.\nWe are going to make it better.\""
	title, _, _ := strings.Cut(in, "\n")
	a := c.Clean(parallax.Document{ID: "t", Path: "t", Title: title, Text: in})
	d := newDoc(0, text.NewVocab().Analyse(a), nil)
	tests := []struct {
		words      string
		para, sent int
		heading    bool
	}{
		{"We are better", 0, -1, true},
		{"The Sixers", 1, 0, false},
		{"I believe", 2, 1, false},
		{"We are going", 3, 2, false},
	}
	r := []rune(in)
	for _, tt := range tests {
		i := strings.Index(in, tt.words)
		pos := len([]rune(in[:i]))
		if string(r[pos:pos+len(tt.words)]) != tt.words {
			t.Fatalf("bad position of %q", tt.words)
		}
		if got := d.paraOf(pos); got != tt.para {
			t.Errorf("paraOf(%q) = %d, want %d", tt.words, got, tt.para)
		}
		if got := d.sentOf(pos); got != tt.sent {
			t.Errorf("sentOf(%q) = %d, want %d", tt.words, got, tt.sent)
		}
		if got := d.inHeading(pos); got != tt.heading {
			t.Errorf("inHeading(%q) = %v, want %v", tt.words, got, tt.heading)
		}
	}
	if got := d.paraOf(len(r) + 5); got != -1 {
		t.Errorf("paraOf past the end = %d, want -1", got)
	}
}
