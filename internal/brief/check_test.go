package brief

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/parallaxtest"
)

// TestCheck checks that Check names the JSON path of every NaN or infinite
// number, and nothing for a finite brief.
func TestCheck(t *testing.T) {
	fig := func(v, lo, hi float64) parallax.Figure {
		return parallax.Figure{Text: "about 250", Value: v, Low: lo, High: hi, About: "people deported"}
	}
	tests := []struct {
		name    string
		figures []parallax.Figure
		want    []string // paths named, in order; nil for no error
	}{
		{"finite", []parallax.Figure{fig(250, 225, 275), fig(0, 0, 0), fig(-3, -3, math.MaxFloat64)}, nil},
		{"NaN high", []parallax.Figure{fig(1, 1, 1), fig(2, 2, 2), fig(3, 3, 3), fig(4, 4, math.NaN())}, []string{"figures[3].high is NaN"}},
		{"infinities", []parallax.Figure{fig(math.Inf(1), 1, math.Inf(1)), fig(2, math.Inf(-1), 2)},
			[]string{"figures[0].value is +Inf", "figures[0].high is +Inf", "figures[1].low is -Inf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := empty()
			b.Figures = tt.figures
			before := fmt.Sprint(b.Figures)
			err := Check(b)
			if after := fmt.Sprint(b.Figures); after != before {
				t.Errorf("Check changed the brief: %s, was %s", after, before)
			}
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Check = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Check = nil, want an error naming %v", tt.want)
			}
			if code := parallax.ErrorCode(err); code != parallax.EINTERNAL {
				t.Errorf("code %q, want %q", code, parallax.EINTERNAL)
			}
			msg := err.Error()
			last := -1
			for _, w := range tt.want {
				i := strings.Index(msg, w)
				if i < 0 {
					t.Errorf("error %q does not name %q", msg, w)
				} else if i < last {
					t.Errorf("error %q names %q out of order", msg, w)
				}
				last = i
			}
			if n := strings.Count(msg, " is "); n != len(tt.want) {
				t.Errorf("error %q names %d values, want %d", msg, n, len(tt.want))
			}
		})
	}
	if err := Check(nil); err != nil {
		t.Errorf("Check(nil) = %v", err)
	}
	if err := Check(empty()); err != nil {
		t.Errorf("Check(empty) = %v", err)
	}
}

// TestSanitize checks that sanitize drops the figures that hold NaN or an
// infinity and keeps the others, after which the brief encodes.
func TestSanitize(t *testing.T) {
	b := empty()
	b.Figures = []parallax.Figure{
		{Text: "Nan", Value: math.NaN(), Low: math.NaN(), High: math.NaN(), About: "Chaiyasit"},
		{Text: "three", Value: 3, Low: 3, High: 3, About: "people killed"},
		{Text: "Infinity", Value: math.Inf(1), Low: math.Inf(1), High: math.Inf(1), About: "jobs cut"},
	}
	sanitize(b)
	if len(b.Figures) != 1 || b.Figures[0].Text != "three" {
		t.Fatalf("figures after sanitize = %+v, want only \"three\"", b.Figures)
	}
	if err := Check(b); err != nil {
		t.Fatal(err)
	}
	if _, err := json.Marshal(b); err != nil {
		t.Fatal(err)
	}
}

// TestNumbersStory builds the brief of three real reports of the Athens bank
// fire (ECB+ topic 8, adapted) into which text that once gave the brief NaN
// and infinities was put: the name "Nan", "Infinity" in a spreadsheet and
// in a company name, "1e400", "10^999", a 400-digit balance, 9 and 300 zeros
// "billion", "0 of 0", 0% and 0 percent. The brief must encode, hold no
// figure read from those words, and keep the real figures.
func TestNumbersStory(t *testing.T) {
	arts := parallaxtest.Load(t, filepath.Join("testdata", "numbers"))
	if len(arts) != 3 {
		t.Fatalf("%d articles, want 3", len(arts))
	}
	b, err := Try(arts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(b); err != nil {
		t.Fatal(err)
	}
	if _, err := json.Marshal(b); err != nil {
		t.Fatalf("the brief does not encode: %v", err)
	}
	texts := map[string]parallax.Figure{}
	for _, f := range b.Figures {
		texts[f.Text] = f
		for _, bad := range []string{"Nan", "NaN", "Infinity", "1e400", "999", "000000000"} {
			if strings.Contains(f.Text, bad) {
				t.Errorf("figure %q read from %q", f.Text, bad)
			}
		}
		if f.Low > f.Value || f.Value > f.High {
			t.Errorf("figure %q: value %v outside its range %v–%v", f.Text, f.Value, f.Low, f.High)
		}
	}
	for _, want := range []struct {
		text      string
		low, high float64
	}{
		{"as many as 20 people", 10, 20},
		{"20,000 people", 20000, 20000},
		{"12 people", 12, 12},
		{"at least three people dead", 3, 30},
	} {
		f, ok := texts[want.text]
		if !ok {
			t.Errorf("no figure %q among %v", want.text, keys(texts))
			continue
		}
		if f.Low != want.low || f.High != want.high {
			t.Errorf("figure %q: range %v–%v, want %v–%v", want.text, f.Low, f.High, want.low, want.high)
		}
	}
}

func keys(m map[string]parallax.Figure) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestTry checks that Try gives the brief Build gives on the examples, with
// no error.
func TestTry(t *testing.T) {
	want, err := json.Marshal(Build(parallaxtest.Examples(t), Options{}))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Try(parallaxtest.Examples(t), Options{})
	if err != nil {
		t.Fatalf("Try on the examples: %v", err)
	}
	got, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("Try and Build differ (-Build +Try):\n%s", diff)
	}
	// An empty story is no error.
	if b, err := Try(nil, Options{}); err != nil || b == nil || b.Figures == nil {
		t.Errorf("Try(nil) = %+v, %v", b, err)
	}
}

