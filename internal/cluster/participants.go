package cluster

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Main participants. Two events of one kind — another person nominated to
// the same post, another player of the same team arrested for the same
// offence — share most of their words; the names of their main
// participants tell them apart.
//
// An article's main names are its mainNames most named full names: a run
// of capitalised words ("Kevin Strand") with its words, one of which the
// article names at least twice, a mention in the title or lead counting
// twice. A name of short words only (a time zone, a wire service: "PM
// ET", "AP") is none, nor is a name that more than one article in mainDF
// of the stream carries (a country, a league). "Kevin", "Strand" and
// "Kevin Strand" are one main name, named when any of them is.
//
// A story's main names are the words that are main in at least half of its
// articles, once it has two: one report makes no main name. An article
// conflicts with a story (the similarity is multiplied by
// exp(−Options.MainWeight)) when it has a main name that the story does not
// name at all while the story has one that the article does not name at
// all. Other participants may be shared: Klitschko defends his title
// against Thompson, not Rahman.

// headTerm is a term of a main name of the article being added (the name
// or one of its words) and the index of that main name.
type headTerm struct {
	term int32
	ent  int8
}

// nameCount is how many articles of a story have a word in their main
// names, and rep the word (as term+1) that stands for the main name it is
// part of.
type nameCount struct {
	n   int32
	rep int32
}

// mainWord is a word of a story's main name rep.
type mainWord struct{ rep, term int32 }

const (
	// mainNames is the number of main names of an article.
	mainNames = 2
	// maxMainNames bounds the main names of a story taken as an article
	// (when settling it).
	maxMainNames = 8
	// mainDF: a name in more than one article in mainDF of the stream (or,
	// early in it, in more than mainDF articles) is no main name.
	mainDF = 10
	// mainStory is the least number of articles of a story with main names.
	mainStory = 2
)

// mainCand is a name of the article being added that may be part of a
// main name: a word named twice, or a run (its words are
// c.mainWords[from:to]).
type mainCand struct {
	term     int32
	tf       float32
	from, to int32
	root     int32 // union-find parent, in c.mainCands
}

// mainEnt is a main name being chosen: its root candidate, its most named
// word and that word's weight, and whether it has a run.
type mainEnt struct {
	root int32
	tf   float32
	key  string
	run  bool
}

// setHeads finds the main names of the article being added from its
// features and its vector (term for term) and marks their terms.
func (c *Clusterer) setHeads(feats []feature, vec []weighted) {
	c.clearHeads()
	if c.opts.MainWeight == 0 {
		return
	}
	// Named twice: a weighted count of 2, as extract weighs it.
	minTF := float32((1+math.Ln2)*c.opts.NameWeight) - 1e-4
	limit := max(c.n, mainDF*mainDF)
	cands, words := c.mainCands[:0], c.mainWords[:0]
	if c.mainIndex == nil {
		c.mainIndex = map[int32]int32{}
	}
	clear(c.mainIndex)
	for i, f := range feats {
		t := vec[i].term
		if !c.terms[t].name || int(c.terms[t].df)*mainDF > limit || shortWords(f.key) {
			continue
		}
		k := mainCand{term: t, tf: f.tf, from: int32(len(words)), root: int32(len(cands))}
		if run := f.key[len(namePrefix):]; strings.Contains(run, " ") {
			for w := range strings.SplitSeq(run, " ") {
				if wt, ok := c.vocab[hashName(w)]; ok {
					words = append(words, wt)
				}
			}
		} else if f.tf < minTF {
			continue
		}
		k.to = int32(len(words))
		c.mainIndex[t] = int32(len(cands))
		cands = append(cands, k)
	}
	c.mainCands, c.mainWords = cands, words
	if len(cands) == 0 {
		return
	}
	// A run joins its words, and so the runs that share a word, into one
	// main name.
	find := func(i int32) int32 {
		for cands[i].root != i {
			i = cands[i].root
		}
		return i
	}
	for i, k := range cands {
		for _, w := range words[k.from:k.to] {
			if j, ok := c.mainIndex[w]; ok {
				if a, b := find(int32(i)), find(j); a != b {
					cands[max(a, b)].root = min(a, b)
				}
			}
		}
	}
	ents := c.mainEnts[:0]
	for i, k := range cands {
		r := find(int32(i))
		e := slices.IndexFunc(ents, func(e mainEnt) bool { return e.root == r })
		if e < 0 {
			e = len(ents)
			ents = append(ents, mainEnt{root: r})
		}
		ents[e].run = ents[e].run || k.to > k.from
		if key := c.keys[k.term]; k.to == k.from && (k.tf > ents[e].tf || k.tf == ents[e].tf && key < ents[e].key) {
			ents[e].tf, ents[e].key = k.tf, key
		}
	}
	ents = slices.DeleteFunc(ents, func(e mainEnt) bool { return !e.run || e.tf < minTF })
	slices.SortFunc(ents, func(x, y mainEnt) int {
		if d := cmp.Compare(y.tf, x.tf); d != 0 {
			return d
		}
		return strings.Compare(x.key, y.key)
	})
	c.mainEnts = ents
	ents = ents[:min(len(ents), mainNames)]
	for n, e := range ents {
		for i, k := range cands {
			if find(int32(i)) == e.root {
				c.mark(k.term, int8(n))
				for _, w := range words[k.from:k.to] {
					c.mark(w, int8(n))
				}
			}
		}
	}
	c.nents = len(ents)
}

