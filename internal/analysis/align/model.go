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
	"slices"
	"sort"
	"sync"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
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
	// Central is the cosine of the sentence with the story's centroid.
	Central float64
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
	// Docs are the analysed articles the model reads, one per article.
	Docs []*text.Doc
	// Tokens are the tokens of each sentence of Sents.
	Tokens [][]text.Token

	postOnce sync.Once
	post     map[int32][]int32 // see Postings
}

// Postings returns, for each term of at most CandidateDF sentences of the
// model, the sentences using it in order: the candidates of every
// comparison of the model's sentences (the alignment of facts, the
// crediting of statements). It is built on first use, once.
func (m *Model) Postings() map[int32][]int32 {
	m.postOnce.Do(func() {
		maxDF := CandidateDF(len(m.Sents))
		m.post = map[int32][]int32{}
		for i, s := range m.Sents {
			for _, id := range s.Vec.IDs {
				if m.SentDF[id] <= maxDF {
					m.post[id] = append(m.post[id], int32(i))
				}
			}
		}
	})
	return m.post
}

// NewModel builds the model of a story. skip names sentences to leave out
// (nil for none). It never fails; a story without sentences has an empty
// model.
func NewModel(arts []*parallax.Article, skip map[Ref]bool) *Model {
	return FromDocs(text.Analyse(arts), skip)
}

// FromDocs builds the model of a story from its analysed articles (see
// text.Analyse): docs[i] is article i. skip names sentences to leave out
// (nil for none).
func FromDocs(docs []*text.Doc, skip map[Ref]bool) *Model {
	return build(text.Articles(docs), skip, docs, nil)
}

// Without returns the model of the same story without the sentences in
// skip, reusing the analysis and the terms already read.
func (m *Model) Without(skip map[Ref]bool) *Model { return build(m.Articles, skip, m.Docs, m) }

// build builds the model of the story without the sentences in skip. The
// terms of a sentence are read from its tokens, or taken from prev (a model
// of the same story) when prev has the sentence; terms are numbered in
// order of first use either way.
func build(arts []*parallax.Article, skip map[Ref]bool, docs []*text.Doc, prev *Model) *Model {
	m := &Model{Articles: arts, Index: map[Ref]int{}, Vocab: map[string]int32{}, Skip: skip, Docs: docs}
	var remap []int32 // prev's term ID → this model's, -1 until used
	if prev != nil {
		remap = make([]int32, len(prev.Stems))
		for i := range remap {
			remap[i] = -1
		}
	}
	var docMark, sentMark []int // the last article (+1) and sentence (+1) counting each term
	for ai, a := range arts {
		n := len(a.Sentences)
		for si := range a.Sentences {
			ref := Ref{ai, si}
			if skip[ref] {
				continue
			}
			toks := docs[ai].Sents[si].Tokens
			st := Sent{Ref: ref, Words: len(toks), Pos: float64(si) / float64(max(n, 1))}
			if k, ok := prev.index(ref); ok {
				st.Terms = make([]int32, len(prev.Sents[k].Terms))
				for x, old := range prev.Sents[k].Terms {
					if remap[old] < 0 {
						remap[old] = m.id(prev.Stems[old])
					}
					st.Terms[x] = remap[old]
				}
			} else {
				for _, t := range toks {
					if t.Stop || len(t.Lower) < 2 {
						continue
					}
					st.Terms = append(st.Terms, m.id(t.Stem))
				}
			}
			for len(docMark) < len(m.Stems) {
				docMark, sentMark = append(docMark, 0), append(sentMark, 0)
			}
			for _, id := range st.Terms {
				if sentMark[id] != len(m.Sents)+1 {
					sentMark[id] = len(m.Sents) + 1
					m.SentDF[id]++
				}
				if docMark[id] != ai+1 {
					docMark[id] = ai + 1
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
	var sorted []int32
	for i := range m.Sents {
		s := &m.Sents[i]
		sorted = append(sorted[:0], s.Terms...)
		slices.Sort(sorted)
		s.Vec = termVec(sorted, m.IDF)
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
	for i := range m.Sents {
		m.Sents[i].Central = Dot(m.Sents[i].Vec, m.Centroid)
	}
	return m
}

// index returns the position of a sentence in the model, false when the
// model (which may be nil) leaves it out.
func (m *Model) index(r Ref) (int, bool) {
	if m == nil {
		return 0, false
	}
	k, ok := m.Index[r]
	return k, ok
}

// termVec is the normalised TF-IDF vector of a sentence whose term IDs are
// given sorted: newVec of their counts weighted by idf, without a map.
func termVec(sorted []int32, idf []float64) Vec {
	n := 0
	for k := range sorted {
		if k == 0 || sorted[k] != sorted[k-1] {
			n++
		}
	}
	v := Vec{IDs: make([]int32, 0, n), W: make([]float32, 0, n)}
	var norm float64
	for k := 0; k < len(sorted); {
		id, c := sorted[k], 0
		for k < len(sorted) && sorted[k] == id {
			k++
			c++
		}
		w := float64(c) * idf[id]
		v.IDs = append(v.IDs, id)
		v.W = append(v.W, float32(w))
		norm += w * w
	}
	normalise(v.W, norm)
	return v
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
	normalise(v.W, norm)
	return v
}

// normalise divides weights by the square root of norm, the sum of their
// squares as computed in float64 (nothing for a zero norm).
func normalise(w []float32, norm float64) {
	if norm > 0 {
		inv := 1 / math.Sqrt(norm)
		for i := range w {
			w[i] *= float32(inv)
		}
	}
}

// Dot returns the dot product of two vectors: their cosine, since vectors
// are normalised.
func Dot(a, b Vec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a.IDs) && j < len(b.IDs) {
		switch {
		case a.IDs[i] < b.IDs[j]:
			i++
		case a.IDs[i] > b.IDs[j]:
			j++
		default:
			s += float64(a.W[i]) * float64(b.W[j])
			i++
			j++
		}
	}
	return s
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
	sim, _ := similarity(m, i, j)
	return sim
}

// similarity is Similarity(m, i, j), with the number of terms the
// sentences share.
func similarity(m *Model, i, j int) (float64, int) {
	dot, overlap, n := compare(m, i, j)
	return (dot + overlap) / 2, n
}

// compare returns the cosine and the overlap of sentences i and j (the
// weight of the terms they share over the weight of the terms of the fuller
// of the two, each term weighted by its sentence-level IDF), and the
// number of terms they share, in one pass over their vectors.
func compare(m *Model, i, j int) (dot, overlap float64, n int) {
	a, b := m.Sents[i].Vec, m.Sents[j].Vec
	var shared float64
	x, y := 0, 0
	for x < len(a.IDs) && y < len(b.IDs) {
		switch {
		case a.IDs[x] < b.IDs[y]:
			x++
		case b.IDs[y] < a.IDs[x]:
			y++
		default:
			dot += float64(a.W[x]) * float64(b.W[y])
			shared += m.IDF[a.IDs[x]]
			n++
			x++
			y++
		}
	}
	if wa, wb := m.Sents[i].Mass, m.Sents[j].Mass; wa != 0 && wb != 0 {
		overlap = shared / max(wa, wb)
	}
	return dot, overlap, n
}
