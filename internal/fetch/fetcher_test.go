package fetch_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/fetch"
)

// newFetcher returns a Fetcher for servers on loopback, fast unless opts
// say otherwise: a high rate per host and backoffs of milliseconds.
func newFetcher(opts fetch.FetcherOptions) *fetch.Fetcher {
	opts.AllowPrivate = true
	if opts.PerHost == 0 {
		opts.PerHost = 1e6
	}
	if opts.BackoffBase == 0 {
		opts.BackoffBase = time.Millisecond
	}
	return fetch.NewFetcher(opts)
}

// log records the requests a test server gets.
type log struct {
	mu    sync.Mutex
	times []time.Time
	reqs  []*http.Request
}

// add records r and returns its number, from 0.
func (l *log) add(r *http.Request) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.times = append(l.times, time.Now())
	l.reqs = append(l.reqs, r)
	return len(l.reqs) - 1
}

// snapshot returns the times of the requests recorded.
func (l *log) snapshot() []time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]time.Time(nil), l.times...)
}

// count returns the number of requests recorded.
func (l *log) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.reqs)
}

// serve starts a server on loopback whose handler gets the number of each
// request, from 0, and records them all in the log returned.
func serve(t testing.TB, h func(n int, w http.ResponseWriter, r *http.Request)) (*httptest.Server, *log) {
	t.Helper()
	l := &log{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h(l.add(r), w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, l
}

// failing answers status to the first n requests, then "ok".
func failing(n, status int) func(int, http.ResponseWriter, *http.Request) {
	return func(i int, w http.ResponseWriter, _ *http.Request) {
		if i < n {
			http.Error(w, "no", status)
			return
		}
		fmt.Fprint(w, "ok")
	}
}

// dropping closes the connection of the first n requests unanswered,
// then answers "ok".
func dropping(n int) func(int, http.ResponseWriter, *http.Request) {
	return func(i int, w http.ResponseWriter, _ *http.Request) {
		if i < n {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
			return
		}
		fmt.Fprint(w, "ok")
	}
}

// writing answers body to every request.
func writing(body string) func(int, http.ResponseWriter, *http.Request) {
	return func(_ int, w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, body) }
}

// TestGet covers the answers a Get may meet: success, conditional
// requests, retried and final statuses, redirects, oversized bodies.
func TestGet(t *testing.T) {
	big := strings.Repeat("a", 17<<20)
	tests := []struct {
		name     string
		opts     fetch.FetcherOptions
		req      fetch.Request // URL is a path on the server
		handler  func(n int, w http.ResponseWriter, r *http.Request)
		code     string // error code wanted, "" for success
		msg      string // in the error or, on success, the body
		requests int
		modified bool // NotModified wanted
	}{
		{name: "OK", req: fetch.Request{URL: "/"}, handler: failing(0, 0), msg: "ok", requests: 1},
		{name: "NotModified", req: fetch.Request{URL: "/", ETag: `"v1"`, LastModified: "Mon, 01 Dec 2025 10:00:00 GMT"},
			handler: func(_ int, w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("If-None-Match") == `"v1"` && r.Header.Get("If-Modified-Since") == "Mon, 01 Dec 2025 10:00:00 GMT" {
					w.WriteHeader(http.StatusNotModified)
					return
				}
				fmt.Fprint(w, "changed")
			}, requests: 1, modified: true},
		{name: "503TwiceThen200", req: fetch.Request{URL: "/"}, handler: failing(2, 503), msg: "ok", requests: 3},
		{name: "503Always", req: fetch.Request{URL: "/"}, handler: failing(100, 503), code: parallax.EINVALID,
			msg: "answered 503 Service Unavailable after 4 tries", requests: 4},
		{name: "502NoRetries", opts: fetch.FetcherOptions{Retries: -1}, req: fetch.Request{URL: "/"}, handler: failing(100, 502),
			code: parallax.EINVALID, msg: "answered 502 Bad Gateway", requests: 1},
		{name: "DroppedTwiceThen200", req: fetch.Request{URL: "/"}, handler: dropping(2), msg: "ok", requests: 3},
		{name: "DroppedAlways", req: fetch.Request{URL: "/"}, handler: dropping(100), code: parallax.EINVALID,
			msg: "cannot fetch: after 4 tries", requests: 4},
		{name: "408Then200", req: fetch.Request{URL: "/"}, handler: failing(1, 408), msg: "ok", requests: 2},
		{name: "404", req: fetch.Request{URL: "/"}, handler: failing(100, 404), code: parallax.ENOTFOUND, msg: "answered 404 Not Found", requests: 1},
		{name: "410", req: fetch.Request{URL: "/"}, handler: failing(100, 410), code: parallax.ENOTFOUND, msg: "answered 410 Gone", requests: 1},
		{name: "403NotRetried", req: fetch.Request{URL: "/"}, handler: failing(100, 403), code: parallax.EINVALID, msg: "answered 403 Forbidden", requests: 1},
		{name: "Redirects", req: fetch.Request{URL: "/hop/5"}, handler: hops, msg: "ok", requests: 6},
		{name: "RedirectLoop", req: fetch.Request{URL: "/loop"}, handler: func(_ int, w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/loop", http.StatusFound)
		}, code: parallax.EINVALID, msg: "more than 5 redirects", requests: 6},
		{name: "RedirectElsewhere", req: fetch.Request{URL: "/"}, handler: func(_ int, w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		}, code: parallax.EINVALID, msg: "redirect to a file: address", requests: 1},
		{name: "TooLarge", req: fetch.Request{URL: "/"}, handler: func(_ int, w http.ResponseWriter, _ *http.Request) {
			w.Write([]byte(big[:100]))
			w.(http.Flusher).Flush() // no Content-Length: the cap is met reading
			w.Write([]byte(big))
		}, code: parallax.ETOOLARGE, msg: "over the limit of 16 MiB", requests: 1},
		{name: "TooLargeDeclared", opts: fetch.FetcherOptions{MaxBytes: 1000}, req: fetch.Request{URL: "/"}, handler: writing(big[:1001]),
			code: parallax.ETOOLARGE, msg: "over the limit of 1000 bytes", requests: 1},
		{name: "AtTheLimit", opts: fetch.FetcherOptions{MaxBytes: 1000}, req: fetch.Request{URL: "/"}, handler: writing(big[:1000]),
			msg: big[:1000], requests: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, l := serve(t, tt.handler)
			req := tt.req
			req.URL = srv.URL + req.URL
			resp, err := newFetcher(tt.opts).Get(context.Background(), req)
			if got := l.count(); got != tt.requests {
				t.Errorf("%d requests, want %d", got, tt.requests)
			}
			if tt.code != "" {
				if parallax.ErrorCode(err) != tt.code || !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), req.URL+": ") {
					t.Errorf("error %v, want %s naming %s and saying %q", err, tt.code, req.URL, tt.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if resp.NotModified != tt.modified || string(resp.Body) != tt.msg {
				t.Errorf("NotModified %v, body %.40q; want %v, %.40q", resp.NotModified, resp.Body, tt.modified, tt.msg)
			}
			if tt.modified && (resp.Status != 304 || resp.ETag != req.ETag || resp.LastModified != req.LastModified) {
				t.Errorf("304 answer %+v", resp)
			}
		})
	}
}

// hops redirects /hop/N to /hop/N-1 and answers "ok" at /hop/0.
func hops(_ int, w http.ResponseWriter, r *http.Request) {
	var n int
	if _, err := fmt.Sscanf(r.URL.Path, "/hop/%d", &n); err == nil && n > 0 {
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusMovedPermanently)
		return
	}
	fmt.Fprint(w, "ok")
}

