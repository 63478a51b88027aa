// Package align models a story as a bag of weighted sentences and groups the
// sentences of different sources that report the same fact, even when
// reworded, so that every statement of a brief knows every source behind it.
//
// Model builds the vocabulary, term weights (TF-IDF with frequencies learned
// over the story's own sentences) and sentence vectors; Facts groups aligned
// sentences with an inverted index, never comparing every pair.
package align

import (
	"math"
	"sort"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/text"
)

// Ref names one sentence of a story: article index, sentence index.
type Ref struct{ Article, Sentence int }

// Sent is one sentence of the story with its terms and vector.
type Sent struct {
	Ref
	// Terms are the IDs of the stems of its content words, in order.
	Terms []int32
	// Words is the number of words of the sentence.
	Words int
	// Vec is the L2-normalised TF-IDF vector of the sentence.
	Vec Vec
	// Pos is the relative position of the sentence in its article, 0 for
	// the first and approaching 1 for the last.
	Pos float64
	// Mass is the sum of the IDF of its distinct terms.
	Mass float64
}

// Model is a story's sentences with their vectors and the statistics they
// are weighted by.
type Model struct {
	Articles []*parallax.Article
	Sents    []Sent
	// Index maps a Ref to its position in Sents.
	Index map[Ref]int
	// Vocab maps a stem to its ID; Stems is the reverse.
	Vocab map[string]int32
	Stems []string
	// SentDF counts the sentences each term occurs in; DocDF the articles.
	SentDF, DocDF []int
	// IDF is the smoothed inverse sentence frequency of each term:
	// 1 + ln((N+1)/(SentDF+1)) over the N sentences of the model.
	IDF []float64
	// Centroid is the normalised sum of the article vectors: what the story
	// is about.
	Centroid Vec
	// Skip marks sentences left out of the model's centroid and of the
	// brief (off-topic parts).
	Skip map[Ref]bool
	// Tokens are the tokens of each sentence of Sents.
	Tokens [][]text.Token

	all [][][]text.Token // tokens of every article sentence, for Without
}

// NewModel builds the model of a story. skip names sentences to leave out
// (nil for none). It never fails; a story without sentences has an empty
// model.
func NewModel(arts []*parallax.Article, skip map[Ref]bool) *Model {
	tz := text.NewTokenizer()
	all := make([][][]text.Token, len(arts))
	for ai, a := range arts {
		all[ai] = make([][]text.Token, len(a.Sentences))
		for si, s := range a.Sentences {
			all[ai][si] = tz.Tokens(s.Text)
		}
	}
	return build(arts, skip, all)
}

// Without returns the model of the same story without the sentences in
// skip, reusing the tokens already computed.
func (m *Model) Without(skip map[Ref]bool) *Model { return build(m.Articles, skip, m.all) }

func build(arts []*parallax.Article, skip map[Ref]bool, all [][][]text.Token) *Model {
	m := &Model{Articles: arts, Index: map[Ref]int{}, Vocab: map[string]int32{}, Skip: skip, all: all}
	for ai, a := range arts {
		seen := map[int32]bool{}
		n := len(a.Sentences)
		for si := range a.Sentences {
			ref := Ref{ai, si}
			if skip[ref] {
				continue
			}
			toks := all[ai][si]
			st := Sent{Ref: ref, Words: len(toks), Pos: float64(si) / float64(max(n, 1))}
			for _, t := range toks {
				if t.Stop || len(t.Lower) < 2 {
					continue
				}
				st.Terms = append(st.Terms, m.id(t.Stem))
			}
			sentSeen := map[int32]bool{}
			for _, id := range st.Terms {
				if !sentSeen[id] {
					sentSeen[id] = true
					m.SentDF[id]++
				}
				if !seen[id] {
					seen[id] = true
					m.DocDF[id]++
				}
			}
			m.Index[ref] = len(m.Sents)
			m.Sents = append(m.Sents, st)
			m.Tokens = append(m.Tokens, toks)
		}
	}
	ns := float64(len(m.Sents))
	m.IDF = make([]float64, len(m.SentDF))
	for id, df := range m.SentDF {
		m.IDF[id] = 1 + math.Log((ns+1)/float64(df+1))
	}
	for i := range m.Sents {
		s := &m.Sents[i]
		tf := map[int32]float64{}
		for _, id := range s.Terms {
			tf[id]++
		}
		s.Vec = newVec(tf, func(id int32) float64 { return m.IDF[id] })
		for _, id := range s.Vec.IDs {
			s.Mass += m.IDF[id]
		}
	}
	// The centroid weighs terms by how many articles carry them, so that one
	// long article does not decide what the story is about.
	cen := map[int32]float64{}
	for i, df := range m.DocDF {
		if df > 1 || len(arts) == 1 {
			cen[int32(i)] = float64(df) * math.Log((ns+1)/float64(m.SentDF[i]))
		}
	}
	m.Centroid = newVec(cen, nil)
	return m
}

