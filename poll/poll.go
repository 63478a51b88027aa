// Package poll watches news feeds as feed readers do: it fetches each feed
// every interval with a conditional request (If-None-Match and
// If-Modified-Since, so that an unchanged feed costs a 304 and no
// parsing), and hands each item it has not seen before to a function. A
// feed that fails is reported and polled again next time; the others go on.
package poll

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/internal/fetch"
)

// Options configures a Poller.
type Options struct {
	// Interval is the time between two polls of the feeds; 0 means ten
	// minutes.
	Interval time.Duration
	// Client fetches the feeds; nil means the client of package fetch
	// (time-outs, at most five redirects, no private or loopback address
	// unless AllowPrivate).
	Client *http.Client
	// AllowPrivate lets the default client poll feeds on loopback, private
	// and link-local addresses.
	AllowPrivate bool
	// MaxBytes bounds the size of one feed; 0 means 16 MB.
	MaxBytes int64
	// Log receives a line per poll and per failure; nil discards them.
	Log *slog.Logger
}

// Poller polls a fixed list of feeds. Poll and Run may not be called
// concurrently. It remembers, per feed, only the items of the feed's last
// fetch, so that its memory stays the size of the feeds however long it
// runs; an item that leaves a feed and comes back is offered again.
type Poller struct {
	opts  Options
	feeds []*feed
	mu    sync.Mutex // guards the feeds' known items for Seen
}

// feed is a feed, what its server said last time and the IDs of the items
// of its last fetch that were handed over.
type feed struct {
	url, etag, modified string
	known               map[string]bool
}

// New returns a poller of the feeds at urls. It fails with EUSAGE when
// there is none.
func New(urls []string, opts Options) (*Poller, error) {
	if len(urls) == 0 {
		return nil, parallax.Errorf(parallax.EUSAGE, "poll", "no feed to poll")
	}
	if opts.Interval <= 0 {
		opts.Interval = 10 * time.Minute
	}
	if opts.Client == nil {
		opts.Client = fetch.NewClient(fetch.Options{AllowPrivate: opts.AllowPrivate})
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 16 << 20
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	p := &Poller{opts: opts}
	for _, u := range urls {
		p.feeds = append(p.feeds, &feed{url: u, known: map[string]bool{}})
	}
	return p, nil
}

// Poll fetches every feed once and calls add, in feed order and item
// order, for each item not handed over at the feed's last fetch (by ID: the
// item's GUID, else its link): add should itself refuse what it already
// has, as the desk of a server does. It returns the number of items added and the joined
// errors of the feeds that could not be fetched or read and of the items
// add refused; an item add refused is offered again at the next poll. It
// stops early with ctx's error.
func (p *Poller) Poll(ctx context.Context, add func(context.Context, parallax.Document) error) (int, error) {
	var errs []error
	added := 0
	for _, f := range p.feeds {
		if err := ctx.Err(); err != nil {
			return added, err
		}
		docs, err := p.fetch(ctx, f)
		if err != nil {
			errs = append(errs, err)
		}
		if docs == nil {
			continue // unchanged (304) or unreadable: what is known stays
		}
		known := make(map[string]bool, len(docs))
		for _, d := range docs {
			if p.Seen(d.ID) {
				known[d.ID] = true
				continue
			}
			if err := add(ctx, d); err != nil {
				errs = append(errs, err)
				continue
			}
			known[d.ID] = true
			added++
		}
		p.mu.Lock()
		f.known = known
		p.mu.Unlock()
	}
	err := errors.Join(errs...)
	p.opts.Log.Info("polled feeds", "feeds", len(p.feeds), "added", added, "failed", err != nil)
	return added, err
}

// Seen reports whether the item with this ID was handed over and is still
// in its feed as last fetched.
func (p *Poller) Seen(id string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, f := range p.feeds {
		if f.known[id] {
			return true
		}
	}
	return false
}

// Run polls at once and then every Interval until ctx is done, logging
// what fails; it returns ctx's error.
func (p *Poller) Run(ctx context.Context, add func(context.Context, parallax.Document) error) error {
	t := time.NewTicker(p.opts.Interval)
	defer t.Stop()
	for {
		if _, err := p.Poll(ctx, add); err != nil && ctx.Err() == nil {
			p.opts.Log.Warn("poll failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// fetch gets a feed with a conditional request and reads its items; it
// returns none for a feed unchanged since the last fetch (304). It fails
// with ENOTFOUND for 404 or 410, EINVALID for another status or a
// malformed feed or a server that cannot be reached or whose address is
// refused (see package fetch), ETOOLARGE for a feed over MaxBytes.
func (p *Poller) fetch(ctx context.Context, f *feed) ([]parallax.Document, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.url, nil)
	if err != nil {
		return nil, parallax.Errorf(parallax.EUSAGE, f.url, "bad feed address: %w", err)
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5")
	req.Header.Set("User-Agent", fetch.UserAgent)
	if f.etag != "" {
		req.Header.Set("If-None-Match", f.etag)
	}
	if f.modified != "" {
		req.Header.Set("If-Modified-Since", f.modified)
	}
	resp, err := p.opts.Client.Do(req)
	if err != nil {
		return nil, fetch.Error(f.url, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return nil, nil
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return nil, parallax.Errorf(parallax.ENOTFOUND, f.url, "feed not found (%s)", resp.Status)
	case resp.StatusCode != http.StatusOK:
		return nil, parallax.Errorf(parallax.EINVALID, f.url, "feed answered %s", resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, p.opts.MaxBytes+1))
	if err != nil {
		return nil, parallax.Errorf(parallax.EINTERNAL, f.url, "read feed: %w", err)
	}
	if int64(len(b)) > p.opts.MaxBytes {
		return nil, parallax.Errorf(parallax.ETOOLARGE, f.url, "feed over %d bytes", p.opts.MaxBytes)
	}
	docs, err := ingest.DecodeFeed(f.url, b)
	if len(docs) > 0 || err == nil {
		// Only a feed read is remembered: a failure is fetched in full
		// again next time.
		f.etag, f.modified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	}
	return docs, err
}
