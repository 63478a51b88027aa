// Package storetest is the conformance suite every parallax.Store passes:
// run it from each backend's tests with a function that opens an empty
// store.
package storetest

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/parallaxtest"
)

// Open returns an empty store for one subtest; the suite closes it.
type Open func(t *testing.T) parallax.Store

// Run runs the conformance suite against the stores open makes.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		run  func(t *testing.T, s parallax.Store)
	}{
		{"RoundTrip", roundTrip},
		{"StoredOnce", storedOnce},
		{"NewVersion", newVersion},
		{"CancelledWriteAddsNothing", cancelled},
		{"Empty", empty},
		{"StableStoryNumbers", stableNumbers},
		{"StoryMerge", storyMerge},
		{"StoryFilter", storyFilter},
		{"Briefs", briefs},
		{"Search", searchTests},
		{"ConcurrentWriters", concurrentWriters},
		{"Feeds", feeds},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tt.run(t, s)
			if err := s.Check(context.Background()); err != nil {
				t.Errorf("integrity check: %v", err)
			}
		})
	}
}

// documents returns real documents as read, with every field the stores
// keep: the examples (with date lines), a text file with metadata lines
// and a date, JSON records (one from HTML), feed items.
func documents(t *testing.T) []parallax.Document {
	t.Helper()
	testdata := filepath.Join(parallaxtest.ExamplesDir(), "..", "internal", "ingest", "testdata")
	docs, err := ingest.Read(context.Background(), []string{parallaxtest.ExamplesDir(), filepath.Join(testdata, "array.json"),
		filepath.Join(testdata, "meta.txt"), filepath.Join(testdata, "americas.atom")}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// all returns every stored article.
func all(t *testing.T, s parallax.Store) []parallax.StoredArticle {
	t.Helper()
	var out []parallax.StoredArticle
	if err := s.Articles(context.Background(), 0, func(a parallax.StoredArticle) error {
		out = append(out, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

var sameTime = cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })

func roundTrip(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	docs := documents(t)
	res, err := s.AddArticles(ctx, docs)
	if err != nil || res.Added != len(docs) {
		t.Fatalf("added %+v of %d: %v", res, len(docs), err)
	}
	got := all(t, s)
	gotDocs := make([]parallax.Document, len(got))
	for i, a := range got {
		gotDocs[i] = a.Document
		if a.Seq <= 0 || a.Version != 1 || a.Added.IsZero() || a.Story != 0 || a.Key != parallax.Identity(&docs[i]) {
			t.Errorf("article %d: key %q seq %d version %d added %v story %d", i, a.Key, a.Seq, a.Version, a.Added, a.Story)
		}
	}
	if diff := cmp.Diff(docs, gotDocs, sameTime); diff != "" {
		t.Errorf("articles changed in the store (-want +got):\n%s", diff)
	}
	var stamps []parallax.Stamp
	if err := s.Stamps(ctx, func(st parallax.Stamp) error {
		stamps = append(stamps, st)
		return nil
	}); err != nil || len(stamps) != len(docs) || stamps[2].Seq != got[2].Seq || stamps[2].Version != 1 || stamps[2].Grouped != 0 ||
		!stamps[0].Published.Equal(docs[0].Published) {
		t.Errorf("stamps %+v (%v)", stamps, err)
	}
	var tail []parallax.StoredArticle
	s.Articles(ctx, got[2].Seq, func(a parallax.StoredArticle) error {
		tail = append(tail, a)
		return nil
	})
	if len(tail) != len(docs)-2 || tail[0].Key != got[2].Key {
		t.Errorf("articles from the third: %d", len(tail))
	}
	key := parallax.Identity(&docs[2])
	one, err := s.Article(ctx, key)
	if err != nil || one.Text != docs[2].Text {
		t.Errorf("Article(%q) = %q, %v", key, one.Title, err)
	}
	if _, err := s.Article(ctx, "no-such-article"); parallax.ErrorCode(err) != parallax.ENOTFOUND {
		t.Errorf("Article of an unknown ID: %v, want ENOTFOUND", err)
	}
}

// storedOnce: the same articles reached by other paths, and URL variants,
// are stored once.
func storedOnce(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	docs := documents(t)
	if _, err := s.AddArticles(ctx, docs[:3]); err != nil {
		t.Fatal(err)
	}
	moved := slices.Clone(docs)
	for i := range moved {
		moved[i].Path = "/elsewhere/" + moved[i].Path
	}
	res, err := s.AddArticles(ctx, moved)
	if err != nil || res.Added != len(docs)-3 || res.Unchanged != 3 {
		t.Errorf("second add: %+v, want %d added and 3 unchanged (%v)", res, len(docs)-3, err)
	}
	variants := []parallax.Document{
		{URL: "https://www.example.com/news/story-1?utm_source=rss&id=7#comments", Title: "One", Text: "A text."},
		{URL: "HTTPS://WWW.EXAMPLE.COM:443/news/story-1?id=7&fbclid=abc", Title: "One", Text: "A text."},
	}
	res, err = s.AddArticles(ctx, variants)
	if err != nil || res.Added != 1 || res.Unchanged != 1 {
		t.Errorf("URL variants: %+v, want 1 added, 1 unchanged (%v)", res, err)
	}
	if n, err := s.Count(ctx); err != nil || n != len(docs)+1 {
		t.Errorf("count %d, want %d (%v)", n, len(docs)+1, err)
	}
}

// newVersion: a changed text at the same URL is a new version.
func newVersion(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	v1 := parallax.Document{URL: "https://example.org/a", Title: "Council votes", Text: "The council voted 7 to 2."}
	v2 := v1
	v2.Text = "The council voted 7 to 3, correcting an earlier report."
	if _, err := s.AddArticles(ctx, []parallax.Document{v1}); err != nil {
		t.Fatal(err)
	}
	res, err := s.AddArticles(ctx, []parallax.Document{v2, v2})
	if err != nil || res.Updated != 1 || res.Unchanged != 1 {
		t.Fatalf("new version: %+v (%v), want 1 updated then 1 unchanged", res, err)
	}
	a, err := s.Article(ctx, "https://example.org/a")
	if err != nil || a.Version != 2 || a.Text != v2.Text {
		t.Errorf("after the new version: version %d text %q (%v)", a.Version, a.Text, err)
	}
	if n, _ := s.Count(ctx); n != 1 {
		t.Errorf("count %d, want 1", n)
	}
}

func cancelled(t *testing.T, s parallax.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.AddArticles(ctx, documents(t)); err == nil {
		t.Fatal("a write with a cancelled context succeeded")
	} else if parallax.ErrorCode(err) != parallax.EINTERNAL {
		t.Errorf("code %q, want %q", parallax.ErrorCode(err), parallax.EINTERNAL)
	}
	if n, err := s.Count(context.Background()); err != nil || n != 0 {
		t.Errorf("count %d after a failed write (%v)", n, err)
	}
}

func empty(t *testing.T, s parallax.Store) {
	if got := all(t, s); len(got) != 0 {
		t.Errorf("empty store: %d articles", len(got))
	}
	st, err := s.Stories(context.Background(), parallax.StoryFilter{})
	if err != nil || len(st) != 0 {
		t.Errorf("empty store: %d stories, %v", len(st), err)
	}
	if _, err := s.Story(context.Background(), 1); parallax.ErrorCode(err) != parallax.ENOTFOUND {
		t.Errorf("Story(1) of an empty store: %v, want ENOTFOUND", err)
	}
}

// synthetic returns n small articles with distinct URLs.
func synthetic(prefix string, n int) []parallax.Document {
	out := make([]parallax.Document, n)
	for i := range out {
		out[i] = parallax.Document{
			URL:       fmt.Sprintf("https://example.net/%s/%d", prefix, i),
			Title:     fmt.Sprintf("%s report %d", prefix, i),
			Source:    []string{"Example Times", "Daily Example"}[i%2],
			Published: time.Date(2025, 4, 1+i%20, 12, 0, 0, 0, time.UTC),
			Text:      fmt.Sprintf("Report number %d about the %s affair, written for the conformance suite.", i, prefix),
		}
	}
	return out
}

func ids(docs []parallax.Document) []string {
	out := make([]string, len(docs))
	for i := range docs {
		out[i] = parallax.Identity(&docs[i])
	}
	return out
}

func save(t *testing.T, s parallax.Store, at time.Time, groups ...[]string) []int {
	t.Helper()
	gs := make([]parallax.StoryGroup, len(groups))
	for i, g := range groups {
		gs[i] = parallax.StoryGroup{Articles: g, Title: fmt.Sprintf("story of %s", g[0])}
		for range g {
			gs[i].Outlets = append(gs[i].Outlets, "Outlet "+strings.ToUpper(g[0][len(g[0])-1:]))
		}
	}
	got, err := s.SaveStories(context.Background(), gs, at)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

var t0 = time.Date(2025, 4, 14, 9, 0, 0, 0, time.UTC)

// stableNumbers: a story keeps its number as it grows and across saves;
// each change bumps its version and only then.
func stableNumbers(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	docs := synthetic("seed", 6)
	if _, err := s.AddArticles(ctx, docs); err != nil {
		t.Fatal(err)
	}
	k := ids(docs)
	first := save(t, s, t0, k[0:3], k[3:4])
	if !slices.Equal(first, []int{1, 2}) {
		t.Fatalf("first save: %v, want [1 2]", first)
	}
	again := save(t, s, t0.Add(time.Hour), k[0:3], k[3:4])
	if !slices.Equal(again, first) {
		t.Errorf("the same groups saved again: %v, want %v", again, first)
	}
	st, _ := s.Story(ctx, 1)
	if st.Version != 1 || !st.Updated.Equal(t0) || st.Articles != 3 {
		t.Errorf("unchanged story: %+v, want version 1 updated at %v", st, t0)
	}
	// A new article joins story 1, a new story starts before the others
	// in the group order: numbers stay.
	grown := save(t, s, t0.Add(2*time.Hour), k[4:5], k[3:4], append(slices.Clone(k[0:3]), k[5]))
	if !slices.Equal(grown, []int{3, 2, 1}) {
		t.Errorf("grown: %v, want [3 2 1]", grown)
	}
	st, _ = s.Story(ctx, 1)
	if st.Version != 2 || st.Articles != 4 || st.Title != "story of "+k[0] {
		t.Errorf("grown story: %+v", st)
	}
	old, err := s.StoryArticles(ctx, 1, 1)
	if err != nil || len(old) != 3 {
		t.Errorf("story 1 at version 1: %d articles (%v), want 3", len(old), err)
	}
	now, err := s.StoryArticles(ctx, 1, 0)
	if err != nil || len(now) != 4 || now[3].Key != k[5] || now[0].Story != 1 {
		t.Errorf("story 1 now: %d articles", len(now))
	}
	vs, err := s.StoryVersions(ctx, 1)
	if err != nil || len(vs) != 2 || vs[0].Articles != 3 || vs[1].Articles != 4 || !vs[1].At.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("versions: %+v (%v)", vs, err)
	}
	// A new version of an article bumps its story's version.
	changed := docs[5]
	changed.Text += " Updated."
	if _, err := s.AddArticles(ctx, []parallax.Document{changed}); err != nil {
		t.Fatal(err)
	}
	save(t, s, t0.Add(3*time.Hour), append(slices.Clone(k[0:3]), k[5]))
	if st, _ = s.Story(ctx, 1); st.Version != 3 {
		t.Errorf("after an article's new version: story version %d, want 3", st.Version)
	}
	if _, err := s.SaveStories(ctx, []parallax.StoryGroup{{Articles: []string{"not-stored"}}}, t0); parallax.ErrorCode(err) != parallax.ENOTFOUND {
		t.Errorf("a group of an unknown article: %v, want ENOTFOUND", err)
	}
}

// storyMerge: when two stories become one, the larger keeps its number
// and the other points to it; numbers are never reused.
func storyMerge(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	docs := synthetic("merge", 5)
	if _, err := s.AddArticles(ctx, docs); err != nil {
		t.Fatal(err)
	}
	k := ids(docs)
	save(t, s, t0, k[0:2], k[2:5])
	got := save(t, s, t0.Add(time.Hour), k)
	if !slices.Equal(got, []int{2}) {
		t.Errorf("merged: %v, want [2] (the story with more articles)", got)
	}
	st, err := s.Story(ctx, 1)
	if err != nil || st.MergedInto != 2 || st.Articles != 0 {
		t.Errorf("story 1 after the merge: %+v (%v)", st, err)
	}
	live, _ := s.Stories(ctx, parallax.StoryFilter{})
	if len(live) != 1 || live[0].ID != 2 || live[0].Articles != 5 {
		t.Errorf("live stories: %+v", live)
	}
	split := save(t, s, t0.Add(2*time.Hour), k[0:1], k[1:5])
	if !slices.Equal(split, []int{3, 2}) {
		t.Errorf("split: %v, want [3 2] (a new number, never 1 again)", split)
	}
	if st, _ := s.Story(ctx, 2); st.Articles != 4 || st.Version != 3 {
		t.Errorf("story 2 after it lost an article: %d articles at version %d, want 4 at 3", st.Articles, st.Version)
	}
	// A save that names some articles only leaves the others where they are.
	more := synthetic("merge-more", 1)
	if _, err := s.AddArticles(ctx, more); err != nil {
		t.Fatal(err)
	}
	part := save(t, s, t0.Add(3*time.Hour), append(slices.Clone(k[3:5]), ids(more)...))
	if !slices.Equal(part, []int{2}) {
		t.Errorf("partial save: %v, want [2]", part)
	}
	if st, _ := s.Story(ctx, 2); st.Articles != 5 || st.Version != 4 {
		t.Errorf("story 2 after a partial save: %d articles at version %d, want 5 at 4", st.Articles, st.Version)
	}
}

func storyFilter(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	docs := synthetic("filter", 4)
	if _, err := s.AddArticles(ctx, docs); err != nil {
		t.Fatal(err)
	}
	k := ids(docs)
	save(t, s, t0, k[0:2])
	save(t, s, t0.Add(48*time.Hour), k[0:2], k[2:4])
	tests := []struct {
		f    parallax.StoryFilter
		want []int
	}{
		{parallax.StoryFilter{}, []int{2, 1}},
		{parallax.StoryFilter{Since: t0.Add(time.Hour)}, []int{2}},
		{parallax.StoryFilter{Source: "outlet 0"}, []int{1}},
		{parallax.StoryFilter{Source: "Outlet 2"}, []int{2}},
		{parallax.StoryFilter{Source: "nobody"}, nil},
		{parallax.StoryFilter{Limit: 1}, []int{2}},
		{parallax.StoryFilter{Offset: 1}, []int{1}},
		{parallax.StoryFilter{Offset: 1, Limit: 1}, []int{1}},
		{parallax.StoryFilter{Offset: 2}, nil},
		{parallax.StoryFilter{Source: "outlet 0", Offset: 1}, nil},
		{parallax.StoryFilter{MinArticles: 3}, nil},
	}
	for _, tt := range tests {
		got, err := s.Stories(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		var gotIDs []int
		for _, st := range got {
			gotIDs = append(gotIDs, st.ID)
			if st.FirstSeen.IsZero() || st.Version < 1 || len(st.Sources) == 0 {
				t.Errorf("story %+v lacks fields", st)
			}
		}
		if !slices.Equal(gotIDs, tt.want) {
			t.Errorf("Stories(%+v) = %v, want %v", tt.f, gotIDs, tt.want)
		}
	}
}

func briefs(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	docs := synthetic("brief", 2)
	if _, err := s.AddArticles(ctx, docs); err != nil {
		t.Fatal(err)
	}
	save(t, s, t0, ids(docs))
	if _, err := s.Brief(ctx, 1, 1); parallax.ErrorCode(err) != parallax.ENOTFOUND {
		t.Errorf("no brief kept yet: %v, want ENOTFOUND", err)
	}
	b := []byte(`{"title":"Council votes – «7 to 2»"}`)
	for _, v := range [][]byte{[]byte(`{}`), b} {
		if err := s.SaveBrief(ctx, 1, 1, "Council votes – «7 to 2»", v); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Brief(ctx, 1, 1)
	if err != nil || string(got) != string(b) {
		t.Errorf("brief = %s (%v), want %s", got, err, b)
	}
	// The headline of the latest version's brief is the story's title
	// until the story changes.
	if st, _ := s.Story(ctx, 1); st.Title != "Council votes – «7 to 2»" {
		t.Errorf("title after the brief: %q", st.Title)
	}
	save(t, s, t0.Add(time.Hour), ids(docs))
	if st, _ := s.Story(ctx, 1); st.Title != "Council votes – «7 to 2»" {
		t.Errorf("title after an unchanged save: %q", st.Title)
	}
	if err := s.SaveBrief(ctx, 1, 0, "Old headline", []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Story(ctx, 1); st.Title != "Council votes – «7 to 2»" {
		t.Errorf("a brief of another version set the title: %q", st.Title)
	}
}

func searchTests(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	docs := documents(t)
	if _, err := s.AddArticles(ctx, docs); err != nil {
		t.Fatal(err)
	}
	save(t, s, t0, ids(docs[:5]))
	tests := []struct {
		q        string
		wantMin  int    // at least this many hits
		wantMax  int    // at most this many (-1: any)
		inSnip   string // the first hit's snippet holds it
		wantNone bool
	}{
		{q: "preposterous", wantMin: 1, wantMax: -1, inSnip: parallax.MarkStart + "preposterous" + parallax.MarkEnd},
		{q: "Bukele preposterous", wantMin: 1, wantMax: -1},
		{q: `"mistakenly deported"`, wantMin: 1, wantMax: -1},
		{q: "deport*", wantMin: 4, wantMax: -1},
		{q: "preposterous OR nonexistentword", wantMin: 1, wantMax: -1},
		{q: "Bukele -preposterous", wantMin: 1, wantMax: -1},
		{q: "nonexistentword", wantNone: true},
		{q: "Bukele NOT Bukele", wantNone: true},
	}
	for _, tt := range tests {
		hits, err := s.Search(ctx, parallax.SearchQuery{Text: tt.q})
		if err != nil {
			t.Errorf("Search(%q): %v", tt.q, err)
			continue
		}
		if tt.wantNone {
			if len(hits) != 0 {
				t.Errorf("Search(%q): %d hits, want none", tt.q, len(hits))
			}
			continue
		}
		if len(hits) < tt.wantMin || tt.wantMax >= 0 && len(hits) > tt.wantMax {
			t.Errorf("Search(%q): %d hits, want at least %d", tt.q, len(hits), tt.wantMin)
			continue
		}
		if tt.inSnip != "" && !strings.Contains(hits[0].Snippet, tt.inSnip) {
			t.Errorf("Search(%q): snippet %q lacks %q", tt.q, hits[0].Snippet, tt.inSnip)
		}
		for _, h := range hits {
			if h.Key == "" {
				t.Errorf("Search(%q): a hit without ID", tt.q)
			}
		}
	}
	hits, _ := s.Search(ctx, parallax.SearchQuery{Text: "preposterous"})
	if len(hits) > 0 && hits[0].Story != 1 {
		t.Errorf("the hit's story is %d, want 1", hits[0].Story)
	}
	// Excluding by date and outlet.
	if hits, _ := s.Search(ctx, parallax.SearchQuery{Text: "preposterous", Since: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}); len(hits) != 0 {
		t.Errorf("since 2030: %d hits, want none", len(hits))
	}
	if hits, _ := s.Search(ctx, parallax.SearchQuery{Text: "preposterous", Source: "no such outlet"}); len(hits) != 0 {
		t.Errorf("from no such outlet: %d hits, want none", len(hits))
	}
	for _, bad := range []string{"", `"unclosed`, "NOT bukele", "bukele OR", "(bukele"} {
		if _, err := s.Search(ctx, parallax.SearchQuery{Text: bad}); parallax.ErrorCode(err) != parallax.EUSAGE {
			t.Errorf("Search(%q): %v, want EUSAGE", bad, err)
		}
	}
}

// concurrentWriters: writers adding overlapping articles at once store
// each article exactly once.
func concurrentWriters(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	docs := synthetic("writers", 60)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := range 4 {
		wg.Go(func() {
			for lo := w * 10; lo < len(docs); lo += 20 {
				if _, err := s.AddArticles(ctx, docs[lo:min(lo+20, len(docs))]); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n, err := s.Count(ctx); err != nil || n != len(docs) {
		t.Errorf("count %d, want %d (%v)", n, len(docs), err)
	}
}
