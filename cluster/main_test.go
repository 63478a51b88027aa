package cluster_test

import (
	"context"
	"os"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
)

// devPath is the ECB+ development set (topics 1–25) shared beside the project.
const devPath = "../../shared/data/ecbplus-dev.jsonl"

// readDev reads the development set; one of its 535 records has no text and
// is reported by ingest, the 534 others are returned.
func readDev(t testing.TB) []parallax.Document {
	t.Helper()
	if _, err := os.Stat(devPath); err != nil {
		t.Skipf("dev set not found beside the project: %v", err)
	}
	docs, err := ingest.Read(context.Background(), []string{devPath}, ingest.Options{})
	if len(docs) < 500 {
		t.Fatalf("read %d dev articles: %v", len(docs), err)
	}
	return docs
}
