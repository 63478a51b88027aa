package quote

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/entity"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/ingest"
)

// goldQuote is one hand-annotated quotation: its exact words, kind,
// speaker (canonical name) and the speaker's mention as written
// (speaker_text), found inside speaker_near when given, else nearest to the
// quotation.
type goldQuote struct {
	Text        string `json:"text"`
	Kind        string `json:"kind"`
	Speaker     string `json:"speaker"`
	SpeakerText string `json:"speaker_text"`
	SpeakerNear string `json:"speaker_near"`
}

// fixture is one annotated article: its cleaned text and gold quotations
// located in it.
type fixture struct {
	name    string
	art     *parallax.Article
	story   int // index of the article within its story
	stories []*parallax.Article
	gold    []located
}

type located struct {
	goldQuote
	span, speaker parallax.Span // speaker.Start < 0 when none
}

// loadFixtures reads the annotated examples (one story) and the annotated
// ECB+ passages (one story each).
func loadFixtures(t testing.TB) (examples, ecb, heldout []fixture) {
	t.Helper()
	c, err := clean.New()
	if err != nil {
		t.Fatal(err)
	}
	var ex []struct {
		Path   string      `json:"path"`
		Quotes []goldQuote `json:"quotes"`
	}
	readJSON(t, "testdata/examples.json", &ex)
	var paths []string
	for _, e := range ex {
		paths = append(paths, e.Path)
	}
	docs, err := ingest.Read(context.Background(), paths, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var arts []*parallax.Article
	for _, d := range docs {
		arts = append(arts, c.Clean(d))
	}
	for i, e := range ex {
		examples = append(examples, fixture{name: e.Path, art: arts[i], story: i, stories: arts, gold: locate(t, e.Path, arts[i].Text, e.Quotes)})
	}
	return examples, passages(t, c, "testdata/ecbplus.json"), passages(t, c, "testdata/ecbplus-heldout.json")
}

// passages reads annotated ECB+ passages, each a story of its own.
func passages(t testing.TB, c *clean.Cleaner, path string) []fixture {
	var ps []struct {
		ID     string      `json:"id"`
		Title  bool        `json:"title"` // the first line is the headline
		Text   string      `json:"text"`
		Quotes []goldQuote `json:"quotes"`
	}
	readJSON(t, path, &ps)
	var out []fixture
	for _, p := range ps {
		doc := parallax.Document{ID: p.ID, Path: p.ID, Text: p.Text}
		if p.Title {
			doc.Title, _, _ = strings.Cut(p.Text, "\n")
		}
		a := c.Clean(doc)
		out = append(out, fixture{name: p.ID, art: a, stories: []*parallax.Article{a}, gold: locate(t, p.ID, p.Text, p.Quotes)})
	}
	return out
}

func readJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// locate finds the annotated spans in text: the n-th annotation of a given
// wording is its n-th occurrence right after a quotation mark.
func locate(t testing.TB, name, text string, qs []goldQuote) []located {
	t.Helper()
	r := []rune(text)
	seen := map[string]int{}
	var out []located
	for _, q := range qs {
		// An occurrence at the start of a longer quotation already located
		// is that quotation's words ("We are not confirming" in "We are
		// not confirming anything").
		occ := slices.DeleteFunc(occurrences(r, []rune(q.Text), true), func(o int) bool {
			for _, l := range out {
				if o == l.span.Start && l.Text != q.Text {
					return true
				}
			}
			return false
		})
		n := seen[q.Text]
		seen[q.Text]++
		if n >= len(occ) {
			t.Fatalf("%s: annotation %q not found after a quotation mark", name, q.Text)
		}
		l := located{goldQuote: q, span: parallax.Span{Start: occ[n], End: occ[n] + len([]rune(q.Text))}, speaker: parallax.Span{Start: -1, End: -1}}
		if q.SpeakerText != "" {
			near := q.SpeakerNear
			if near == "" {
				near = q.SpeakerText
			}
			cands := occurrences(r, []rune(near), false)
			if len(cands) == 0 {
				t.Fatalf("%s: speaker context %q not found", name, near)
			}
			best := cands[0]
			for _, c := range cands {
				if distance(c, l.span) < distance(best, l.span) {
					best = c
				}
			}
			off := strings.Index(near, q.SpeakerText)
			start := best + len([]rune(near[:off]))
			l.speaker = parallax.Span{Start: start, End: start + len([]rune(q.SpeakerText))}
		}
		out = append(out, l)
	}
	return out
}

// occurrences returns the positions of needle in r at word boundaries; with
// quoted set, only those right after a quotation mark (and spaces).
func occurrences(r, needle []rune, quoted bool) []int {
	var out []int
	for i := 0; i+len(needle) <= len(r); i++ {
		if string(r[i:i+len(needle)]) != string(needle) {
			continue
		}
		if i > 0 && isLetterOrDigit(r[i-1]) && isLetterOrDigit(needle[0]) {
			continue
		}
		if e := i + len(needle); e < len(r) && isLetterOrDigit(r[e]) && isLetterOrDigit(needle[len(needle)-1]) {
			continue
		}
		if quoted {
			p := i - 1
			for p >= 0 && r[p] == ' ' {
				p--
			}
			if p < 0 || !strings.ContainsRune("\"“‘'«", r[p]) {
				continue
			}
		}
		out = append(out, i)
	}
	return out
}

func isLetterOrDigit(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }

func distance(pos int, s parallax.Span) int {
	switch {
	case pos < s.Start:
		return s.Start - pos
	case pos > s.End:
		return pos - s.End
	}
	return 0
}

// score holds the counts of an evaluation.
type score struct {
	gold, pred, matched      int // direct quotations
	anyGold, anyPred, anyHit int // direct and partial, kind ignored
	speakers, speakerHit     int // matched gold quotations with a speaker
	nameHit                  int // … whose resolved speaker is the gold one
	// Terms: words in quotation marks no speaker utters (gold: kind "term",
	// or a partial quotation annotated without a speaker), found as
	// parallax.QuoteTerm.
	terms, termPred, termHit int
	misses                   []string
}

// goldTerm reports whether an annotation is a term rather than a quotation.
func goldTerm(g goldQuote) bool {
	return g.Kind == parallax.QuoteTerm || g.Kind == parallax.QuotePartial && g.Speaker == ""
}

func (s score) f1() (p, r, f float64) {
	return prf(s.matched, s.pred, s.gold)
}

func prf(hit, pred, gold int) (p, r, f float64) {
	if pred > 0 {
		p = float64(hit) / float64(pred)
	}
	if gold > 0 {
		r = float64(hit) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func (s score) String() string {
	p, r, f := s.f1()
	ap, ar, af := prf(s.anyHit, s.anyPred, s.anyGold)
	tp, tr, tf := prf(s.termHit, s.termPred, s.terms)
	return fmt.Sprintf("direct quotes: P=%.3f R=%.3f F1=%.3f (gold %d, predicted %d, matched %d); all quotes: P=%.3f R=%.3f F1=%.3f; speaker mention correct %.3f, speaker name correct %.3f (of %d); terms: P=%.3f R=%.3f F1=%.3f (gold %d, predicted %d)",
		p, r, f, s.gold, s.pred, s.matched, ap, ar, af, ratio(s.speakerHit, s.speakers), ratio(s.nameHit, s.speakers), s.speakers, tp, tr, tf, s.terms, s.termPred)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// overlaps reports whether two spans share at least half of the shorter.
func overlaps(a, b parallax.Span) bool {
	in := min(a.End, b.End) - max(a.Start, b.Start)
	return in > 0 && 2*in >= min(a.Len(), b.Len())
}

// evaluate scores the mentions found against the gold of one fixture.
func (s *score) evaluate(f fixture, got []Mention) {
	used := map[int]bool{}
	usedAny := map[int]bool{}
	usedTerm := map[int]bool{}
	quoted := func(kind string) bool { return kind != parallax.QuoteIndirect && kind != parallax.QuoteTerm }
	for _, g := range f.gold {
		if g.Kind == parallax.QuoteDirect {
			s.gold++
		}
		if goldTerm(g.goldQuote) {
			s.terms++
		} else {
			s.anyGold++
		}
	}
	for _, m := range got {
		if m.Kind == parallax.QuoteDirect {
			s.pred++
		}
		if quoted(m.Kind) {
			s.anyPred++
		}
		if m.Kind == parallax.QuoteTerm {
			s.termPred++
		}
	}
	for _, g := range f.gold {
		if goldTerm(g.goldQuote) {
			hit := false
			for n, m := range got {
				if m.Kind == parallax.QuoteTerm && !usedTerm[n] && overlaps(g.span, parallax.Span{Start: m.Start, End: m.End}) {
					usedTerm[n], hit = true, true
					s.termHit++
					break
				}
			}
			if !hit && os.Getenv("QUOTE_TERMS") != "" {
				s.misses = append(s.misses, fmt.Sprintf("%s: term %q not found as a term", f.name, g.Text))
			}
			continue
		}
		// Any quotation, kind ignored.
		for n, m := range got {
			if quoted(m.Kind) && !usedAny[n] && overlaps(g.span, parallax.Span{Start: m.Start, End: m.End}) {
				usedAny[n] = true
				s.anyHit++
				break
			}
		}
		if g.Kind != parallax.QuoteDirect {
			continue
		}
		hit := -1
		for n, m := range got {
			if m.Kind == parallax.QuoteDirect && !used[n] && overlaps(g.span, parallax.Span{Start: m.Start, End: m.End}) {
				hit = n
				break
			}
		}
		if hit < 0 {
			s.misses = append(s.misses, fmt.Sprintf("%s: missed direct %q", f.name, g.Text))
			continue
		}
		used[hit] = true
		s.matched++
		if g.speaker.Start < 0 {
			continue
		}
		s.speakers++
		m := got[hit]
		sp := parallax.Span{Start: m.SpeakerStart, End: m.SpeakerEnd}
		if m.SpeakerStart >= 0 && min(sp.End, g.speaker.End) > max(sp.Start, g.speaker.Start) {
			s.speakerHit++
		} else {
			s.misses = append(s.misses, fmt.Sprintf("%s: speaker of %q: got %q at %d-%d, want %q at %d-%d", f.name, clip(g.Text), m.Speaker, m.SpeakerStart, m.SpeakerEnd, g.SpeakerText, g.speaker.Start, g.speaker.End))
		}
		if sameName(m.Speaker, g.Speaker) {
			s.nameHit++
		} else if os.Getenv("QUOTE_NAMES") != "" {
			s.misses = append(s.misses, fmt.Sprintf("%s: name of %q: got %q, want %q", f.name, clip(g.Text), m.Speaker, g.Speaker))
		}
	}
	for n, m := range got {
		if m.Kind == parallax.QuoteDirect && !used[n] {
			s.misses = append(s.misses, fmt.Sprintf("%s: spurious direct %q", f.name, clip(m.Text)))
		}
		if m.Kind == parallax.QuoteTerm && !usedTerm[n] && os.Getenv("QUOTE_TERMS") != "" {
			s.misses = append(s.misses, fmt.Sprintf("%s: spurious term %q", f.name, clip(m.Text)))
		}
	}
}

// sameName reports whether a resolved speaker names the gold speaker: the
// same folded name, or a shared capitalised word (a surname, when the
// passage never gives the full name: "Mr. McAllister" for "Bill
// McAllister").
func sameName(got, want string) bool {
	if entity.Fold(got) == entity.Fold(want) {
		return true
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(want) {
		if r := []rune(w); len(r) > 1 && unicode.IsUpper(r[0]) {
			words[entity.Fold(strings.Trim(w, ".,"))] = true
		}
	}
	for _, w := range strings.Fields(got) {
		if r := []rune(w); len(r) > 1 && unicode.IsUpper(r[0]) && words[entity.Fold(strings.Trim(w, ".,"))] {
			return true
		}
	}
	return false
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// run extracts the quotations of the fixtures, each story at once.
func run(fs []fixture) [][]Mention {
	out := make([][]Mention, len(fs))
	done := map[*parallax.Article][]Mention{}
	for i, f := range fs {
		if m, ok := done[f.art]; ok {
			out[i] = m
			continue
		}
		ix := entity.Extract(f.stories)
		all := ExtractAll(f.stories, ix)
		for j, a := range f.stories {
			done[a] = all[j]
		}
		out[i] = done[f.art]
	}
	return out
}

func evaluateAll(fs []fixture) score {
	var s score
	got := run(fs)
	for i, f := range fs {
		s.evaluate(f, got[i])
	}
	return s
}

// TestEvaluate reports direct-quotation precision, recall and F1 (span
// overlap of half the shorter span) and speaker accuracy (the speaker
// mention overlaps the annotated one) over the annotated examples and ECB+
// passages, and fails when they fall below the floors, set a little under
// the figures reached so that a regression shows.
func TestEvaluate(t *testing.T) {
	examples, ecb, heldout := loadFixtures(t)
	c, err := clean.New()
	if err != nil {
		t.Fatal(err)
	}
	blind2 := passages(t, c, "testdata/ecbplus-blind2.json")
	forms := passages(t, c, "testdata/ecbplus-forms.json")
	tests := []struct {
		name                       string
		fs                         []fixture
		minF1, minSpeaker, minName float64
	}{
		{"examples", examples, 0.95, 0.95, 0.90},
		{"ecbplus", ecb, 0.95, 0.95, 0.80},
		{"ecbplus-heldout", heldout, 0.95, 0.95, 0.88},
		{"ecbplus-blind2", blind2, 0.95, 0.95, 0.80},
		{"ecbplus-forms", forms, 0.95, 0.93, 0.90},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := evaluateAll(tt.fs)
			t.Log(s)
			for _, m := range s.misses {
				t.Log(m)
			}
			if _, _, f := s.f1(); f < tt.minF1 {
				t.Errorf("direct-quote F1 %.3f below floor %.2f", f, tt.minF1)
			}
			if a := ratio(s.speakerHit, s.speakers); a < tt.minSpeaker {
				t.Errorf("speaker accuracy %.3f below floor %.2f", a, tt.minSpeaker)
			}
			if a := ratio(s.nameHit, s.speakers); a < tt.minName {
				t.Errorf("speaker name accuracy %.3f below floor %.2f", a, tt.minName)
			}
		})
	}
}
