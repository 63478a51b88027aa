package eval

import (
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/text"
)

// Score is a recall, precision and F1 triple.
type Score struct {
	Recall    float64 `json:"recall"`
	Precision float64 `json:"precision"`
	F1        float64 `json:"f1"`
}

// Rouge holds ROUGE-1, ROUGE-2 and ROUGE-L scores of one summary.
type Rouge struct {
	R1 Score `json:"rouge1"`
	R2 Score `json:"rouge2"`
	RL Score `json:"rougeL"`
}

// RougeTokens lower-cases s, turns every character that is not a letter or
// digit into a space, as ROUGE-1.5.5 does, and stems each word (Snowball
// English, close to the Porter stemmer of ROUGE's -m option). Stop words are
// kept.
func RougeTokens(s string) []string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return ' '
	}, s)
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = text.Stem(w)
	}
	return words
}

// ScoreRouge computes ROUGE of a candidate summary against reference summaries,
// all given as text. With several references, ROUGE-N counts matches and
// totals over all of them (as ROUGE-1.5.5 without jackknifing) and ROUGE-L
// averages the per-reference scores. Empty inputs score zero.
func ScoreRouge(candidate string, references []string) Rouge {
	cand := RougeTokens(candidate)
	var refs [][]string
	for _, r := range references {
		refs = append(refs, RougeTokens(r))
	}
	return Rouge{R1: rougeN(cand, refs, 1), R2: rougeN(cand, refs, 2), RL: rougeL(cand, refs)}
}

func ngrams(toks []string, n int) map[string]int {
	m := map[string]int{}
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], " ")]++
	}
	return m
}

func rougeN(cand []string, refs [][]string, n int) Score {
	cg := ngrams(cand, n)
	candTotal := max(len(cand)-n+1, 0)
	var match, refTotal, candSum int
	for _, r := range refs {
		rg := ngrams(r, n)
		for g, c := range rg {
			match += min(c, cg[g])
			refTotal += c
		}
		candSum += candTotal
	}
	return score(float64(match), float64(refTotal), float64(candSum))
}

func rougeL(cand []string, refs [][]string) Score {
	var s Score
	if len(refs) == 0 {
		return s
	}
	for _, r := range refs {
		l := float64(text.LCS(cand, r))
		one := score(l, float64(len(r)), float64(len(cand)))
		s.Recall += one.Recall
		s.Precision += one.Precision
		s.F1 += one.F1
	}
	n := float64(len(refs))
	return Score{s.Recall / n, s.Precision / n, s.F1 / n}
}

func score(match, refTotal, candTotal float64) Score {
	var s Score
	if refTotal > 0 {
		s.Recall = match / refTotal
	}
	if candTotal > 0 {
		s.Precision = match / candTotal
	}
	if s.Recall+s.Precision > 0 {
		s.F1 = 2 * s.Recall * s.Precision / (s.Recall + s.Precision)
	}
	return s
}
