package cluster

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// story is a live or closed story.
type story struct {
	id      int32
	first   int // arrival number of the first article
	size    int
	last    time.Time // publication time of the latest article, zero when unknown
	lastSeq int       // arrival number of the latest article
	live    bool
	// terms and mass are the centroid, sorted by term: the summed
	// contributions of the articles, before IDF (IDF is applied when
	// scoring, so that it follows the stream).
	terms  []int32
	mass   []float32
	posted map[int32]struct{} // features under which the story is indexed
	// units and values count the slots the story's articles fill: units by
	// hash of the unit, values by hash of unit and value.
	units  map[uint64]int32
	values map[slotPair]int32
	// names counts the words of the main names of its articles (see
	// participants.go); mains are those of at least half its articles.
	names map[int32]nameCount
	mains []mainWord
	// into is the story this one was merged into, 0 when none.
	into int32
}

// slotPair is a slot's unit and value, hashed.
type slotPair struct{ unit, value uint64 }

// join adds the article to the story: the centroid takes its vector and is
// truncated to TopK terms, and the story is indexed under the article's
// strongest features.
func (c *Clusterer) join(s *story, vec, query []weighted, slots []slotKey, heads []headTerm) {
	s.size++
	c.joinMains(s, heads)
	c.touch(s)
	for i, k := range slots {
		if i == 0 || k.unit != slots[i-1].unit {
			s.units[k.unit]++
		}
		s.values[slotPair{k.unit, k.value}]++
	}
	for i, t := range s.terms {
		c.terms[t].pos = int32(i + 1)
	}
	for _, v := range vec {
		if p := c.terms[v.term].pos; p > 0 {
			s.mass[p-1] += v.m
		} else {
			s.terms = append(s.terms, v.term)
			s.mass = append(s.mass, v.m)
		}
	}
	for _, t := range s.terms {
		c.terms[t].pos = 0
	}
	c.truncate(s)
	for _, q := range query {
		c.post(s, q.term)
	}
}

// merge moves story b into story a: its centroid, slots and index entries.
// b is closed and points to a.
func (c *Clusterer) merge(a, b *story) {
	a.size += b.size
	for unit, n := range b.units {
		a.units[unit] += n
	}
	for v, n := range b.values {
		a.values[v] += n
	}
	c.mergeMains(a, b)
	for i, t := range a.terms {
		c.terms[t].pos = int32(i + 1)
	}
	for i, t := range b.terms {
		if p := c.terms[t].pos; p > 0 {
			a.mass[p-1] += b.mass[i]
		} else {
			a.terms = append(a.terms, t)
			a.mass = append(a.mass, b.mass[i])
		}
	}
	for _, t := range a.terms {
		c.terms[t].pos = 0
	}
	c.truncate(a)
	posted := make([]int32, 0, len(b.posted))
	for t := range b.posted {
		posted = append(posted, t)
	}
	slices.Sort(posted) // map order must not change the postings
	for _, t := range posted {
		c.terms[t].postings = slices.DeleteFunc(c.terms[t].postings, func(x int32) bool { return x == b.id })
		if len(c.terms[t].postings) == 0 {
			c.terms[t].postings = nil
		}
		c.post(a, t)
	}
	b.live, b.into = false, a.id
	b.terms, b.mass, b.posted, b.units, b.values, b.names, b.mains = nil, nil, map[int32]struct{}{}, nil, nil, nil, nil
}

// Root returns the story that story id was merged into, following merges,
// or id when it was not merged: the story that Add reported for an earlier
// article may since have been merged into another. It panics for an id
// that is not a story started so far.
func (c *Clusterer) Root(id int) int {
	return int(c.root(int32(id)))
}

// root returns the story that story sid was merged into, following merges,
// or sid when it was not merged.
func (c *Clusterer) root(sid int32) int32 {
	for c.stories[sid-1].into != 0 {
		sid = c.stories[sid-1].into
	}
	return sid
}

// post indexes the story under term t, unless it already is; the posting
// keeps the Postings most recent stories.
func (c *Clusterer) post(s *story, t int32) {
	if _, ok := s.posted[t]; ok {
		return
	}
	s.posted[t] = struct{}{}
	p := append(c.terms[t].postings, s.id)
	if len(p) > c.opts.Postings {
		for _, old := range p[:len(p)-c.opts.Postings] {
			delete(c.stories[old-1].posted, t)
		}
		p = slices.Clone(p[len(p)-c.opts.Postings:])
	}
	c.terms[t].postings = p
}

