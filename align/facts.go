package align

import (
	"sort"
)

// Options tunes alignment.
type Options struct {
	// Threshold is the least cosine between two sentences of different
	// sources that report the same fact. Zero means DefaultThreshold.
	Threshold float64
}

// DefaultThreshold was set by reading the alignments of the example story:
// rewordings of one fact score 0.3 to 0.7, different facts about the same
// people below 0.25.
const DefaultThreshold = 0.3

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
	post := map[int32][]posting{}
	for i, s := range m.Sents {
		for k, id := range s.Vec.IDs {
			post[id] = append(post[id], posting{int32(i), s.Vec.W[k]})
		}
	}
	acc := make([]float64, n)
	shared := make([]int, n)
	var touched []int
	for i, s := range m.Sents {
		for k, id := range s.Vec.IDs {
			w := float64(s.Vec.W[k])
			for _, p := range post[id] {
				j := int(p.sent)
				if j <= i || m.Sents[j].Article == s.Article {
					continue
				}
				if shared[j] == 0 {
					touched = append(touched, j)
				}
				acc[j] += w * float64(p.w)
				shared[j]++
			}
		}
		for _, j := range touched {
			if acc[j] >= tau && shared[j] >= 2 {
				links[i] = append(links[i], link{j, acc[j]})
				links[j] = append(links[j], link{i, acc[j]})
			}
			acc[j], shared[j] = 0, 0
		}
		touched = touched[:0]
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

type posting struct {
	sent int32
	w    float32
}
