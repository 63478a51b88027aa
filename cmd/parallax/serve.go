package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/desk"
	"github.com/parallax-news/parallax/library"
	"github.com/parallax-news/parallax/poll"
	"github.com/parallax-news/parallax/web"
)

// runServe reads articles, groups them into stories and serves them over
// HTTP until ctx is done: an index of stories, a page per brief and a JSON
// API (see package web) through which new articles join their stories as
// they arrive. With --db, the stored articles are served too and the
// articles posted are stored. With --feed, the feeds are polled every
// --poll and their new items join their stories too.
func runServe(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("serve")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	words := fs.Int("words", defaultWords, "word budget of each summary")
	dbPath := fs.String("db", "", "read the articles of this store (SQLite file or postgres:// address, see ingest) and store the articles posted")
	opts := clusterFlags(fs)
	var feeds []string
	fs.Func("feed", "poll this RSS/Atom feed for new articles (repeat for several feeds)", func(s string) error {
		if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
			return fmt.Errorf("want an http:// or https:// address, got %q", s)
		}
		feeds = append(feeds, s)
		return nil
	})
	m.inputFlags(fs)
	every := fs.Duration("poll", 10*time.Minute, "time between two polls of the feeds")
	keep := fs.Int("keep", 100000, "articles held in memory, the most recent; 0 holds all (a --db store keeps them all)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 && *dbPath == "" && len(feeds) == 0 {
		return errNoInput("serve", true)
	}
	if *every <= 0 {
		return parallax.Errorf(parallax.EUSAGE, "--poll", "must be positive, got %v", *every)
	}
	if *keep < 0 {
		return parallax.Errorf(parallax.EUSAGE, "--keep", "must not be negative, got %d", *keep)
	}
	if err := checkWords(*words); err != nil {
		return err
	}
	var store parallax.Store
	var readErr error
	if *dbPath != "" {
		db, err := openStore(ctx, *dbPath)
		if err != nil {
			return err
		}
		defer db.Close()
		store = db
		// What is read is kept: the PATHs join the store, so that every
		// story served has the store's number.
		if fs.NArg() > 0 {
			_, readErr = library.Ingest(ctx, store, fs.Args(), library.Options{Cluster: *opts, Read: m.readOptions()})
		}
	}
	var paths []string
	if store == nil {
		paths = fs.Args()
	}
	docs, err := m.readDocs(ctx, store, paths)
	if err = errors.Join(readErr, err); len(docs) == 0 && err != nil {
		return errNoneRead("serve", err)
	}
	if err != nil {
		m.report(err) // the readable articles are still served
	}
	log := slog.New(slog.NewTextHandler(m.Stderr, nil))
	d, err := desk.New(desk.Options{Cluster: *opts, Words: *words, Store: store, Keep: *keep, Log: log})
	if err != nil {
		return err
	}
	if err := d.AddAll(ctx, docs); err != nil {
		m.report(err)
	}
	d.Settle()
	if err := d.Sync(ctx); err != nil {
		return err
	}
	stories, _ := d.Stories(ctx)
	var p *poll.Poller
	if len(feeds) > 0 {
		if p, err = poll.New(feeds, poll.Options{Interval: *every, Log: log, AllowPrivate: m.allowPrivate}); err != nil {
			return err
		}
	}
	// Writes need the key of $PARALLAX_KEY; without one the server reads only.
	key := m.getenv("PARALLAX_KEY")
	srv, err := web.New(d, web.Options{Log: log, WriteKey: key})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return parallax.Errorf(parallax.EUSAGE, "--addr", "cannot listen: %w", err)
	}
	writes := "writes need the key of $PARALLAX_KEY"
	if key == "" {
		writes = "read only: set $PARALLAX_KEY to allow writes"
	}
	fmt.Fprintf(m.Stderr, "parallax: serving %d stories on http://%s/ (%s)\n", len(stories), ln.Addr(), writes)
	// The background work stops when the server does, by Ctrl-C or by a
	// failure, and is waited for before the store closes.
	ctx, cancel := context.WithCancel(ctx)
	var bg sync.WaitGroup
	defer bg.Wait()
	defer cancel()
	bg.Go(func() { d.Warm(ctx) })
	if p != nil {
		bg.Go(func() {
			_ = p.Run(ctx, func(ctx context.Context, doc parallax.Document) error {
				if d.Has(&doc) {
					return nil // stored in an earlier run
				}
				_, err := d.AddArticle(ctx, doc)
				return err
			})
		})
	}
	// A slow client is cut off: headers in 10 s, the whole request in 30 s,
	// an idle connection after 2 minutes.
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(shutdown)
	}()
	if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return parallax.Errorf(parallax.EINTERNAL, "serve", "%w", err)
	}
	return nil
}
