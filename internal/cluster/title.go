package cluster

import (
	"cmp"
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
)

// Title names a story after its articles, given in arrival order: the
// title of the first that has one, else the first twelve words of the
// first line of the first article that reads like a sentence (six words or
// more: not a section label such as "Summary"). It is the one rule for a
// story's title wherever stories are listed (cluster, digest, the store).
func Title(docs []*parallax.Document) string {
	for _, d := range docs {
		if t := strings.TrimSpace(d.Title); t != "" {
			return t
		}
	}
	if len(docs) == 0 {
		return ""
	}
	text := docs[0].Text
	for line := range strings.SplitSeq(text, "\n") {
		words := strings.Fields(strings.TrimLeft(line, " \t•·*-–—"))
		if len(words) < 6 {
			continue
		}
		return clip(words)
	}
	return clip(strings.Fields(text))
}

// clip joins at most twelve words, marking a cut with an ellipsis.
func clip(words []string) string {
	if len(words) > 12 {
		return strings.Join(words[:12], " ") + "…"
	}
	return strings.Join(words, " ")
}

// ByArrival returns the positions g sorted by their assignments' arrival.
func ByArrival(as []Assignment, g []int) []int {
	g = slices.Clone(g)
	slices.SortFunc(g, func(x, y int) int { return cmp.Compare(as[x].Arrival, as[y].Arrival) })
	return g
}

// Order sorts stories for a list: the most articles first, stories of one
// size in the order given (their order of creation). size tells a story's
// number of articles. It is the one order of every list of stories by size
// (cluster, digest, the desk of a server).
func Order[S any](stories []S, size func(S) int) {
	slices.SortStableFunc(stories, func(x, y S) int { return cmp.Compare(size(y), size(x)) })
}
