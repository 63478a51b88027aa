package brief

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/analysis/align"
	"github.com/parallax-news/parallax/internal/text"
)

// creditThreshold is the least claimScore of a pair whose second sentence
// is credited with the first: on the labelled pairs, precision 0.92 and
// recall 0.53 (0.89 and 0.51 with each story left out of the fit in turn).
const creditThreshold = 1.0

// claimScore scores how surely sentence k states the main claim of sentence
// i: the weighted sum of their claimFeatures. The weights were fitted by
// logistic regression on the 392 sentence pairs of testdata/credit labelled
// by reading (TestCreditingLabelled measures them), and checked by fitting
// them again with each of the 14 stories left out in turn.
func (c crediting) claimScore(i, k int) float64 {
	weights := [...]float64{0.949, 0.97, 0.532, 0.819, 0.662, 0.6, -0.871, 0.55, -0.403}
	score := -1.851
	for x, v := range c.claimFeatures(i, k) {
		score += weights[x] * v
	}
	return score
}

// claimFeatures are the evidence that sentence k states what sentence i
// claims, each in [0, 1]:
//   - their similarity (align.Similarity);
//   - the share of i's terms k uses, weighted by IDF;
//   - the same share over i's main clause, leaving out the story's names;
//   - the same share over the main clause's plain words (the predicate:
//     not capitalised, not numbers);
//   - whether k names i's subject (the capitalised words that open i; ½
//     when i opens otherwise);
//   - the ratio of their lengths in content words;
//   - whether one denies and the other does not;
//   - the share of i's numbers k gives;
//   - whether both give numbers and none is the same.
func (c crediting) claimFeatures(i, k int) [9]float64 {
	m := c.m
	a, b := c.terms(i), c.terms(k)
	inB := map[int32]bool{}
	for _, t := range b.terms {
		inB[t.id] = true
	}
	var all, main, pred share
	seen := map[int32]bool{}
	for _, t := range a.terms {
		if seen[t.id] {
			continue
		}
		seen[t.id] = true
		w, has := m.IDF[t.id], inB[t.id]
		all.add(w, has)
		if t.main && !c.keys[t.id] {
			main.add(w, has)
		}
		if t.main && !t.capital && !t.number {
			pred.add(w, has)
		}
	}
	subj := 0.5
	if len(a.subject) > 0 {
		subj = 0
		for _, id := range a.subject {
			if inB[id] {
				subj = 1
			}
		}
	}
	numAll, numConflict := 1.0, 0.0
	if len(a.numbers) > 0 {
		n := 0
		for id := range a.numbers {
			if b.numbers[id] {
				n++
			}
		}
		numAll = float64(n) / float64(len(a.numbers))
		if n == 0 && len(b.numbers) > 0 {
			numConflict = 1
		}
	}
	la, lb := float64(len(a.terms)), float64(len(b.terms))
	return [9]float64{
		align.Similarity(m, i, k), all.ratio(), main.ratio(), pred.ratio(), subj,
		min(la, lb) / max(la, lb, 1), btof(a.denies != b.denies), numAll, numConflict,
	}
}

// share sums the weight of terms and of those found.
type share struct{ found, total float64 }

func (s *share) add(w float64, found bool) {
	s.total += w
	if found {
		s.found += w
	}
}

func (s share) ratio() float64 {
	if s.total == 0 {
		return 0
	}
	return s.found / s.total
}

