package align

import (
	"sort"
)

// Options tunes alignment.
type Options struct {
	// Threshold is the least Similarity between two sentences of different
	// sources that report the same fact. Zero means DefaultThreshold.
	Threshold float64
}

// DefaultThreshold was set on the labelled pairs of testdata/pairs.tsv
// (TestThreshold prints precision and recall around it).
const DefaultThreshold = 0.32

// Fact is a group of sentences, from one or more sources, that report the
// same thing.
type Fact struct {
	// Rep is the model index of the sentence that best states the fact.
	Rep int
	// Members are the model indexes of all its sentences, Rep first.
	Members []int
	// Articles are the indexes of the articles carrying it, in order.
	Articles []int
	// Score is the similarity of Rep to the story's centroid.
	Score float64
}

// Facts groups the model's sentences into facts. Pairs are scored through an
// inverted index of terms, so only sentences that share a term are ever
// compared. Each group is a star: a central sentence and the sentences of
// other sources close to it (the best one per source), which keeps chains of
// loosely related sentences apart.
func Facts(m *Model, opts Options) []Fact {
	tau := opts.Threshold
	if tau == 0 {
		tau = DefaultThreshold
	}
	n := len(m.Sents)
	links := make([][]link, n)
	// Candidates share a term that is not too common; the exact cosine is
	// then computed for each candidate pair.
	maxDF := max(50, n/20)
	post := map[int32][]int32{}
	for i, s := range m.Sents {
		for _, id := range s.Vec.IDs {
			if m.SentDF[id] <= maxDF {
				post[id] = append(post[id], int32(i))
			}
		}
	}
	seen := make([]int, n)
	for i := range seen {
		seen[i] = -1
	}
	for i, s := range m.Sents {
		for _, id := range s.Vec.IDs {
			for _, p := range post[id] {
				j := int(p)
				if j <= i || seen[j] == i || m.Sents[j].Article == s.Article {
					continue
				}
				seen[j] = i
				if _, shared := dotShared(s.Vec, m.Sents[j].Vec); shared < 2 {
					continue
				}
				if sim := Similarity(m, i, j); sim >= tau {
					links[i] = append(links[i], link{j, sim})
					links[j] = append(links[j], link{i, sim})
				}
			}
		}
	}

	centrality := make([]float64, n)
	for i := range m.Sents {
		centrality[i] = Dot(m.Sents[i].Vec, m.Centroid)
	}
	// Stars: the sentence with the most (weighted) support first.
	order := make([]int, n)
	degree := make([]float64, n)
	for i := range order {
		order[i] = i
		for _, l := range links[i] {
			degree[i] += l.sim
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		if degree[order[a]] != degree[order[b]] {
			return degree[order[a]] > degree[order[b]]
		}
		return centrality[order[a]] > centrality[order[b]]
	})
	used := make([]bool, n)
	var facts []Fact
	for _, c := range order {
		if used[c] {
			continue
		}
		used[c] = true
		f := Fact{Rep: c, Members: []int{c}, Score: centrality[c]}
		best := map[int]link{}
		for _, l := range links[c] {
			if used[l.sent] {
				continue
			}
			a := m.Sents[l.sent].Article
			if b, ok := best[a]; !ok || l.sim > b.sim {
				best[a] = l
			}
		}
		arts := []int{m.Sents[c].Article}
		for a, l := range best {
			used[l.sent] = true
			f.Members = append(f.Members, l.sent)
			arts = append(arts, a)
		}
		sort.Ints(arts)
		sort.Ints(f.Members[1:])
		f.Articles = arts
		facts = append(facts, f)
	}
	return facts
}

type link struct {
	sent int
	sim  float64
}

// dotShared returns the cosine of two vectors and the number of terms they
// share.
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