// hashName is hash64(namePrefix + w), without making the string.
func hashName(w string) uint64 {
	h := namePrefixHash
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return h
}

var namePrefixHash = hash64(namePrefix)

// shortWords reports whether every word of name key has at most three
// letters: an abbreviation (a time zone, a wire service), not a
// participant.
func shortWords(key string) bool {
	for w := range strings.FieldsSeq(strings.TrimPrefix(key, namePrefix)) {
		if len(w) > 3 {
			return false
		}
	}
	return true
}

// mark records term t as a term of main name ent, unless it already is one.
func (c *Clusterer) mark(t int32, ent int8) {
	if c.terms[t].head == 0 {
		c.terms[t].head = ent + 1
		c.heads = append(c.heads, headTerm{t, ent})
	}
}

// clearHeads unmarks the main names of the article.
func (c *Clusterer) clearHeads() {
	for _, h := range c.heads {
		c.terms[h.term].head = 0
	}
	c.heads, c.nents = c.heads[:0], 0
}

// storyHeads marks the main names of story s as those of the article
// being scored, to settle s.
func (c *Clusterer) storyHeads(s *story) {
	c.clearHeads()
	if c.opts.MainWeight == 0 {
		return
	}
	for i, m := range s.mains {
		if i == 0 || m.rep != s.mains[i-1].rep {
			if c.nents == maxMainNames {
				break
			}
			c.nents++
		}
		c.mark(m.term, int8(c.nents-1))
	}
}

// named returns the main names of the article that story s names, a bit
// each.
func (c *Clusterer) named(s *story) (named uint8) {
	for _, t := range s.terms {
		if h := c.terms[t].head; h > 0 {
			named |= 1 << (h - 1)
		}
	}
	return named
}

// mainConflict reports whether the article being scored has a main name
// that story s does not name (named has a bit for each it names) while s
// has a main name that the article does not name.
func (c *Clusterer) mainConflict(s *story, named uint8) bool {
	if c.nents == 0 || len(s.mains) == 0 || named == 1<<c.nents-1 {
		return false
	}
	for i := 0; i < len(s.mains); {
		j, found := i, false
		for ; j < len(s.mains) && s.mains[j].rep == s.mains[i].rep; j++ {
			found = found || c.terms[s.mains[j].term].dense != 0
		}
		if !found {
			return true
		}
		i = j
	}
	return false
}

// mainTexts lists, for an explanation of a conflict, the words of the
// article's main names that story s does not name ("names strand") and
// those of the story's that the article does not name ("not pruitt").
func (c *Clusterer) mainTexts(s *story) []string {
	named := c.named(s)
	var out []string
	for _, h := range c.heads {
		if k := c.keys[h.term]; named&(1<<h.ent) == 0 && !strings.Contains(k, " ") {
			out = append(out, "names "+strings.TrimPrefix(k, namePrefix))
		}
	}
	for _, m := range s.mains {
		if c.terms[m.term].dense == 0 {
			out = append(out, "not "+strings.TrimPrefix(c.keys[m.term], namePrefix))
		}
	}
	return out
}

// joinMains counts the main names of the article joining story s (whose
// size counts it already) by their words, and updates the story's main
// names.
func (c *Clusterer) joinMains(s *story, heads []headTerm) {
	if c.opts.MainWeight == 0 {
		return
	}
	if len(heads) > 0 && s.names == nil {
		s.names = map[int32]nameCount{}
	}
	// A main name takes the word that stands for it in the story, if any
	// of its words has one.
	var rep [maxMainNames]int32
	for _, h := range heads {
		if nc, ok := s.names[h.term]; ok && !strings.Contains(c.keys[h.term], " ") && (rep[h.ent] == 0 || nc.rep < rep[h.ent]) {
			rep[h.ent] = nc.rep
		}
	}
	for _, h := range heads {
		if strings.Contains(c.keys[h.term], " ") {
			continue // a run counts by its words
		}
		if rep[h.ent] == 0 {
			rep[h.ent] = h.term + 1
		}
		nc := s.names[h.term]
		if nc.n == 0 {
			nc.rep = rep[h.ent]
		}
		nc.n++
		s.names[h.term] = nc
	}
	c.updateMains(s)
}

// mergeMains adds the main names counted in story b to story a.
func (c *Clusterer) mergeMains(a, b *story) {
	if c.opts.MainWeight == 0 {
		return
	}
	if len(b.names) > 0 && a.names == nil {
		a.names = map[int32]nameCount{}
	}
	for t, nb := range b.names {
		na, ok := a.names[t]
		if !ok {
			na.rep = nb.rep
		}
		na.n += nb.n
		a.names[t] = na
	}
	c.updateMains(a)
}

// updateMains lists the story's main names: the words main in at least
// half its articles, grouped by main name.
func (c *Clusterer) updateMains(s *story) {
	s.mains = s.mains[:0]
	if s.size < mainStory {
		return
	}
	for t, nc := range s.names {
		if 2*int(nc.n) >= s.size {
			s.mains = append(s.mains, mainWord{nc.rep, t})
		}
	}
	slices.SortFunc(s.mains, func(x, y mainWord) int {
		if d := cmp.Compare(x.rep, y.rep); d != 0 {
			return d
		}
		return cmp.Compare(x.term, y.term)
	})
}