// TestResponse checks the fields of a Response: final URL, validators and
// content type.
func TestResponse(t *testing.T) {
	srv, _ := serve(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/final" {
			http.Redirect(w, r, "/final", http.StatusFound)
			return
		}
		if r.Header.Get("Accept") != "application/rss+xml" {
			http.Error(w, "bad accept", 400)
			return
		}
		w.Header().Set("ETag", `"e1"`)
		w.Header().Set("Last-Modified", "Mon, 01 Dec 2025 10:00:00 GMT")
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, "<rss/>")
	})
	resp, err := newFetcher(fetch.FetcherOptions{}).Get(context.Background(), fetch.Request{URL: srv.URL + "/start", Accept: "application/rss+xml"})
	if err != nil {
		t.Fatal(err)
	}
	want := fetch.Response{URL: srv.URL + "/final", Status: 200, ETag: `"e1"`, LastModified: "Mon, 01 Dec 2025 10:00:00 GMT",
		ContentType: "application/rss+xml; charset=utf-8", Charset: "utf-8", Body: []byte("<rss/>")}
	if fmt.Sprint(*resp) != fmt.Sprint(want) {
		t.Errorf("response\n%+v, want\n%+v", *resp, want)
	}
}

// TestRetryAfter checks that a Retry-After within MaxRetryAfter is waited
// before the next try, and that a longer one is not but comes back in the
// error, and keeps the host alone until then.
func TestRetryAfter(t *testing.T) {
	t.Run("Waited", func(t *testing.T) {
		srv, l := serve(t, func(n int, w http.ResponseWriter, r *http.Request) {
			if n == 0 {
				w.Header().Set("Retry-After", "1")
				http.Error(w, "slow down", http.StatusTooManyRequests)
				return
			}
			fmt.Fprint(w, "ok")
		})
		// A backoff of an hour shows that Retry-After replaces it.
		f := newFetcher(fetch.FetcherOptions{BackoffBase: time.Hour, MaxBackoff: time.Hour})
		if _, err := f.Get(context.Background(), fetch.Request{URL: srv.URL}); err != nil {
			t.Fatal(err)
		}
		if l.count() != 2 {
			t.Fatalf("%d requests, want 2", l.count())
		}
		if times := l.snapshot(); times[1].Sub(times[0]) < time.Second {
			d := times[1].Sub(times[0])
			t.Errorf("second request %v after the first, want at least 1s", d)
		}
	})
	future := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	for _, value := range []string{"3600", future.Format(http.TimeFormat)} {
		t.Run("TooLong"+value[:2], func(t *testing.T) {
			srv, l := serve(t, func(n int, w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", value)
				http.Error(w, "later", http.StatusServiceUnavailable)
			})
			f := newFetcher(fetch.FetcherOptions{})
			before := time.Now().Truncate(time.Second)
			_, err := f.Get(context.Background(), fetch.Request{URL: srv.URL + "/a"})
			until, ok := fetch.RetryAfter(err)
			if parallax.ErrorCode(err) != parallax.EINVALID || !ok || until.Before(before.Add(time.Hour)) || until.After(time.Now().Add(time.Hour)) {
				t.Fatalf("error %v: RetryAfter %v %v, want about an hour from now", err, until, ok)
			}
			if l.count() != 1 {
				t.Errorf("%d requests, want 1", l.count())
			}
			// The host asked to be left alone: no request until then.
			_, err = f.Get(context.Background(), fetch.Request{URL: srv.URL + "/b"})
			if again, ok := fetch.RetryAfter(err); !ok || !again.Equal(until) || l.count() != 1 {
				t.Errorf("next request: %v (%d requests), want the same RetryAfter and none sent", err, l.count())
			}
		})
	}
	if _, ok := fetch.RetryAfter(errors.New("other")); ok {
		t.Error("RetryAfter of another error")
	}
}

