package fetch

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/parallax-news/parallax"
	"golang.org/x/time/rate"
)

// maxHosts is the number of hosts whose state is kept beyond those in use.
const maxHosts = 1024

// host is what is known of one host (host and port of a URL).
type host struct {
	limiter *rate.Limiter
	slots   chan struct{} // a slot per request in flight to the host
	users   int           // requests using the entry; guarded by hostTable.mu
	pause   time.Time     // no request before; guarded by hostTable.mu
}

// hostTable holds the hosts being fetched from. An entry is dropped once
// nothing uses it, its limiter is full again and its pause is over: a new
// one would behave the same.
type hostTable struct {
	limit   rate.Limit
	burst   int
	conc    int
	max     int // entries kept before a sweep of the idle ones
	mu      sync.Mutex
	m       map[string]*host
	sweepAt int
}

// newHostTable returns an empty table of hosts allowed limit requests a
// second, burst at once, conc in flight.
func newHostTable(limit rate.Limit, burst, conc int) *hostTable {
	return &hostTable{limit: limit, burst: burst, conc: conc, max: maxHosts, m: map[string]*host{}, sweepAt: maxHosts}
}

// get returns the entry of name, to be given back with put.
func (t *hostTable) get(name string) *host {
	t.mu.Lock()
	defer t.mu.Unlock()
	h := t.m[name]
	if h == nil {
		if len(t.m) >= t.sweepAt {
			t.sweep()
		}
		h = &host{limiter: rate.NewLimiter(t.limit, t.burst), slots: make(chan struct{}, t.conc)}
		t.m[name] = h
	}
	h.users++
	return h
}

// put gives back an entry returned by get.
func (t *hostTable) put(h *host) {
	t.mu.Lock()
	h.users--
	t.mu.Unlock()
}

// sweep drops the idle entries; it is called with t.mu held, each time
// the table has doubled since the last sweep so that its cost is spread.
func (t *hostTable) sweep() {
	now := time.Now()
	for name, h := range t.m {
		if h.users == 0 && !h.pause.After(now) && h.limiter.TokensAt(now) >= float64(t.burst) {
			delete(t.m, name)
		}
	}
	t.sweepAt = max(t.max, 2*len(t.m))
}

// size returns the number of entries.
func (t *hostTable) size() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.m)
}

// pause keeps requests from host name until the time given.
func (t *hostTable) pause(name string, until time.Time) {
	h := t.get(name)
	t.mu.Lock()
	if until.After(h.pause) {
		h.pause = until
	}
	t.mu.Unlock()
	t.put(h)
}

// paused returns the time until which h is paused.
func (t *hostTable) paused(h *host) time.Time {
	t.mu.Lock()
	defer t.mu.Unlock()
	return h.pause
}

// hostKey is the name of the host of u in the table: host and port, in
// lower case.
func hostKey(u *url.URL) string {
	return strings.ToLower(u.Host)
}

// acquire waits until a request for u may be sent, and returns the
// function to call once it is done.
func (f *Fetcher) acquire(ctx context.Context, req Request, u *url.URL) (release func(), err error) {
	h := f.hosts.get(hostKey(u))
	if err := f.enter(ctx, req, h); err != nil {
		f.hosts.put(h)
		return nil, err
	}
	return func() { <-f.global; <-h.slots; f.hosts.put(h) }, nil
}

// enter waits until a slot of h is free, then until h may get one more
// request and a slot of the Fetcher is free, and takes both slots. The
// global slot comes last so that none is held while waiting for a busy
// host.
func (f *Fetcher) enter(ctx context.Context, req Request, h *host) error {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	if err := f.ready(ctx, req, h); err != nil {
		<-h.slots
		return err
	}
	return nil
}

// ready waits until the pause of h is over, the rate of h allows one more
// request and a slot of the Fetcher is free, which it takes. A pause
// longer than MaxRetryAfter fails at once with the time it ends.
func (f *Fetcher) ready(ctx context.Context, req Request, h *host) error {
	if err := f.waitPause(ctx, req, h); err != nil {
		return err
	}
	if err := h.limiter.Wait(ctx); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// The rate would have the request wait past the deadline of ctx.
		return parallax.Errorf(parallax.EINVALID, req.URL, "not fetched: %w", err)
	}
	select {
	case f.global <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// waitPause waits until the pause of h is over, or fails when it is
// longer than MaxRetryAfter.
func (f *Fetcher) waitPause(ctx context.Context, req Request, h *host) error {
	for {
		until := f.hosts.paused(h)
		wait := time.Until(until)
		if wait <= 0 {
			return nil
		}
		if wait > f.opts.MaxRetryAfter {
			return parallax.Errorf(parallax.EINVALID, req.URL, "not fetched: the host %w", &waitError{until})
		}
		if err := sleep(ctx, wait); err != nil {
			return err
		}
	}
}
