package web

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/desk"
)

// TestSecurityHeaders: every answer, pages, documents, assets and errors
// alike, carries the CSP (no script, no inline style), nosniff, no
// framing and no referrer.
func TestSecurityHeaders(t *testing.T) {
	f := setup(t, Options{}, true, false)
	reqs := []struct{ method, path string }{
		{"GET", "/"}, {"GET", storyURL(f.example)}, {"GET", "/search?q=prison"}, {"GET", "/feeds"}, {"GET", "/feed.atom"},
		{"GET", "/assets/style.css"}, {"GET", "/api/v1/stories"}, {"GET", "/api/v1/openapi.json"}, {"GET", "/nowhere"},
		{"GET", "/api/v1/nowhere"}, {"DELETE", "/"}, {"POST", "/api/v1/articles"}, {"HEAD", "/"},
	}
	for _, r := range reqs {
		a := f.do(t, r.method, r.path, "", false)
		h := a.header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") ||
			strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "script-src") {
			t.Errorf("%s %s: CSP %q", r.method, r.path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s %s (%d): headers %v", r.method, r.path, a.status, h)
		}
	}
}

// panicky is a desk whose briefs panic, as a bug in a handler would.
type panicky struct{ *desk.Desk }

func (panicky) Latest(context.Context, int, bool) (*desk.Written, error) { panic("a bug") }

// TestPanic: a panic in a handler is answered 500 (a problem detail under
// /api/) and the server goes on.
func TestPanic(t *testing.T) {
	f := setup(t, Options{}, false, false)
	s, err := New(f.store, panicky{f.desk}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.srv.Config.Handler = s.Handler()
	if a := f.get(t, "/api/v1/stories/"+itoa(f.example)); a.status != 500 || a.header.Get("Content-Type") != "application/problem+json" || strings.Contains(a.body, "a bug") {
		t.Errorf("API after a panic: %d %s", a.status, a.body)
	}
	if a := f.get(t, storyURL(f.example)); a.status != 500 || !strings.Contains(a.body, "500 Internal Server Error") {
		t.Errorf("page after a panic: %d %.300s", a.status, a.body)
	}
	if a := f.get(t, "/api/v1/health"); a.status != 200 {
		t.Errorf("the server did not go on: %d", a.status)
	}
}

// serve runs the fixture's server through Serve, with its time-outs, on a
// loopback listener, and returns its address.
func serve(t *testing.T, opts Options) string {
	t.Helper()
	f := setup(t, opts, false, false)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := f.s.Serve(ctx, ln); err != nil {
			t.Error(err)
		}
	})
	t.Cleanup(func() { cancel(); wg.Wait() })
	return ln.Addr().String()
}

// TestSlowClient: a client that trickles its headers, or its body, is cut
// off by the server's time-outs and not left open.
func TestSlowClient(t *testing.T) {
	addr := serve(t, Options{ReadHeaderTimeout: 100 * time.Millisecond, BodyTimeout: 100 * time.Millisecond})
	for _, tt := range []struct{ name, sent, want string }{
		{"headers", "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ", ""},
		{"body", "POST /api/v1/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + testToken +
			"\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"text\": \"a", "HTTP/1.1 422"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := io.WriteString(conn, tt.sent); err != nil {
				t.Fatal(err)
			}
			// The client sends nothing more. The deadline only keeps a
			// failing test from hanging.
			conn.SetReadDeadline(time.Now().Add(time.Minute))
			line, err := bufio.NewReader(conn).ReadString('\n')
			if errors.Is(err, os.ErrDeadlineExceeded) {
				t.Fatal("the server kept the slow client")
			}
			if !strings.HasPrefix(line, tt.want) || (tt.want == "" && err == nil && !strings.HasPrefix(line, "HTTP/1.1 408")) {
				t.Errorf("answer %q (%v), want %q", line, err, tt.want)
			}
		})
	}
}

// TestMaxConns: connections past MaxConns wait until one closes.
func TestMaxConns(t *testing.T) {
	addr := serve(t, Options{MaxConns: 1})
	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(idle, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	if line, _ := bufio.NewReader(idle).ReadString('\n'); !strings.HasPrefix(line, "HTTP/1.1 200") {
		t.Fatalf("first connection: %q", line)
	}
	done := make(chan int, 1)
	go func() {
		resp, err := http.Get("http://" + addr + "/api/v1/health")
		if err != nil {
			done <- 0
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	select {
	case code := <-done:
		t.Fatalf("a second connection was served (%d) while the first was open", code)
	case <-time.After(200 * time.Millisecond):
	}
	idle.Close()
	if code := <-done; code != 200 {
		t.Errorf("second connection after the first closed: %d", code)
	}
}