// TestCancel checks that a cancelled context ends a Get waiting out a
// Retry-After at once, with context.Canceled.
func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	answered := make(chan struct{})
	srv, l := serve(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "60")
		http.Error(w, "later", http.StatusServiceUnavailable)
		close(answered)
	})
	go func() {
		<-answered
		time.Sleep(50 * time.Millisecond) // most likely into the wait
		cancel()
	}()
	_, err := newFetcher(fetch.FetcherOptions{}).Get(ctx, fetch.Request{URL: srv.URL})
	if !errors.Is(err, context.Canceled) || l.count() != 1 {
		t.Errorf("error %v after %d requests, want context.Canceled after 1", err, l.count())
	}
}

// TestTrickle checks that a server sending its body a byte at a time is
// cut off by the time-out.
func TestTrickle(t *testing.T) {
	var cut atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for range 50 {
			w.Write([]byte("a"))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				cut.Store(true)
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	}))
	f := newFetcher(fetch.FetcherOptions{Timeout: 300 * time.Millisecond, Retries: -1})
	_, err := f.Get(context.Background(), fetch.Request{URL: srv.URL})
	srv.Close() // waits for the handler
	if parallax.ErrorCode(err) != parallax.EINVALID || !strings.Contains(err.Error(), "time-out of 300ms") || !cut.Load() {
		t.Errorf("error %v, cut off %v; want a time-out before the body ends", err, cut.Load())
	}
}

