package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/library"
	"github.com/parallax-news/parallax/internal/parallel"
)

// runIngest adds the articles read from PATHs to the store, a transaction
// per batch, then regroups the stored articles into stories. Its closing
// line counts what was added, updated, already stored and failed.
func runIngest(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("ingest")
	dbPath := m.dbFlag(fs)
	quiet := fs.Bool("quiet", false, "no progress bar")
	m.inputFlags(fs)
	opts := clusterFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errNoInput("ingest", false)
	}
	st, err := openStore(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	bar := m.progress(*quiet)
	rep, err := library.Ingest(ctx, st, fs.Args(), library.Options{
		Cluster: *opts, Read: m.readOptions(), Progress: bar.update,
	})
	bar.finish()
	fmt.Fprintf(m.Stdout, "%s: %s\n", storeName(*dbPath), rep)
	if errors.Is(err, context.Canceled) {
		err = parallax.Errorf(parallax.EINTERNAL, "ingest", "stopped: what was reported stored is stored; run it again to add the rest")
	}
	return err
}

// progressBar shows an ingest's progress on a terminal.
type progressBar struct{ bar *progressbar.ProgressBar }

// progress returns a progress bar on standard error when it is a terminal
// and quiet is false, else one that shows nothing.
func (m *Main) progress(quiet bool) *progressBar {
	f, ok := m.Stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return &progressBar{}
	}
	return &progressBar{bar: progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(f),
		progressbar.OptionSetDescription("ingesting"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionShowIts(),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionThrottle(100e6),
		progressbar.OptionClearOnFinish(),
	)}
}

func (p *progressBar) update(r library.Report) {
	if p.bar == nil {
		return
	}
	if r.Regrouping {
		p.bar.Describe("grouping into stories")
	} else {
		p.bar.Describe(fmt.Sprintf("%d added, %d already stored", r.Added, r.Unchanged))
	}
	_ = p.bar.Set(r.Added + r.Updated + r.Unchanged)
}

func (p *progressBar) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

// readDocs returns the documents of the store (when not nil) followed by
// those read from paths, and the joined errors of the inputs that failed. A
// store that cannot be read is an error like a bad input.
func (m *Main) readDocs(ctx context.Context, store parallax.Store, paths []string) ([]parallax.Document, error) {
	var docs []parallax.Document
	var errs []error
	if store != nil {
		errs = append(errs, store.Articles(ctx, 0, func(a parallax.StoredArticle) error {
			docs = append(docs, a.Document)
			return nil
		}))
	}
	if len(paths) > 0 {
		read, err := ingest.Read(ctx, paths, m.readOptions())
		docs = append(docs, read...)
		errs = append(errs, err)
	}
	return docs, errors.Join(errs...)
}

// cleanAll cleans documents in parallel, each article once.
func cleanAll(ctx context.Context, docs []parallax.Document) ([]*parallax.Article, error) {
	c, err := clean.New()
	if err != nil {
		return nil, err
	}
	arts := make([]*parallax.Article, len(docs))
	err = parallel.Ordered(ctx, len(docs), 0, func(_ context.Context, _, i int) (*parallax.Article, error) {
		return c.Clean(docs[i]), nil
	}, func(i int, r parallel.Result[*parallax.Article]) error {
		arts[i] = r.Value
		return r.Err
	})
	return arts, err
}
