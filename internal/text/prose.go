package text

import (
	"strconv"
	"strings"
)

// Enumerate joins items as prose lists them ("A", "A and B", "A, B and
// C"), naming at most most of them and counting the rest ("A, B, C and 12
// others"), so that a sentence about thousands of outlets stays a
// sentence.
func Enumerate(items []string, most int) string {
	const sep = ", "
	if most < 1 {
		most = 1
	}
	switch {
	case len(items) == 0:
		return ""
	case len(items) == 1:
		return items[0]
	case len(items) <= most:
		return strings.Join(items[:len(items)-1], sep) + " and " + items[len(items)-1]
	}
	rest := len(items) - most
	other := " others"
	if rest == 1 {
		other = " other"
	}
	return strings.Join(items[:most], sep) + " and " + strconv.Itoa(rest) + other
}
