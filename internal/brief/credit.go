package brief

import (
	"sort"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/align"
)

// truths holds the one statement of each sentence of the story the brief
// shows: its text with every source whose own sentence states its main
// claim. Every section that shows a sentence (summary, agreed facts,
// coverage, timeline, the claims of a conflict) takes its sources from here,
// so that a sentence is credited alike wherever it appears. It is built and
// read by one goroutine.
type truths struct {
	c    crediting
	memo map[int]parallax.Statement
	// post is the model's Postings: the candidates a statement is
	// compared with.
	post map[int32][]int32
	// mark[k] is the call of candidates that last took sentence k.
	mark  []int
	calls int
	// byID maps a source ID to its article index.
	byID map[string]int
}

// newTruths prepares the statements of the sentences of c's model.
func newTruths(c crediting) *truths {
	m := c.m
	t := &truths{c: c, memo: map[int]parallax.Statement{}, post: m.Postings(), byID: map[string]int{}, mark: make([]int, len(m.Sents))}
	for ai, a := range m.Articles {
		t.byID[a.SourceID] = ai
	}
	return t
}

// statement returns the statement of model sentence i: its text, its own
// source, and each other source whose sentence most like it (the one that
// shares most, by align.Similarity) says what it says (crediting.credits).
// The sentence's own source comes first, the others in input order.
func (t *truths) statement(i int) parallax.Statement {
	if st, ok := t.memo[i]; ok {
		return st
	}
	m := t.c.m
	best := map[int]int{} // article → its sentence most like i
	sim := map[int]float64{}
	for _, k := range t.candidates(i) {
		a := m.Sents[k].Article
		if a == m.Sents[i].Article {
			continue
		}
		if s := align.Similarity(m, i, k); s > sim[a] || (s == sim[a] && k < best[a]) {
			best[a], sim[a] = k, s
		}
	}
	arts := []int{m.Sents[i].Article}
	for a, k := range best {
		if sim[a] >= minCreditSimilarity && t.c.credits(i, k) {
			arts = append(arts, a)
		}
	}
	sort.Ints(arts[1:])
	best[arts[0]] = i
	st := parallax.Statement{Text: m.Sentence(i).Text}
	for _, a := range arts {
		s := m.Sentence(best[a])
		st.Sources = append(st.Sources, m.Articles[a].SourceID)
		st.Cites = append(st.Cites, parallax.Cite{Source: m.Articles[a].SourceID, Start: s.Start, End: s.End})
	}
	t.memo[i] = st
	return st
}

// minCreditSimilarity is the least similarity of a sentence to a statement
// for its source to be credited with it: the labelled pairs crediting is
// measured on were drawn above it, and below it a sentence shares too
// little to state the same claim.
const minCreditSimilarity = 0.12

// candidates returns the sentences sharing with sentence i a term that is
// not too common, each once, in no particular order.
func (t *truths) candidates(i int) []int {
	t.calls++
	var out []int
	for _, id := range t.c.m.Sents[i].Vec.IDs {
		for _, k := range t.post[id] {
			if t.mark[k] != t.calls {
				t.mark[k] = t.calls
				out = append(out, int(k))
			}
		}
	}
	return out
}

// at returns the model sentence a citation lies in, false when the cited
// source is unknown or the sentence is not part of the model (off topic).
func (t *truths) at(c parallax.Cite) (int, bool) {
	ai, ok := t.byID[c.Source]
	if !ok {
		return 0, false
	}
	sents := t.c.m.Articles[ai].Sentences
	si := sort.Search(len(sents), func(k int) bool { return sents[k].End > c.Start })
	if si == len(sents) || sents[si].Start > c.Start {
		return 0, false
	}
	k, ok := t.c.m.Index[align.Ref{Article: ai, Sentence: si}]
	return k, ok
}

// settle gives every timeline entry and every claim of a conflict the
// sources of the sentence it shows, so that the brief tells one truth in
// every section. A timeline entry keeps its own citation (it may show a
// clause of the sentence); a claim whose citations span sentences other
// sources are not credited with splits into a claim for each.
func (t *truths) settle(b *parallax.Brief) {
	for ei := range b.Timeline {
		e := &b.Timeline[ei]
		if len(e.Cites) == 0 {
			continue
		}
		i, ok := t.at(e.Cites[0])
		if !ok {
			continue
		}
		st := t.statement(i)
		e.Sources = st.Sources
		e.Cites = append([]parallax.Cite{e.Cites[0]}, st.Cites[1:]...)
	}
	for ci := range b.Conflicts {
		if b.Conflicts[ci].Kind != parallax.ConflictFigure {
			b.Conflicts[ci].Claims = t.claims(b.Conflicts[ci].Claims)
		}
	}
}

// claims restates the claims of a conflict by their sentences' statements:
// each claim shows its first cited sentence with the sources credited with
// it, followed by a claim for each of its other cited sentences whose source
// that statement does not credit (at most maxSplit a claim).
func (t *truths) claims(in []parallax.Claim) []parallax.Claim {
	const maxSplit = 3
	out := make([]parallax.Claim, 0, len(in))
	for _, cl := range in {
		covered := map[string]bool{}
		n := 0
		for _, c := range cl.Cites {
			if covered[c.Source] || n == maxSplit {
				continue
			}
			i, ok := t.at(c)
			if !ok {
				continue
			}
			st := t.statement(i)
			out = append(out, parallax.Claim{Text: st.Text, Sources: st.Sources, Cites: st.Cites, Side: cl.Side})
			for _, s := range st.Sources {
				covered[s] = true
			}
			n++
		}
		if n == 0 {
			out = append(out, cl)
		}
	}
	return out
}

// crediting decides which sources say what a sentence says.
type crediting struct {
	m    *align.Model
	keys map[int32]bool // terms of the story's shared names
	tau  float64
	// read keeps the words of the sentences read so far (see terms); nil
	// reads them every time.
	read map[int]sentenceTerms
}

// terms returns the words of model sentence i as claimFeatures reads them,
// read once when c keeps them.
func (c crediting) terms(i int) sentenceTerms {
	if st, ok := c.read[i]; ok {
		return st
	}
	st := claimTerms(c.m, i)
	if c.read != nil {
		c.read[i] = st
	}
	return st
}

// credits reports whether sentence k states the main claim of sentence i,
// so that k's source may be credited with i: the score of the pair
// (claimScore) reaches creditThreshold, and when i's main content is a
// direct quotation, k quotes the same words (a paraphrase is not the quote).
func (c crediting) credits(i, k int) bool {
	if k == i {
		return true
	}
	if q := quotedTerms(c.m, i); len(q) > 0 && !quotes(c.m, k, q) {
		return false
	}
	return c.claimScore(i, k) >= creditThreshold
}
