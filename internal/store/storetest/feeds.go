package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax"
)

// feeds checks that feeds are kept in the order added, once each, with
// every field of their state as saved, and that Known finds stored keys.
func feeds(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	urls := []string{"https://b.example/feed.xml", "https://a.example/rss", "https://c.example/atom"}
	for i, u := range urls {
		if err := s.AddFeed(ctx, u, at.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddFeed(ctx, urls[1], at); parallax.ErrorCode(err) != parallax.ECONFLICT {
		t.Errorf("adding a feed twice: got %v, want a conflict", err)
	}
	saved := parallax.Feed{
		URL: urls[1], Title: "A «news»", ETag: `W/"abc"`, LastModified: "Sun, 01 Mar 2026 08:00:00 GMT",
		LastPoll: at.Add(time.Hour), LastSuccess: at.Add(30 * time.Minute), LastError: "answered 503 Service Unavailable",
		Failures: 2, Items: 17, NextPoll: at.Add(2 * time.Hour),
	}
	if err := s.SaveFeed(ctx, saved); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveFeed(ctx, urls[2]); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveFeed(ctx, urls[2]); parallax.ErrorCode(err) != parallax.ENOTFOUND {
		t.Errorf("removing a feed twice: got %v, want not found", err)
	}
	if err := s.SaveFeed(ctx, parallax.Feed{URL: urls[2]}); parallax.ErrorCode(err) != parallax.ENOTFOUND {
		t.Errorf("saving a removed feed: got %v, want not found", err)
	}
	got, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	saved.Added = at.Add(time.Minute)
	want := []parallax.Feed{{URL: urls[0], Added: at, NextPoll: at}, saved}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("feeds (-want +got):\n%s", diff)
	}

	docs := synthetic("known", 3)
	if _, err := s.AddArticles(ctx, docs); err != nil {
		t.Fatal(err)
	}
	keys := []string{parallax.Identity(&docs[0]), "https://nowhere.example/x", parallax.Identity(&docs[2])}
	known, err := s.Known(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]bool{keys[0]: true, keys[2]: true}; !cmp.Equal(want, known) {
		t.Errorf("Known(%q) = %v, want %v", keys, known, want)
	}
}
