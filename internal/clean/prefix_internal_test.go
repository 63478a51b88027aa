package clean

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestPastPrefix checks that skipping the pattern on lines that cannot
// match changes nothing: pastPrefix is the pattern tried on every line.
func TestPastPrefix(t *testing.T) {
	ref := func(prefix *regexp.Regexp, r []rune, start, end int) int {
		s := string(r[start:end])
		if m := prefix.FindStringIndex(s); m != nil {
			return start + utf8.RuneCountInString(s[:m[1]])
		}
		for start < end && unicode.IsSpace(r[start]) {
			start++
		}
		return start
	}
	for _, line := range []string{"", " ", "• Bukele", "  - item", "\u00a0• item", "\t* two", "1. White House", "12) x", "1234. no", "-", "- ", "+ plus", "·dot", " ▪ sq", "● big", "◦ small", "2.5 million", "Plain text", "\u2003• em space"} {
		r := []rune(line)
		for _, c := range []struct {
			prefix *regexp.Regexp
			digits bool
		}{{bulletPrefix, false}, {listPrefix, true}} {
			if got, want := pastPrefix(c.prefix, c.digits, r, 0, len(r)), ref(c.prefix, r, 0, len(r)); got != want {
				t.Errorf("%q (%v): %d, want %d", line, c.prefix, got, want)
			}
		}
		if got, want := words(line), len(strings.Fields(line)); got != want {
			t.Errorf("words(%q) = %d, want %d", line, got, want)
		}
	}
}
