package cluster_test

import (
	"context"
	"sync"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/cluster/streamgen"
)

var (
	streamOnce sync.Once
	stream10k  []parallax.Document
)

// stream returns a synthetic stream of 10,000 articles built from the dev
// set (see package streamgen).
func stream(b *testing.B) []parallax.Document {
	b.Helper()
	streamOnce.Do(func() {
		docs := readDev(b)
		var err error
		stream10k, err = streamgen.Generate(docs, streamgen.DefaultOptions(10000))
		if err != nil {
			b.Fatal(err)
		}
	})
	return stream10k
}

// BenchmarkCluster10k clusters a synthetic stream of 10,000 articles of
// about 3 KB. The 100,000-article run is a command:
//
//	go run ./cmd/streamgen -run -n 100000 -sizes 10000,100000
func BenchmarkCluster10k(b *testing.B) {
	docs := stream(b)
	b.SetBytes(int64(len(docs)))
	for b.Loop() {
		if _, err := cluster.Cluster(context.Background(), docs, cluster.DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// TestStreamSmall is the small version of the 100,000-article run: a
// 3,000-article synthetic stream of about 3 KB articles over two years
// must be clustered well against its own event labels.
func TestStreamSmall(t *testing.T) {
	docs, err := streamgen.Generate(readSubset(t), streamgen.DefaultOptions(3000))
	if err != nil {
		t.Fatal(err)
	}
	s := score(t, docs, cluster.DefaultOptions())
	t.Logf("3000-article stream: B3 F1 %.3f (P %.3f R %.3f), %d stories for %d events", s.BCubedF1, s.BCubedPrecision, s.BCubedRecall, s.Stories, s.GoldStories)
	if s.BCubedF1 < 0.8 {
		t.Errorf("B-cubed F1 %.3f < 0.8", s.BCubedF1)
	}
}
