package dedup

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// readECB returns the texts of testdata/ecbplus-copies.jsonl by ID.
func readECB(t testing.TB) map[string]string {
	t.Helper()
	f, err := os.Open("testdata/ecbplus-copies.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		out[r.ID] = r.Text
	}
	return out
}

func newIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := NewIndex(DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestPairs(t *testing.T) {
	ecb := readECB(t)
	tests := []struct {
		name               string
		original, cp       string
		wantCopy           bool
		wantAdded, wantCut int
	}{
		{"trimmed and re-headlined wire copy", readFile(t, "reuters.txt"), readFile(t, "reuters-trimmed.txt"), true, 1, 6},
		{"wire copy with a paragraph added", readFile(t, "reuters.txt"), readFile(t, "reuters-extended.txt"), true, 1, 0},
		{"other report of the same meeting", readFile(t, "reuters.txt"), readFile(t, "bbc.txt"), false, 0, 0},
		{"ECB+ re-run with a sentence added", ecb["7_10ecbplus"], ecb["7_9ecbplus"], true, 1, 0},
		{"ECB+ copy less its last sentence", ecb["21_12ecb"], ecb["21_8ecb"], true, 0, 1},
		{"ECB+ same text, other headline", ecb["24_3ecbplus"], ecb["24_9ecbplus"], true, 0, 0},
		{"ECB+ first sentences only", ecb["22_12ecbplus"], ecb["22_14ecbplus"], true, 1, 25},
		{"ECB+ other article of the same fight", ecb["7_10ecbplus"], ecb["7_1ecbplus"], false, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := newIndex(t)
			if _, ok := ix.Add(tt.original); ok {
				t.Fatal("first text reported as a copy")
			}
			m, ok := ix.Add(tt.cp)
			if ok != tt.wantCopy {
				t.Fatalf("copy = %v (%v), want %v", ok, m, tt.wantCopy)
			}
			if !ok {
				return
			}
			if m.Original != 0 {
				t.Errorf("Original = %d, want 0", m.Original)
			}
			if m.Jaccard < DefaultOptions().Jaccard && m.Containment < DefaultOptions().Containment {
				t.Errorf("match %v below both thresholds", m)
			}
			if len(m.Diff.Added) != tt.wantAdded || len(m.Diff.Cut) != tt.wantCut {
				t.Errorf("diff +%d/-%d, want +%d/-%d: %+v", len(m.Diff.Added), len(m.Diff.Cut), tt.wantAdded, tt.wantCut, m.Diff)
			}
			for _, s := range m.Diff.Added {
				if !strings.Contains(tt.cp, s) || strings.Contains(tt.original, s) {
					t.Errorf("added sentence %q is not the copy's own", s)
				}
			}
			for _, s := range m.Diff.Cut {
				if !strings.Contains(tt.original, s) || strings.Contains(tt.cp, s) {
					t.Errorf("cut sentence %q is not the original's own", s)
				}
			}
		})
	}
}

func TestDiffTexts(t *testing.T) {
	ix := newIndex(t)
	got := ix.Diff(readFile(t, "reuters.txt"), readFile(t, "reuters-extended.txt"))
	want := Diff{
		Added: []string{`• The US Supreme Court has ruled that the Trump administration must "facilitate" the return of Kilmar Abrego Garcia, who was granted protection from deportation by a court in 2019`},
		Cut:   []string{},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Diff mismatch (-want +got):\n%s", diff)
	}
}

// TestCopyOfCopy checks that a copy of a copy points to the earliest
// original.
func TestCopyOfCopy(t *testing.T) {
	ix := newIndex(t)
	orig := readFile(t, "reuters.txt")
	ix.Add(readFile(t, "bbc.txt"))
	ix.Add(orig)
	ix.Add(readFile(t, "reuters-extended.txt"))
	m, ok := ix.Add(readFile(t, "reuters-trimmed.txt"))
	if !ok || m.Original != 1 {
		t.Fatalf("got %v, %v; want a copy of #1", m, ok)
	}
}

// TestForget checks what an index that forgets its old texts still finds:
// a copy of a forgotten text is no copy any more; a copy of a copy whose
// original is forgotten points to the remembered copy; a copy of a
// remembered text is found; and forgotten texts and their buckets are
// freed.
func TestForget(t *testing.T) {
	ix := newIndex(t)
	ix.Add(readFile(t, "bbc.txt"))              // 0
	ix.Add(readFile(t, "reuters.txt"))          // 1
	ix.Add(readFile(t, "reuters-extended.txt")) // 2, copy of 1
	heads := 0
	for _, h := range ix.heads {
		heads += len(h)
	}
	ix.Forget(2)
	if ix.Text(0) != "" || ix.Text(1) != "" || ix.Text(2) == "" {
		t.Errorf("texts kept after Forget(2): %q, %q; text 2 forgotten: %v", ix.Text(0)[:min(20, len(ix.Text(0)))], ix.Text(1)[:min(20, len(ix.Text(1)))], ix.Text(2) == "")
	}
	if m, ok := ix.Add(readFile(t, "bbc.txt")); ok {
		t.Errorf("a copy of a forgotten text matched %v", m)
	}
	m, ok := ix.Add(readFile(t, "reuters-trimmed.txt"))
	if !ok || m.Original != 2 {
		t.Errorf("copy of a copy whose original is forgotten: %v, %v; want a copy of #2", m, ok)
	}
	// A sweep frees the buckets of forgotten texts.
	for range 1100 {
		ix.Add("a text too short to sign")
	}
	ix.Forget(ix.Len())
	left := 0
	for _, h := range ix.heads {
		left += len(h)
	}
	if heads == 0 || left != 0 {
		t.Errorf("%d bucket heads before, %d left after forgetting everything", heads, left)
	}
}

func TestSignDeterministic(t *testing.T) {
	s := readFile(t, "reuters.txt")
	a, b := newIndex(t).Sign(s), newIndex(t).Sign(s)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("signatures differ:\n%s", diff)
	}
	if len(a.Mins) != 128 || a.Shingles < 100 {
		t.Errorf("signature has %d values over %d shingles", len(a.Mins), a.Shingles)
	}
	if short := newIndex(t).Sign("Mr Bukele said."); short.Mins != nil {
		t.Errorf("a three-word text got a signature")
	}
}

func TestSplitSentences(t *testing.T) {
	got := splitSentences("Mr. Bukele met Mr Trump. “How can I smuggle a terrorist?” he said. The U.S. would help.\nNew line")
	want := []string{"Mr. Bukele met Mr Trump.", "“How can I smuggle a terrorist?” he said.", "The U.S. would help.", "New line"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("splitSentences mismatch (-want +got):\n%s", diff)
	}
}

func TestValidate(t *testing.T) {
	for name, mod := range map[string]func(*Options){
		"shingle":     func(o *Options) { o.Shingle = 0 },
		"bands":       func(o *Options) { o.Bands = 0 },
		"jaccard":     func(o *Options) { o.Jaccard = 1.5 },
		"containment": func(o *Options) { o.Containment = 0 },
		"chain":       func(o *Options) { o.MaxChain = 0 },
	} {
		o := DefaultOptions()
		mod(&o)
		if _, err := NewIndex(o); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func BenchmarkSign(b *testing.B) {
	ix := newIndex(b)
	s := readFile(b, "reuters.txt")
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		ix.Sign(s)
	}
}
