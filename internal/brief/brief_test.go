package brief_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
	"github.com/parallax-news/parallax/internal/parallaxtest"
)

var update = flag.Bool("update", false, "update golden files instead of checking against them")

// examples reads and cleans the five example reports.
func examples(tb testing.TB) []*parallax.Article {
	tb.Helper()
	return parallaxtest.Examples(tb)
}

func TestGolden(t *testing.T) {
	b := brief.Build(examples(t), brief.Options{Words: brief.DefaultWords})
	var got bytes.Buffer
	enc := json.NewEncoder(&got)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		t.Fatal(err)
	}
	parallaxtest.Golden(t, filepath.Join("testdata", "examples.golden.json"), got.Bytes(), *update)
}

// TestCitations checks that every citation points at the exact words of its
// source: the cited span of the source's text is the statement (for the
// statement's own source) and never overlaps a removal.
func TestCitations(t *testing.T) {
	arts := examples(t)
	b := brief.Build(arts, brief.Options{Words: 250})
	byID := map[string]*parallax.Article{}
	for _, a := range arts {
		byID[a.SourceID] = a
	}
	check := func(where string, cites []parallax.Cite) {
		for _, c := range cites {
			a := byID[c.Source]
			if a == nil {
				t.Errorf("%s: cite of unknown source %q", where, c.Source)
				continue
			}
			runes := []rune(a.Text)
			if c.Start < 0 || c.End > len(runes) || c.Start >= c.End {
				t.Errorf("%s: cite %v out of range", where, c)
				continue
			}
			for _, r := range a.Removed {
				if c.Start < r.End && r.Start < c.End {
					t.Errorf("%s: cite %v overlaps removed %s %q", where, c, r.Reason, r.Text)
				}
			}
			for _, r := range a.OffTopic {
				if c.Start < r.End && r.Start < c.End {
					t.Errorf("%s: cite %v overlaps off-topic %q", where, c, r.Text)
				}
			}
		}
	}
	if len(b.Summary) < 4 {
		t.Fatalf("summary has %d sentences, want at least 4", len(b.Summary))
	}
	words := 0
	for _, st := range b.Summary {
		check("summary", st.Cites)
		words += len(strings.Fields(st.Text))
		found := false
		for _, c := range st.Cites {
			if string([]rune(byID[c.Source].Text)[c.Start:c.End]) == st.Text {
				found = true
			}
		}
		if !found {
			t.Errorf("summary sentence %q is not cited word for word", st.Text)
		}
		if len(st.Sources) != len(uniq(st.Cites)) {
			t.Errorf("summary sentence %q: sources %v but cites %v", st.Text, st.Sources, st.Cites)
		}
	}
	if words > 250 {
		t.Errorf("summary has %d words, budget 250", words)
	}
	for _, st := range b.Agreed {
		check("agreed", st.Cites)
		if len(st.Sources) < 2 {
			t.Errorf("agreed fact %q has %d sources", st.Text, len(st.Sources))
		}
	}
}

func uniq(cs []parallax.Cite) map[string]bool {
	m := map[string]bool{}
	for _, c := range cs {
		m[c.Source] = true
	}
	return m
}

// TestEditorChecklist asserts what an editor expects of the examples' brief.
func TestEditorChecklist(t *testing.T) {
	arts := examples(t)
	b := brief.Build(arts, brief.Options{Words: brief.DefaultWords})
	all := ""
	for _, st := range b.Summary {
		all += st.Text + "\n"
	}
	for _, want := range []string{"Bukele", "return"} {
		if !strings.Contains(all, want) {
			t.Errorf("summary does not mention %q:\n%s", want, all)
		}
	}
	for _, banned := range []string{"Image source", "Photograph:", "published at", "Stick with us", "Zelenskyy", "Pennsylvania", "image source from", "– Reuters"} {
		if strings.Contains(all, banned) {
			t.Errorf("summary carries boilerplate or off-topic text %q", banned)
		}
	}
	// The lead fact (Bukele will not return the man) is carried by several outlets.
	if len(b.Summary[0].Sources) < 3 {
		t.Errorf("first summary sentence %q has sources %v, want at least 3", b.Summary[0].Text, b.Summary[0].Sources)
	}
	names := map[string]string{}
	for _, s := range b.Sources {
		names[s.ID] = s.Name
	}
	for id, name := range map[string]string{"bbc": "BBC News", "guardian": "The Guardian", "reuters": "Reuters", "afp": "AFP"} {
		if names[id] != name {
			t.Errorf("source %q named %q, want %q", id, names[id], name)
		}
	}
	offTopic := ""
	for _, o := range b.OffTopic {
		offTopic += o.Text
	}
	for _, want := range []string{"In related news", "Badar Khan Suri", "Zelenskyy"} {
		if !strings.Contains(offTopic, want) {
			t.Errorf("off-topic parts do not list %q", want)
		}
	}
	reasons := map[string]int{}
	for _, r := range b.Removed {
		reasons[r.Reason]++
	}
	for _, reason := range []string{parallax.ReasonCaption, parallax.ReasonCredit, parallax.ReasonPostStamp, parallax.ReasonByline, parallax.ReasonImageSource, parallax.ReasonAgencyTail, parallax.ReasonChatter, parallax.ReasonMetadata} {
		if reasons[reason] == 0 {
			t.Errorf("no removal with reason %q", reason)
		}
	}
	if b.Title == "" {
		t.Error("no headline")
	}
}

