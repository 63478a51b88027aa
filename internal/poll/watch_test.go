package poll_test

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/fetch"
	"github.com/parallax-news/parallax/internal/parallaxtest"
	"github.com/parallax-news/parallax/internal/poll"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// site is a news site on loopback: a feed whose items link to article
// pages, a robots.txt, and a count of the requests of each path.
type site struct {
	mu       sync.Mutex
	feed     string            // the feed's body
	etag     string            // the feed's ETag, "" for none
	status   map[string]int    // a status to answer for a path instead
	header   map[string]string // a header to send with that status
	pages    map[string]string // path → HTML
	robots   string
	requests map[string]int
	ts       *httptest.Server
}

func newSite(t *testing.T) *site {
	s := &site{status: map[string]int{}, header: map[string]string{}, pages: map[string]string{}, requests: map[string]int{}}
	s.ts = httptest.NewServer(s)
	t.Cleanup(s.ts.Close)
	return s
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests[r.URL.Path]++
	if st := s.status[r.URL.Path]; st != 0 {
		for k, v := range s.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(st)
		return
	}
	switch p := r.URL.Path; {
	case p == "/robots.txt":
		fmt.Fprint(w, s.robots)
	case p == "/feed.xml":
		if s.etag != "" && r.Header.Get("If-None-Match") == s.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if s.etag != "" {
			w.Header().Set("ETag", s.etag)
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, s.feed)
	case s.pages[p] != "":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, s.pages[p])
	default:
		http.NotFound(w, r)
	}
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[path]
}

func (s *site) set(f func(s *site)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

// report is an example report: its first line the headline, its
// paragraphs the rest.
type report struct {
	title string
	paras []string
}

func examples(t *testing.T) []report {
	t.Helper()
	dir := parallaxtest.ExamplesDir()
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(names) < 3 {
		t.Fatalf("examples: %v %v", names, err)
	}
	var out []report
	for _, n := range names[:3] {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		var r report
		for _, p := range strings.Split(string(b), "\n") {
			if p = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(p), "•")); len(strings.Fields(p)) >= 8 {
				r.paras = append(r.paras, p)
			}
		}
		r.title = strings.Join(strings.Fields(r.paras[0])[:8], " ")
		out = append(out, r)
	}
	return out
}