// TestRobots checks that robots.txt is obeyed for the requests that ask,
// read once per host, and that a server failing to give it disallows
// pages while a missing one allows them.
func TestRobots(t *testing.T) {
	const rules = "User-agent: *\nDisallow: /\n\nUser-agent: parallax\nDisallow: /secret\n"
	var robotsHits atomic.Int32
	srv, _ := serve(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			robotsHits.Add(1)
			fmt.Fprint(w, rules)
		case "/to-secret":
			http.Redirect(w, r, "/secret/x", http.StatusFound)
		default:
			fmt.Fprint(w, "page")
		}
	})
	f := newFetcher(fetch.FetcherOptions{})
	tests := []struct {
		path   string
		robots bool
		code   string
	}{
		{"/news/1", true, ""},
		{"/secret/1", true, parallax.EFORBIDDEN},
		{"/secret/1?q=1", true, parallax.EFORBIDDEN},
		{"/to-secret", true, parallax.EFORBIDDEN},
		{"/secret/1", false, ""}, // a feed
	}
	for _, tt := range tests {
		u := srv.URL + tt.path
		_, err := f.Get(context.Background(), fetch.Request{URL: u, Robots: tt.robots})
		if parallax.ErrorCode(err) != tt.code {
			t.Errorf("%s (robots %v): %v, want code %q", tt.path, tt.robots, err, tt.code)
		}
		if tt.code != "" && (!strings.Contains(err.Error(), "robots.txt disallows") || !strings.HasPrefix(err.Error(), u+": ")) {
			t.Errorf("%s: error %q does not name the URL and robots.txt", tt.path, err)
		}
	}
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			if _, err := f.Get(context.Background(), fetch.Request{URL: fmt.Sprintf("%s/news/%d", srv.URL, i), Robots: true}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := robotsHits.Load(); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once", n)
	}
	// Past RobotsTTL, it is fetched again.
	f = newFetcher(fetch.FetcherOptions{RobotsTTL: time.Nanosecond})
	for range 2 {
		if _, err := f.Get(context.Background(), fetch.Request{URL: srv.URL + "/news/1", Robots: true}); err != nil {
			t.Fatal(err)
		}
	}
	if n := robotsHits.Load(); n != 3 {
		t.Errorf("robots.txt fetched %d times in all, want 3", n)
	}

	for _, tt := range []struct {
		status int
		code   string
	}{{404, ""}, {403, ""}, {500, parallax.EFORBIDDEN}, {503, parallax.EFORBIDDEN}, {429, parallax.EFORBIDDEN}} {
		srv, l := serve(t, func(_ int, w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				http.Error(w, "robots", tt.status)
				return
			}
			fmt.Fprint(w, "page")
		})
		_, err := newFetcher(fetch.FetcherOptions{}).Get(context.Background(), fetch.Request{URL: srv.URL + "/page", Robots: true})
		if parallax.ErrorCode(err) != tt.code || l.count() != map[bool]int{true: 2, false: 1}[tt.code == ""] {
			t.Errorf("robots.txt answering %d: %v after %d requests, want code %q", tt.status, err, l.count(), tt.code)
		}
	}
}

// inflight counts the requests in flight at once, and the most seen.
type inflight struct {
	now, most atomic.Int32
}

// enter counts a request in.
func (c *inflight) enter() {
	n := c.now.Add(1)
	for m := c.most.Load(); n > m && !c.most.CompareAndSwap(m, n); m = c.most.Load() {
	}
}

// leave counts a request out.
func (c *inflight) leave() { c.now.Add(-1) }

