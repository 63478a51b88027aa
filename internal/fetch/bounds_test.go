package fetch

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// TestHostTableBounded checks that the table of hosts drops idle hosts
// as it grows, and keeps those in use, still rate limited or paused.
func TestHostTableBounded(t *testing.T) {
	tab := newHostTable(rate.Limit(1e-9), 1, 2) // a used token never comes back
	tab.max, tab.sweepAt = 8, 8
	busy := tab.get("busy")
	used := tab.get("used")
	used.limiter.Allow()
	tab.put(used)
	tab.pause("paused", time.Now().Add(time.Hour))
	for i := range 1000 {
		tab.put(tab.get(fmt.Sprint(i)))
	}
	if n := tab.size(); n > 2*tab.max {
		t.Errorf("%d hosts kept, want at most %d", n, 2*tab.max)
	}
	for _, name := range []string{"busy", "used", "paused"} {
		if tab.m[name] == nil {
			t.Errorf("host %q dropped", name)
		}
	}
	if tab.m["busy"] != busy {
		t.Error("busy host replaced")
	}
}

// TestRobotsCacheBounded checks that the cache of robots.txt files stays
// within its size, and keeps a file being fetched.
func TestRobotsCacheBounded(t *testing.T) {
	c := newRobotsCache()
	c.max = 8
	ctx := context.Background()
	release, fetching := make(chan struct{}), make(chan struct{})
	go c.lookup(ctx, "pending", func() (*robots, time.Duration, error) {
		close(fetching)
		<-release
		return allowAll(), time.Hour, nil
	})
	<-fetching
	for i := range 1000 {
		if _, err := c.lookup(ctx, fmt.Sprint(i), func() (*robots, time.Duration, error) { return allowAll(), time.Hour, nil }); err != nil {
			t.Fatal(err)
		}
	}
	if n := c.size(); n > c.max {
		t.Errorf("%d files kept, want at most %d", n, c.max)
	}
	c.mu.Lock()
	pending := c.m["pending"]
	c.mu.Unlock()
	close(release)
	if pending == nil {
		t.Fatal("file being fetched dropped")
	}
	if r, err := c.lookup(ctx, "pending", nil); err != nil || r != pending.robots {
		t.Errorf("waiting for the file being fetched: %v", err)
	}
}

// TestRetryAfterHeader checks the forms of Retry-After read.
func TestRetryAfterHeader(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		value string
		want  time.Time
		ok    bool
	}{
		{"", time.Time{}, false},
		{"0", now, true},
		{" 120 ", now.Add(2 * time.Minute), true},
		{"Tue, 01 Dec 2026 11:00:00 GMT", now.Add(time.Hour), true},
		{"Tuesday, 01-Dec-26 11:00:00 GMT", now.Add(time.Hour), true},
		{"-5", time.Time{}, false},
		{"soon", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := retryAfter(http.Header{"Retry-After": {tt.value}}, now)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("Retry-After %q: %v %v, want %v %v", tt.value, got, ok, tt.want, tt.ok)
		}
	}
}

// TestBackoff checks that the waits between tries stay under a doubling
// ceiling capped by MaxBackoff.
func TestBackoff(t *testing.T) {
	f := NewFetcher(FetcherOptions{BackoffBase: time.Second, MaxBackoff: 5 * time.Second})
	for attempt, ceiling := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second} {
		for range 100 {
			if d := f.backoff(attempt); d < 0 || d > ceiling {
				t.Fatalf("backoff(%d) = %v, want within [0, %v]", attempt, d, ceiling)
			}
		}
	}
	if d := f.backoff(1000); d < 0 || d > 5*time.Second {
		t.Errorf("backoff(1000) = %v", d)
	}
}
