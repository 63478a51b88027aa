package streamgen

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
)

func readSource(t *testing.T) []parallax.Document {
	t.Helper()
	docs, err := ingest.Read(context.Background(), []string{"../testdata/ecbplus-1-7-12.jsonl"}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func TestGenerate(t *testing.T) {
	src := readSource(t)
	opts := DefaultOptions(2000)
	a, err := Generate(src, opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(src, opts)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("same seed, different streams:\n%.2000s", diff)
	}
	if len(a) != 2000 {
		t.Fatalf("%d articles, want 2000", len(a))
	}
	events := map[string]int{}
	var bytes int
	for i, d := range a {
		events[d.Label]++
		bytes += len(d.Text)
		if i > 0 && d.Published.Before(a[i-1].Published) {
			t.Fatalf("article %d published before the one before it", i)
		}
		if d.ID == "" || d.Title == "" || d.Text == "" || d.Label == "" {
			t.Fatalf("incomplete article %+v", d)
		}
	}
	if n := len(events); n < 120 || n > 300 {
		t.Errorf("%d events for 2000 articles, want about 200", n)
	}
	if mean := bytes / len(a); mean < 2000 || mean > 3600 {
		t.Errorf("mean article size %d bytes, want about 3000", mean)
	}
	// Two events from the same source differ in names: Tara Reid keeps her
	// name in some events only.
	reid, renamed := 0, 0
	for _, d := range a {
		if strings.Contains(d.Text, "Promises") {
			if strings.Contains(d.Text, "Tara Reid") {
				reid++
			} else {
				renamed++
			}
		}
	}
	if reid == 0 || renamed == 0 {
		t.Errorf("Tara Reid kept in %d articles, renamed in %d", reid, renamed)
	}
}

func TestPerturb(t *testing.T) {
	p := perturber{event: 7, seed: 1, rename: 1}
	in := "Wladimir Klitschko stopped Tony Thompson in the sixth round on Saturday, July 7, 2012, before 25,000 fans."
	got := p.apply(in)
	for _, kept := range []string{"stopped", "in the sixth round on Saturday, July"} {
		if !strings.Contains(got, kept) {
			t.Errorf("%q lost %q", got, kept)
		}
	}
	for _, gone := range []string{"Klitschko", "Thompson", "2012"} {
		if strings.Contains(got, gone) {
			t.Errorf("%q kept %q", got, gone)
		}
	}
	if again := p.apply(in); again != got {
		t.Errorf("not deterministic: %q then %q", got, again)
	}
}

func TestGenerateErrors(t *testing.T) {
	if _, err := Generate(nil, DefaultOptions(10)); parallax.ErrorCode(err) != parallax.EINVALID {
		t.Errorf("no source: error %v", err)
	}
	if _, err := Generate(readSource(t), DefaultOptions(0)); parallax.ErrorCode(err) != parallax.EINVALID {
		t.Errorf("no articles: error %v", err)
	}
}
