package poll_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/poll"
)

// item is one RSS item made from the text of the example reports.
func item(n int, title, text string) string {
	return fmt.Sprintf(`<item><title>%s</title><link>https://news.example.org/%d</link><guid>https://news.example.org/%d</guid>`+
		`<pubDate>Mon, 14 Apr 2025 19:0%d:00 GMT</pubDate><description><![CDATA[<p>%s</p>]]></description></item>`, title, n, n, n, text)
}

func rss(items ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example News</title><link>https://news.example.org/</link>` +
		strings.Join(items, "") + `</channel></rss>`
}

// feedServer serves a feed that the test can change, with an ETag, and
// counts the requests and the conditional ones answered 304.
type feedServer struct {
	mu          sync.Mutex
	body, etag  string
	status      int
	requests    int
	notModified int
}

func (s *feedServer) set(status int, body, etag string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status, s.body, s.etag = status, body, etag
}

func (s *feedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	if s.etag != "" && r.Header.Get("If-None-Match") == s.etag {
		s.notModified++
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if s.etag != "" {
		w.Header().Set("ETag", s.etag)
	}
	w.Header().Set("Content-Type", "application/rss+xml")
	w.WriteHeader(s.status)
	fmt.Fprint(w, s.body)
}

const (
	first  = "El Salvador's president Nayib Bukele said on Monday he had no plans to return a man mistakenly deported from the United States."
	second = "The US would help El Salvador build new prisons, Mr Trump added after the meeting in the Oval Office."
)

// TestPoll polls a feed on a loopback server three times: the first poll
// hands over its item; the second, unchanged (304), nothing; the third,
// after a new item, only that one. Broken feeds and errors are named.
func TestPoll(t *testing.T) {
	srv := &feedServer{}
	srv.set(200, rss(item(1, "Bukele will not return man", first)), `"v1"`)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	p, err := poll.New([]string{ts.URL + "/world.rss"}, poll.Options{AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []parallax.Document
	add := func(_ context.Context, d parallax.Document) error {
		got = append(got, d)
		return nil
	}
	ctx := context.Background()
	if n, err := p.Poll(ctx, add); n != 1 || err != nil || got[0].Title != "Bukele will not return man" || got[0].Source != "Example News" {
		t.Fatalf("first poll: %d added (%v): %+v", n, err, got)
	}
	if n, err := p.Poll(ctx, add); n != 0 || err != nil || srv.notModified != 1 {
		t.Errorf("unchanged feed: %d added (%v), %d answered 304", n, err, srv.notModified)
	}
	srv.set(200, rss(item(2, "Trump to help build prisons", second), item(1, "Bukele will not return man", first)), `"v2"`)
	if n, err := p.Poll(ctx, add); n != 1 || err != nil || got[1].ID != "https://news.example.org/2" {
		t.Errorf("new item: %d added (%v): %+v", n, err, got)
	}
	// An item refused is offered again at the next poll.
	srv.set(200, rss(item(3, "Third", first+" A third report."), item(2, "Trump to help build prisons", second)), `"v3"`)
	refuse := func(context.Context, parallax.Document) error {
		return parallax.Errorf(parallax.EINTERNAL, "store", "disk full")
	}
	if n, err := p.Poll(ctx, refuse); n != 0 || err == nil || p.Seen("https://news.example.org/3") {
		t.Errorf("refused item: %d added (%v)", n, err)
	}
	srv.set(200, rss(item(3, "Third", first+" A third report."), item(2, "Trump to help build prisons", second)), `"v4"`)
	if n, err := p.Poll(ctx, add); n != 1 || err != nil {
		t.Errorf("item offered again: %d added (%v)", n, err)
	}
	// Only the items of the feed as last fetched are remembered: the
	// first, gone from the feed, is forgotten.
	if p.Seen("https://news.example.org/1") || !p.Seen("https://news.example.org/3") {
		t.Errorf("remembered items: 1 %v, 3 %v; want only 3", p.Seen("https://news.example.org/1"), p.Seen("https://news.example.org/3"))
	}
	for _, tt := range []struct {
		status int
		body   string
		code   string
	}{
		{200, "<rss><channel><item>", parallax.EINVALID},
		{500, "", parallax.EINVALID},
		{404, "", parallax.ENOTFOUND},
	} {
		srv.set(tt.status, tt.body, "")
		_, err := p.Poll(ctx, add)
		if parallax.ErrorCode(err) != tt.code || !strings.Contains(err.Error(), ts.URL) {
			t.Errorf("status %d %q: %v, want %s naming the feed", tt.status, tt.body, err, tt.code)
		}
	}
}

// TestRun checks that Run polls at once and again every interval, and
// stops when its context is done.
func TestRun(t *testing.T) {
	srv := &feedServer{}
	srv.set(200, rss(item(1, "Bukele will not return man", first)), "")
	ts := httptest.NewServer(srv)
	defer ts.Close()
	p, err := poll.New([]string{ts.URL}, poll.Options{Interval: 10 * time.Millisecond, AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- p.Run(ctx, func(context.Context, parallax.Document) error { return nil })
	}()
	for {
		srv.mu.Lock()
		n := srv.requests
		srv.mu.Unlock()
		if n >= 3 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != context.Canceled {
		t.Errorf("Run returned %v, want context.Canceled", err)
	}
	if _, err := poll.New(nil, poll.Options{}); parallax.ErrorCode(err) != parallax.EUSAGE {
		t.Errorf("no feeds: %v", err)
	}
}
