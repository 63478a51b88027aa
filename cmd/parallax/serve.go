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
	"github.com/parallax-news/parallax/web"
)

// runServe reads articles, groups them into stories, writes their briefs
// and serves them over HTTP until ctx is done: an index of stories, a page
// per brief and a JSON API (see package web).
func runServe(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("serve")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	words := fs.Int("words", 120, "word budget of each summary")
	dbPath := fs.String("db", "", "also read the articles stored in this SQLite database (see ingest)")
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
	arts, readErr := m.readAll(ctx, *dbPath, fs.Args())
	if readErr != nil {
		m.report(readErr) // the readable articles are still served
	}
	if len(arts) == 0 {
		return errNoneRead("serve", nil) // the input errors were reported above
	}
	stories, pages, err := briefStories(ctx, arts, *opts, *words)
	if err != nil {
		return err
	}
	ws := make([]web.Story, len(stories))
	for i, s := range stories {
		ws[i] = web.Story{ID: s.Story, Brief: s.Brief, Articles: pages[i].Articles}
	}
	log := slog.New(slog.NewTextHandler(m.Stderr, nil))
	srv, err := web.New(ws, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return parallax.Errorf(parallax.EUSAGE, "--addr", "cannot listen: %w", err)
	}
	fmt.Fprintf(m.Stderr, "parallax: serving %d stories on http://%s/\n", len(ws), ln.Addr())
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