// page is the HTML page of a report, with navigation around the article.
func page(r report) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><title>%s</title><meta property="og:site_name" content="Example Daily"></head><body>`, html.EscapeString(r.title))
	b.WriteString(`<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>` + html.EscapeString(r.title) + `</h1>`)
	for _, p := range r.paras {
		b.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	b.WriteString(`</article><footer>© Example Daily</footer></body></html>`)
	return b.String()
}

// rssOf is a feed of the reports, each item its first sentence only.
func rssOf(base string, rs []report, from int) string {
	var items []string
	for i, r := range rs {
		n := from + i
		items = append(items, fmt.Sprintf(`<item><title>%s</title><link>%s/a/%d.html</link><guid>%s/a/%d.html</guid>`+
			`<pubDate>Mon, 14 Apr 2025 19:0%d:00 GMT</pubDate><description>%s</description></item>`,
			html.EscapeString(r.title), base, n, base, n, n%10, html.EscapeString(r.paras[0])))
	}
	return rss(items...)
}

// watcher returns a watcher of a new store following feeds, with a
// fetcher allowed on loopback and quick retries.
func watcher(t *testing.T, now func() time.Time, feeds ...string) (*poll.Watcher, parallax.Store) {
	return watcherWith(t, poll.WatchOptions{Every: time.Hour, Now: now}, feeds...)
}

func watcherWith(t *testing.T, opts poll.WatchOptions, feeds ...string) (*poll.Watcher, parallax.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, f := range feeds {
		if err := st.AddFeed(ctx, f, opts.Now()); err != nil {
			t.Fatal(err)
		}
	}
	get := fetch.NewFetcher(fetch.FetcherOptions{AllowPrivate: true, PerHost: 1000, Burst: 100, BackoffBase: time.Millisecond, Retries: 1})
	add := func(ctx context.Context, docs []parallax.Document) error {
		_, err := st.AddArticles(ctx, docs)
		return err
	}
	return poll.NewWatcher(st, get, add, opts), st
}

// TestWatchStoresPages polls a feed whose items hold one sentence each and
// link to the whole article: the articles stored have the pages' text and
// the items' titles; an unchanged feed costs a 304; a new item fetches
// only its own page.
func TestWatchStoresPages(t *testing.T) {
	rs := examples(t)
	s := newSite(t)
	s.set(func(s *site) {
		s.feed, s.etag = rssOf(s.ts.URL, rs[:2], 1), `"v1"`
		for i, r := range rs {
			s.pages[fmt.Sprintf("/a/%d.html", i+1)] = page(r)
		}
	})
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	w, st := watcher(t, func() time.Time { return now }, s.ts.URL+"/feed.xml")
	ctx := context.Background()
	rep, err := w.Poll(ctx, false)
	if err != nil || rep.Stored != 2 || rep.Pages != 2 {
		t.Fatalf("first poll: %+v, %v", rep, err)
	}
	for i, r := range rs[:2] {
		a, err := st.Article(ctx, fmt.Sprintf("%s/a/%d.html", s.ts.URL, i+1))
		if err != nil {
			t.Fatal(err)
		}
		last := r.paras[len(r.paras)-1]
		if !strings.Contains(a.Text, last) || a.Title != r.title || a.Source != "Example Daily" || strings.Contains(a.Text, "Home") {
			t.Errorf("article %d: title %q, source %q, text %.200q…; want the page's article text ending %q", i+1, a.Title, a.Source, a.Text, last)
		}
	}
	feeds, _ := st.Feeds(ctx)
	if f := feeds[0]; f.Items != 2 || f.Failures != 0 || !f.LastSuccess.Equal(now) || !f.NextPoll.Equal(now.Add(time.Hour)) || f.Title != "Example News" {
		t.Errorf("feed after a poll: %+v", f)
	}

	// Not due yet: nothing is fetched. Due: the feed answers 304.
	if rep, err := w.Poll(ctx, false); rep.Feeds != 0 || err != nil {
		t.Errorf("poll before the feed is due: %+v, %v", rep, err)
	}
	now = now.Add(time.Hour)
	if rep, err := w.Poll(ctx, false); rep.Unchanged != 1 || err != nil || s.count("/feed.xml") != 2 {
		t.Errorf("unchanged feed: %+v, %v, %d requests", rep, err, s.count("/feed.xml"))
	}

	// A new item: only its page is fetched; the stored ones are not again.
	s.set(func(s *site) { s.feed, s.etag = rssOf(s.ts.URL, rs, 1), `"v2"` })
	if rep, err := w.Poll(ctx, true); rep.Items != 1 || rep.Stored != 1 || err != nil {
		t.Errorf("new item: %+v, %v", rep, err)
	}
	for i := 1; i <= 3; i++ {
		if n := s.count(fmt.Sprintf("/a/%d.html", i)); n != 1 {
			t.Errorf("page %d fetched %d times, want once", i, n)
		}
	}
	if n := s.count("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once", n)
	}
}

// TestWatchFallsBack keeps the item's own content when its page cannot be
// had: not found, disallowed by robots.txt, not HTML, or holding less text.
func TestWatchFallsBack(t *testing.T) {
	rs := examples(t)
	s := newSite(t)
	s.set(func(s *site) {
		s.feed = rssOf(s.ts.URL, rs, 1)
		s.robots = "User-agent: *\nDisallow: /a/2.html\n"
		s.pages["/a/2.html"] = page(rs[1])
		s.pages["/a/3.html"] = "<html><body><article><p>Short.</p></article></body></html>"
	})
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	w, st := watcher(t, func() time.Time { return now }, s.ts.URL+"/feed.xml")
	ctx := context.Background()
	rep, err := w.Poll(ctx, false)
	if err != nil || rep.Stored != 3 || rep.PageErrors != 2 || rep.Pages != 1 {
		t.Fatalf("poll: %+v, %v; want 3 stored, 2 pages not read (404, robots), 1 read", rep, err)
	}
	if n := s.count("/a/2.html"); n != 0 {
		t.Errorf("a page robots.txt disallows was fetched %d times", n)
	}
	for i, r := range rs {
		a, err := st.Article(ctx, fmt.Sprintf("%s/a/%d.html", s.ts.URL, i+1))
		if err != nil {
			t.Fatal(err)
		}
		if a.Text != r.paras[0] {
			t.Errorf("article %d: text %.120q, want the item's own %.120q", i+1, a.Text, r.paras[0])
		}
	}
}

// TestWatchFailures records why a feed failed and waits longer after each
// failure in a row, and as long as the server asked.
func TestWatchFailures(t *testing.T) {
	s := newSite(t)
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	w, st := watcher(t, func() time.Time { return now }, s.ts.URL+"/feed.xml")
	ctx := context.Background()
	steps := []struct {
		name     string
		set      func(s *site)
		reason   string
		failures int
		wait     time.Duration // at least, from now
	}{
		{"server error", func(s *site) { s.status["/feed.xml"] = 500 }, "500", 1, 48 * time.Minute},
		{"malformed", func(s *site) { s.status = map[string]int{}; s.feed = "<rss><channel><item>" }, "malformed feed", 2, 96 * time.Minute},
		{"retry after", func(s *site) {
			s.status["/feed.xml"], s.header["Retry-After"] = 429, "36000"
		}, "429", 3, 10 * time.Hour},
	}
	for _, step := range steps {
		s.set(step.set)
		_, err := w.Poll(ctx, true)
		if err == nil || !strings.Contains(err.Error(), s.ts.URL+"/feed.xml") {
			t.Errorf("%s: %v, want an error naming the feed", step.name, err)
		}
		feeds, _ := st.Feeds(ctx)
		f := feeds[0]
		if f.Failures != step.failures || !strings.Contains(f.LastError, step.reason) || f.NextPoll.Before(now.Add(step.wait)) || !f.LastSuccess.IsZero() {
			t.Errorf("%s: failures %d, error %q, next poll in %v; want %d failures, %q, at least %v",
				step.name, f.Failures, f.LastError, f.NextPoll.Sub(now), step.failures, step.reason, step.wait)
		}
	}
	s.set(func(s *site) { s.status = map[string]int{}; s.feed = rss() })
	if _, err := w.Poll(ctx, true); err == nil {
		t.Errorf("a feed with no items: no error")
	}
}

// TestWatchRefusesPrivate polls a loopback feed with a fetcher that does
// not allow it: the feed fails naming the address and the flag.
func TestWatchRefusesPrivate(t *testing.T) {
	s := newSite(t)
	s.set(func(s *site) { s.feed = rss(item(1, "Bukele will not return man", first)) })
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.AddFeed(ctx, s.ts.URL+"/feed.xml", time.Now()); err != nil {
		t.Fatal(err)
	}
	w := poll.NewWatcher(st, fetch.NewFetcher(fetch.FetcherOptions{}), func(context.Context, []parallax.Document) error {
		t.Error("an article of a refused feed was stored")
		return nil
	}, poll.WatchOptions{})
	_, err = w.Poll(ctx, true)
	if err == nil || !strings.Contains(err.Error(), "127.0.0.1") || !strings.Contains(err.Error(), "--allow-private") || s.count("/feed.xml") != 0 {
		t.Errorf("loopback feed: %v, %d requests", err, s.count("/feed.xml"))
	}
}

// TestWatchFormats reads each kind of feed gofeed knows: RSS, Atom, RDF
// (RSS 1.0) and JSON Feed, each with one item linking to a page.
func TestWatchFormats(t *testing.T) {
	rs := examples(t)
	link := "{{base}}/a/1.html"
	feeds := map[string]string{
		"rss": `<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title><item><title>T</title><link>` + link + `</link><description>Short item.</description></item></channel></rss>`,
		"atom": `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example News</title><id>urn:x</id><updated>2025-04-14T19:00:00Z</updated>` +
			`<entry><title>T</title><id>urn:x:1</id><updated>2025-04-14T19:00:00Z</updated><link href="` + link + `"/><summary>Short item.</summary></entry></feed>`,
		"rdf": `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">` +
			`<channel rdf:about="{{base}}/"><title>Example News</title><link>{{base}}/</link><description>d</description></channel>` +
			`<item rdf:about="` + link + `"><title>T</title><link>` + link + `</link><description>Short item.</description></item></rdf:RDF>`,
		"json": `{"version": "https://jsonfeed.org/version/1.1", "title": "Example News", "items": [{"id": "1", "url": "` + link + `", "title": "T", "content_text": "Short item."}]}`,
	}
	for name, body := range feeds {
		t.Run(name, func(t *testing.T) {
			s := newSite(t)
			s.set(func(s *site) {
				s.feed = strings.ReplaceAll(body, "{{base}}", s.ts.URL)
				s.pages["/a/1.html"] = page(rs[0])
			})
			now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
			w, st := watcher(t, func() time.Time { return now }, s.ts.URL+"/feed.xml")
			rep, err := w.Poll(context.Background(), true)
			if err != nil || rep.Stored != 1 || rep.Pages != 1 {
				t.Fatalf("poll: %+v, %v", rep, err)
			}
			a, err := st.Article(context.Background(), s.ts.URL+"/a/1.html")
			if err != nil {
				t.Fatal(err)
			}
			if last := rs[0].paras[len(rs[0].paras)-1]; !strings.Contains(a.Text, last) || a.Title != "T" {
				t.Errorf("article: title %q, text %.100q…; want the page's text", a.Title, a.Text)
			}
		})
	}
}

