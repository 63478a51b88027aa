// Package brief writes the cross-source brief of a story: it reads the
// cleaned articles top to bottom through the analysis stages (off-topic
// parts, alignment of facts across sources, summary, agreed and exclusive
// facts, quotes and entities, figures and conflicts, timeline) and gathers
// their results, each statement with the sources behind it and citations to
// their exact words.
package brief

import (
	"sort"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/align"
	"github.com/parallax-news/parallax/internal/analysis/conflict"
	"github.com/parallax-news/parallax/internal/analysis/entity"
	"github.com/parallax-news/parallax/internal/analysis/figure"
	"github.com/parallax-news/parallax/internal/analysis/quote"
	"github.com/parallax-news/parallax/internal/analysis/summary"
	"github.com/parallax-news/parallax/internal/analysis/timeline"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/text"
)

// Options configures a brief.
type Options struct {
	// Words is the word budget of the summary; zero means DefaultWords.
	Words int
	// Align tunes the alignment of facts across sources.
	Align align.Options
	// MaxAgreed and MaxExclusive bound the agreed facts listed and the
	// exclusive facts listed per source; zero means 12 and 5.
	MaxAgreed, MaxExclusive int
}

// Build writes the brief of a story told by arts. It never fails and never
// changes arts: the brief names and dates the articles as clean.Settle
// settles them (a caller that shows the articles beside the brief settles
// them first). Building the same articles twice gives the same brief. An
// empty story gives an empty brief with every list present. Every number
// of the brief is finite (see Check). A bug that panics in any stage panics
// in the caller's goroutine; Try turns it into an error.
func Build(arts []*parallax.Article, opts Options) *parallax.Brief {
	if opts.Words <= 0 {
		opts.Words = DefaultWords
	}
	if opts.MaxAgreed <= 0 {
		opts.MaxAgreed = 12
	}
	if opts.MaxExclusive <= 0 {
		opts.MaxExclusive = 5
	}
	b := empty()
	if len(arts) == 0 {
		return b
	}
	arts = clean.Settle(arts)
	b.Sources = sources(arts)

	// The text is analysed once; every stage below reads that analysis.
	docs := text.Analyse(arts)
	whole := align.FromDocs(docs, nil)
	skip, offTopic := markOffTopic(arts, whole)
	m := whole.Without(skip)
	// The analyses read only what is on topic.
	topical := make([]*text.Doc, len(docs))
	for ai, d := range docs {
		topical[ai] = d.Without(func(si int) bool { return skip[align.Ref{Article: ai, Sentence: si}] })
	}

	// The stages below read the analysed articles and write each its own
	// part of the brief: they run side by side, but for a story small
	// enough that running them in turn costs less CPU time than their
	// sharing the cores takes (a few tens of milliseconds each). A panic
	// in one is raised again here, in the caller's goroutine, where Try
	// recovers it.
	wg := stages{serial: size(arts) < parallelSize}
	wg.Go(func() { summarize(b, m, opts) })
	wg.Go(func() {
		ents := entity.FromDocs(topical)
		b.Quotes = nonNil(quote.GroupDocs(topical, quote.FromDocs(topical, ents)))
		b.Entities = nonNil(ents.Entities())
	})
	var figConflicts, claims []parallax.Conflict
	wg.Go(func() {
		var figs []parallax.Figure
		figs, figConflicts = figure.Compare(text.Articles(topical), figure.FromDocs(topical))
		for _, f := range figs {
			if f.About != "" { // a number that says what it counts
				b.Figures = append(b.Figures, f)
			}
		}
		b.Figures = nonNil(b.Figures)
	})
	wg.Go(func() { claims = conflict.FromDocs(topical) })
	wg.Go(func() { b.Timeline = nonNil(timeline.FromDocs(topical)) })
	wg.Wait()

	// Real clashes first, then the claims in dispute, then the figures that
	// differ in wording only.
	var clashes, consistent []parallax.Conflict
	for _, c := range figConflicts {
		if c.Consistent {
			consistent = append(consistent, c)
		} else {
			clashes = append(clashes, c)
		}
	}
	b.Conflicts = nonNil(append(append(clashes, claims...), consistent...))
	for ai, a := range arts {
		for _, r := range append(a.OffTopic[:len(a.OffTopic):len(a.OffTopic)], offTopic[ai]...) {
			b.OffTopic = append(b.OffTopic, parallax.Excerpt{Source: a.SourceID, Text: r.Text, Start: r.Start, End: r.End})
		}
		for _, r := range a.Removed {
			b.Removed = append(b.Removed, parallax.SourceRemoval{Source: a.SourceID, Text: r.Text, Reason: r.Reason, Start: r.Start, End: r.End})
		}
	}
	sanitize(b) // the stages keep NaN and infinities out; this makes sure
	return b
}

