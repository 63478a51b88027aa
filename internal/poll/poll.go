// Package poll follows the feeds of a store as feed readers do: it polls
// each feed when it is due, with a conditional request (If-None-Match,
// If-Modified-Since: an unchanged feed costs a 304 and no parsing), reads
// its items (RSS, Atom, RDF, JSON Feed), fetches the page behind each new
// item's link through the polite fetcher of package fetch, and hands the
// articles to the library. A feed that fails records why and is polled
// again later; the others go on.
package poll

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/fetch"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/parallel"
)

// Getter fetches one address: a *fetch.Fetcher, polite and safe.
type Getter interface {
	Get(ctx context.Context, req fetch.Request) (*fetch.Response, error)
}

// AddFunc takes the new articles of one feed into the library (stores them
// and puts them in their stories). What it was given counts as stored
// only when it returns nil.
type AddFunc func(ctx context.Context, docs []parallax.Document) error

// WatchOptions configures a Watcher.
type WatchOptions struct {
	// Every is the time between two polls of a feed that answers; 0 means
	// ten minutes. A feed that fails waits longer each time (Every,
	// doubled at each failure in a row, at most MaxBackoff, with jitter),
	// and at least as long as its server asked (Retry-After).
	Every time.Duration
	// MaxBackoff bounds the wait after failures; 0 means 24 hours.
	MaxBackoff time.Duration
	// Workers is the number of feeds polled at once; 0 means 8. The
	// Getter keeps each host within its own limits.
	Workers int
	// MaxPages bounds the pages fetched for one feed in one poll; the
	// items beyond keep their feed content. 0 means 100.
	MaxPages int
	// MaxItems bounds the items read of one feed, the first in the feed
	// (feeds list their newest first); 0 means 1000.
	MaxItems int
	// Log receives a line per feed polled and per failure; nil discards.
	Log *slog.Logger
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// Watcher polls the feeds of a store, as feed readers do, and hands the
// article behind each new item to an AddFunc: the page its link names,
// fetched and extracted, or the item's own content when the page cannot
// be had or holds less text. An item whose article is stored already is
// never fetched again. A feed's validators (ETag, Last-Modified) and health
// are saved after each poll.
type Watcher struct {
	feeds parallax.FeedStore
	get   Getter
	add   AddFunc
	opts  WatchOptions
}

// NewWatcher returns a watcher of the feeds of st.
func NewWatcher(st parallax.FeedStore, get Getter, add AddFunc, opts WatchOptions) *Watcher {
	if opts.Every <= 0 {
		opts.Every = 10 * time.Minute
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = 24 * time.Hour
	}
	if opts.Workers <= 0 {
		opts.Workers = 8
	}
	if opts.MaxPages <= 0 {
		opts.MaxPages = 100
	}
	if opts.MaxItems <= 0 {
		opts.MaxItems = 1000
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Watcher{feeds: st, get: get, add: add, opts: opts}
}

// Report counts what a poll did.
type Report struct {
	// Feeds counts the feeds polled, Failed those that failed, Unchanged
	// those that answered 304 Not Modified.
	Feeds, Failed, Unchanged int
	// Items counts the new items; Pages the pages behind them fetched and
	// read, PageErrors those that could not be and PagesSkipped those over
	// MaxPages (their item's own content was kept); Stored the articles
	// handed over and taken.
	Items, Pages, PageErrors, PagesSkipped, Stored int
	// Next is when the first of the feeds falls due again, zero when the
	// store has none.
	Next time.Time
}

func (r *Report) add(o Report) {
	r.Feeds += o.Feeds
	r.Failed += o.Failed
	r.Unchanged += o.Unchanged
	r.Items += o.Items
	r.Pages += o.Pages
	r.PageErrors += o.PageErrors
	r.PagesSkipped += o.PagesSkipped
	r.Stored += o.Stored
	if r.Next.IsZero() || !o.Next.IsZero() && o.Next.Before(r.Next) {
		r.Next = o.Next
	}
}

// Poll polls the feeds due (every feed when all is true), Workers at a
// time, and returns what it did and the joined errors of the feeds that
// failed, each naming its feed. When ctx is done it stops starting feeds,
// lets those begun save what they fetched, and returns ctx's error.
func (w *Watcher) Poll(ctx context.Context, all bool) (Report, error) {
	list, err := w.feeds.Feeds(ctx)
	if err != nil {
		return Report{}, err
	}
	now := w.opts.Now()
	var due []parallax.Feed
	var rep Report
	for _, f := range list {
		if all || !f.NextPoll.After(now) {
			due = append(due, f)
		} else {
			rep.add(Report{Next: f.NextPoll})
		}
	}
	var errs []error
	// The pool runs to the end, so that the feeds begun report what they
	// stored; once ctx is done, the feeds not begun return at once.
	err = parallel.Ordered(context.WithoutCancel(ctx), len(due), w.opts.Workers,
		func(_ context.Context, _, i int) (Report, error) { return w.pollFeed(ctx, due[i]) },
		func(i int, r parallel.Result[Report]) error {
			rep.add(r.Value)
			if r.Err != nil && !errors.Is(r.Err, context.Canceled) {
				errs = append(errs, r.Err)
			}
			return nil
		})
	if err == nil {
		err = ctx.Err()
	}
	w.opts.Log.Info("polled feeds", "feeds", rep.Feeds, "failed", rep.Failed, "items", rep.Items, "stored", rep.Stored)
	return rep, errors.Join(append(errs, err)...)
}

// Run polls the feeds due, then again whenever one falls due, until ctx
// is done; after each poll that stored articles, settled is called (to
// regroup the stories; nil for none). It returns ctx's error.
func (w *Watcher) Run(ctx context.Context, settled func(context.Context, Report)) error {
	for {
		rep, err := w.Poll(ctx, false)
		if err != nil && ctx.Err() == nil {
			w.opts.Log.Warn("poll failed", "err", err)
		}
		if rep.Stored > 0 && settled != nil && ctx.Err() == nil {
			settled(ctx, rep)
		}
		// The next poll when the first feed falls due: at least a second
		// from now, at most Every (feeds added meanwhile are seen then).
		wait := w.opts.Every
		if !rep.Next.IsZero() {
			wait = min(wait, rep.Next.Sub(w.opts.Now()))
		}
		wait = max(wait, time.Second)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// feedAccept is the Accept header of a feed's request.
const feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"

// pollFeed polls one feed: fetches it with its validators, reads its
// items, fetches the articles of the new ones, hands them over and saves
// the feed's state. A feed fails as a whole (its state records why) when
// it cannot be fetched or read or its articles cannot be stored.
func (w *Watcher) pollFeed(ctx context.Context, f parallax.Feed) (Report, error) {
	if err := ctx.Err(); err != nil {
		return Report{}, err
	}
	rep := Report{Feeds: 1}
	f.LastPoll = w.opts.Now()
	resp, err := w.get.Get(ctx, fetch.Request{URL: f.URL, ETag: f.ETag, LastModified: f.LastModified, Accept: feedAccept})
	if err == nil && resp.NotModified {
		rep.Unchanged = 1
		err := w.succeeded(ctx, &f)
		rep.Next = f.NextPoll
		return rep, err
	}
	var docs []parallax.Document
	if err == nil {
		docs, err = ingest.DecodeFeed(f.URL, resp.Body)
		if len(docs) > 0 {
			err = nil // the items read are kept; the others were reported
			f.Title = docs[0].Source
		}
		if len(docs) > w.opts.MaxItems {
			w.opts.Log.Warn("feed has too many items: the first are read", "feed", f.URL, "items", len(docs), "read", w.opts.MaxItems)
			docs = docs[:w.opts.MaxItems]
		}
	}
	if err == nil {
		var items Report
		items, err = w.items(ctx, docs)
		rep.add(items)
		f.Items += items.Stored
		if err == nil {
			f.ETag, f.LastModified = resp.ETag, resp.LastModified
		}
	}
	if ctx.Err() != nil {
		// A stop is not the feed's failure: what was stored is counted,
		// and the feed, its validators unchanged, is read again next time.
		return rep, errors.Join(ctx.Err(), w.save(ctx, f))
	}
	if err != nil {
		rep.Failed = 1
		saveErr := w.failed(ctx, &f, err)
		rep.Next = f.NextPoll
		return rep, errors.Join(err, saveErr)
	}
	err = w.succeeded(ctx, &f)
	rep.Next = f.NextPoll
	return rep, err
}

// items hands over the articles of the feed's items not stored yet.
func (w *Watcher) items(ctx context.Context, docs []parallax.Document) (Report, error) {
	fresh, err := w.fresh(ctx, docs)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Items: len(fresh)}
	for i := range fresh {
		if ctx.Err() != nil {
			fresh = fresh[:i] // what was fetched is kept
			break
		}
		if i >= w.opts.MaxPages {
			rep.PagesSkipped = len(fresh) - i
			break
		}
		switch err := w.page(ctx, &fresh[i]); {
		case err == nil:
			rep.Pages++
		case errors.Is(err, errNoPage):
		default:
			rep.PageErrors++
			w.opts.Log.Info("item page not read; its feed content is kept", "err", err)
		}
	}
	if len(fresh) == 0 {
		return rep, ctx.Err()
	}
	if err := w.add(context.WithoutCancel(ctx), fresh); err != nil {
		return rep, err
	}
	rep.Stored = len(fresh)
	return rep, ctx.Err()
}

// fresh returns the items whose article is not stored yet, each once.
func (w *Watcher) fresh(ctx context.Context, docs []parallax.Document) ([]parallax.Document, error) {
	keys := make([]string, len(docs))
	for i := range docs {
		keys[i] = parallax.Identity(&docs[i])
	}
	known, err := w.feeds.Known(ctx, keys)
	if err != nil {
		return nil, err
	}
	var out []parallax.Document
	for i, d := range docs {
		if !known[keys[i]] {
			known[keys[i]] = true
			out = append(out, d)
		}
	}
	return out, nil
}

// errNoPage is the cause of an item with no page to fetch.
var errNoPage = errors.New("no page")

// pageAccept is the Accept header of an item's page.
const pageAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"

// page fetches the page behind an item's link and, when it holds more
// text than the item, makes it the article's text (see mergePage).
func (w *Watcher) page(ctx context.Context, d *parallax.Document) error {
	if parallax.CanonicalURL(d.URL) == "" {
		return errNoPage
	}
	resp, err := w.get.Get(ctx, fetch.Request{URL: d.URL, Accept: pageAccept, Robots: true})
	if err != nil {
		return err
	}
	if ct := strings.ToLower(resp.ContentType); ct != "" && !strings.Contains(ct, "html") {
		return parallax.Errorf(parallax.EINVALID, d.URL, "page is %s, not HTML", resp.ContentType)
	}
	p, err := ingest.DecodeHTML(d.URL, resp.Body)
	if err != nil {
		return err
	}
	mergePage(d, p)
	return nil
}

// mergePage completes an item's document with the page behind its link:
// the page's text when it has more words than the item's; the item's
// title, date and author, else the page's; the page's site name as source
// (else the feed's title). The item keeps its link as URL, so that its
// identity does not change.
func mergePage(d *parallax.Document, p parallax.Document) {
	if len(strings.Fields(p.Text)) > len(strings.Fields(d.Text)) {
		d.Text = p.Text
		d.Metadata = nil
	}
	if d.Title == "" {
		d.Title = p.Title
	}
	if d.Published.IsZero() {
		d.Published = p.Published
	}
	if d.Author == "" {
		d.Author = p.Author
	}
	if p.Source != "" {
		d.Source = p.Source
	}
	if p.Lang != "" {
		d.Lang = p.Lang
	}
}

// succeeded saves the state of a feed that answered.
func (w *Watcher) succeeded(ctx context.Context, f *parallax.Feed) error {
	f.LastSuccess, f.LastError, f.Failures = f.LastPoll, "", 0
	f.NextPoll = f.LastPoll.Add(w.opts.Every)
	w.opts.Log.Debug("polled feed", "feed", f.URL, "items", f.Items)
	return w.save(ctx, *f)
}

// failed saves the state of a feed that failed: why, and when to try
// again.
func (w *Watcher) failed(ctx context.Context, f *parallax.Feed, err error) error {
	f.Failures++
	f.LastError = reason(err, f.URL)
	f.NextPoll = f.LastPoll.Add(w.backoff(f.Failures))
	if at, ok := fetch.RetryAfter(err); ok && at.After(f.NextPoll) {
		f.NextPoll = at
	}
	w.opts.Log.Warn("feed failed", "feed", f.URL, "failures", f.Failures, "next", f.NextPoll, "err", err)
	return w.save(ctx, *f)
}

// backoff is the wait after n failures in a row: Every doubled n-1 times,
// at most MaxBackoff, less up to a fifth at random so that feeds that
// failed together do not come back together.
func (w *Watcher) backoff(n int) time.Duration {
	d := w.opts.Every
	for i := 1; i < n && d < w.opts.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, w.opts.MaxBackoff)
	return d - time.Duration(rand.Int64N(int64(d)/5+1))
}

// save records a feed's state even when ctx is done, so that a stop keeps
// what the poll learned.
func (w *Watcher) save(ctx context.Context, f parallax.Feed) error {
	err := w.feeds.SaveFeed(context.WithoutCancel(ctx), f)
	if parallax.ErrorCode(err) == parallax.ENOTFOUND {
		return nil // removed while it was polled
	}
	return err
}

// reason is an error's message without the feed's address in front.
func reason(err error, url string) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return strings.TrimPrefix(msg, url+": ")
}
