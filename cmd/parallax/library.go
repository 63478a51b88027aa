package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/library"
	"github.com/parallax-news/parallax/internal/render"
)

// runStories lists the stories of the store, the most recently updated
// first.
func runStories(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("stories")
	dbPath := m.dbFlag(fs)
	since := sinceFlag(fs, m.now)
	source := fs.String("source", "", "only stories with an article from this outlet (by name, any case)")
	limit := fs.Int("limit", 0, "at most this many stories (0: all)")
	format, checkFormat := formatFlag(fs, "md", "json")
	if err := parse(fs, args, checkFormat); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return parallax.Errorf(parallax.EUSAGE, "stories", "takes no arguments, got %q", fs.Arg(0))
	}
	st, _, err := openExisting(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	stories, err := st.Stories(ctx, parallax.StoryFilter{Since: *since, Source: *source, Limit: *limit})
	if err != nil {
		return err
	}
	return write(m.Stdout, func(w *bufio.Writer) error {
		if *format == "json" {
			return render.JSON(w, stories)
		}
		fmt.Fprintf(w, "# %d stories\n\n", len(stories))
		for _, s := range stories {
			fmt.Fprintf(w, "%d. %s (%d articles, v%d, updated %s)\n   %s\n", s.ID, cmpTitle(s.Title), s.Articles, s.Version,
				s.Updated.UTC().Format("2006-01-02 15:04"), outlets(s.Sources, 6))
		}
		return nil
	})
}