// truncate keeps the TopK terms of the story's centroid of greatest weight
// under the current IDF (ties to the lower term).
func (c *Clusterer) truncate(s *story) {
	if len(s.terms) <= c.opts.TopK {
		return
	}
	type tm struct {
		t int32
		m float32
		w float64
	}
	all := make([]tm, len(s.terms))
	for k, t := range s.terms {
		all[k] = tm{t, s.mass[k], float64(s.mass[k]) * c.idf(t)}
	}
	selectTop(all, c.opts.TopK, func(x, y tm) bool { return x.w > y.w || x.w == y.w && x.t < y.t })
	terms, mass := make([]int32, c.opts.TopK), make([]float32, c.opts.TopK)
	for k, x := range all[:c.opts.TopK] {
		terms[k], mass[k] = x.t, x.m
	}
	s.terms, s.mass = terms, mass
}

// touch records that the story got an article now.
func (c *Clusterer) touch(s *story) {
	s.lastSeq = c.seq
	if !c.now.IsZero() {
		s.last = c.now
	}

}

// alive reports whether the story is live and within its window now.
func (c *Clusterer) alive(s *story) bool {
	return s.live && !c.quiet(s)
}

// quiet reports whether the story got no article for longer than the
// window: in time when dates are known, else in articles.
func (c *Clusterer) quiet(s *story) bool {
	if !c.now.IsZero() && !s.last.IsZero() {
		return c.now.Sub(s.last) > c.opts.Window
	}
	return c.seq-s.lastSeq > c.opts.WindowArticles
}

// Settle gives each live story of at most Options.SettleSize articles a
// last chance, in the order the stories were started: scored as a whole
// (its centroid taken as one article) with the larger live stories, it is
// merged into the best of them when that scores at least
// Options.SettleScore. Stories are settled as they fall out of the window;
// Settle settles those still live, at the end of the stream. It does
// nothing when SettleScore is 0.
func (c *Clusterer) Settle() {
	for _, sid := range slices.Clone(c.live) {
		if s := c.stories[sid-1]; s.live {
			c.settle(s)
		}
	}
}

// settle merges story s, when it is small (Options.SettleSize), into the
// best larger live story when that scores at least Options.SettleScore
// with it, and reports whether it did. It does nothing when SettleScore is
// 0.
func (c *Clusterer) settle(s *story) bool {
	if c.opts.SettleScore == 0 || s.size > c.opts.SettleSize || len(s.terms) == 0 {
		return false
	}
	vec := make([]weighted, len(s.terms))
	var norm float64
	for i, t := range s.terms {
		w := float64(s.mass[i]) * c.idf(t)
		vec[i] = weighted{term: t, w: float32(w)}
		norm += w * w
	}
	norm = math.Sqrt(norm)
	for i := range vec {
		vec[i].w = float32(float64(vec[i].w) / norm)
		c.terms[vec[i].term].dense = vec[i].w
	}
	c.storyHeads(s)
	defer func() {
		c.clearHeads()
		for _, v := range vec {
			c.terms[v.term].dense = 0
		}
	}()
	slots := storySlots(s)
	clear(c.acc)
	for _, q := range strongest(vec, c.opts.QueryTerms) {
		for _, sid := range c.terms[q.term].postings {
			if t := c.stories[sid-1]; t.size > s.size && c.alive(t) {
				c.acc[sid] += q.w
			}
		}
	}
	var best *story
	var bestScore float64
	for _, sid := range c.topCandidates() {
		t := c.stories[sid-1]
		if sc := c.score(slots, t, s.last); best == nil || sc > bestScore {
			best, bestScore = t, sc
		}
	}
	if best == nil || bestScore < c.opts.SettleScore {
		return false
	}
	c.merge(best, s)
	return true
}

// storySlots returns the slots the story's articles fill as the slots of one
// article, sorted by unit.
func storySlots(s *story) []slotKey {
	keys := make([]slotKey, 0, len(s.values))
	for v := range s.values {
		keys = append(keys, slotKey{unit: v.unit, value: v.value})
	}
	slices.SortFunc(keys, func(x, y slotKey) int {
		if d := cmp.Compare(x.unit, y.unit); d != 0 {
			return d
		}
		return cmp.Compare(x.value, y.value)
	})
	return keys
}

// expire closes the stories out of the window and frees their centroids and
// index entries.
func (c *Clusterer) expire() {
	kept := c.live[:0]
	for _, sid := range c.live {
		s := c.stories[sid-1]
		if !s.live {
			continue
		}
		if !c.quiet(s) {
			kept = append(kept, sid)
			continue
		}
		if c.settle(s) {
			continue
		}
		s.live = false
		for t := range s.posted {
			c.terms[t].postings = slices.DeleteFunc(c.terms[t].postings, func(x int32) bool { return x == sid })
			if len(c.terms[t].postings) == 0 {
				c.terms[t].postings = nil
			}
		}
		s.terms, s.mass, s.posted, s.units, s.values, s.names, s.mains = nil, nil, map[int32]struct{}{}, nil, nil, nil, nil
	}
	c.live = kept
}
