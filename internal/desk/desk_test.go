package desk_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/desk"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/library"
	"github.com/parallax-news/parallax/internal/render"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// subset is ECB+ topics 1, 7 and 12, two events each, with gold labels.
const subset = "../cluster/testdata/ecbplus-1-7-12.jsonl"

func readSubset(t *testing.T) []parallax.Document {
	t.Helper()
	docs, err := ingest.Read(context.Background(), []string{subset}, ingest.Options{})
	if err != nil || len(docs) != 90 {
		t.Fatalf("read %d articles: %v", len(docs), err)
	}
	return docs
}

func newDesk(t *testing.T, opts desk.Options) *desk.Desk {
	t.Helper()
	d, err := desk.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestStories adds the ECB+ subset one article at a time and checks the
// stories: no story mixes two events, the six events make few stories, the
// list is biggest first, and a story's brief is written once and written
// again when an article joins the story.
func TestStories(t *testing.T) {
	ctx := context.Background()
	docs := readSubset(t)
	d := newDesk(t, desk.Options{})
	label := map[string]string{}
	eventOf := map[int]string{}
	for _, doc := range docs[:80] {
		story, err := d.AddArticle(ctx, doc)
		if err != nil {
			t.Fatal(err)
		}
		label[doc.ID] = doc.Label
		_ = story
	}
	list, err := d.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) < 6 || len(list) > 12 {
		t.Errorf("%d stories for 6 events", len(list))
	}
	for k, s := range list {
		if k > 0 && s.Articles > list[k-1].Articles {
			t.Errorf("story %d (%d articles) listed after a smaller one", s.ID, s.Articles)
		}
		if s.Title == "" || len(s.Sources) != s.Articles {
			t.Errorf("story %d: title %q, %d sources for %d articles", s.ID, s.Title, len(s.Sources), s.Articles)
		}
		_, arts, err := d.Story(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			if e, ok := eventOf[s.ID]; ok && e != label[a.ID] {
				t.Errorf("story %d mixes %s and %s", s.ID, e, label[a.ID])
			}
			eventOf[s.ID] = label[a.ID]
		}
	}
	top := list[0].ID
	b1, _, _ := d.Story(ctx, top)
	b2, _, _ := d.Story(ctx, top)
	if b1 != b2 {
		t.Error("the brief of an unchanged story was written again")
	}
	// The next article of the top story's event joins it: its brief is
	// written again, with one more source.
	for _, doc := range docs[80:] {
		if doc.Label != eventOf[top] {
			continue
		}
		story, err := d.AddArticle(ctx, doc)
		if err != nil {
			t.Fatal(err)
		}
		if story != top {
			continue
		}
		b3, _, err := d.Story(ctx, top)
		if err != nil || b3 == b1 || len(b3.Sources) != len(b1.Sources)+1 {
			t.Errorf("after %s joined story %d: %d sources, was %d (%v)", doc.ID, top, len(b3.Sources), len(b1.Sources), err)
		}
		break
	}
	if _, _, err := d.Story(ctx, 999); parallax.ErrorCode(err) != parallax.ENOTFOUND {
		t.Errorf("story 999: %v, want ENOTFOUND", err)
	}
}

