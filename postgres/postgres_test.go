package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/postgres"
	"github.com/parallax-news/parallax/storetest"
)

// address returns the test server's address from PARALLAX_POSTGRES_URL
// (scripts/test.sh starts Debian's PostgreSQL and sets it), or skips.
func address(t *testing.T) string {
	url := os.Getenv("PARALLAX_POSTGRES_URL")
	if url == "" {
		t.Skip("PARALLAX_POSTGRES_URL not set (scripts/test.sh starts PostgreSQL and sets it)")
	}
	return url
}

// TestConformance runs the store suite, each subtest in a schema of its own.
func TestConformance(t *testing.T) {
	url := address(t)
	admin, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	n := 0
	storetest.Run(t, func(t *testing.T) parallax.ArticleStore {
		n++
		schema := fmt.Sprintf("parallax_test_%d_%d", os.Getpid(), n)
		if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`) })
		sep := "?"
		if strings.Contains(url, "?") {
			sep = "&"
		}
		db, err := postgres.Open(context.Background(), url+sep+"search_path="+schema)
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}

func TestUnreachable(t *testing.T) {
	_, err := postgres.Open(context.Background(), "postgres://parallax:secret@127.0.0.1:1/none?connect_timeout=2")
	if err == nil || parallax.ErrorCode(err) != parallax.EINVALID || !strings.Contains(err.Error(), "cannot connect") {
		t.Errorf("error = %v, want EINVALID cannot connect", err)
	}
	if strings.Contains(err.Error(), "secret") {
		t.Errorf("the password shows in the error: %v", err)
	}
}
