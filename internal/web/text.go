package web

import (
	"cmp"
	"slices"

	"github.com/parallax-news/parallax/internal/render"
)

// node is a piece of an article's text as the article page shows it:
// plain text (Kind empty), or a mark (render.MarkCite, MarkRemoved,
// MarkOffTopic) around more pieces. A citation's first piece carries its
// anchor (ID) so that a link to it opens the cited words, highlighted.
type node struct {
	Kind, ID, Title, Text string
	Kids                  []*node
}

// citeAnchor is the fragment of an article page at a cited span.
func citeAnchor(start, end int) string {
	return "c-" + itoa(start) + "-" + itoa(end)
}

// nest cuts text at the bounds of marks and nests the marks as elements
// must nest: a mark that overlaps another without holding it is closed
// where the other closes and opened again after it (only its first piece
// has the anchor). Marks out of the text's range are dropped.
func nest(text []rune, marks []render.Mark) []*node {
	marks = slices.DeleteFunc(slices.Clone(marks), func(m render.Mark) bool {
		return m.Start < 0 || m.End > len(text) || m.Start >= m.End
	})
	// The outer marks first: the earliest start, then the latest end.
	slices.SortStableFunc(marks, func(a, b render.Mark) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End))
	})
	cuts := []int{0, len(text)}
	for _, m := range marks {
		cuts = append(cuts, m.Start, m.End)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	root := &node{}
	var open []int // indexes into marks of the open elements, outermost first
	var stack []*node
	for k := 0; k+1 < len(cuts); k++ {
		from, to := cuts[k], cuts[k+1]
		var active []int
		for i, m := range marks {
			if m.Start <= from && to <= m.End {
				active = append(active, i)
			}
		}
		keep := 0
		for keep < len(open) && keep < len(active) && open[keep] == active[keep] {
			keep++
		}
		open, stack = open[:keep], stack[:keep]
		for _, i := range active[keep:] {
			m := marks[i]
			n := &node{Kind: m.Kind, Title: m.Reason}
			if m.Kind == render.MarkCite && m.Start == from {
				n.ID = citeAnchor(m.Start, m.End)
			}
			parent := root
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			parent.Kids = append(parent.Kids, n)
			open, stack = append(open, i), append(stack, n)
		}
		parent := root
		if len(stack) > 0 {
			parent = stack[len(stack)-1]
		}
		parent.Kids = append(parent.Kids, &node{Text: string(text[from:to])})
	}
	return root.Kids
}