func TestEmpty(t *testing.T) {
	b := brief.Build(nil, brief.Options{})
	out, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"summary":[]`, `"quotes":[]`, `"figures":[]`, `"conflicts":[]`, `"entities":[]`, `"timeline":[]`, `"off_topic":[]`, `"removed":[]`} {
		if !bytes.Contains(out, []byte(key)) {
			t.Errorf("empty brief lacks %s: %s", key, out)
		}
	}
}

// BenchmarkClean200 cleans the 200 articles of BenchmarkBuild200.
func BenchmarkClean200(b *testing.B) { benchClean(b, parallaxtest.Story(b, 200)) }

// BenchmarkBuild200 briefs a story of 200 articles: the examples repeated
// forty times with their paragraphs rotated.
func BenchmarkBuild200(b *testing.B) {
	arts := parallaxtest.Story(b, 200)
	b.ReportAllocs()
	for b.Loop() {
		brief.Build(arts, brief.Options{Words: 250})
	}
}

// TestOffTopicWithoutCue puts unrelated news into the example story, with
// no "in other news" to announce it: a live-blog post and a paragraph.
func TestOffTopicWithoutCue(t *testing.T) {
	arts := parallaxtest.Load(t, "testdata/offtopic")
	b := brief.Build(arts, brief.Options{Words: 250})
	off := ""
	for _, o := range b.OffTopic {
		off += o.Text + "\n"
	}
	for _, want := range []string{"Fire at Palin's church", "The Wasilla Bible Church", "Estimated damage is in the vicinity of $1 million.", "Tara Reid", "Zelenskyy"} {
		if !strings.Contains(off, want) {
			t.Errorf("off-topic parts lack %q", want)
		}
	}
	for _, kept := range []string{"The prison, with a capacity of 40,000", "Bernd", "Nayib Bukele of El Salvador is arguably"} {
		if strings.Contains(off, kept) {
			t.Errorf("on-topic text %q marked off-topic", kept)
		}
	}
	for _, st := range b.Summary {
		if strings.Contains(st.Text, "Palin") || strings.Contains(st.Text, "Reid") {
			t.Errorf("summary carries off-topic text: %q", st.Text)
		}
	}
}

// TestSummaryOrder checks on a real story of eleven reports (ECB+ 19_ecbplus,
// the police shooting of Kimani Gray) that the summary reads the facts most
// outlets carry first: the shooting itself, carried by at least five.
func TestSummaryOrder(t *testing.T) {
	arts := ecbplus(t, func(label string) bool { return label == "19_ecbplus" })
	if len(arts) != 11 {
		t.Fatalf("%d reports, want 11", len(arts))
	}
	b := brief.Build(arts, brief.Options{Words: 250})
	for k, st := range b.Summary {
		if k > 0 && len(st.Sources) > len(b.Summary[k-1].Sources) {
			t.Errorf("summary sentence %d (%d sources) comes after one with %d", k, len(st.Sources), len(b.Summary[k-1].Sources))
		}
	}
	if len(b.Summary) == 0 || len(b.Summary[0].Sources) < 5 || !strings.Contains(b.Summary[0].Text, "Kimani Gray") {
		t.Errorf("summary opens with %+v", b.Summary[:min(1, len(b.Summary))])
	}
}
