package fetch

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/temoto/robotstxt"
)

const (
	// robotsMaxBytes is the part of a robots.txt read; RFC 9309 asks
	// crawlers to read at least 500 KiB.
	robotsMaxBytes = 512 << 10
	// robotsRetry is how long a robots.txt that could not be read counts
	// as disallowing everything before it is asked for again.
	robotsRetry = 10 * time.Minute
	// maxRobots is the number of robots.txt files kept.
	maxRobots = 1024
)

// robots is what a host's robots.txt says.
type robots struct {
	rules *robotstxt.RobotsData
	// unreadable says why the file could not be read, if so; rules then
	// disallow everything.
	unreadable string
}

// allowed fails with EFORBIDDEN when the robots.txt of the host of u
// disallows u to the Fetcher's user agent, fetching that file first when
// it is not in the cache.
func (f *Fetcher) allowed(ctx context.Context, req Request, u *url.URL) error {
	origin := u.Scheme + "://" + hostKey(u)
	r, err := f.robots.lookup(ctx, origin, func() (*robots, time.Duration, error) {
		return f.fetchRobots(ctx, req, origin)
	})
	if err != nil {
		return err
	}
	if r.rules.TestAgent(u.RequestURI(), f.agent) {
		return nil
	}
	what := "it"
	if u.String() != req.URL {
		what = u.String()
	}
	if r.unreadable != "" {
		return parallax.Errorf(parallax.EFORBIDDEN, req.URL, "not fetched: robots.txt of %s %s, so %s is disallowed until it can be read", origin, r.unreadable, what)
	}
	return parallax.Errorf(parallax.EFORBIDDEN, req.URL, "not fetched: robots.txt disallows %s", what)
}

// fetchRobots fetches origin's robots.txt, once, and returns what it says
// and how long to keep it. As RFC 9309 has it, a 4xx answer allows
// everything, and a 5xx (or 429) answer or an unreachable server
// disallows everything for now. Only a refused address or the end of ctx
// fails.
func (f *Fetcher) fetchRobots(ctx context.Context, req Request, origin string) (*robots, time.Duration, error) {
	rreq := Request{URL: origin + "/robots.txt", Accept: "text/plain"}
	rep, _, err := f.follow(ctx, rreq, func(u *url.URL) (*reply, int, error) {
		rep, err := f.exchange(ctx, rreq, u, robotsMaxBytes)
		return rep, 1, err
	})
	var paused *waitError
	switch {
	case ctx.Err() != nil:
		return nil, 0, ctx.Err()
	case errors.Is(err, errRefused):
		return nil, 0, Error(req.URL, err)
	case errors.As(err, &paused):
		return nil, 0, parallax.Errorf(parallax.EINVALID, req.URL, "not fetched: the host %w", paused)
	case err != nil:
		return disallowAll("could not be fetched"), robotsRetry, nil
	case rep.status/100 == 5 || rep.status == http.StatusTooManyRequests:
		return disallowAll(fmt.Sprintf("answered %d %s", rep.status, http.StatusText(rep.status))), robotsRetry, nil
	case rep.status/100 == 2:
		return parseRobots(rep.body), f.opts.RobotsTTL, nil
	}
	return allowAll(), f.opts.RobotsTTL, nil
}

// parseRobots reads a robots.txt, cut at robotsMaxBytes; one the parser
// cannot read allows everything, as none would.
func parseRobots(body []byte) *robots {
	rules, err := robotstxt.FromBytes(body)
	if err != nil {
		return allowAll()
	}
	return &robots{rules: rules}
}

// allowAll is a robots.txt that allows everything.
func allowAll() *robots {
	rules, _ := robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	return &robots{rules: rules}
}

// disallowAll is a robots.txt that could not be read, for the reason given.
func disallowAll(reason string) *robots {
	rules, _ := robotstxt.FromStatusAndBytes(http.StatusServiceUnavailable, nil)
	return &robots{rules: rules, unreadable: reason}
}

// productToken returns the product token of a user agent, the name
// robots.txt groups are matched against: "Parallax" for UserAgent.
func productToken(agent string) string {
	if i := strings.IndexAny(agent, "/ "); i >= 0 {
		agent = agent[:i]
	}
	return cmp.Or(agent, "*")
}

// robotsCache holds the robots.txt of at most about maxRobots origins
// (scheme, host and port), each fetched once however many requests want
// it at the same time.
type robotsCache struct {
	max int
	mu  sync.Mutex
	m   map[string]*robotsEntry
}

// robotsEntry is the robots.txt of one origin, fetched or being fetched.
type robotsEntry struct {
	done    chan struct{} // closed once fetched
	robots  *robots       // nil when the fetch was given up
	expires time.Time     // guarded by robotsCache.mu
}

// newRobotsCache returns an empty cache.
func newRobotsCache() *robotsCache {
	return &robotsCache{max: maxRobots, m: map[string]*robotsEntry{}}
}

// lookup returns the robots.txt of origin, from the cache or from fetch,
// called by one of the requests that want it while the others wait.
func (c *robotsCache) lookup(ctx context.Context, origin string, fetch func() (*robots, time.Duration, error)) (*robots, error) {
	for {
		e, mine := c.entry(origin)
		if mine {
			r, ttl, err := fetch()
			c.settle(origin, e, r, ttl)
			return r, err
		}
		select {
		case <-e.done:
			if e.robots != nil {
				return e.robots, nil
			}
			// The request that fetched it was cancelled or refused: try.
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// entry returns the live entry of origin, or a new one that the caller
// must fetch and settle (mine).
func (c *robotsCache) entry(origin string) (e *robotsEntry, mine bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if e := c.m[origin]; e != nil && (!closed(e.done) || now.Before(e.expires)) {
		return e, false
	}
	if len(c.m) >= c.max {
		c.evict(now)
	}
	e = &robotsEntry{done: make(chan struct{})}
	c.m[origin] = e
	return e, true
}

// settle records what fetching e gave, dropping it when nothing.
func (c *robotsCache) settle(origin string, e *robotsEntry, r *robots, ttl time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e.robots, e.expires = r, time.Now().Add(ttl)
	if r == nil && c.m[origin] == e {
		delete(c.m, origin)
	}
	close(e.done)
}

// evict drops the expired entries and, if that is not enough, others that
// are settled, until the cache has room; it is called with c.mu held.
func (c *robotsCache) evict(now time.Time) {
	for origin, e := range c.m {
		if closed(e.done) && !now.Before(e.expires) {
			delete(c.m, origin)
		}
	}
	for origin, e := range c.m {
		if len(c.m) < c.max {
			return
		}
		if closed(e.done) {
			delete(c.m, origin)
		}
	}
}

// size returns the number of entries.
func (c *robotsCache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

// closed reports whether ch is closed.
func closed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}
