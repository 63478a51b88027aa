package desk_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cluster/streamgen"
	"github.com/parallax-news/parallax/internal/desk"
	"github.com/parallax-news/parallax/internal/ingest"
)

// BenchmarkAddArticle feeds a desk a synthetic stream of 10,000 articles of
// about 3 KB (package streamgen) one at a time, as a server receives them,
// holding all of them or only the 1,000 most recent, and reports the time
// per article and the live heap at the end:
//
//	go test ./internal/desk -run XXX -bench AddArticle -benchtime 1x
func BenchmarkAddArticle(b *testing.B) {
	src, err := ingest.Read(context.Background(), []string{"../../testdata/ecbplus-dev.jsonl"}, ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	docs, err := streamgen.Generate(src, streamgen.DefaultOptions(10000))
	if err != nil {
		b.Fatal(err)
	}
	for _, keep := range []int{0, 1000} {
		name := "all"
		if keep > 0 {
			name = "keep1000"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				d, err := desk.New(desk.Options{Keep: keep})
				if err != nil {
					b.Fatal(err)
				}
				for i := range docs {
					if _, err := d.AddArticle(context.Background(), docs[i]); err != nil && parallax.ErrorCode(err) != parallax.EINVALID {
						b.Fatal(err)
					}
				}
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "MB-heap")
				b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(len(docs)), "µs/article")
				runtime.KeepAlive(d)
			}
		})
	}
}
