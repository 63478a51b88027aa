package brief

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/parallaxtest"
)

func TestHeadline(t *testing.T) {
	tests := []struct{ lead, want string }{
		{"The Indian navy said on Saturday it had captured 23 pirates in the Gulf of Aden, as a merchant vessel came under attack.",
			"The Indian navy said it had captured 23 pirates in the Gulf of Aden"},
		{"Pinup icon Bettie Page died Thursday evening at a hospital in Los Angeles.",
			"Pinup icon Bettie Page died Thursday evening at a hospital in Los Angeles"},
		{"A Georgia judge yesterday handed Brian Nichols four consecutive life sentences without the possibility of parole for the 2005 courthouse rampage that left four people dead in Atlanta.",
			"A Georgia judge handed Brian Nichols four consecutive life sentences without the possibility of parole for the 2005 courthouse rampage…"},
	}
	for _, tt := range tests {
		if got := headline(tt.lead); got != tt.want {
			t.Errorf("headline(%q)\n got %q\nwant %q", tt.lead, got, tt.want)
		}
	}
}

// TestTitleNamesActors checks that the examples' headline names the two
// leaders who met and the refusal it was about, not one report's
// subheading.
func TestTitleNamesActors(t *testing.T) {
	b := Build(parallaxtest.Examples(t), Options{})
	for _, want := range []string{"Bukele", "Trump", "return"} {
		if !strings.Contains(b.Title, want) {
			t.Errorf("title %q does not name %q", b.Title, want)
		}
	}
}