// parallelSize is the size of a story, in code points of its sentences,
// from which its stages run side by side: 25 newswire articles of 700 words
// have a fifth of it.
const parallelSize = 500_000

// size returns the number of code points of the sentences of arts.
func size(arts []*parallax.Article) int {
	n := 0
	for _, a := range arts {
		for _, s := range a.Sentences {
			n += s.End - s.Start
		}
	}
	return n
}

// summarize writes the parts of the brief that come from the alignment of
// facts across sources: summary, agreed and exclusive facts, coverage and
// headline.
func summarize(b *parallax.Brief, m *align.Model, opts Options) {
	facts := align.Facts(m, opts.Align)
	c := crediting{m: m, keys: keyNames(m), tau: opts.Align.Threshold}
	if c.tau == 0 {
		c.tau = align.DefaultThreshold
	}
	factOf := make([]int, len(m.Sents))
	for fi, f := range facts {
		for _, s := range f.Members {
			factOf[s] = fi
		}
	}
	chosen := summary.Select(m, summary.Options{Words: opts.Words})
	sts := make([]parallax.Statement, len(chosen))
	for k, i := range chosen {
		sts[k] = c.statement(facts[factOf[i]], i)
	}
	for _, k := range orderSummary(m, chosen, sts) {
		b.Summary = append(b.Summary, sts[k])
	}
	b.Summary = nonNil(b.Summary)
	b.Agreed = agreed(c, facts, opts.MaxAgreed)
	b.Exclusive = exclusive(m, facts, opts.MaxExclusive)
	b.Coverage = coverage(m, facts, b.Agreed)
	b.Title = title(m, b.Summary)
}

// nonNil returns xs, or an empty slice for nil, so that JSON lists are
// always present.
func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// empty returns a brief whose lists are all present and empty, as the JSON
// contract requires.
func empty() *parallax.Brief {
	return &parallax.Brief{
		Sources: []parallax.Source{}, Summary: []parallax.Statement{}, Agreed: []parallax.Statement{},
		Exclusive: []parallax.Exclusive{}, Quotes: []parallax.Quote{}, Figures: []parallax.Figure{},
		Conflicts: []parallax.Conflict{}, Entities: []parallax.Entity{}, Timeline: []parallax.Event{},
		Coverage: parallax.Coverage{Facts: []parallax.CoverageFact{}, Omitted: map[string][]int{}},
		OffTopic: []parallax.Excerpt{}, Removed: []parallax.SourceRemoval{},
	}
}

// Sources returns the sources a brief of arts lists, in the same order and
// with the same identifiers, without changing arts.
func Sources(arts []*parallax.Article) []parallax.Source {
	return sources(clean.Settle(arts))
}

