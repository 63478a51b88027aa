package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/desk"
	"github.com/parallax-news/parallax/internal/fetch"
	"github.com/parallax-news/parallax/internal/library"
	"github.com/parallax-news/parallax/internal/poll"
	"github.com/parallax-news/parallax/internal/web"
)

// serveFlags are the flags of serve.
type serveFlags struct {
	addr, db, token string
	words, keep     int
	every           time.Duration
	watch           bool
	feeds, paths    []string
	cluster         *cluster.Options
	fetcher         func() *fetch.Fetcher
}

// parseServe parses the flags of serve. It fails with EUSAGE, naming the
// flag.
func (m *Main) parseServe(args []string) (*serveFlags, error) {
	fs := m.flags("serve")
	f := &serveFlags{}
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.IntVar(&f.words, "words", defaultWords, "word budget of each summary")
	fs.StringVar(&f.db, "db", "", "the store (SQLite file or postgres:// address, see ingest); without it a temporary store, removed when the server stops")
	fs.StringVar(&f.token, "token", "", "the token writes need (default $PARALLAX_TOKEN, else $PARALLAX_KEY, else one made at start and printed)")
	f.cluster = clusterFlags(fs)
	fs.Func("feed", "follow this feed (kept in the store, see parallax feeds) and watch the feeds; repeat for several", func(s string) error {
		u, err := feedURL(s)
		f.feeds = append(f.feeds, u)
		return err
	})
	fs.BoolVar(&f.watch, "watch", false, "poll the store's feeds (see parallax watch) while serving; new items join their stories at once")
	m.inputFlags(fs)
	f.fetcher = m.fetchFlags(fs)
	fs.DurationVar(&f.every, "every", 10*time.Minute, "time between two polls of a feed")
	fs.DurationVar(&f.every, "poll", 10*time.Minute, "the same as --every (an older name)")
	fs.IntVar(&f.keep, "keep", 100000, "articles held in memory, the most recent; 0 holds all (the store keeps them all)")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	f.paths = fs.Args()
	f.watch = f.watch || len(f.feeds) > 0
	switch {
	case len(f.paths) == 0 && f.db == "" && len(f.feeds) == 0:
		return nil, errNoInput("serve", true)
	case f.every <= 0:
		return nil, parallax.Errorf(parallax.EUSAGE, "--every", "must be positive, got %v", f.every)
	case f.keep < 0:
		return nil, parallax.Errorf(parallax.EUSAGE, "--keep", "must not be negative, got %d", f.keep)
	}
	return f, checkWords(f.words)
}

// runServe reads articles into a store, groups them into stories and
// serves them over HTTP until ctx is done (see package web): pages for
// people, a JSON API under /api/v1 through which new articles and feeds
// arrive (writes need the token), Atom feeds. Without --db the store is a
// temporary SQLite file, removed when the server stops. With --watch (or
// --feed), the store's feeds are polled as by `parallax watch` and their
// new items join their stories at once.
func runServe(ctx context.Context, m *Main, args []string) error {
	f, err := m.parseServe(args)
	if err != nil {
		return err
	}
	store, closeStore, err := m.serveStore(ctx, f.db)
	if err != nil {
		return err
	}
	defer closeStore()
	log := slog.New(slog.NewTextHandler(m.Stderr, nil))
	d, stories, err := m.serveDesk(ctx, store, f, log)
	if err != nil {
		return err
	}
	if err := m.follow(ctx, store, f.feeds); err != nil {
		return err
	}
	token, made := f.token, false
	if token == "" {
		token = cmpEnv(m, "PARALLAX_TOKEN", "PARALLAX_KEY")
	}
	if token == "" {
		token, made = newToken(), true
	}
	srv, err := web.New(store, d, web.Options{Log: log, Token: token})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return parallax.Errorf(parallax.EUSAGE, "--addr", "cannot listen: %w", err)
	}
	fmt.Fprintf(m.Stderr, "parallax: serving %d stories on http://%s/ (%s)\n", stories, ln.Addr(), writesNote(ln.Addr()))
	if made {
		fmt.Fprintf(m.Stderr, "parallax: the token for writes (made for this run, shown once): %s\n", token)
	}
	// The background work stops when the server does, by Ctrl-C or by a
	// failure, and is waited for before the store closes.
	ctx, cancel := context.WithCancel(ctx)
	var bg sync.WaitGroup
	defer bg.Wait()
	defer cancel()
	bg.Go(func() { d.Run(ctx, briefDeadline) })
	if f.watch {
		w := poll.NewWatcher(store, f.fetcher(), intoDesk(d), poll.WatchOptions{Every: f.every, Log: log})
		bg.Go(func() { _ = w.Run(ctx, nil) })
	}
	return srv.Serve(ctx, ln)
}

