package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/brief"
	"github.com/parallax-news/parallax/cluster"
	"github.com/parallax-news/parallax/render"
)

// digestStory is one story of `parallax digest --format json`: its number,
// its articles (wire copies included) and its brief.
type digestStory struct {
	Story    int             `json:"story"`
	Articles []string        `json:"articles"`
	Copies   int             `json:"copies"`
	Brief    *parallax.Brief `json:"brief"`
}

// runDigest reads articles, groups them into stories and writes a brief per
// story, the biggest stories first: Markdown briefs after a story index, a
// JSON array of stories, or one HTML page with a story index linking each
// brief.
func runDigest(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("digest")
	format := fs.String("format", "md", "output format: md, json or html")
	words := fs.Int("words", 120, "word budget of each summary")
	dbPath := fs.String("db", "", "also read the articles stored in this SQLite database (see ingest)")
	opts := clusterFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	switch *format {
	case render.FormatMarkdown, render.FormatJSON, render.FormatHTML:
	default:
		return parallax.Errorf(parallax.EUSAGE, "--format", "must be md, json or html, got %q", *format)
	}
	if fs.NArg() == 0 && *dbPath == "" {
		return errNoInput("digest", true)
	}
	if err := checkWords(*words); err != nil {
		return err
	}
	arts, readErr := m.readAll(ctx, *dbPath, fs.Args())
	if len(arts) == 0 {
		return errNoneRead("digest", readErr)
	}
	stories, pages, err := briefStories(ctx, arts, *opts, *words)
	if err != nil {
		return errors.Join(readErr, err)
	}
	w := bufio.NewWriter(m.Stdout)
	switch *format {
	case render.FormatJSON:
		err = render.JSON(w, stories)
	case render.FormatHTML:
		err = render.HTML(w, pages)
	default:
		err = writeDigestMarkdown(w, stories)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return errors.Join(readErr, parallax.Errorf(parallax.EINTERNAL, "stdout", "write digest: %w", err))
	}
	return readErr
}

// briefStories groups articles into stories and writes the brief of each,
// the biggest stories first. It returns the stories and, for rendering, the
// page of each (its brief and articles). It fails only when ctx is done or
// clustering fails.
func briefStories(ctx context.Context, arts []*parallax.Article, opts cluster.Options, words int) ([]digestStory, []render.Page, error) {
	docs := make([]parallax.Document, len(arts))
	for i, a := range arts {
		docs[i] = a.Document
	}
	as, err := cluster.Cluster(ctx, docs, opts)
	if err != nil {
		return nil, nil, err
	}
	var stories []digestStory
	var pages []render.Page
	for _, g := range storiesBySize(as) {
		story := make([]*parallax.Article, len(g))
		ds := digestStory{Story: as[g[0]].Story}
		for k, i := range g {
			story[k] = arts[i]
			ds.Articles = append(ds.Articles, as[i].ID)
			if as[i].Copy != nil {
				ds.Copies++
			}
		}
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		ds.Brief = brief.Build(story, brief.Options{Words: words})
		stories = append(stories, ds)
		pages = append(pages, render.Page{Brief: ds.Brief, Articles: story})
	}
	return stories, pages, nil
}

// writeDigestMarkdown writes a story index, then each story's brief.
func writeDigestMarkdown(w *bufio.Writer, stories []digestStory) error {
	fmt.Fprintf(w, "# Digest: %d stories\n\n", len(stories))
	for k, s := range stories {
		title := s.Brief.Title
		if title == "" {
			title = "Untitled story"
		}
		fmt.Fprintf(w, "%d. %s (%d articles", k+1, title, len(s.Articles))
		if s.Copies > 0 {
			fmt.Fprintf(w, ", %d wire copies", s.Copies)
		}
		fmt.Fprintln(w, ")")
	}
	for _, s := range stories {
		fmt.Fprint(w, "\n---\n\n")
		if err := render.Markdown(w, s.Brief); err != nil {
			return err
		}
	}
	return nil
}