func sources(arts []*parallax.Article) []parallax.Source {
	out := make([]parallax.Source, 0, len(arts))
	for _, a := range arts {
		s := parallax.Source{ID: a.SourceID, Name: a.Outlet, Title: a.Title, URL: a.URL, Path: a.Path}
		if !a.Published.IsZero() {
			s.Published = a.Published.Format(time.RFC3339)
			if a.Published.Hour() == 0 && a.Published.Minute() == 0 && a.Published.Location() == time.UTC {
				s.Published = a.Published.Format("2006-01-02")
			}
		}
		out = append(out, s)
	}
	return out
}

// crediting decides which sources say what a sentence says.
type crediting struct {
	m    *align.Model
	keys map[int32]bool // terms of the story's shared names
	tau  float64
}

// credits reports whether sentence k says what sentence i says: similar
// enough, and using enough of i's words that are not the story's names (two
// sentences about Bukele and Trump at the White House share those names
// whatever they report).
func (c crediting) credits(i, k int) bool {
	if k == i {
		return true
	}
	if align.Similarity(c.m, i, k) < c.tau {
		return false
	}
	return c.coverage(i, k) >= minCoverage
}

// minCoverage is the least share of a statement's words, beyond the story's
// names, that a source's sentence must also use to be credited with it: a
// sentence that reports one of two facts of a statement ("Trump is set to
// meet Bukele at the White House" for "Bukele said he would not return the
// man as he met Trump at the White House") shares too few.
const minCoverage = 0.2

// coverage returns the share of sentence i's terms, leaving out the story's
// names and weighted by IDF, that sentence k also uses.
func (c crediting) coverage(i, k int) float64 {
	a, b := c.m.Sents[i].Vec.IDs, c.m.Sents[k].Vec.IDs
	var shared, total float64
	y := 0
	for _, t := range a {
		if c.keys[t] {
			continue
		}
		total += c.m.IDF[t]
		for y < len(b) && b[y] < t {
			y++
		}
		if y < len(b) && b[y] == t {
			shared += c.m.IDF[t]
		}
	}
	if total == 0 {
		return 0
	}
	return shared / total
}

// statement states model sentence i with the sources of its fact whose
// sentences say what i says: every member of the fact compared with i
// itself, so that a source joined to the fact through another sentence is
// not credited with this one.
func (c crediting) statement(f align.Fact, i int) parallax.Statement {
	m := c.m
	st := parallax.Statement{Text: m.Sentence(i).Text}
	byArticle := map[int]int{}
	for _, k := range append([]int{i}, f.Members...) {
		a := m.Sents[k].Article
		if _, ok := byArticle[a]; ok || !c.credits(i, k) {
			continue
		}
		byArticle[a] = k
	}
	// The sentence's own source first, then the others in input order.
	order := []int{m.Sents[i].Article}
	for a := range m.Articles {
		if _, ok := byArticle[a]; ok && a != order[0] {
			order = append(order, a)
		}
	}
	for _, a := range order {
		s := m.Sentence(byArticle[a])
		st.Sources = append(st.Sources, m.Articles[a].SourceID)
		st.Cites = append(st.Cites, parallax.Cite{Source: m.Articles[a].SourceID, Start: s.Start, End: s.End})
	}
	return st
}

// orderSummary returns the order in which to read the chosen sentences,
// as indexes into chosen and their statements sts: the statements most
// sources are credited with first, and among equals the sentence that
// comes earliest in its article.
func orderSummary(m *align.Model, chosen []int, sts []parallax.Statement) []int {
	order := make([]int, len(chosen))
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(a, b int) bool {
		na, nb := len(sts[order[a]].Sources), len(sts[order[b]].Sources)
		if na != nb {
			return na > nb
		}
		return m.Sents[chosen[order[a]]].Pos < m.Sents[chosen[order[b]]].Pos
	})
	return order
}