// TestWatchMaxPages fetches at most MaxPages pages for one feed in one
// poll (the other items are stored with their feed content) and reads at
// most MaxItems items.
func TestWatchMaxPages(t *testing.T) {
	rs := examples(t)
	s := newSite(t)
	s.set(func(s *site) {
		s.feed = rssOf(s.ts.URL, rs, 1)
		for i, r := range rs {
			s.pages[fmt.Sprintf("/a/%d.html", i+1)] = page(r)
		}
	})
	w, _ := watcherWith(t, poll.WatchOptions{MaxPages: 2, Now: time.Now}, s.ts.URL+"/feed.xml")
	rep, err := w.Poll(context.Background(), true)
	if err != nil || rep.Stored != 3 || rep.Pages != 2 || rep.PagesSkipped != 1 || s.count("/a/3.html") != 0 {
		t.Errorf("poll: %+v, %v; page 3 fetched %d times", rep, err, s.count("/a/3.html"))
	}
	// MaxItems: of a feed of 3 items, the first 2 are read.
	w, _ = watcherWith(t, poll.WatchOptions{MaxItems: 2, Now: time.Now}, s.ts.URL+"/feed.xml")
	if rep, err := w.Poll(context.Background(), true); err != nil || rep.Items != 2 {
		t.Errorf("poll with MaxItems 2: %+v, %v", rep, err)
	}
}