// TestAddErrors checks what the desk refuses: an article without text, an
// ID already added; and that a store that fails leaves the article out.
func TestAddErrors(t *testing.T) {
	ctx := context.Background()
	docs := readSubset(t)
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "articles.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := newDesk(t, desk.Options{Store: db})
	if _, err := d.AddArticle(ctx, docs[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := d.AddArticle(ctx, docs[0]); parallax.ErrorCode(err) != parallax.EINVALID || !strings.Contains(err.Error(), "already added") {
		t.Errorf("repeat: %v", err)
	}
	if _, err := d.AddArticle(ctx, parallax.Document{ID: "empty"}); parallax.ErrorCode(err) != parallax.EINVALID {
		t.Errorf("empty article: %v", err)
	}
	if n, err := db.Count(ctx); err != nil || n != 1 {
		t.Errorf("store holds %d articles (%v), want 1", n, err)
	}
	db.Close()
	if _, err := d.AddArticle(ctx, docs[1]); err == nil {
		t.Error("an article was added while its store was closed")
	}
	if d.Len() != 1 {
		t.Errorf("desk holds %d articles, want 1", d.Len())
	}
}

// TestSettle checks that a desk loaded with AddAll and settled shows the
// stories cluster.Cluster makes of the same articles.
func TestSettle(t *testing.T) {
	ctx := context.Background()
	docs := readSubset(t)
	d := newDesk(t, desk.Options{})
	if err := d.AddAll(ctx, docs); err != nil {
		t.Fatal(err)
	}
	d.Settle()
	as, err := cluster.Cluster(ctx, docs, cluster.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	list, _ := d.Stories(ctx)
	want := len(cluster.Stories(as))
	if len(list) != want {
		t.Errorf("desk shows %d stories, Cluster makes %d", len(list), want)
	}
	same := map[string]int{} // article ID → its story in the desk
	for _, s := range list {
		_, arts, err := d.Story(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			same[a.ID] = s.ID
		}
	}
	for _, g := range cluster.Stories(as) {
		for _, i := range g[1:] {
			if same[docs[i].ID] != same[docs[g[0]].ID] {
				t.Errorf("%s and %s: one story for Cluster, two on the desk", docs[g[0]].ID, docs[i].ID)
			}
		}
	}
}

// TestAddAllTitles checks that AddAll adds in publication order without
// storing again, and that a story of untitled articles is named after its
// first sentence until its brief is written.
func TestAddAllTitles(t *testing.T) {
	ctx := context.Background()
	docs := readSubset(t)[:3] // untitled reports of Tara Reid's check-in
	d := newDesk(t, desk.Options{})
	if err := d.AddAll(ctx, docs); err != nil {
		t.Fatal(err)
	}
	list, _ := d.Stories(ctx)
	if len(list) == 0 || !strings.HasPrefix(list[0].Title, "Perennial party girl Tara Reid") {
		t.Errorf("stories %+v", list)
	}
}

// TestConcurrent adds and reads from several goroutines (run under the race
// detector by scripts/test.sh).
func TestConcurrent(t *testing.T) {
	ctx := context.Background()
	docs := readSubset(t)
	d := newDesk(t, desk.Options{})
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Go(func() {
			for i := w; i < 30; i += 3 {
				if _, err := d.AddArticle(ctx, docs[i]); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Go(func() {
		for range 10 {
			list, _ := d.Stories(ctx)
			for _, s := range list {
				d.Story(ctx, s.ID)
			}
		}
	})
	wg.Wait()
	if d.Len() != 30 {
		t.Errorf("%d articles, want 30", d.Len())
	}
}

// TestKeep adds the 90 articles of the subset to a desk that holds 30: it
// holds the 30 most recent, its stories count them, an old ID is still
// known, and a story none of whose articles is held is gone.
func TestKeep(t *testing.T) {
	ctx := context.Background()
	docs := readSubset(t)
	d := newDesk(t, desk.Options{Keep: 30})
	var first int
	for i, doc := range docs {
		story, err := d.AddArticle(ctx, doc)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = story
		}
	}
	list, _ := d.Stories(ctx)
	n := 0
	for _, s := range list {
		n += s.Articles
		_, arts, err := d.Story(ctx, s.ID)
		if err != nil || len(arts) != s.Articles {
			t.Errorf("story %d: %d articles listed, %d written (%v)", s.ID, s.Articles, len(arts), err)
		}
		for _, a := range arts {
			for _, old := range docs[:60] {
				if a.ID == old.ID {
					t.Errorf("story %d still holds %s, let go", s.ID, a.ID)
				}
			}
		}
	}
	if d.Len() != 30 || n != 30 {
		t.Errorf("desk holds %d articles, its stories %d; want 30", d.Len(), n)
	}
	if !d.Has(&docs[0]) {
		t.Errorf("the ID of an article let go is forgotten")
	}
	if _, _, err := d.Story(ctx, first); parallax.ErrorCode(err) != parallax.ENOTFOUND {
		t.Errorf("story %d of the first articles: %v, want ENOTFOUND", first, err)
	}
}

// TestStoreNumbers: a desk over a store shows the store's stories under
// the store's numbers, and an article posted joins its story under that
// number, saved at once.
func TestStoreNumbers(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	docs := readSubset(t)
	if _, err := library.Ingest(ctx, db, []string{subset}, library.Options{}); err != nil {
		t.Fatal(err)
	}
	stored, err := db.Stories(ctx, parallax.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var last []parallax.StoredArticle
	if err := db.Articles(ctx, 0, func(a parallax.StoredArticle) error {
		last = append(last, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// The desk reads the store as a server does.
	var start []parallax.Document
	for _, a := range last {
		start = append(start, a.Document)
	}
	d := newDesk(t, desk.Options{Store: db})
	if err := d.AddAll(ctx, start); err != nil {
		t.Fatal(err)
	}
	d.Settle()
	if err := d.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	want := map[int]int{}
	for _, s := range stored {
		want[s.ID] = s.Articles
	}
	list, _ := d.Stories(ctx)
	if len(list) != len(stored) {
		t.Errorf("desk shows %d stories, the store %d", len(list), len(stored))
	}
	for _, s := range list {
		if want[s.ID] != s.Articles {
			t.Errorf("desk story %d has %d articles, the store's %d", s.ID, s.Articles, want[s.ID])
		}
	}
	if after, _ := db.Stories(ctx, parallax.StoryFilter{}); len(after) != len(stored) || after[0].Version != stored[0].Version {
		t.Errorf("syncing the same stories changed the store")
	}
	if _, err := d.AddArticle(ctx, last[0].Document); parallax.ErrorCode(err) != parallax.EINVALID {
		t.Errorf("posting a stored article: %v, want EINVALID", err)
	}
	// The brief the desk writes is kept in the store, and is the brief
	// `parallax show` writes of the stored story.
	top := list[0]
	b, _, err := d.Story(ctx, top.ID)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := db.Story(ctx, top.ID)
	kept, err := db.Brief(ctx, top.ID, info.Version)
	if err != nil {
		t.Fatalf("the desk's brief was not kept: %v", err)
	}
	var desks bytes.Buffer
	render.JSON(&desks, b)
	if desks.String() != string(kept) {
		t.Errorf("kept brief differs from the desk's")
	}
	other := openShown(t, db, top.ID)
	if string(other) != string(kept) {
		t.Errorf("show writes another brief than the desk")
	}
	fresh := docs[len(docs)-1]
	fresh.ID, fresh.URL = "", "https://example.com/fresh?utm_source=x"
	fresh.Text += " A new paragraph makes it a new article."
	story, err := d.AddArticle(ctx, fresh)
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Article(ctx, "https://example.com/fresh")
	if err != nil || got.Story != story {
		t.Errorf("posted article stored in story %d, desk says %d (%v)", got.Story, story, err)
	}
	if _, _, err := d.Story(ctx, story); err != nil {
		t.Errorf("story %d: %v", story, err)
	}
}

// openShown writes story id's brief anew from the store's articles, as
// `parallax show` does when the store keeps none.
func openShown(t *testing.T, db parallax.Store, id int) []byte {
	t.Helper()
	b := &library.Briefer{Store: db, Words: brief.DefaultWords, ReadOnly: true}
	got, err := b.Show(context.Background(), id, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	br, err := brief.Try(got.Articles, brief.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	render.JSON(&buf, br)
	return buf.Bytes()
}
