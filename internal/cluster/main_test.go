package cluster_test

import (
	"context"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
)

// devPath is the ECB+ development set (topics 1–25), in the repository.
const devPath = "../../testdata/ecbplus-dev.jsonl"

// readDev reads the development set: its 535 articles, one of them a
// headline alone.
func readDev(t testing.TB) []parallax.Document {
	t.Helper()
	docs, err := ingest.Read(context.Background(), []string{devPath}, ingest.Options{})
	if len(docs) != 535 {
		t.Fatalf("read %d dev articles: %v", len(docs), err)
	}
	return docs
}
