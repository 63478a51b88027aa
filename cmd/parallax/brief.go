package main

import (
	"context"
	"errors"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/brief"
	"github.com/parallax-news/parallax/render"
)

// runBrief reads the articles of one story and writes its brief:
// ingest → clean → brief → render.
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
	arts, readErr := m.read(ctx, fs.Args())
	if len(arts) == 0 {
		return errNoneRead("brief", readErr)
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
