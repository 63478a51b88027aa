package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/fetch"
	"github.com/parallax-news/parallax/internal/library"
	"github.com/parallax-news/parallax/internal/poll"
)

// fetchFlags registers the flags of polite fetching and returns a function
// that makes the fetcher they describe.
func (m *Main) fetchFlags(fs *flag.FlagSet) func() *fetch.Fetcher {
	ua := fs.String("user-agent", fetch.UserAgent, "the User-Agent sent with every request")
	rate := fs.Float64("rate", 1, "requests per second to one host, at most")
	perHost := fs.Int("per-host", 2, "requests to one host at once, at most")
	return func() *fetch.Fetcher {
		return fetch.NewFetcher(fetch.FetcherOptions{AllowPrivate: m.allowPrivate, UserAgent: *ua, PerHost: *rate, HostConcurrency: *perHost})
	}
}

// runWatch polls the feeds of the store (see `parallax feeds`) until
// stopped, or once with --once: each new item's page is fetched, extracted
// and stored, and the new articles join their stories after each poll.
// A stop (Ctrl-C, SIGTERM) keeps what was fetched.
func runWatch(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("watch")
	db := m.dbFlag(fs)
	every := fs.Duration("every", 10*time.Minute, "time between two polls of a feed")
	once := fs.Bool("once", false, "poll every feed once and exit (status 1 when a feed failed)")
	workers := fs.Int("workers", 8, "feeds polled at once")
	opts := clusterFlags(fs)
	m.inputFlags(fs)
	fetcher := m.fetchFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *every <= 0 {
		return parallax.Errorf(parallax.EUSAGE, "--every", "must be positive, got %v", *every)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return err
	}
	if len(feeds) == 0 {
		return parallax.Errorf(parallax.EUSAGE, "watch", "no feed followed in %s: add one with parallax feeds add URL", storeName(*db))
	}
	log := slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	add := func(ctx context.Context, docs []parallax.Document) error {
		_, err := st.AddArticles(ctx, docs)
		return err
	}
	w := poll.NewWatcher(st, fetcher(), add, poll.WatchOptions{Every: *every, Workers: *workers, Log: log, Now: m.Now})
	regroup := func(ctx context.Context, rep poll.Report) {
		if _, err := library.Regroup(ctx, st, library.Options{Cluster: *opts}); err != nil {
			m.report(err)
		}
	}
	if !*once {
		fmt.Fprintf(m.Stderr, "parallax: watching %d feeds of %s (Ctrl-C stops)\n", len(feeds), storeName(*db))
		return w.Run(ctx, regroup)
	}
	rep, pollErr := w.Poll(ctx, true)
	if rep.Stored > 0 && ctx.Err() == nil {
		regroup(ctx, rep)
	}
	fmt.Fprintf(m.Stderr, "parallax: %d feeds polled (%d failed, %d unchanged): %d new items, %d pages read (%d not, %d left for their feed content), %d articles stored\n",
		rep.Feeds, rep.Failed, rep.Unchanged, rep.Items, rep.Pages, rep.PageErrors, rep.PagesSkipped, rep.Stored)
	return pollErr
}