// agreed lists the facts carried by two or more sources, the most widely
// carried first, then the most central; a fact that can only be stated by a
// piece of a quotation is left out.
func agreed(c crediting, facts []align.Fact, limit int) []parallax.Statement {
	m := c.m
	var idx []int
	for fi, f := range facts {
		if len(f.Articles) >= 2 && len(strings.Fields(m.Sentence(f.Rep).Text)) >= 6 {
			idx = append(idx, fi)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		fa, fb := facts[idx[a]], facts[idx[b]]
		if len(fa.Articles) != len(fb.Articles) {
			return len(fa.Articles) > len(fb.Articles)
		}
		return fa.Score > fb.Score
	})
	out := []parallax.Statement{}
	for _, fi := range idx {
		if len(out) == limit {
			break
		}
		rep := bestRep(m, facts[fi])
		if summary.BrokenQuote(m.Sentence(rep).Text) {
			continue
		}
		if st := c.statement(facts[fi], rep); len(st.Sources) >= 2 {
			out = append(out, st)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return len(out[a].Sources) > len(out[b].Sources) })
	return out
}

// bestRep picks the member of a fact that reads best as its statement: a
// declarative sentence of moderate length close to the story's centroid.
func bestRep(m *align.Model, f align.Fact) int {
	best, bestScore := f.Rep, -1.0
	for _, k := range f.Members {
		t := m.Sentence(k).Text
		w := len(strings.Fields(t))
		score := m.Sents[k].Central
		if w < 8 || w > 45 {
			score -= 0.5
		}
		if !summary.Readable(t) {
			score -= 0.3
		}
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	return best
}

// exclusive lists, per source, the most informative facts no other source
// carries.
func exclusive(m *align.Model, facts []align.Fact, limit int) []parallax.Exclusive {
	per := map[int][]int{}
	for fi, f := range facts {
		if len(f.Articles) == 1 && len(strings.Fields(m.Sentence(f.Rep).Text)) >= 8 {
			per[f.Articles[0]] = append(per[f.Articles[0]], fi)
		}
	}
	out := []parallax.Exclusive{}
	for ai, a := range m.Articles {
		fis := per[ai]
		if len(fis) == 0 {
			continue
		}
		score := make(map[int]float64, len(fis))
		for _, fi := range fis {
			score[fi] = informative(m, facts[fi])
		}
		sort.SliceStable(fis, func(x, y int) bool { return score[fis[x]] > score[fis[y]] })
		if len(fis) > limit {
			fis = fis[:limit]
		}
		sort.Ints(fis)
		ex := parallax.Exclusive{Source: a.SourceID}
		sort.SliceStable(fis, func(x, y int) bool { return facts[fis[x]].Rep < facts[fis[y]].Rep })
		for _, fi := range fis {
			s := m.Sentence(facts[fi].Rep)
			ex.Facts = append(ex.Facts, parallax.Fact{Text: s.Text, Start: s.Start, End: s.End})
		}
		out = append(out, ex)
	}
	return out
}

// informative scores an exclusive fact: close to the story, with names and
// numbers, early in its article.
func informative(m *align.Model, f align.Fact) float64 {
	s := m.Sents[f.Rep]
	score := s.Central + 0.2*(1-s.Pos)
	t := m.Sentence(f.Rep).Text
	for _, r := range t {
		if r >= '0' && r <= '9' {
			score += 0.1
			break
		}
	}
	return score
}

// coverage is the matrix of the agreed facts against the sources: who
// carries each, and which each source leaves out.
func coverage(m *align.Model, facts []align.Fact, agreedFacts []parallax.Statement) parallax.Coverage {
	c := parallax.Coverage{Facts: []parallax.CoverageFact{}, Omitted: map[string][]int{}}
	for i, st := range agreedFacts {
		c.Facts = append(c.Facts, parallax.CoverageFact{Text: st.Text, Sources: st.Sources})
		for _, a := range m.Articles {
			found := false
			for _, s := range st.Sources {
				if s == a.SourceID {
					found = true
				}
			}
			if !found {
				c.Omitted[a.SourceID] = append(c.Omitted[a.SourceID], i)
			}
		}
	}
	return c
}