// outlets names at most n outlets, then how many more there are.
func outlets(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

func cmpTitle(t string) string {
	if t == "" {
		return "Untitled story"
	}
	return t
}

// write writes through a buffer and flushes it; a failure to write is an
// error naming stdout.
func write(out io.Writer, fn func(w *bufio.Writer) error) error {
	w := bufio.NewWriter(out)
	err := fn(w)
	if err == nil {
		err = w.Flush()
	}
	var pe *parallax.Error
	if err != nil && !errors.As(err, &pe) && !errors.Is(err, context.Canceled) {
		return parallax.Errorf(parallax.EINTERNAL, "stdout", "write: %w", err)
	}
	return err
}

// runShow writes a stored story's brief (kept in the store once written),
// or what changed in it since a version or a time.
func runShow(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("show")
	dbPath := m.dbFlag(fs)
	words, checkWords := wordsFlag(fs, "the summary")
	version := fs.Int("version", 0, "the story as it was at this version (0: the latest)")
	changes := fs.String("changes-since", "", "what changed since a version (3) or a time back from now (24h, 7d)")
	format, checkFormat := formatFlag(fs, "md", "json", "html")
	if err := parse(fs, args, checkFormat, checkWords); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return parallax.Errorf(parallax.EUSAGE, "show", "name one story by its number (see parallax stories)")
	}
	id, err := strconv.Atoi(strings.TrimPrefix(fs.Arg(0), "#"))
	if err != nil || id <= 0 {
		return parallax.Errorf(parallax.EUSAGE, "show", "a story is a number, got %q", fs.Arg(0))
	}
	st, writable, err := openExisting(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	// Briefs of another word budget than the default are not kept.
	b := &library.Briefer{Store: st, Words: *words, ReadOnly: !writable || *words != defaultWords}
	if *changes != "" {
		return m.showChanges(ctx, b, id, *changes, *format)
	}
	s, err := b.Show(ctx, id, *version, *format == render.FormatHTML)
	if err != nil {
		return err
	}
	if s.From != 0 {
		fmt.Fprintf(m.Stderr, "parallax: story %d was merged into story %d\n", s.From, s.Info.ID)
	}
	return write(m.Stdout, func(w *bufio.Writer) error {
		switch *format {
		case render.FormatJSON:
			// The brief as kept, byte for byte: no decoding to show it.
			_, err := w.Write(s.JSON)
			return err
		case render.FormatHTML:
			return render.HTML(w, []render.Page{{Brief: s.Brief, Articles: s.Articles}})
		}
		fmt.Fprintf(w, "Story %d, version %d of %d, %d articles, updated %s\n\n", s.Info.ID, s.Version, s.Info.Version,
			s.Info.Articles, s.Info.Updated.UTC().Format(time.RFC3339))
		return render.Markdown(w, s.Brief)
	})
}

// showChanges writes what changed in story id since a version or a time.
func (m *Main) showChanges(ctx context.Context, b *library.Briefer, id int, since, format string) error {
	v, err := strconv.Atoi(since)
	if err != nil {
		d, derr := parseWindow(since)
		if derr != nil {
			return parallax.Errorf(parallax.EUSAGE, "--changes-since", "want a version number or a duration such as 24h or 7d, got %q", since)
		}
		info, err := b.Store.Story(ctx, id)
		if err != nil {
			return err
		}
		if v, err = library.VersionAt(ctx, b.Store, info.ID, m.now().Add(-d)); err != nil {
			return err
		}
	} else if v < 0 {
		return parallax.Errorf(parallax.EUSAGE, "--changes-since", "a version is at least 0, got %d", v)
	}
	c, err := b.Changes(ctx, id, v)
	if err != nil {
		return err
	}
	return write(m.Stdout, func(w *bufio.Writer) error {
		if format == render.FormatJSON {
			return render.JSON(w, c)
		}
		return writeChanges(w, c)
	})
}

// writeChanges writes a story's changes in Markdown.
func writeChanges(w *bufio.Writer, c *library.Changes) error {
	fmt.Fprintf(w, "# Story %d: changes from version %d to %d\n", c.Story, c.Since, c.Version)
	section := func(title string, n int, line func(i int) string) {
		fmt.Fprintf(w, "\n## %s (%d)\n\n", title, n)
		if n == 0 {
			fmt.Fprintln(w, "None.")
		}
		for i := range n {
			fmt.Fprintf(w, "- %s\n", line(i))
		}
	}
	section("New sources", len(c.Sources), func(i int) string {
		s := c.Sources[i]
		return fmt.Sprintf("%s: %s [%s]", s.Name, cmpTitle(s.Title), s.ID)
	})
	section("New facts", len(c.Facts), func(i int) string {
		return fmt.Sprintf("%s [%s]", c.Facts[i].Text, strings.Join(c.Facts[i].Sources, ", "))
	})
	section("New or changed quotes", len(c.Quotes), func(i int) string {
		q := c.Quotes[i]
		return fmt.Sprintf("%s: “%s” [%s]", cmpOr(q.Speaker, "unattributed"), q.Text, strings.Join(q.Sources, ", "))
	})
	section("Figures with new values or sources", len(c.Figures), func(i int) string {
		f := c.Figures[i]
		return fmt.Sprintf("%s (%s) [%s]", f.Text, f.About, strings.Join(f.Sources, ", "))
	})
	section("New or changed disagreements", len(c.Conflicts), func(i int) string {
		x := c.Conflicts[i]
		return fmt.Sprintf("%s: %s", x.About, x.Explanation)
	})
	return nil
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// runSearch searches the store's articles.
func runSearch(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("search")
	dbPath := m.dbFlag(fs)
	since := sinceFlag(fs, m.now)
	source := fs.String("source", "", "only articles from this outlet (by name, any case)")
	limit := fs.Int("limit", 20, "at most this many hits")
	format, checkFormat := formatFlag(fs, "md", "json")
	if err := parse(fs, args, checkFormat); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return parallax.Errorf(parallax.EUSAGE, "search", `give a query: words, "a phrase", prefix*, OR, NOT`)
	}
	if *limit <= 0 {
		return parallax.Errorf(parallax.EUSAGE, "--limit", "must be positive, got %d", *limit)
	}
	st, _, err := openExisting(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	q := parallax.SearchQuery{Text: strings.Join(fs.Args(), " "), Since: *since, Source: *source, Limit: *limit}
	hits, err := st.Search(ctx, q)
	if err != nil {
		return err
	}
	return write(m.Stdout, func(w *bufio.Writer) error {
		if *format == "json" {
			return render.JSON(w, hits)
		}
		fmt.Fprintf(w, "# %d hits for %s\n", len(hits), q.Text)
		for _, h := range hits {
			snippet := strings.NewReplacer(parallax.MarkStart, "**", parallax.MarkEnd, "**", "\n", " ").Replace(h.Snippet)
			fmt.Fprintf(w, "\n- **%s** (%s", cmpOr(h.Title, "(untitled article)"), cmpOr(h.Source, "unknown outlet"))
			if !h.Published.IsZero() {
				fmt.Fprintf(w, ", %s", h.Published.Format("2006-01-02"))
			}
			fmt.Fprintf(w, ") story %d, `%s`\n  %s\n", h.Story, h.Key, snippet)
		}
		return nil
	})
}

// exportArticle and exportStory are the lines of `parallax export`.
type exportArticle struct {
	Kind      string             `json:"kind"`
	Key       string             `json:"key"`
	ID        string             `json:"id,omitempty"`
	URL       string             `json:"url,omitempty"`
	Title     string             `json:"title"`
	Text      string             `json:"text"`
	Source    string             `json:"source,omitempty"`
	Author    string             `json:"author,omitempty"`
	Lang      string             `json:"lang,omitempty"`
	Published string             `json:"published,omitempty"`
	Label     string             `json:"label,omitempty"`
	Path      string             `json:"path,omitempty"`
	Metadata  []parallax.Removal `json:"metadata,omitempty"`
	Story     int                `json:"story,omitempty"`
	Version   int                `json:"version"`
}

type exportStory struct {
	Kind     string   `json:"kind"`
	ID       int      `json:"id"`
	Title    string   `json:"title"`
	Version  int      `json:"version"`
	Articles []string `json:"articles"`
}

// runExport writes the store as JSON Lines: every article (its key, and
// its input's own id when it had one), then every live story with its
// articles' keys. `parallax ingest` reads it back.
func runExport(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("export")
	dbPath := m.dbFlag(fs)
	_, checkFormat := formatFlag(fs, "jsonl")
	if err := parse(fs, args, checkFormat); err != nil {
		return err
	}
	st, _, err := openExisting(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	return write(m.Stdout, func(w *bufio.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		members := map[int][]string{}
		err := st.Articles(ctx, 0, func(a parallax.StoredArticle) error {
			line := exportArticle{Kind: "article", Key: a.Key, ID: a.ID, URL: a.URL, Title: a.Title, Text: a.Text, Source: a.Source,
				Author: a.Author, Lang: a.Lang, Label: a.Label, Path: a.Path, Metadata: a.Metadata, Story: a.Story, Version: a.Version}
			if !a.Published.IsZero() {
				line.Published = a.Published.Format(time.RFC3339Nano)
			}
			if a.Story != 0 {
				members[a.Story] = append(members[a.Story], a.Key)
			}
			if len(a.Extra) == 0 {
				return enc.Encode(line)
			}
			return encodeWithExtra(enc, line, a.Extra)
		})
		if err != nil {
			return err
		}
		stories, err := st.Stories(ctx, parallax.StoryFilter{})
		if err != nil {
			return err
		}
		for i := len(stories) - 1; i >= 0; i-- { // oldest update first
			s := stories[i]
			if err := enc.Encode(exportStory{Kind: "story", ID: s.ID, Title: s.Title, Version: s.Version, Articles: members[s.ID]}); err != nil {
				return err
			}
		}
		return nil
	})
}

// encodeWithExtra writes an article line with the fields of its input
// that Parallax does not know, so that nothing is lost.
func encodeWithExtra(enc *json.Encoder, line exportArticle, extra map[string]any) error {
	b, err := json.Marshal(line)
	if err != nil {
		return err
	}
	var obj map[string]any
	if err := json.Unmarshal(b, &obj); err != nil {
		return err
	}
	for k, v := range extra {
		if _, known := obj[k]; !known {
			obj[k] = v
		}
	}
	return enc.Encode(obj)
}
