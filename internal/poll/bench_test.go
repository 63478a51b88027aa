package poll_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/fetch"
	"github.com/parallax-news/parallax/internal/poll"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// host is a loopback news host that counts its requests in flight, the
// most it saw at once, and when each request came.
type host struct {
	ts             *httptest.Server
	inFlight, most atomic.Int64
	mu             sync.Mutex
	times          []time.Time
}

func newHost(b *testing.B, feeds, items int, text string) *host {
	h := &host{}
	h.ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := h.inFlight.Add(1)
		defer h.inFlight.Add(-1)
		for m := h.most.Load(); n > m && !h.most.CompareAndSwap(m, n); m = h.most.Load() {
		}
		h.mu.Lock()
		h.times = append(h.times, time.Now())
		h.mu.Unlock()
		var feed, item int
		switch {
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		case fmt1(r.URL.Path, "/feed/%d.xml", &feed):
			var b strings.Builder
			for i := range items {
				fmt.Fprintf(&b, "<item><title>Item %d of feed %d</title><link>%s/a/%d/%d</link><description>One line.</description></item>", i, feed, h.ts.URL, feed, i)
			}
			fmt.Fprint(w, rss(b.String()))
		case fmt2(r.URL.Path, "/a/%d/%d", &feed, &item):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<html><head><title>Item %d</title></head><body><article><h1>Item %d of feed %d</h1><p>%s</p></article></body></html>", item, item, feed, text)
		default:
			http.NotFound(w, r)
		}
	}))
	b.Cleanup(h.ts.Close)
	return h
}

func fmt1(s, format string, a *int) bool {
	n, err := fmt.Sscanf(s, format, a)
	return n == 1 && err == nil
}
func fmt2(s, format string, a, b *int) bool {
	n, err := fmt.Sscanf(s, format, a, b)
	return n == 2 && err == nil
}

// busiestSecond is the most requests a host had in any one second.
func (h *host) busiestSecond() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	most, j := 0, 0
	for i := range h.times {
		for h.times[i].Sub(h.times[j]) >= time.Second {
			j++
		}
		most = max(most, i-j+1)
	}
	return most
}

// BenchmarkWatchOnce polls 500 feeds on 5 loopback hosts (4 new items
// each, so 2,000 pages) into a new store, as `watch --once` does, with at
// most 100 requests a second and 2 at once per host. It reports pages
// fetched and extracted per second and the most requests a host saw at
// once and in one second, which must stay within those limits.
//
//	go test ./internal/poll -run XXX -bench WatchOnce -benchtime 1x
func BenchmarkWatchOnce(b *testing.B) {
	const hosts, feedsPerHost, items, perHost, conc = 5, 100, 4, 100.0, 2
	text := strings.Repeat("The council approved the budget after a long debate on Monday evening. ", 40)
	var hs []*host
	for range hosts {
		hs = append(hs, newHost(b, feedsPerHost, items, text))
	}
	ctx := context.Background()
	for b.Loop() {
		st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "p.db"), sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, h := range hs {
			for f := range feedsPerHost {
				if err := st.AddFeed(ctx, fmt.Sprintf("%s/feed/%d.xml", h.ts.URL, f), time.Now()); err != nil {
					b.Fatal(err)
				}
			}
		}
		get := fetch.NewFetcher(fetch.FetcherOptions{AllowPrivate: true, PerHost: perHost, HostConcurrency: conc})
		add := func(ctx context.Context, docs []parallax.Document) error {
			_, err := st.AddArticles(ctx, docs)
			return err
		}
		start := time.Now()
		rep, err := poll.NewWatcher(st, get, add, poll.WatchOptions{Workers: 16}).Poll(ctx, true)
		if err != nil || rep.Pages != hosts*feedsPerHost*items {
			b.Fatalf("%+v: %v", rep, err)
		}
		b.ReportMetric(float64(rep.Pages)/time.Since(start).Seconds(), "pages/s")
		st.Close()
	}
	most, busiest := int64(0), 0
	for _, h := range hs {
		most = max(most, h.most.Load())
		busiest = max(busiest, h.busiestSecond())
	}
	b.ReportMetric(float64(most), "most-at-once/host")
	b.ReportMetric(float64(busiest), "most-in-1s/host")
}
