package clean

import (
	"strconv"
	"time"

	"github.com/parallax-news/parallax"
)

// Settle settles what the cleaned articles of one story can only know
// together, as a brief of them names and dates them: each article gets a
// SourceID unique within the story (repeats suffixed: "bbc", "bbc-2"; an
// article without one is "source"), live-blog post times that lack a year
// (year 0) get the year most of the dated articles have, and an undated
// live blog the time of its latest post.
//
// Settle returns new articles and never changes those given (a changed
// article is a copy with its own blocks; an unchanged one is returned as
// it is). Settling settled articles changes nothing, so a caller that keeps
// the articles to show them beside their brief (citations link to
// SourceIDs) settles them first and hands the same articles to the brief.
func Settle(arts []*parallax.Article) []*parallax.Article {
	out := make([]*parallax.Article, len(arts))
	copy(out, arts)
	own := make([]bool, len(arts)) // out[i] is already a copy
	edit := func(i int) *parallax.Article {
		if !own[i] {
			c := *out[i]
			out[i], own[i] = &c, true
		}
		return out[i]
	}
	seen := map[string]int{}
	for i, a := range arts {
		if a == nil {
			continue
		}
		id := a.SourceID
		if id == "" {
			id = "source"
		}
		seen[id]++
		if n := seen[id]; n > 1 {
			id += "-" + strconv.Itoa(n)
		}
		if id != a.SourceID {
			edit(i).SourceID = id
		}
	}
	best := storyYear(arts)
	if best == 0 {
		return out
	}
	for i, a := range arts {
		if a == nil {
			continue
		}
		var blocks []parallax.Block
		published := a.Published
		for bi, b := range a.Blocks {
			t := b.Time
			if t.IsZero() || t.Year() != 0 {
				continue
			}
			t = time.Date(best, t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, t.Location())
			if blocks == nil {
				blocks = append([]parallax.Block(nil), a.Blocks...)
			}
			blocks[bi].Time = t
			if published.IsZero() || t.After(published) {
				if published.IsZero() || published.Year() == best {
					published = t
				}
			}
		}
		if blocks != nil {
			c := edit(i)
			c.Blocks, c.Published = blocks, published
		}
	}
	return out
}

// storyYear returns the year most of the dated articles were published in
// (the first to reach the highest count on a tie), or 0.
func storyYear(arts []*parallax.Article) int {
	years := map[int]int{}
	best := 0
	for _, a := range arts {
		if a == nil || a.Published.IsZero() {
			continue
		}
		y := a.Published.Year()
		years[y]++
		if years[y] > years[best] {
			best = y
		}
	}
	return best
}