func btof(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// claimTerm is a content word of a sentence as claimFeatures reads it.
type claimTerm struct {
	id              int32
	main            bool // in the sentence's main clause
	capital, number bool
}

// sentenceTerms are the content words of a sentence, its opening
// capitalised words, its numbers, and whether it denies.
type sentenceTerms struct {
	terms   []claimTerm
	subject []int32
	numbers map[int32]bool
	denies  bool
}

// claimTerms reads the content words of model sentence i: the tokens the
// model gave terms to, each marked as lying in the main clause or not.
func claimTerms(m *align.Model, i int) sentenceTerms {
	toks, ids := m.Tokens[i], m.Sents[i].Terms
	end := mainClauseEnd(m.Sentence(i).Text, toks)
	st := sentenceTerms{numbers: map[int32]bool{}}
	opening := true
	k := 0
	for _, t := range toks {
		if negation(t.Lower) {
			st.denies = true
		}
		if t.Stop || len(t.Lower) < 2 || k >= len(ids) {
			continue
		}
		id := ids[k]
		k++
		st.terms = append(st.terms, claimTerm{id: id, main: t.Start < end, capital: t.Capital, number: t.Number})
		if t.Number {
			st.numbers[id] = true
		}
		if opening && (t.Capital || t.Number) {
			st.subject = append(st.subject, id)
		} else {
			opening = false
		}
	}
	return st
}

// clauseBreak ends a sentence's main clause: a comma opening a relative or
// subordinate clause, a semicolon, a dash between spaces, a parenthesis.
// (mainClauseEnd reads the same breaks from a sentence's tokens.)
var clauseBreak = regexp.MustCompile(`,\s*(?:who|which|whose|whom|where|when|after|as|while|but|although|though|because|including|despite|before|until|since)\b|;|\s[—–-]\s|\(`)

// subordinators open a clause that a comma sets off from the main one.
var subordinators = map[string]bool{
	"who": true, "which": true, "whose": true, "whom": true, "where": true, "when": true, "after": true, "as": true,
	"while": true, "but": true, "although": true, "though": true, "because": true, "including": true, "despite": true,
	"before": true, "until": true, "since": true,
}

// mainClauseEnd returns the code-point offset in s at which its main
// clause ends: the first clause break (see clauseBreak) preceded by at
// least four content words, or the end of s. It reads the breaks in the
// gaps between the tokens, in one pass.
func mainClauseEnd(s string, toks []text.Token) int {
	r := []rune(s)
	n, prev := 0, 0 // content words before the gap, and where the gap starts
	for _, t := range toks {
		if at, ok := clauseGap(r[prev:t.Start], t.Text); ok && n >= 4 {
			return prev + at
		}
		if !t.Stop && len(t.Lower) >= 2 {
			n++
		}
		prev = t.End
	}
	if at, ok := clauseGap(r[prev:], ""); ok && n >= 4 {
		return prev + at
	}
	return len(r)
}

// clauseGap returns where a clause break lies in the gap between two
// words, next the word after it ("" at the end of the sentence).
func clauseGap(gap []rune, next string) (int, bool) {
	for p, c := range gap {
		switch {
		case c == ';' || c == '(':
			return p, true
		case (c == '—' || c == '–' || c == '-') && p > 0 && p+1 < len(gap) && unicode.IsSpace(gap[p-1]) && unicode.IsSpace(gap[p+1]):
			return p - 1, true
		case c == ',' && subordinators[next] && onlySpace(gap[p+1:]):
			return p, true
		}
	}
	return 0, false
}

func onlySpace(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// negation reports whether a lower-case word denies what its clause says:
// a negator, or a form of "deny".
func negation(w string) bool {
	return text.Negator(w) || w == "deny" || strings.HasPrefix(w, "deni")
}

// quotedTerms returns the terms of the direct quotation that makes up most
// of sentence i (at least half its words, four words or more), nil when it
// has none.
func quotedTerms(m *align.Model, i int) map[int32]bool {
	spans := quotedSpans(m.Sentence(i).Text)
	toks, ids := m.Tokens[i], m.Sents[i].Terms
	q := map[int32]bool{}
	inside, words := 0, 0
	k := 0
	for _, t := range toks {
		words++
		in := within(spans, t.Start)
		if in {
			inside++
		}
		if t.Stop || len(t.Lower) < 2 || k >= len(ids) {
			continue
		}
		if in {
			q[ids[k]] = true
		}
		k++
	}
	if inside < 4 || inside*2 < words {
		return nil
	}
	return q
}

// quotes reports whether sentence k quotes most (three in five) of the
// quoted terms q.
func quotes(m *align.Model, k int, q map[int32]bool) bool {
	spans := quotedSpans(m.Sentence(k).Text)
	toks, ids := m.Tokens[k], m.Sents[k].Terms
	found := map[int32]bool{}
	x := 0
	for _, t := range toks {
		if t.Stop || len(t.Lower) < 2 || x >= len(ids) {
			continue
		}
		if q[ids[x]] && within(spans, t.Start) {
			found[ids[x]] = true
		}
		x++
	}
	return len(found)*5 >= len(q)*3
}

// quotedSpans returns the code-point spans of s inside double quotation
// marks (straight or curly); a mark left open runs to the end.
func quotedSpans(s string) [][2]int {
	var spans [][2]int
	open := -1
	pos := 0
	for _, r := range s {
		switch {
		case r == '"' && open < 0, r == '“':
			open = pos
		case r == '"', r == '”':
			if open >= 0 {
				spans = append(spans, [2]int{open, pos})
				open = -1
			}
		}
		pos++
	}
	if open >= 0 {
		spans = append(spans, [2]int{open, pos})
	}
	return spans
}

func within(spans [][2]int, at int) bool {
	for _, sp := range spans {
		if at > sp[0] && at < sp[1] {
			return true
		}
	}
	return false
}
