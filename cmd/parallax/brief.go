package main

import (
	"context"
	"errors"
	"runtime/debug"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/render"
)

// runBrief reads the articles of one story and writes its brief:
// ingest → clean (each article, then the story: clean.Settle) → brief →
// render.
func runBrief(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("brief")
	m.inputFlags(fs)
	format := fs.String("format", "md", "output format: md, json or html")
	words := fs.Int("words", defaultWords, "word budget of the summary")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errNoInput("brief", false)
	}
	if err := checkWords(*words); err != nil {
		return err
	}
	// One brief is written and the process ends: the garbage collector
	// waits until the heap reaches 1 GiB (collections cost a fifth of the
	// brief's time at the default), then collects as usual.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(1 << 30))
	docs, readErr := m.readDocs(ctx, nil, fs.Args())
	// A brief never reads an article's language: it is not guessed. The
	// articles are cleaned in turn (a few milliseconds for 25).
	c, err := clean.NewWith(clean.Options{KeepLanguage: true})
	if err != nil {
		return errNoneRead("brief", errors.Join(readErr, err))
	}
	arts := make([]*parallax.Article, 0, len(docs))
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return errors.Join(readErr, err)
		}
		arts = append(arts, c.Clean(d))
	}
	if len(arts) == 0 {
		return errNoneRead("brief", readErr)
	}
	// The articles as the brief names them, for the HTML page to show
	// each beside its citations.
	arts = clean.Settle(arts)
	if err := brief.Ready(arts); err != nil {
		return errors.Join(readErr, err)
	}
	b, err := brief.Try(arts, brief.Options{Words: *words})
	if err != nil {
		return errors.Join(readErr, err)
	}
	if err := render.Brief(m.Stdout, *format, b, arts); err != nil {
		return errors.Join(readErr, err)
	}
	return readErr
}

// read ingests and cleans the articles at paths. It returns the articles
// read and the joined errors of the inputs that failed.
func (m *Main) read(ctx context.Context, paths []string) ([]*parallax.Article, error) {
	docs, readErr := m.readDocs(ctx, nil, paths)
	arts, err := cleanAll(ctx, docs)
	return arts, errors.Join(readErr, err)
}
