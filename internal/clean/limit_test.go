package clean

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
)

// TestMaxWords cuts an article past MaxWords, saying so, and keeps every
// word of a shorter one.
func TestMaxWords(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	para := "The council approved the budget after a long debate on Monday evening, officials said."
	words := len(strings.Fields(para))
	long := strings.Repeat(para+"\n\n", MaxWords/words+100)
	a := c.Clean(parallax.Document{Path: "long.txt", Text: long})
	kept := 0
	for _, b := range a.Blocks {
		kept += len(strings.Fields(b.Text))
	}
	if kept < MaxWords || kept > MaxWords+words {
		t.Errorf("kept %d words of %d, want MaxWords (%d) and at most one paragraph more", kept, len(strings.Fields(long)), MaxWords)
	}
	last := a.Removed[len(a.Removed)-1]
	if last.Reason != parallax.ReasonTooLong || last.End != len([]rune(strings.TrimSpace(long))) || kept+len(strings.Fields(last.Text)) != len(strings.Fields(long)) {
		t.Errorf("last removal %q [%d, %d), want the rest of the text cut as %q", last.Reason, last.Start, last.End, parallax.ReasonTooLong)
	}
	short := c.Clean(parallax.Document{Path: "short.txt", Text: strings.Repeat(para+"\n\n", 10)})
	for _, r := range short.Removed {
		if r.Reason == parallax.ReasonTooLong {
			t.Errorf("a short article was cut: %+v", r)
		}
	}
}
