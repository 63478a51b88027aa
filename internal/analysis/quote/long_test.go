package quote

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/entity"
	"github.com/parallax-news/parallax/internal/parallaxtest"
	"github.com/parallax-news/parallax/internal/text"
)

// longArticle is one article made of the text of the third example report
// written n times over, each copy under a numbered crosshead (a page that
// runs every update of a live blog), cleaned as the pipeline cleans it.
func longArticle(tb testing.TB, n int) (*parallax.Article, string) {
	tb.Helper()
	body, err := os.ReadFile(filepath.Join(parallaxtest.ExamplesDir(), "002_a2dff19a86e212a7.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	for k := range n {
		fmt.Fprintf(&b, "Update %d\n\n%s\n\n", k+1, body)
	}
	dir := tb.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "long.txt"), []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	arts := parallaxtest.Load(tb, dir)
	return arts[0], string(body)
}

// TestLongArticle: a long article (the third example 80 times, about 300
// KB, 48,000 words: below clean.MaxWords, past which an article is cut) is
// read in time linear in its length, as it was not when every position was
// checked against every quotation and every entity mention, and each copy
// but the first (whose context differs) gives the quotations of the second,
// shifted.
func TestLongArticle(t *testing.T) {
	const n = 80
	a, body := longArticle(t, n)
	arts := []*parallax.Article{a}
	ms := ExtractAll(arts, entity.Extract(arts))[0]
	checkMentions(t, a, ms)
	r := []rune(a.Text)
	// The start of each copy of the body.
	var starts []int
	for k := range n {
		head := []rune(fmt.Sprintf("Update %d\n\n", k+1))
		at := strings.Index(string(r), string(head))
		if at < 0 {
			t.Fatalf("no copy %d", k+1)
		}
		starts = append(starts, len([]rune(string(r)[:at]))+len(head))
	}
	starts = append(starts, len(r))
	copyOf := func(k int) []Mention {
		var out []Mention
		for _, m := range ms {
			if m.Start >= starts[k] && m.End <= starts[k+1] {
				m.Start -= starts[k]
				m.End -= starts[k]
				if m.SpeakerStart >= 0 {
					m.SpeakerStart -= starts[k]
					m.SpeakerEnd -= starts[k]
				}
				out = append(out, m)
			}
		}
		return out
	}
	second := copyOf(1)
	if len(second) < 10 {
		t.Fatalf("%d quotations in a copy of the report, want at least 10", len(second))
	}
	if !strings.Contains(body, "The question is preposterous") {
		t.Fatal("fixture changed")
	}
	found := false
	for _, m := range second {
		if strings.Contains(m.Text, "The question is preposterous") {
			found = m.Speaker == "Nayib Bukele"
		}
	}
	if !found {
		t.Errorf("copy 2: no quotation \"The question is preposterous\" by Nayib Bukele in %+v", second)
	}
	for k := 2; k < n; k++ {
		if got := copyOf(k); !reflect.DeepEqual(got, second) {
			t.Fatalf("copy %d gives %d quotations unlike copy 2's %d:\n%+v\n%+v", k+1, len(got), len(second), got, second)
		}
	}
}

// TestGroupDeterministic: grouping a large story gives the same quotes
// every time. The weights of the terms two quotations share were summed
// in map order, whose last-bit differences reordered the links of equal
// score from run to run (a digest of 314 ECB+ reports differed between two
// runs).
func TestGroupDeterministic(t *testing.T) {
	arts := parallaxtest.Story(t, 60)
	ms := ExtractAll(arts, entity.Extract(arts))
	first := Group(arts, ms)
	for range 5 {
		if again := Group(arts, ms); !reflect.DeepEqual(again, first) {
			t.Fatal("Group gave different quotes for the same story")
		}
	}
}

// TestCarriedOrder: the weight two quotations share is the same, to the
// last bit, on every call (a sum taken in map order was not). The units
// are the five example reports, long enough to hold hundreds of terms.
func TestCarriedOrder(t *testing.T) {
	var units []*unit
	for _, a := range parallaxtest.Examples(t) {
		u := &unit{}
		u.words, u.terms = wordsOf(text.Tokens(a.Text))
		u.termList = slices.Sorted(maps.Keys(u.terms))
		units = append(units, u)
	}
	idf := weights(units)
	both, total, shared := carried(units[0], units[1], idf)
	for range 100 {
		if b, tot, sh := carried(units[0], units[1], idf); b != both || tot != total || sh != shared {
			t.Fatalf("carried gave %v, %v, %d, then %v, %v, %d", both, total, shared, b, tot, sh)
		}
	}
	if shared < 50 || both <= 0 || both >= total {
		t.Errorf("carried = %v, %v, %d: want many terms shared, not all", both, total, shared)
	}
}

func BenchmarkExtractLong(b *testing.B) {
	a, _ := longArticle(b, 100)
	arts := []*parallax.Article{a}
	ents := entity.Extract(arts)
	for b.Loop() {
		ExtractAll(arts, ents)
	}
}