// TestConcurrency checks that no host gets more than HostConcurrency
// requests at once, nor all of them more than Concurrency.
func TestConcurrency(t *testing.T) {
	var all inflight
	hosts := make([]*inflight, 4)
	urls := make([]string, len(hosts))
	for i := range hosts {
		hosts[i] = &inflight{}
		srv, _ := serve(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
			all.enter()
			hosts[i].enter()
			time.Sleep(5 * time.Millisecond) // long enough for requests to overlap
			hosts[i].leave()
			all.leave()
			fmt.Fprint(w, "ok")
		})
		urls[i] = srv.URL
	}
	f := newFetcher(fetch.FetcherOptions{HostConcurrency: 2, Concurrency: 3})
	var wg sync.WaitGroup
	for i := range 80 {
		wg.Go(func() {
			if _, err := f.Get(context.Background(), fetch.Request{URL: urls[i%len(urls)]}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i, h := range hosts {
		if m := h.most.Load(); m > 2 {
			t.Errorf("host %d: %d requests at once, want at most 2", i, m)
		}
	}
	if m := all.most.Load(); m > 3 {
		t.Errorf("%d requests at once, want at most 3", m)
	}
}

// TestRate checks that a host gets no more than PerHost requests a second
// after its burst: N requests take at least (N-burst)/rate.
func TestRate(t *testing.T) {
	const n, perHost, burst = 11, 50, 1
	srv, l := serve(t, failing(0, 0))
	f := newFetcher(fetch.FetcherOptions{PerHost: perHost, Burst: burst, HostConcurrency: 4})
	start := time.Now()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			if _, err := f.Get(context.Background(), fetch.Request{URL: srv.URL}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	var last time.Time
	for _, ts := range l.snapshot() {
		if ts.After(last) {
			last = ts
		}
	}
	if d, want := last.Sub(start), time.Duration(n-burst)*time.Second/perHost; d < want {
		t.Errorf("%d requests in %v, want at least %v", n, d, want)
	}
}

// TestCharset checks the conversion of bodies to UTF-8 from the charset of
// the header, else of the document, else guessed.
func TestCharset(t *testing.T) {
	ascii := strings.Repeat("x", 2000)
	tests := []struct {
		name, ctype, body string
		want, charset     string
	}{
		{"Latin1Feed", "application/rss+xml", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><title>Caf\xe9</title></rss>",
			"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss><title>Café</title></rss>", "windows-1252"},
		{"Latin1FeedSingleQuotes", "text/xml", "<?xml version='1.0' encoding='iso-8859-1' ?><rss><title>Caf\xe9</title></rss>",
			"<?xml version='1.0' encoding='UTF-8' ?><rss><title>Café</title></rss>", "windows-1252"},
		{"FeedHeaderWins", "application/atom+xml; charset=utf-8", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><feed><title>Café</title></feed>",
			"<?xml version=\"1.0\" encoding=\"UTF-8\"?><feed><title>Café</title></feed>", "utf-8"},
		{"HTMLWindows1252Undeclared", "text/html", "<p>\x93Caf\xe9\x94 \x80</p>", "<p>“Café” €</p>", "windows-1252"},
		{"HTMLMetaCharset", "text/html", "<html><head><meta charset=\"windows-1252\"></head><p>caf\xe9", "<html><head><meta charset=\"windows-1252\"></head><p>café", "windows-1252"},
		{"HTMLMetaHTTPEquiv", "", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>caf\xe9", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>café", "windows-1252"},
		{"HTMLHeaderWinsOverMeta", "text/html; charset=utf-8", "<meta charset=\"windows-1252\"><p>café", "<meta charset=\"windows-1252\"><p>café", "utf-8"},
		{"HTMLHeaderLatin1MetaUTF8", "text/html; charset=ISO-8859-1", "<meta charset=\"utf-8\"><p>caf\xe9", "<meta charset=\"utf-8\"><p>café", "windows-1252"},
		{"HTMLUnknownHeaderCharset", "text/html; charset=x-nonsense", "<p>café", "<p>café", "utf-8"},
		{"UTF8AfterTheHead", "text/html", ascii + "café", ascii + "café", "utf-8"},
		{"InvalidUTF8Replaced", "text/plain; charset=utf-8", "caf\xe9 \xff\xfe ok", "caf\uFFFD \uFFFD ok", "utf-8"},
		{"UTF8BOM", "text/html; charset=windows-1252", "\xef\xbb\xbf<p>café", "<p>café", "utf-8"},
		{"UTF16LEBOM", "text/xml", "\xff\xfe<\x00?\x00x\x00m\x00l\x00 \x00e\x00n\x00c\x00o\x00d\x00i\x00n\x00g\x00=\x00'\x00U\x00T\x00F\x00-\x001\x006\x00'\x00?\x00>\x00\xe9\x00", "<?xml encoding='UTF-8'?>é", "utf-16le"},
		{"Binary", "image/png", "\x89PNG\r\n\x1a\n\xff", "\x89PNG\r\n\x1a\n\xff", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := serve(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
				w.Header()["Content-Type"] = []string{tt.ctype}
				fmt.Fprint(w, tt.body)
			})
			resp, err := newFetcher(fetch.FetcherOptions{}).Get(context.Background(), fetch.Request{URL: srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			if string(resp.Body) != tt.want || resp.Charset != tt.charset {
				t.Errorf("body %q in %q, want %q from %q", resp.Body, resp.Charset, tt.want, tt.charset)
			}
		})
	}
}

// TestCharsetXMLParses checks that an ISO-8859-1 feed, once fetched, is
// read by an XML parser that knows only UTF-8, with the right text.
func TestCharsetXMLParses(t *testing.T) {
	srv, _ := serve(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><channel><title>Caf\xe9 \xabcr\xe8me\xbb</title></channel></rss>")
	})
	resp, err := newFetcher(fetch.FetcherOptions{}).Get(context.Background(), fetch.Request{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	var feed struct {
		Title string `xml:"channel>title"`
	}
	if err := xml.NewDecoder(bytes.NewReader(resp.Body)).Decode(&feed); err != nil || feed.Title != "Café «crème»" {
		t.Errorf("parsed title %q, error %v", feed.Title, err)
	}
}

// TestFetcherRefused checks that, without AllowPrivate, a loopback server is not
// asked anything, robots.txt included, and the error names the address
// and the flag; and that an address that is not http fails.
func TestFetcherRefused(t *testing.T) {
	srv, l := serve(t, failing(0, 0))
	f := fetch.NewFetcher(fetch.FetcherOptions{BackoffBase: time.Hour, PerHost: 1e6})
	for _, robots := range []bool{false, true} {
		u := srv.URL + "/page"
		_, err := f.Get(context.Background(), fetch.Request{URL: u, Robots: robots})
		if parallax.ErrorCode(err) != parallax.EINVALID || !strings.Contains(err.Error(), "--allow-private") ||
			!strings.Contains(err.Error(), "127.0.0.1") || !strings.HasPrefix(err.Error(), u+": ") {
			t.Errorf("robots %v: %v", robots, err)
		}
	}
	if l.count() != 0 {
		t.Errorf("%d requests reached the server", l.count())
	}
	for _, u := range []string{"ftp://example.com/", "example.com/feed", "http:///path", "://"} {
		if _, err := f.Get(context.Background(), fetch.Request{URL: u}); parallax.ErrorCode(err) != parallax.EINVALID {
			t.Errorf("%s: %v", u, err)
		}
	}
}

// BenchmarkGet measures pages fetched a second from a server on loopback,
// one at a time and from many goroutines, robots.txt checked.
func BenchmarkGet(b *testing.B) {
	page := []byte("<!doctype html><meta charset=utf-8><title>Bridge opens</title>" + strings.Repeat("<p>The mayor opened the bridge on Tuesday, café and all.</p>\n", 300))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /private\n")
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(page)
	}))
	defer srv.Close()
	b.Run("Serial", func(b *testing.B) {
		f := newFetcher(fetch.FetcherOptions{})
		for b.Loop() {
			if _, err := f.Get(context.Background(), fetch.Request{URL: srv.URL + "/news", Robots: true}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	})
	b.Run("Parallel", func(b *testing.B) {
		f := newFetcher(fetch.FetcherOptions{HostConcurrency: 8})
		b.SetParallelism(4)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := f.Get(context.Background(), fetch.Request{URL: srv.URL + "/news", Robots: true}); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	})
}
