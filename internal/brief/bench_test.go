package brief_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/parallaxtest"
)

// newswire returns 25 cleaned reports of one event, as a DUC-style set:
// the ECB+ development topic with the most words (topic 19, the police
// shooting of Kimani Gray and its riots), its first 25 articles.
func newswire(tb testing.TB) []*parallax.Article {
	tb.Helper()
	arts := ecbplus(tb, func(label string) bool { return strings.HasPrefix(label, "19_") })
	if len(arts) < 25 {
		tb.Fatalf("%d articles of topic 19, want 25", len(arts))
	}
	return arts[:25]
}

// ecbplus reads and cleans the ECB+ development articles whose gold label
// keep accepts, in file order.
func ecbplus(tb testing.TB, keep func(label string) bool) []*parallax.Article {
	tb.Helper()
	var arts []*parallax.Article
	for _, a := range parallaxtest.ECBPlus(tb) {
		if keep(a.Label) {
			arts = append(arts, a)
		}
	}
	return arts
}

// BenchmarkBuild25 briefs a 25-article newswire set (see newswire) with the
// budget of the held-out comparison, 250 words.
func BenchmarkBuild25(b *testing.B) {
	arts := newswire(b)
	b.ReportAllocs()
	for b.Loop() {
		brief.Build(arts, brief.Options{Words: 250})
	}
}

// BenchmarkClean25 cleans the articles of BenchmarkBuild25.
func BenchmarkClean25(b *testing.B) { benchClean(b, newswire(b)) }

// benchClean cleans the documents of arts again and again.
func benchClean(b *testing.B, arts []*parallax.Article) {
	c, err := clean.New()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range arts {
			c.Clean(a.Document)
		}
	}
}

// numbers returns about size bytes of text dense with numbers, as
// articles of about 4 KB: counts, amounts, percentages, dates and ranges
// in sentences of news prose, varied so that few repeat exactly.
func numbers(tb testing.TB, size int) []*parallax.Article {
	tb.Helper()
	c, err := clean.New()
	if err != nil {
		tb.Fatal(err)
	}
	things := []string{"people", "homes", "soldiers", "votes", "cars", "tonnes of grain", "patients", "jobs"}
	verbs := []string{"were killed", "were counted", "were lost", "were reported", "were added", "were sold"}
	var arts []*parallax.Article
	total := 0
	for total < size {
		var sb strings.Builder
		i := len(arts)
		for sb.Len() < 4000 {
			n := sb.Len() + 7*i
			fmt.Fprintf(&sb, "Officials said %d %s %s on %d March, up %d.%d%% from %d, and about %d,%03d more are expected by %d. ",
				n%997+i, things[n%len(things)], verbs[(n/3)%len(verbs)], n%28+1, n%40, n%10, 1990+n%30, n%50+1, (n*7)%1000, 2000+n%25)
			if n%3 == 0 {
				fmt.Fprintf(&sb, "Between %d and %d %s were moved, at a cost of $%d.%d million.\n", n%300, n%300+n%70+5, things[(n/5)%len(things)], n%90+1, n%10)
			}
		}
		d := parallax.Document{Path: fmt.Sprintf("numbers-%d.txt", i), Source: fmt.Sprintf("Outlet %d", i), Text: sb.String()}
		total += len(d.Text)
		arts = append(arts, c.Clean(d))
	}
	return arts
}

// BenchmarkBuildNumbers briefs 1 MB and 2 MB of text full of numbers
// (articles of 4 KB): the cost must grow with the text, not with the square
// of its figures (2 MB once took more than a minute).
func BenchmarkBuildNumbers(b *testing.B) {
	for _, size := range []int{1 << 20, 2 << 20} {
		b.Run(fmt.Sprintf("%dMB", size>>20), func(b *testing.B) {
			arts := numbers(b, size)
			b.ReportAllocs()
			for b.Loop() {
				brief.Build(arts, brief.Options{Words: 250})
			}
		})
	}
}

// BenchmarkBuildStory200 is BenchmarkBuild200 (200 articles made of the
// examples) under the held-out budget.
func BenchmarkBuildStory200(b *testing.B) {
	arts := parallaxtest.Story(b, 200)
	b.ReportAllocs()
	for b.Loop() {
		brief.Build(arts, brief.Options{Words: 250})
	}
}

// BenchmarkBuildStory1500 briefs 1,500 articles made of the examples: one
// story carried by many outlets, most of its sentences and quotations
// repeated hundreds of times, where a stage that compares every copy with
// every other shows.
func BenchmarkBuildStory1500(b *testing.B) {
	arts := parallaxtest.Story(b, 1500)
	b.ReportAllocs()
	for b.Loop() {
		brief.Build(arts, brief.Options{Words: 250})
	}
}
