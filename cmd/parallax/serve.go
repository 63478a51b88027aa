package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/desk"
	"github.com/parallax-news/parallax/web"
)

// runServe reads articles, groups them into stories and serves them over
// HTTP until ctx is done: an index of stories, a page per brief and a JSON
// API (see package web) through which new articles join their stories as
// they arrive. With --db, the stored articles are served too and the
// articles posted are stored.
func runServe(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("serve")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	words := fs.Int("words", 120, "word budget of each summary")
	dbPath := fs.String("db", "", "read the articles of this store (SQLite file or postgres:// address, see ingest) and store the articles posted")
	opts := clusterFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 && *dbPath == "" {
		return errNoInput("serve", true)
	}
	if err := checkWords(*words); err != nil {
		return err
	}
	var store parallax.ArticleStore
	if *dbPath != "" {
		db, err := openStore(ctx, *dbPath)
		if err != nil {
			return err
		}
		defer db.Close()
		store = db
	}
	docs, readErr := m.readDocs(ctx, store, fs.Args())
	if len(docs) == 0 && readErr != nil {
		return errNoneRead("serve", readErr)
	}
	if readErr != nil {
		m.report(readErr) // the readable articles are still served
	}
	d, err := desk.New(desk.Options{Cluster: *opts, Words: *words, Store: store})
	if err != nil {
		return err
	}
	if err := d.AddAll(ctx, docs); err != nil {
		m.report(err)
	}
	stories, _ := d.Stories(ctx)
	go d.Warm(ctx)
	log := slog.New(slog.NewTextHandler(m.Stderr, nil))
	srv, err := web.New(d, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return parallax.Errorf(parallax.EUSAGE, "--addr", "cannot listen: %w", err)
	}
	fmt.Fprintf(m.Stderr, "parallax: serving %d stories on http://%s/\n", len(stories), ln.Addr())
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
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
