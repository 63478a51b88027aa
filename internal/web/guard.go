package web

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/netutil"
	"golang.org/x/time/rate"

	"github.com/parallax-news/parallax"
)

// csp is the Content-Security-Policy of every answer: no script at all,
// styles and images from the server only, no framing, forms post back here.
const csp = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// secure sets the headers every answer carries: the CSP, no sniffing of
// types, no framing, no referrer sent on.
func (s *Server) secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", csp)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.ServeHTTP(w, r)
	})
}

// recover answers a panic in a handler with 500 (a problem detail under
// /api/) and logs it with its stack; the server goes on. The panic
// http.ErrAbortHandler, which aborts a response on purpose, goes on up.
func (s *Server) recover(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				panic(v)
			}
			s.log.Error("panic in handler", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			s.fail(w, r, parallax.Errorf(parallax.EINTERNAL, r.URL.Path, "panic: %v", v))
		}()
		h.ServeHTTP(w, r)
	})
}

// writes lets a request through only with the token, sent as
// "Authorization: Bearer TOKEN" (which a cross-site form cannot send), and
// within the client's rate: 401 without the token or with another, 403
// when the server has none, 429 past the rate.
func (s *Server) writes(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if s.opts.Token == "" {
			return parallax.Errorf(parallax.EFORBIDDEN, r.URL.Path, "writes are off: the server has no token")
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.opts.Token)) != 1 {
			return parallax.Errorf(parallax.EUNAUTHORIZED, r.URL.Path, "a write needs the token: send Authorization: Bearer TOKEN")
		}
		if wait, ok := s.limit.allow(clientOf(r)); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			return parallax.Errorf(parallax.ETOOMANY, r.URL.Path, "too many writes: try again in %s", wait.Round(time.Second))
		}
		return h(w, r)
	}
}

// clientOf names the client of a request by its remote address.
func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// limiter keeps a token bucket per client. It forgets every client when it
// holds maxClients, so that its memory is bounded.
type limiter struct {
	mu      sync.Mutex
	every   rate.Limit
	burst   int
	clients map[string]*rate.Limiter
}

// maxClients is the number of clients a limiter remembers at most.
const maxClients = 10000

func newLimiter(perSecond float64, burst int) *limiter {
	return &limiter{every: rate.Limit(perSecond), burst: burst, clients: map[string]*rate.Limiter{}}
}

// allow takes a write from client's bucket; when it is empty it returns
// false and how long until the next write is allowed.
func (l *limiter) allow(client string) (time.Duration, bool) {
	l.mu.Lock()
	lim := l.clients[client]
	if lim == nil {
		if len(l.clients) >= maxClients {
			clear(l.clients)
		}
		lim = rate.NewLimiter(l.every, l.burst)
		l.clients[client] = lim
	}
	l.mu.Unlock()
	res := lim.Reserve()
	if d := res.Delay(); d > 0 {
		res.Cancel()
		return d, false
	}
	return 0, true
}

// readBody reads a request's body, at most MaxBody bytes and within
// BodyTimeout (a client trickling its body is cut off). It fails with
// ETOOLARGE past the limit and EINVALID when the body cannot be read.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	// The deadline stays for the rest of the request: the server sets the
	// next request's own.
	_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.opts.BodyTimeout))
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBody))
	if err != nil {
		w.Header().Set("Connection", "close") // what is left of the body is not read
	}
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return nil, parallax.Errorf(parallax.ETOOLARGE, r.URL.Path, "body over %d bytes", s.opts.MaxBody)
	}
	if err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, r.URL.Path, "read body: %w", err)
	}
	return raw, nil
}

// limitListener caps the connections open at once.
func limitListener(ln net.Listener, n int) net.Listener { return netutil.LimitListener(ln, n) }
