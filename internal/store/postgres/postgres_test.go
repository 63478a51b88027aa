package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/store/postgres"
	"github.com/parallax-news/parallax/internal/store/storetest"
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

var schemas atomic.Int64

// fresh makes an empty schema for one test, dropped when it ends, and
// returns the address of the database with the schema as its search path.
func fresh(t *testing.T) string {
	t.Helper()
	url := address(t)
	admin, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	schema := fmt.Sprintf("parallax_test_%d_%d", os.Getpid(), schemas.Add(1))
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + "search_path=" + schema
}

func open(t *testing.T, url string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// TestConformance runs the store suite, each subtest in a schema of its own.
func TestConformance(t *testing.T) {
	address(t)
	storetest.Run(t, func(t *testing.T) parallax.Store { return open(t, fresh(t)) })
}

func TestUnreachable(t *testing.T) {
	_, err := postgres.Open(context.Background(), "postgres://parallax:secret@127.0.0.1:1/none?connect_timeout=2")
	if err == nil || parallax.ErrorCode(err) != parallax.EINVALID || !strings.Contains(err.Error(), "cannot connect") {
		t.Fatalf("error = %v, want EINVALID cannot connect", err)
	}
	if strings.Contains(err.Error(), "secret") {
		t.Errorf("the password shows in the error: %v", err)
	}
}

// TestNUL: a text holding NUL bytes, which a PostgreSQL text cannot hold,
// is stored and read back exactly, found by a search, and its snippet made.
func TestNUL(t *testing.T) {
	ctx := context.Background()
	db := open(t, fresh(t))
	defer db.Close()
	doc := parallax.Document{URL: "https://example.org/nul", Title: "Binary junk",
		Text: "Before\x00the\x00\x00\x00preposterous claim, a NUL\x00 and “quotes” — done.\x00"}
	if _, err := db.AddArticles(ctx, []parallax.Document{doc}); err != nil {
		t.Fatal(err)
	}
	a, err := db.Article(ctx, "https://example.org/nul")
	if err != nil || a.Text != doc.Text {
		t.Fatalf("text read back %q (%v), want %q", a.Text, err, doc.Text)
	}
	hits, err := db.Search(ctx, parallax.SearchQuery{Text: "preposterous"})
	if err != nil || len(hits) != 1 {
		t.Fatalf("search: %+v (%v), want one hit", hits, err)
	}
	if want := parallax.MarkStart + "preposterous" + parallax.MarkEnd; !strings.Contains(hits[0].Snippet, want) || strings.Contains(hits[0].Snippet, "\x00") {
		t.Errorf("snippet %q, want %q and no NUL", hits[0].Snippet, want)
	}
	// A new version keeps the earlier text, NULs included.
	doc.Text += " More."
	if res, err := db.AddArticles(ctx, []parallax.Document{doc}); err != nil || res.Updated != 1 {
		t.Fatalf("new version: %+v (%v)", res, err)
	}
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
}

// TestSearchRank: an article matching in its title ranks above one
// matching in its text, a better match above a weaker one, and the filters
// apply.
func TestSearchRank(t *testing.T) {
	ctx := context.Background()
	db := open(t, fresh(t))
	defer db.Close()
	docs := []parallax.Document{
		{URL: "https://example.org/1", Title: "Weather", Source: "Daily", Text: "Rain. The council met once.",
			Published: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
		{URL: "https://example.org/2", Title: "Council votes on the budget", Source: "Times", Text: "It voted.",
			Published: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)},
		{URL: "https://example.org/3", Title: "Other", Source: "Daily", Text: "Nothing of the kind."},
	}
	if _, err := db.AddArticles(ctx, docs); err != nil {
		t.Fatal(err)
	}
	hits, err := db.Search(ctx, parallax.SearchQuery{Text: "council"})
	if err != nil || len(hits) != 2 {
		t.Fatalf("search: %+v (%v)", hits, err)
	}
	if hits[0].Key != "https://example.org/2" || !(hits[0].Rank > hits[1].Rank) {
		t.Errorf("hits %+v, want the title match first with a higher rank", hits)
	}
	for _, tt := range []struct {
		q    parallax.SearchQuery
		want int
	}{
		{parallax.SearchQuery{Text: "council", Source: "daily"}, 1},
		{parallax.SearchQuery{Text: "council", Since: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)}, 1},
		{parallax.SearchQuery{Text: "council", Limit: 1}, 1},
		{parallax.SearchQuery{Text: "vote*"}, 1},
		{parallax.SearchQuery{Text: `"council votes"`}, 1},
		{parallax.SearchQuery{Text: "council -rain"}, 1},
	} {
		if hits, err := db.Search(ctx, tt.q); err != nil || len(hits) != tt.want {
			t.Errorf("Search(%+v): %d hits (%v), want %d", tt.q, len(hits), err, tt.want)
		}
	}
}