// TestTryRecovers checks the recovery of a panic, in the caller's goroutine
// and in a stage's, and the error for a brief that holds a NaN.
func TestTryRecovers(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name  string
		build func() *parallax.Brief
		msg   []string // the message holds each
		err   error    // wrapped, when not nil
	}{
		{"panic with a string", func() *parallax.Brief { panic("index out of range [-1]") },
			[]string{"panic while building the brief: index out of range [-1]", "goroutine ", "brief.TestTryRecovers"}, nil},
		{"panic with an error", func() *parallax.Brief { panic(boom) },
			[]string{"panic while building the brief: boom"}, boom},
		{"runtime error", func() *parallax.Brief {
			var xs []int
			i := -1
			_ = xs[i+len(xs)]
			return nil
		}, []string{"index out of range [-1]", "runtime error"}, nil},
		{"panic in a stage", func() *parallax.Brief {
			var s stages
			s.Go(func() {})
			s.Go(func() { panic("stage failed") })
			s.Wait()
			return empty()
		}, []string{"panic while building the brief: stage failed", "(*stages).Go"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := try(tt.build)
			if b != nil {
				t.Errorf("brief %+v after a panic, want nil", b)
			}
			var e *parallax.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want a *parallax.Error", err, err)
			}
			if e.Code != parallax.EINTERNAL {
				t.Errorf("code %q, want %q", e.Code, parallax.EINTERNAL)
			}
			for _, m := range tt.msg {
				if !strings.Contains(e.Message, m) {
					t.Errorf("message does not hold %q:\n%s", m, e.Message)
				}
			}
			if tt.err != nil && !errors.Is(err, tt.err) {
				t.Errorf("error does not wrap %v", tt.err)
			}
		})
	}
	// A brief that holds a NaN is returned with Check's error.
	bad := empty()
	bad.Figures = []parallax.Figure{{Text: "Nan", Value: math.NaN()}}
	b, err := try(func() *parallax.Brief { return bad })
	if b != bad || parallax.ErrorCode(err) != parallax.EINTERNAL || !strings.Contains(err.Error(), "figures[0].value is NaN") {
		t.Errorf("try on a NaN brief = %p, %v", b, err)
	}
}

// TestStoryInput checks how an error names the articles of a story.
func TestStoryInput(t *testing.T) {
	art := func(id, path string) *parallax.Article {
		return &parallax.Article{Document: parallax.Document{ID: id, Path: path}}
	}
	var many []*parallax.Article
	for _, id := range []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"} {
		many = append(many, art(id, "x/"+id+".txt"))
	}
	tests := []struct {
		name string
		arts []*parallax.Article
		want string
	}{
		{"none", nil, ""},
		{"ids, else paths", []*parallax.Article{art("reuters-1", "r.txt"), art("", "examples/bbc.md"), art("", "")}, "reuters-1, examples/bbc.md, #3"},
		{"many", many, "a1, a2, a3, a4, a5 and 3 more"},
		{"long id", []*parallax.Article{art(strings.Repeat("x", 200), "")}, strings.Repeat("x", 79) + "…"},
	}
	for _, tt := range tests {
		if got := storyInput(tt.arts); got != tt.want {
			t.Errorf("%s: storyInput = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// FuzzBuild builds, through Try, the brief of a story of two or three
// articles made of the fuzz input (split at blank-line-separated "---"
// lines, else in halves), and checks that it neither panics nor holds a
// number JSON cannot write. The seeds are the reports of testdata/numbers.
func FuzzBuild(f *testing.F) {
	for _, a := range parallaxtest.Load(f, filepath.Join("testdata", "numbers")) {
		f.Add(a.Text + "\n\n---\n\n" + "Police said 0 of 0 people were hurt and infinity-year-old walls fell.")
	}
	f.Add("\"We will rebuild,\" the mayor says\n\"Nothing bad is going to happen.\nWe are sure of it.\"\n---\nNan Chaiyasit, 34, said 1e400 people saw it.\n---\nAround 1" + strings.Repeat("0", 307) + " billion euros were lost.")
	c, err := clean.New() // once: building a cleaner is slow under the fuzzer
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) || len(in) > 8<<10 {
			return // ingest rejects invalid UTF-8; long inputs only slow the search
		}
		parts := strings.Split(in, "\n---\n")
		if len(parts) < 2 {
			r := []rune(in)
			parts = []string{string(r[:len(r)/2]), string(r[len(r)/2:])}
		}
		if len(parts) > 3 {
			parts = parts[:3]
		}
		var arts []*parallax.Article
		for i, p := range parts {
			id := "f" + string(rune('1'+i))
			arts = append(arts, c.Clean(parallax.Document{ID: id, Path: id, Text: p}))
		}
		b, err := Try(arts, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := json.Marshal(b); err != nil {
			t.Fatalf("the brief does not encode: %v", err)
		}
	})
}