// briefDeadline is how long a brief written in the background may take
// before it is logged as late.
const briefDeadline = 30 * time.Second

// serveStore opens the store of --db, else a temporary SQLite store in a
// new folder; close closes it and removes the temporary folder.
func (m *Main) serveStore(ctx context.Context, db string) (parallax.Store, func(), error) {
	if db != "" {
		st, err := openStore(ctx, db)
		if err != nil {
			return nil, nil, err
		}
		return st, func() { st.Close() }, nil
	}
	dir, err := os.MkdirTemp("", "parallax-serve-")
	if err != nil {
		return nil, nil, parallax.Errorf(parallax.EINTERNAL, "serve", "temporary store: %w", err)
	}
	st, err := openStore(ctx, filepath.Join(dir, "parallax.db"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return st, func() { st.Close(); os.RemoveAll(dir) }, nil
}

// serveDesk adds the PATHs to the store, puts every stored article into a
// desk and saves its stories; it returns the desk and its number of
// stories. The inputs that cannot be read are reported; it fails when
// PATHs were given and no article could be read of them.
func (m *Main) serveDesk(ctx context.Context, store parallax.Store, f *serveFlags, log *slog.Logger) (*desk.Desk, int, error) {
	if len(f.paths) > 0 {
		rep, err := library.Ingest(ctx, store, f.paths, library.Options{Cluster: *f.cluster, Read: m.readOptions()})
		if rep.Read == 0 && err != nil {
			return nil, 0, errNoneRead("serve", err)
		}
		if err != nil {
			m.report(err) // the readable articles are still served
		}
	}
	d, err := desk.New(desk.Options{Cluster: *f.cluster, Words: f.words, Store: store, Keep: f.keep, Log: log})
	if err != nil {
		return nil, 0, err
	}
	skipped, err := d.Load(ctx)
	if err != nil {
		return nil, 0, err
	}
	if skipped != nil {
		m.report(skipped)
	}
	// The count the start-up line gives is the store's, as the pages list
	// them; the desk's list would write every story's sources first.
	stories, err := store.Stories(ctx, parallax.StoryFilter{})
	if err != nil {
		return nil, 0, err
	}
	return d, len(stories), nil
}

// follow adds the feeds of --feed to the store's, those followed already
// kept as they are.
func (m *Main) follow(ctx context.Context, st parallax.Store, feeds []string) error {
	for _, u := range feeds {
		if err := st.AddFeed(ctx, u, m.now()); err != nil && parallax.ErrorCode(err) != parallax.ECONFLICT {
			return err
		}
	}
	return nil
}

// intoDesk hands the new articles of a feed to the desk, each joining its
// story (and the store) at once.
func intoDesk(d *desk.Desk) poll.AddFunc {
	return func(ctx context.Context, docs []parallax.Document) error {
		var errs []error
		for _, doc := range docs {
			if d.Has(&doc) {
				continue // stored in an earlier run
			}
			if _, err := d.AddArticle(ctx, doc); err != nil {
				errs = append(errs, err)
			}
		}
		return errors.Join(errs...)
	}
}

// cmpEnv returns the first of the environment variables that is set.
func cmpEnv(m *Main, keys ...string) string {
	for _, k := range keys {
		if v := strings.TrimSpace(m.getenv(k)); v != "" {
			return v
		}
	}
	return ""
}

// newToken makes a random token of 32 bytes.
func newToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}

// writesNote says who may write: on a loopback address, anyone with the
// token on this machine; on any other, it says that the server is reached
// from other machines and that writes need the token.
func writesNote(addr net.Addr) string {
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsLoopback() {
		return "writes need the token"
	}
	return "reachable from other machines: every write (POST) needs the token, reads are open"
}