// TestMigrateStored: articles stored before the stories' migration get
// their hash (reading them again changes nothing), their update time and
// their search index.
func TestMigrateStored(t *testing.T) {
	ctx := context.Background()
	url := fresh(t)
	raw, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	script, err := os.ReadFile("migration/0001_articles.sql")
	if err != nil {
		t.Fatal(err)
	}
	doc := parallax.Document{URL: "https://example.org/old", Path: "old.txt", Title: "Old news", Text: "A preposterous\x00 story."}
	for _, q := range []string{string(script),
		`CREATE TABLE migrations (name TEXT PRIMARY KEY)`,
		`INSERT INTO migrations VALUES ('migration/0001_articles.sql')`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec(`INSERT INTO articles (id, path, url, title, text, added_at) VALUES ($1, $2, $3, $4, $5, now())`,
		parallax.Identity(&doc), doc.Path, doc.URL, doc.Title, []byte(doc.Text)); err != nil {
		t.Fatal(err)
	}
	// The same text without a URL stored twice under the paths it was
	// read by, as stores did before articles had keys: one article after.
	for _, p := range []string{"notes/a.txt", "/abs/notes/a.txt"} {
		if _, err := raw.Exec(`INSERT INTO articles (id, path, title, text, added_at) VALUES ($1, $1, 'Notes', $2, now())`, p, []byte("Council votes 7 to 2.")); err != nil {
			t.Fatal(err)
		}
	}
	db := open(t, url)
	if n, _ := db.Count(ctx); n != 2 {
		t.Errorf("after the upgrade: %d articles, want 2", n)
	}
	notes := parallax.Document{Title: "Notes", Text: "Council votes 7 to 2."}
	if a, err := db.Article(ctx, parallax.Identity(&notes)); err != nil || a.ID != "" || a.Path != "notes/a.txt" {
		t.Errorf("the note after the upgrade: %+v (%v)", a, err)
	}
	defer db.Close()
	res, err := db.AddArticles(ctx, []parallax.Document{doc})
	if err != nil || res.Unchanged != 1 {
		t.Errorf("the stored article read again: %+v (%v), want unchanged", res, err)
	}
	a, err := db.Article(ctx, doc.URL)
	if err != nil || a.Version != 1 || !a.Updated.Equal(a.Added) {
		t.Errorf("migrated article: %+v (%v)", a, err)
	}
	if hits, err := db.Search(ctx, parallax.SearchQuery{Text: "preposterous"}); err != nil || len(hits) != 1 {
		t.Errorf("search of the migrated article: %+v (%v)", hits, err)
	}
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
}

// TestConcurrentOpen: processes opening a new database at once migrate it
// once, under the advisory lock.
func TestConcurrentOpen(t *testing.T) {
	url := fresh(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			db, err := postgres.Open(context.Background(), url)
			if err != nil {
				errs <- err
				return
			}
			db.Close()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
