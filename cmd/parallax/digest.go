package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/library"
	"github.com/parallax-news/parallax/internal/parallel"
	"github.com/parallax-news/parallax/internal/render"
)

// digestStory is one story of `parallax digest --format json`: its number,
// its articles (wire copies included) and its brief, or the error that
// kept it from being written.
type digestStory struct {
	Story    int             `json:"story"`
	Title    string          `json:"title"`
	Articles []string        `json:"articles"`
	Copies   int             `json:"copies"`
	Brief    *parallax.Brief `json:"brief"`
	Error    string          `json:"error,omitempty"`
}

// digestJob is one story to brief: its listing, its number of articles,
// and how to write its brief.
type digestJob struct {
	story digestStory
	size  int
	build func(ctx context.Context) (*parallax.Brief, []*parallax.Article, error)
}

// runDigest writes a brief per story, the biggest stories first: of the
// articles read from PATHs, grouped as `parallax cluster` groups them, or
// of the store's stories when no PATH is given. Each story is written as
// soon as its brief is (Markdown after an index of the stories; a JSON
// array, or JSON Lines from a store; one HTML page). A story whose brief
// fails is reported and the others are still written; the exit status is
// then 1.
func runDigest(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("digest")
	m.inputFlags(fs)
	format, checkFormat := formatFlag(fs, "md", "json", "html")
	words, checkWords := wordsFlag(fs, "each summary")
	dbPath := m.dbFlag(fs)
	opts := clusterFlags(fs)
	if err := parse(fs, args, checkFormat, checkWords); err != nil {
		return err
	}
	var jobs []digestJob
	var readErr error
	lines := false
	if fs.NArg() == 0 {
		st, writable, err := openExisting(ctx, *dbPath)
		if err != nil {
			return err
		}
		defer st.Close()
		b := &library.Briefer{Store: st, Words: *words, ReadOnly: !writable || *words != defaultWords}
		if jobs, err = storedJobs(ctx, b, *format == render.FormatHTML); err != nil {
			return err
		}
		lines = true
	} else {
		var err error
		if jobs, readErr, err = m.readJobs(ctx, fs.Args(), *opts, *words); err != nil {
			return errors.Join(readErr, err)
		}
	}
	failed, err := m.writeDigest(ctx, jobs, *format, lines)
	if err != nil {
		return errors.Join(readErr, err)
	}
	if failed > 0 {
		return errors.Join(readErr, parallax.Errorf(parallax.EINTERNAL, "digest", "%d of %d stories failed (the others were written)", failed, len(jobs)))
	}
	return readErr
}

// readJobs reads and groups the articles of paths into stories, the
// biggest first, as `parallax cluster` does: on the documents as read.
func (m *Main) readJobs(ctx context.Context, paths []string, opts cluster.Options, words int) ([]digestJob, error, error) {
	docs, readErr := m.readDocs(ctx, nil, paths)
	if len(docs) == 0 {
		return nil, readErr, errNoneRead("digest", readErr)
	}
	as, err := cluster.Cluster(ctx, docs, opts)
	if err != nil {
		return nil, readErr, err
	}
	arts, err := cleanAll(ctx, docs)
	if err != nil {
		return nil, readErr, err
	}
	var jobs []digestJob
	for _, g := range storiesBySize(as) {
		ds := digestStory{Story: as[g[0]].Story, Title: cluster.Title(pick(docs, g))}
		story := make([]*parallax.Article, len(g))
		for k, i := range g {
			story[k] = arts[i]
			ds.Articles = append(ds.Articles, cmp.Or(as[i].ID, docs[i].Path))
			if as[i].Copy != nil {
				ds.Copies++
			}
		}
		jobs = append(jobs, digestJob{story: ds, size: len(g), build: func(context.Context) (*parallax.Brief, []*parallax.Article, error) {
			b, err := brief.Try(story, brief.Options{Words: words})
			return b, story, err
		}})
	}
	return jobs, readErr, nil
}

// storedJobs lists the store's live stories, the biggest first; each brief
// is the one kept for the story's version, else written and kept.
func storedJobs(ctx context.Context, b *library.Briefer, withArticles bool) ([]digestJob, error) {
	stories, err := b.Store.Stories(ctx, parallax.StoryFilter{})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(stories, func(x, y parallax.StoryInfo) int {
		return cmp.Or(cmp.Compare(y.Articles, x.Articles), cmp.Compare(x.ID, y.ID))
	})
	jobs := make([]digestJob, len(stories))
	for i, s := range stories {
		story := &jobs[i].story
		*story = digestStory{Story: s.ID, Title: s.Title}
		jobs[i].size = s.Articles
		jobs[i].build = func(ctx context.Context) (*parallax.Brief, []*parallax.Article, error) {
			// The keys of the articles, for the listing and for a failure's
			// report, read with the brief rather than for every story
			// before the first is written.
			arts, err := b.Store.StoryArticles(ctx, s.ID, s.Version)
			if err != nil {
				return nil, nil, err
			}
			for _, a := range arts {
				story.Articles = append(story.Articles, a.Key)
			}
			got, err := b.Show(ctx, s.ID, s.Version, withArticles)
			if err != nil {
				return nil, nil, err
			}
			return got.Brief, got.Articles, nil
		}
	}
	return jobs, nil
}

