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
	var truth *truths
	wg.Go(func() { truth = summarize(b, m, opts) })
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
	truth.settle(b)
	for ai, a := range arts {
		for _, r := range append(a.OffTopic[:len(a.OffTopic):len(a.OffTopic)], offTopic[ai]...) {
			b.OffTopic = append(b.OffTopic, parallax.Excerpt{Source: a.SourceID, Text: r.Text, Start: r.Start, End: r.End})
		}
		for _, r := range a.Removed {
			b.Removed = append(b.Removed, parallax.SourceRemoval{Source: a.SourceID, Text: r.Text, Reason: r.Reason, Start: r.Start, End: r.End})
		}
	}
	bounded(b)
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
// facts across sources: summary, agreed and exclusive facts, coverage,
// headline and timeline. It returns the statements it made, for the other sections to
// credit alike.
func summarize(b *parallax.Brief, m *align.Model, opts Options) *truths {
	facts := align.Facts(m, opts.Align)
	c := crediting{m: m, keys: keyNames(m), tau: opts.Align.Threshold, read: map[int]sentenceTerms{}}
	if c.tau == 0 {
		c.tau = align.DefaultThreshold
	}
	t := newTruths(c)
	chosen := summary.Select(m, summary.Options{Words: opts.Words})
	sts := make([]parallax.Statement, len(chosen))
	for k, i := range chosen {
		sts[k] = t.statement(i)
	}
	for _, k := range orderSummary(m, chosen, sts) {
		b.Summary = append(b.Summary, sts[k])
	}
	b.Summary = nonNil(b.Summary)
	b.Agreed = agreed(t, facts, chosen, opts.MaxAgreed)
	if len(m.Articles) > 1 { // with one source, everything is its own
		b.Exclusive = exclusive(t, facts, chosen, opts.MaxExclusive, b.Truncated)
	}
	b.Coverage = coverage(b.Sources, append(shared(b.Summary), b.Agreed...), b.Truncated)
	b.Title = title(m, c.keys, b.Summary)
	// The timeline groups the sentences that report one dated event by the
	// rule sources are credited by.
	b.Timeline = nonNil(timeline.FromModel(m, facts, c.credits))
	return t
}

// shared returns the statements more than one source is credited with.
func shared(sts []parallax.Statement) []parallax.Statement {
	var out []parallax.Statement
	for _, st := range sts {
		if len(st.Sources) >= 2 {
			out = append(out, st)
		}
	}
	return out
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
		Coverage: parallax.Coverage{Facts: []parallax.CoverageFact{}, Sources: []string{}, Omitted: map[string][]int{}},
		OffTopic: []parallax.Excerpt{}, Removed: []parallax.SourceRemoval{}, Truncated: map[string]int{},
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

// agreed lists the facts carried by two or more sources that the summary
// does not already state, the most widely carried first, then the most
// central; a fact that can only be stated by a piece of a quotation is left
// out.
func agreed(t *truths, facts []align.Fact, chosen []int, limit int) []parallax.Statement {
	m := t.c.m
	var idx []int
	for fi, f := range facts {
		if len(f.Articles) >= 2 && len(strings.Fields(m.Sentence(f.Rep).Text)) >= 6 && !said(t, f, chosen) {
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
		if st := t.statement(rep); len(st.Sources) >= 2 {
			out = append(out, st)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return len(out[a].Sources) > len(out[b].Sources) })
	return out
}

// said reports whether the summary, the sentences chosen, already states
// fact f: one of them is a member of f, or says what f's representative
// sentence says.
func said(t *truths, f align.Fact, chosen []int) bool {
	for _, i := range chosen {
		for _, k := range f.Members {
			if k == i {
				return true
			}
		}
		if align.Similarity(t.c.m, i, f.Rep) >= t.c.tau {
			return true
		}
	}
	return false
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
// carries nor is credited with, leaving out the sentences of the summary
// (chosen), for the first maxExclusiveSources sources that have any; it
// counts the others in truncated.
func exclusive(t *truths, facts []align.Fact, chosen []int, limit int, truncated map[string]int) []parallax.Exclusive {
	m := t.c.m
	inSummary := map[int]bool{}
	for _, i := range chosen {
		inSummary[i] = true
	}
	per := map[int][]int{}
	for fi, f := range facts {
		if len(f.Articles) == 1 && !inSummary[f.Rep] && len(strings.Fields(m.Sentence(f.Rep).Text)) >= 8 {
			per[f.Articles[0]] = append(per[f.Articles[0]], fi)
		}
	}
	out := []parallax.Exclusive{}
	for ai, a := range m.Articles {
		fis := per[ai]
		if len(fis) == 0 {
			continue
		}
		if len(out) == maxExclusiveSources {
			truncated["exclusive"]++ // a source with facts of its own, not listed
			continue
		}
		score := make(map[int]float64, len(fis))
		for _, fi := range fis {
			score[fi] = informative(m, facts[fi])
		}
		sort.SliceStable(fis, func(x, y int) bool { return score[fis[x]] > score[fis[y]] })
		// What another source is credited with elsewhere is not exclusive.
		kept := fis[:0:0]
		for _, fi := range fis {
			if len(kept) == limit {
				break
			}
			if len(t.statement(facts[fi].Rep).Sources) == 1 {
				kept = append(kept, fi)
			}
		}
		fis = kept
		if len(fis) == 0 {
			continue
		}
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
