package brief

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/align"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/parallaxtest"
	"github.com/parallax-news/parallax/internal/text"
)

// TestCrediting measures the decision to credit a source with a statement
// on the sentence pairs of the examples labelled by reading
// (align/testdata/pairs.tsv, labelled "the same fact", looser than "states
// the main claim"): it must stay more precise than the bare similarity
// threshold (precision 0.71, recall 0.69 there). It scores precision 0.91,
// recall 0.31.
func TestCrediting(t *testing.T) {
	m := align.NewModel(parallaxtest.Examples(t), nil)
	c := crediting{m: m, keys: keyNames(m), tau: align.DefaultThreshold}
	var conf parallaxtest.Confusion
	for _, p := range parallaxtest.LabelledPairs(t, m) {
		conf.Add(c.credits(p.A, p.B), p.Same)
	}
	prec, rec := conf.Precision(), conf.Recall()
	t.Logf("crediting: precision %.2f recall %.2f", prec, rec)
	if prec < 0.88 || rec < 0.28 {
		t.Errorf("precision %.2f, recall %.2f: want ≥ 0.88 and ≥ 0.28", prec, rec)
	}
}

// creditPair is one labelled pair of testdata/credit/pairs.jsonl: whether
// the source of sentence B may be credited with sentence A, by reading.
type creditPair struct {
	Story string `json:"story"`
	Label int    `json:"label"`
	Kind  string `json:"kind"`
	A     struct {
		Doc  string `json:"doc"`
		Text string `json:"text"`
	} `json:"a"`
	B struct {
		Doc  string `json:"doc"`
		Text string `json:"text"`
	} `json:"b"`
}

// TestCreditingLabelled measures crediting on 392 pairs of sentences from
// 14 multi-outlet stories of ECB+ (testdata/credit), each a statement of a
// brief and the sentence of another source most like it, labelled by
// reading. It scores precision 0.910, recall 0.502 (the similarity and
// shared-words test it replaced: 0.733 and 0.778); the weights are fitted
// on these pairs, and with each story left out of the fit in turn the
// figures are 0.89 and 0.51. The bar it is held to is what it scores: the
// aim of precision 0.95 at recall 0.7 is not reached by word evidence.
func TestCreditingLabelled(t *testing.T) {
	pairs := readCreditPairs(t)
	stories := ecbStories(t)
	var conf parallaxtest.Confusion
	byKind := map[string]*parallaxtest.Confusion{}
	for story, ps := range groupPairs(pairs) {
		m := briefModel(stories[story])
		c := crediting{m: m, keys: keyNames(m), tau: align.DefaultThreshold}
		find := sentenceFinder(t, m)
		for _, p := range ps {
			i, k := find(p.A.Doc, p.A.Text), find(p.B.Doc, p.B.Text)
			if i < 0 || k < 0 {
				continue // off topic in this model
			}
			got := c.credits(i, k)
			conf.Add(got, p.Label == 1)
			if byKind[p.Kind] == nil {
				byKind[p.Kind] = &parallaxtest.Confusion{}
			}
			byKind[p.Kind].Add(got, p.Label == 1)
			if testing.Verbose() && got != (p.Label == 1) {
				t.Logf("%s %s (%s): %q / %q", story, map[bool]string{true: "FP", false: "FN"}[got], p.Kind, p.A.Text, p.B.Text)
			}
		}
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		c := byKind[k]
		t.Logf("  %-12s credited %3.0f of %3.0f", k, c.TP+c.FP, c.TP+c.FP+c.FN+countTN(c, k, pairs))
	}
	prec, rec := conf.Precision(), conf.Recall()
	t.Logf("crediting on %d labelled pairs: precision %.3f recall %.3f F1 %.3f", len(pairs), prec, rec, conf.F1())
	if prec < 0.9 || rec < 0.5 {
		t.Errorf("precision %.3f, recall %.3f: want ≥ 0.9 and ≥ 0.5", prec, rec)
	}
}

// countTN returns the pairs of a kind that are neither credited nor labelled
// 1: c counts only the others.
func countTN(c *parallaxtest.Confusion, kind string, pairs []creditPair) float64 {
	n := 0.0
	for _, p := range pairs {
		if p.Kind == kind {
			n++
		}
	}
	return n - c.TP - c.FP - c.FN
}

func readCreditPairs(t *testing.T) []creditPair {
	f, err := os.Open(filepath.Join("testdata", "credit", "pairs.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pairs []creditPair
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var p creditPair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("pairs.jsonl line %d: %v", len(pairs)+1, err)
		}
		pairs = append(pairs, p)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return pairs
}

func groupPairs(pairs []creditPair) map[string][]creditPair {
	out := map[string][]creditPair{}
	for _, p := range pairs {
		out[p.Story] = append(out[p.Story], p)
	}
	return out
}

// ecbStories reads and cleans the ECB+ development articles, grouped by
// their gold story.
func ecbStories(t *testing.T) map[string][]*parallax.Article {
	out := map[string][]*parallax.Article{}
	for _, a := range parallaxtest.ECBPlus(t) {
		out[a.Label] = append(out[a.Label], a)
	}
	return out
}

// briefModel is the model Build credits statements in: the story settled,
// analysed once, with its off-topic parts left out.
func briefModel(arts []*parallax.Article) *align.Model {
	arts = clean.Settle(arts)
	whole := align.FromDocs(text.Analyse(arts), nil)
	skip, _ := markOffTopic(arts, whole)
	return whole.Without(skip)
}

// sentenceFinder finds a sentence of the model by its article's ID and its
// text; -1 when the model leaves it out. It stops the test when the article
// does not have the sentence (the cleaning or splitting changed).
func sentenceFinder(t *testing.T, m *align.Model) func(doc, text string) int {
	index := map[[2]string]int{}
	for i := range m.Sents {
		a := m.Articles[m.Sents[i].Article]
		index[[2]string{a.ID, m.Sentence(i).Text}] = i
	}
	return func(doc, txt string) int {
		if i, ok := index[[2]string{doc, txt}]; ok {
			return i
		}
		for _, a := range m.Articles {
			if a.ID != doc {
				continue
			}
			for _, s := range a.Sentences {
				if s.Text == txt {
					return -1
				}
			}
		}
		t.Fatalf("%s has no sentence %q", doc, txt)
		return -1
	}
}
