package brief

import (
	"cmp"
	"slices"

	"github.com/parallax-news/parallax"
)

// The bounds of a brief's lists, so that a story of thousands of articles
// gives a brief a person can read and a page that loads: each list keeps
// its most reported entries, in their order, and Brief.Truncated counts the
// rest. A story of a few dozen articles stays within them. The names and
// the timeline are bounded by their stages (entity.MaxListed, timeline's
// own bound), which rank them by what they know.
const (
	maxQuotes           = 60
	maxFigures          = 40
	maxConflicts        = 24
	maxExclusiveSources = 20
	maxCoverageFacts    = 10
	maxCoverageSources  = 12
	maxOffTopic         = 200
	maxRemoved          = 500
)

// bound keeps the limit entries of xs of highest weight (the earlier among
// equals), in their order, and returns how many it left out. It does not
// change xs.
func bound[T any](xs []T, limit int, weight func(T) int) ([]T, int) {
	if len(xs) <= limit {
		return xs, 0
	}
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(weight(xs[b]), weight(xs[a])) })
	idx = idx[:limit]
	slices.Sort(idx)
	out := make([]T, 0, limit)
	for _, i := range idx {
		out = append(out, xs[i])
	}
	return out, len(xs) - limit
}

// first weighs entries by nothing, so that bound keeps the first ones.
func first[T any](T) int { return 0 }

// bounded bounds every list of b that grows with the story and that no
// stage bounds (summary and agreed facts are bounded by their options,
// exclusive facts and the coverage matrix as they are made, names and the
// timeline by their stages) and counts what it left out in b.Truncated.
func bounded(b *parallax.Brief) {
	cut := func(name string, n int) {
		if n > 0 {
			b.Truncated[name] = n
		}
	}
	var n int
	b.Quotes, n = bound(b.Quotes, maxQuotes, func(q parallax.Quote) int { return len(q.Sources) })
	cut("quotes", n)
	b.Figures, n = bound(b.Figures, maxFigures, func(f parallax.Figure) int { return len(f.Sources) })
	cut("figures", n)
	b.Conflicts, n = bound(b.Conflicts, maxConflicts, first)
	cut("conflicts", n)
	b.OffTopic, n = bound(b.OffTopic, maxOffTopic, first)
	cut("off_topic", n)
	b.Removed, n = bound(b.Removed, maxRemoved, first)
	cut("removed", n)
}

// coverage is the matrix of the shared statements against the sources:
// the most widely carried statements (the earlier among equals) against the
// sources carrying the most of them, and which of those each source leaves
// out. It counts in truncated what the bounds leave out.
func coverage(srcs []parallax.Source, sts []parallax.Statement, truncated map[string]int) parallax.Coverage {
	c := parallax.Coverage{Facts: []parallax.CoverageFact{}, Sources: []string{}, Omitted: map[string][]int{}}
	sts, more := bound(sts, maxCoverageFacts, func(st parallax.Statement) int { return len(st.Sources) })
	slices.SortStableFunc(sts, func(x, y parallax.Statement) int { return cmp.Compare(len(y.Sources), len(x.Sources)) })
	carried := map[string]int{}
	for _, st := range sts {
		c.Facts = append(c.Facts, parallax.CoverageFact{Text: st.Text, Sources: st.Sources})
		for _, s := range st.Sources {
			carried[s]++
		}
	}
	if len(c.Facts) == 0 {
		return c
	}
	ids := make([]string, 0, len(srcs))
	for _, s := range srcs {
		ids = append(ids, s.ID)
	}
	slices.SortStableFunc(ids, func(x, y string) int { return cmp.Compare(carried[y], carried[x]) })
	c.Sources, _ = bound(ids, maxCoverageSources, first)
	for _, id := range c.Sources {
		for fi, f := range c.Facts {
			if !slices.Contains(f.Sources, id) {
				c.Omitted[id] = append(c.Omitted[id], fi)
			}
		}
	}
	if more > 0 {
		truncated["coverage.facts"] = more
	}
	if n := len(ids) - len(c.Sources); n > 0 {
		truncated["coverage.sources"] = n
	}
	return c
}