// writeDigest writes the briefs of jobs as each is done, in order, and
// returns how many failed. lines writes JSON Lines instead of an array.
func (m *Main) writeDigest(ctx context.Context, jobs []digestJob, format string, lines bool) (failed int, err error) {
	err = write(m.Stdout, func(w *bufio.Writer) error {
		return m.writeStories(ctx, w, jobs, format, lines, &failed)
	})
	return failed, err
}

// writeStories writes the stories of jobs to w, counting in failed those
// whose brief could not be written.
func (m *Main) writeStories(ctx context.Context, w *bufio.Writer, jobs []digestJob, format string, lines bool, failed *int) error {
	var pages []render.Page
	switch format {
	case render.FormatMarkdown:
		writeDigestIndex(w, jobs)
	case render.FormatJSON:
		if !lines {
			w.WriteString("[")
		}
	}
	type built struct {
		brief *parallax.Brief
		arts  []*parallax.Article
	}
	err := parallel.Ordered(ctx, len(jobs), 0, func(ctx context.Context, _, i int) (built, error) {
		b, arts, err := jobs[i].build(ctx)
		return built{b, arts}, err
	}, func(i int, r parallel.Result[built]) error {
		ds := jobs[i].story
		if r.Err != nil {
			*failed++
			m.report(parallax.Errorf(parallax.ErrorCode(r.Err), fmt.Sprintf("story %d (%s)", ds.Story, strings.Join(ds.Articles, ", ")), "brief failed: %w", r.Err))
			ds.Error = r.Err.Error()
		}
		ds.Brief = r.Value.brief
		if ds.Brief != nil && ds.Brief.Title != "" {
			ds.Title = ds.Brief.Title // the story's title once its brief is written
		}
		switch format {
		case render.FormatJSON:
			if err := writeDigestJSON(w, ds, i, lines); err != nil {
				*failed++
				m.report(parallax.Errorf(parallax.EINTERNAL, fmt.Sprintf("story %d", ds.Story), "%v", err))
			}
		case render.FormatHTML:
			if ds.Brief != nil {
				pages = append(pages, render.Page{Brief: ds.Brief, Articles: r.Value.arts})
			}
		default:
			fmt.Fprint(w, "\n---\n\n")
			if ds.Brief == nil {
				fmt.Fprintf(w, "# Story %d: no brief (%s)\n", ds.Story, ds.Error)
			} else if err := render.Markdown(w, ds.Brief); err != nil {
				return err
			}
		}
		return w.Flush()
	})
	switch {
	case err != nil:
		return err
	case format == render.FormatHTML:
		return render.HTML(w, pages)
	case format == render.FormatJSON && !lines:
		_, err = w.WriteString("\n]\n")
	}
	return err
}

// writeDigestJSON writes one story: an element of the array (after a comma
// but for the first), or one line. A story that cannot be encoded is
// written with its error instead of its brief, naming it.
func writeDigestJSON(w *bufio.Writer, ds digestStory, i int, lines bool) error {
	b, err := json.Marshal(ds)
	var encErr error
	if err != nil {
		encErr = fmt.Errorf("cannot encode its brief: %w", err)
		ds.Brief, ds.Error = nil, encErr.Error()
		if b, err = json.Marshal(ds); err != nil {
			return err
		}
	}
	switch {
	case lines:
	case i > 0:
		w.WriteString(",\n")
	default:
		w.WriteString("\n")
	}
	w.Write(b)
	if lines {
		w.WriteByte('\n')
	}
	return encErr
}

// writeDigestIndex writes the index of the stories: their titles and
// sizes, before the briefs.
func writeDigestIndex(w *bufio.Writer, jobs []digestJob) {
	fmt.Fprintf(w, "# Digest: %d stories\n\n", len(jobs))
	for k, j := range jobs {
		s := j.story
		fmt.Fprintf(w, "%d. %s (story %d, %d articles", k+1, cmpTitle(s.Title), s.Story, j.size)
		if s.Copies > 0 {
			fmt.Fprintf(w, ", %d wire copies", s.Copies)
		}
		fmt.Fprintln(w, ")")
	}
}