func (m *Model) id(stem string) int32 {
	if id, ok := m.Vocab[stem]; ok {
		return id
	}
	id := int32(len(m.Stems))
	m.Vocab[stem] = id
	m.Stems = append(m.Stems, stem)
	m.SentDF = append(m.SentDF, 0)
	m.DocDF = append(m.DocDF, 0)
	return id
}

// Sentence returns the article sentence a model sentence stands for.
func (m *Model) Sentence(i int) parallax.Sentence {
	r := m.Sents[i].Ref
	return m.Articles[r.Article].Sentences[r.Sentence]
}

// Vec is a sparse vector: term IDs in increasing order and their weights.
type Vec struct {
	IDs []int32
	W   []float32
}

// newVec builds a normalised vector from term frequencies, each multiplied
// by weight(id) when weight is not nil.
func newVec(tf map[int32]float64, weight func(int32) float64) Vec {
	v := Vec{IDs: make([]int32, 0, len(tf))}
	for id := range tf {
		v.IDs = append(v.IDs, id)
	}
	sort.Slice(v.IDs, func(i, j int) bool { return v.IDs[i] < v.IDs[j] })
	v.W = make([]float32, len(v.IDs))
	var norm float64
	for i, id := range v.IDs {
		w := tf[id]
		if weight != nil {
			w *= weight(id)
		}
		v.W[i] = float32(w)
		norm += w * w
	}
	if norm > 0 {
		inv := 1 / math.Sqrt(norm)
		for i := range v.W {
			v.W[i] *= float32(inv)
		}
	}
	return v
}

// Dot returns the dot product of two vectors: their cosine, since vectors
// are normalised.
func Dot(a, b Vec) float64 {
	s, _ := dotShared(a, b)
	return s
}

// dotShared returns the dot product of two vectors and the number of terms
// they share.
func dotShared(a, b Vec) (float64, int) {
	var s float64
	n := 0
	i, j := 0, 0
	for i < len(a.IDs) && j < len(b.IDs) {
		switch {
		case a.IDs[i] < b.IDs[j]:
			i++
		case a.IDs[i] > b.IDs[j]:
			j++
		default:
			s += float64(a.W[i]) * float64(b.W[j])
			n++
			i++
			j++
		}
	}
	return s, n
}

// Sum returns the normalised sum of vectors.
func Sum(vs ...Vec) Vec {
	tf := map[int32]float64{}
	for _, v := range vs {
		for i, id := range v.IDs {
			tf[id] += float64(v.W[i])
		}
	}
	return newVec(tf, nil)
}

// Similarity returns how likely sentences i and j of the model report the
// same fact: the mean of their cosine and their Overlap.
func Similarity(m *Model, i, j int) float64 {
	return (Dot(m.Sents[i].Vec, m.Sents[j].Vec) + Overlap(m, i, j)) / 2
}

// Overlap returns how much two sentences of the model say the same: the
// weight of the terms they share over the weight of the terms of the
// fuller of the two, so that a short sentence made of the story's names
// does not match every long one that mentions them. Weights are the
// sentence-level IDF of each distinct term.
func Overlap(m *Model, i, j int) float64 {
	a, b := m.Sents[i].Vec.IDs, m.Sents[j].Vec.IDs
	var shared float64
	x, y := 0, 0
	for x < len(a) && y < len(b) {
		switch {
		case a[x] < b[y]:
			x++
		case b[y] < a[x]:
			y++
		default:
			shared += m.IDF[a[x]]
			x++
			y++
		}
	}
	wa, wb := m.Sents[i].Mass, m.Sents[j].Mass
	if wa == 0 || wb == 0 {
		return 0
	}
	return shared / max(wa, wb)
}
