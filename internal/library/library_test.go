package library_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/library"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

func openStore(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestIngestReport: the report counts what was stored, and what failed;
// a title-only record and a record with an unreadable date are articles.
func TestIngestReport(t *testing.T) {
	db := openStore(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte(`{"id":"a","title":"Council votes on the plan","text":"The council voted 7 to 2 for the plan on Tuesday."}
{"id":"b","title":"Headline only: council votes"}
{"id":"c","text":"The mayor said the plan would cost 3 million.","published":"08/12/1998 13:29:00"}
{"id":"d","text":"A date no one reads.","published":"the day after"}
{"broken json
`), 0o644)
	var warnings []string
	rep, err := library.Ingest(context.Background(), db, []string{in, filepath.Join(dir, "missing.txt")}, library.Options{
		Read: ingest.Options{Warn: func(err error) { warnings = append(warnings, err.Error()) }},
	})
	if rep.Read != 4 || rep.Added != 4 || rep.Failed != 2 || rep.Stories == 0 {
		t.Errorf("report %+v", rep)
	}
	if err == nil || !strings.Contains(err.Error(), "missing.txt") || !strings.Contains(err.Error(), "in.jsonl:5") {
		t.Errorf("errors: %v", err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "in.jsonl:4") {
		t.Errorf("warnings: %q", warnings)
	}
	c, err := db.Article(context.Background(), "c")
	if err != nil || !c.Published.Equal(time.Date(1998, 8, 12, 13, 29, 0, 0, time.UTC)) {
		t.Errorf("article c published %v (%v)", c.Published, err)
	}
	if got := rep.String(); !strings.Contains(got, "4 articles read: 4 added, 0 updated, 0 already stored, 2 inputs failed") {
		t.Errorf("closing line %q", got)
	}
}

// TestIngestCancelled: a stopped ingest commits the batch it began and
// reports exactly what it stored.
func TestIngestCancelled(t *testing.T) {
	db := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	rep, err := library.Ingest(ctx, db, []string{"../cluster/testdata/ecbplus-1-7-12.jsonl"}, library.Options{
		Batch: 10,
		Progress: func(r library.Report) {
			if r.Added >= 30 {
				cancel()
			}
		},
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want the stop", err)
	}
	n, _ := db.Count(context.Background())
	if n != rep.Added || n < 30 || n >= 90 {
		t.Errorf("reported %d added, %d stored", rep.Added, n)
	}
}

// TestShowKeepsBriefs: a brief is written once per story version and
// then read back; a merged story shows the story it went into.
func TestShowKeepsBriefs(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	if _, err := library.Ingest(ctx, db, []string{"../../examples"}, library.Options{}); err != nil {
		t.Fatal(err)
	}
	b := &library.Briefer{Store: db, Words: brief.DefaultWords}
	first, err := b.Show(ctx, 1, 0, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Brief(ctx, 1, first.Version); err != nil {
		t.Errorf("the brief was not kept: %v", err)
	}
	again, err := b.Show(ctx, 1, 0, false)
	if err != nil || string(again.JSON) != string(first.JSON) || len(again.Articles) != 0 {
		t.Errorf("second show: %v, same JSON %v, %d articles cleaned", err, string(again.JSON) == string(first.JSON), len(again.Articles))
	}
	st, _ := db.Story(ctx, 1)
	if st.Title != first.Brief.Title {
		t.Errorf("story title %q, brief headline %q", st.Title, first.Brief.Title)
	}
	if _, err := b.Show(ctx, 2, 0, false); parallax.ErrorCode(err) != parallax.ENOTFOUND {
		t.Errorf("show 2: %v, want ENOTFOUND", err)
	}
}

// TestCompare: what a brief says that an earlier one did not.
func TestCompare(t *testing.T) {
	old := &parallax.Brief{
		Sources: []parallax.Source{{ID: "bbc", Name: "BBC News", Title: "One"}},
		Summary: []parallax.Statement{{Text: "The council voted 7 to 2.", Sources: []string{"bbc"}}},
		Quotes:  []parallax.Quote{{Speaker: "Ann Lee", Text: "We won", Sources: []string{"bbc"}}},
		Figures: []parallax.Figure{{Text: "7 to 2", About: "votes", Sources: []string{"bbc"}}},
	}
	now := &parallax.Brief{
		Sources: []parallax.Source{{ID: "bbc", Name: "BBC News", Title: "One"}, {ID: "ap", Name: "Associated Press", Title: "Two"}},
		Summary: []parallax.Statement{{Text: "The council  voted 7 to 2.", Sources: []string{"bbc", "ap"}}, {Text: "The plan costs 3 million.", Sources: []string{"ap"}}},
		Quotes:  []parallax.Quote{{Speaker: "Ann Lee", Text: "We won", Sources: []string{"bbc", "ap"}}, {Speaker: "Bo Chan", Text: "Too fast", Sources: []string{"ap"}}},
		Figures: []parallax.Figure{{Text: "7 to 3", About: "votes", Sources: []string{"ap"}}, {Text: "7 to 2", About: "votes", Sources: []string{"bbc"}}},
		Conflicts: []parallax.Conflict{{About: "votes", Kind: parallax.ConflictFigure, Claims: []parallax.Claim{
			{Text: "7 to 2", Sources: []string{"bbc"}}, {Text: "7 to 3", Sources: []string{"ap"}}}}},
	}
	c := library.Compare(1, 1, 2, old, now)
	if len(c.Sources) != 1 || c.Sources[0].ID != "ap" {
		t.Errorf("new sources %+v", c.Sources)
	}
	if len(c.Facts) != 1 || c.Facts[0].Text != "The plan costs 3 million." {
		t.Errorf("new facts %+v", c.Facts)
	}
	if len(c.Quotes) != 2 {
		t.Errorf("new or newly attested quotes %+v", c.Quotes)
	}
	if len(c.Figures) != 2 || len(c.Conflicts) != 1 {
		t.Errorf("changed figures %d, conflicts %d", len(c.Figures), len(c.Conflicts))
	}
	same := library.Compare(1, 2, 2, now, now)
	if n := len(same.Sources) + len(same.Facts) + len(same.Quotes) + len(same.Figures) + len(same.Conflicts); n != 0 {
		t.Errorf("a brief compared with itself: %d changes", n)
	}
}

// BenchmarkShowCached reads a kept brief back:
//
//	go test ./internal/library -run XXX -bench ShowCached
func BenchmarkShowCached(b *testing.B) {
	db := openStore(b)
	ctx := context.Background()
	if _, err := library.Ingest(ctx, db, []string{"../../examples"}, library.Options{}); err != nil {
		b.Fatal(err)
	}
	br := &library.Briefer{Store: db, Words: brief.DefaultWords}
	if _, err := br.Show(ctx, 1, 0, false); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := br.Show(ctx, 1, 0, false); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRegroupWhileIngesting: stories regrouped every few articles during
// an ingest are those of one regrouping at the end.
func TestRegroupWhileIngesting(t *testing.T) {
	ctx := context.Background()
	partition := func(db *sqlite.DB) []string {
		var out []string
		stories, err := db.Stories(ctx, parallax.StoryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range stories {
			arts, _ := db.StoryArticles(ctx, s.ID, 0)
			var keys []string
			for _, a := range arts {
				keys = append(keys, a.Key)
			}
			slices.Sort(keys)
			out = append(out, strings.Join(keys, " "))
		}
		slices.Sort(out)
		return out
	}
	const subset = "../cluster/testdata/ecbplus-1-7-12.jsonl"
	once, often := openStore(t), openStore(t)
	if _, err := library.Ingest(ctx, once, []string{subset}, library.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := library.Ingest(ctx, often, []string{subset}, library.Options{Batch: 10, RegroupEvery: 20}); err != nil {
		t.Fatal(err)
	}
	if a, b := partition(once), partition(often); !slices.Equal(a, b) {
		t.Errorf("regrouped once: %d stories; every 20 articles: %d", len(a), len(b))
	}
}