// TestWatchStop stops a poll while an item's page is being fetched: the
// items before it are stored with their pages, that item with its feed
// content, the feed is not counted as failed, and the next poll fetches
// only the page not read yet.
func TestWatchStop(t *testing.T) {
	rs := examples(t)
	s := newSite(t)
	s.set(func(s *site) {
		s.feed, s.etag = rssOf(s.ts.URL, rs, 1), `"v1"`
		for i, r := range rs {
			s.pages[fmt.Sprintf("/a/%d.html", i+1)] = page(r)
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	blocked := make(chan struct{})
	inner := s.ts.Config.Handler
	s.ts.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/a/2.html" && ctx.Err() == nil {
			close(blocked)
			<-r.Context().Done() // the fetch is cancelled
			return
		}
		inner.ServeHTTP(w, r)
	})
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	w, st := watcher(t, func() time.Time { return now }, s.ts.URL+"/feed.xml")
	go func() {
		<-blocked
		cancel()
	}()
	rep, err := w.Poll(ctx, true)
	if !errors.Is(err, context.Canceled) || rep.Stored != 2 || rep.Pages != 1 {
		t.Fatalf("stopped poll: %+v, %v; want 2 stored (one with its page), context.Canceled", rep, err)
	}
	feeds, _ := st.Feeds(context.Background())
	if f := feeds[0]; f.Failures != 0 || f.Items != 2 || f.ETag != "" {
		t.Errorf("feed after a stop: %+v; want no failure, 2 items, no validators kept", f)
	}
	rep, err = w.Poll(context.Background(), true)
	if err != nil || rep.Items != 1 || rep.Stored != 1 || s.count("/a/1.html") != 1 || s.count("/a/3.html") != 1 {
		t.Errorf("poll after the stop: %+v, %v; pages 1 and 3 fetched %d and %d times", rep, err, s.count("/a/1.html"), s.count("/a/3.html"))
	}
}
