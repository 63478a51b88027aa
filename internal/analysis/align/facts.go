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
	// Sentences repeated word for word (wire copies) are compared once:
	// each stands for its copies, which join whatever fact it joins.
	canon, copies := duplicates(m)
	links := linkSentences(m, canon, tau)

	centrality := make([]float64, n)
	for i := range m.Sents {
		centrality[i] = m.Sents[i].Central
	}
	facts := stars(m, canon, copies, links, centrality)
	// Copies left out (their article already had a sentence in the fact)
	// stand alone, so that every sentence belongs to a fact.
	used := make([]bool, n)
	for _, f := range facts {
		for _, k := range f.Members {
			used[k] = true
		}
	}
	for i := range m.Sents {
		if !used[i] {
			facts = append(facts, Fact{Rep: i, Members: []int{i}, Articles: []int{m.Sents[i].Article}, Score: centrality[i]})
		}
	}
	return facts
}

// CandidateDF is the most of n items (sentences, quotations) a term may
// occur in and still make candidates for comparing them: a rarer term is
// what two wordings of one fact share, a commoner one ("said", "people")
// would have every item compared with every other.
func CandidateDF(n int) int { return max(50, n/20) }

// linkSentences links the canonical sentences of different articles whose
// similarity reaches tau, each way.
func linkSentences(m *Model, canon []int, tau float64) [][]link {
	n := len(m.Sents)
	links := make([][]link, n)
	// Candidates share a term that is not too common; the exact similarity
	// is then computed for each candidate pair.
	post := m.Postings()
	seen := make([]int, n)
	for i := range seen {
		seen[i] = -1
	}
	for i, s := range m.Sents {
		if canon[i] != i {
			continue
		}
		for _, id := range s.Vec.IDs {
			for _, p := range post[id] {
				j := int(p)
				if j <= i || canon[j] != j || seen[j] == i || m.Sents[j].Article == s.Article {
					continue
				}
				seen[j] = i
				if sim, shared := similarity(m, i, j); shared >= 2 && sim >= tau {
					links[i] = append(links[i], link{j, sim})
					links[j] = append(links[j], link{i, sim})
				}
			}
		}
	}
	return links
}

// stars makes the facts: the sentence with the most (weighted) support
// first, with the best sentence of each other article linked to it; a copy
// counts as full support.
func stars(m *Model, canon []int, copies map[int][]int, links [][]link, centrality []float64) []Fact {
	n := len(m.Sents)
	var order []int
	degree := make([]float64, n)
	for i := range m.Sents {
		if canon[i] != i {
			continue
		}
		order = append(order, i)
		degree[i] = float64(len(copies[i]))
		for _, l := range links[i] {
			degree[i] += l.sim * float64(1+len(copies[l.sent]))
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
		f := Fact{Rep: c, Score: centrality[c]}
		// The best sentence of each other article: a copy of the centre, or
		// a linked sentence or one of its copies.
		best := map[int]link{m.Sents[c].Article: {c, 2}}
		offer := func(k int, sim float64) {
			if used[k] {
				return
			}
			a := m.Sents[k].Article
			if b, ok := best[a]; !ok || sim > b.sim {
				best[a] = link{k, sim}
			}
		}
		for _, k := range copies[c] {
			offer(k, 1)
		}
		for _, l := range links[c] {
			if used[l.sent] {
				continue
			}
			offer(l.sent, l.sim)
			for _, k := range copies[l.sent] {
				offer(k, l.sim)
			}
		}
		arts := make([]int, 0, len(best))
		for a := range best {
			arts = append(arts, a)
		}
		sort.Ints(arts)
		f.Members = []int{c}
		for _, a := range arts {
			if k := best[a].sent; k != c {
				f.Members = append(f.Members, k)
			}
		}
		for _, k := range f.Members {
			used[k] = true
		}
		sort.Ints(f.Members[1:])
		f.Articles = arts
		facts = append(facts, f)
	}
	return facts
}

// duplicates finds sentences with the same terms in the same order: canon[i]
// is the first such sentence, copies[c] lists the others of canonical c.
// Sentences of fewer than four terms are never copies.
func duplicates(m *Model) (canon []int, copies map[int][]int) {
	canon = make([]int, len(m.Sents))
	copies = map[int][]int{}
	first := map[string]int{}
	var key []byte
	for i, s := range m.Sents {
		canon[i] = i
		if len(s.Terms) < 4 {
			continue
		}
		key = key[:0]
		for _, id := range s.Terms {
			key = append(key, byte(id), byte(id>>8), byte(id>>16), byte(id>>24))
		}
		if c, ok := first[string(key)]; ok {
			canon[i] = c
			copies[c] = append(copies[c], i)
			continue
		}
		first[string(key)] = i
	}
	return canon, copies
}

type link struct {
	sent int
	sim  float64
}
