// Package disjoint keeps disjoint sets of the integers 0 to n-1 (a
// union-find): the stages that link items pairwise (quotations of one
// utterance, the forms of one name) and then read the groups.
package disjoint

// Sets are disjoint sets of 0 to n-1, each named by its least member.
type Sets struct{ parent []int }

// New returns n sets of one member each.
func New(n int) *Sets {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return &Sets{p}
}

// Find returns the least member of the set of i.
func (s *Sets) Find(i int) int {
	for s.parent[i] != i {
		s.parent[i] = s.parent[s.parent[i]]
		i = s.parent[i]
	}
	return i
}

// Union joins the sets of a and b.
func (s *Sets) Union(a, b int) {
	ra, rb := s.Find(a), s.Find(b)
	switch {
	case ra < rb:
		s.parent[rb] = ra
	case rb < ra:
		s.parent[ra] = rb
	}
}
