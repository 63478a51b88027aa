package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/ingest"
)

// runCluster reads articles, groups them into stories in publication order
// and prints one line per article in that order: its story, and for a wire
// copy the article it copies. With --explain each line tells why.
func runCluster(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("cluster")
	format := fs.String("format", "jsonl", "output format: jsonl or md")
	explain := fs.Bool("explain", false, "tell why each article joined its story or started a new one")
	m.inputFlags(fs)
	opts := clusterFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "jsonl" && *format != "md" {
		return parallax.Errorf(parallax.EUSAGE, "--format", "must be jsonl or md, got %q", *format)
	}
	if fs.NArg() == 0 {
		return errNoInput("cluster", false)
	}
	docs, readErr := ingest.Read(ctx, fs.Args(), m.readOptions())
	if len(docs) == 0 {
		return errNoneRead("cluster", readErr)
	}
	opts.Explain = *explain
	as, err := cluster.Cluster(ctx, docs, *opts)
	if err != nil {
		return errors.Join(readErr, err)
	}
	w := bufio.NewWriter(m.Stdout)
	if *format == "md" {
		writeClusterMarkdown(w, docs, as)
	} else {
		err = writeClusterJSONL(w, docs, as)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return errors.Join(readErr, parallax.Errorf(parallax.EINTERNAL, "stdout", "write stories: %w", err))
	}
	return readErr
}

// clusterFlags registers the flags that set the clustering options on fs
// and returns the options, set when fs is parsed: --window, how long a story
// stays live without a new article (a Go duration, or days as "7d"), and
// --window-articles, the same counted in articles for undated articles.
func clusterFlags(fs *flag.FlagSet) *cluster.Options {
	opts := cluster.DefaultOptions()
	fs.Func("window", "how long a story stays open without a new article: a duration such as 36h, or days such as 7d (default 7d)", func(s string) error {
		d, err := parseWindow(s)
		opts.Window = d
		return err
	})
	fs.Func("window-articles", fmt.Sprintf("how many undated articles a story stays open without a new one (default %d)", opts.WindowArticles), func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return fmt.Errorf("want a whole number of at least 1, got %q", s)
		}
		opts.WindowArticles = n
		return nil
	})
	return &opts
}

// parseWindow parses a positive duration: Go's syntax ("36h", "90m") or a
// number of days ("7d", "1.5d").
func parseWindow(s string) (time.Duration, error) {
	var d time.Duration
	var err error
	if days, ok := strings.CutSuffix(s, "d"); ok {
		var n float64
		n, err = strconv.ParseFloat(days, 64)
		d = time.Duration(n * float64(24*time.Hour))
	} else {
		d, err = time.ParseDuration(s)
	}
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("want a positive duration such as 36h or 7d, got %q", s)
	}
	return d, nil
}

// clusterLine is one line of `parallax cluster --format jsonl`, the
// documented contract: keys keep their meaning, new keys may be added.
type clusterLine struct {
	ID    string  `json:"id"`
	Story int     `json:"story"`
	Title string  `json:"title"`
	Score float64 `json:"score"`
	// DuplicateOf, Added and Cut are set for a wire copy: the ID of the
	// article it copies and how many sentences it added and cut.
	DuplicateOf string               `json:"duplicate_of,omitempty"`
	Added       *int                 `json:"added,omitempty"`
	Cut         *int                 `json:"cut,omitempty"`
	Explain     *cluster.Explanation `json:"explain,omitempty"`
	// Diff lists the sentences a copy added and cut, with --explain.
	Diff any `json:"diff,omitempty"`
}

// byArrival returns the input positions in arrival order.
func byArrival(as []cluster.Assignment) []int {
	order := make([]int, len(as))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int { return cmp.Compare(as[x].Arrival, as[y].Arrival) })
	return order
}

func writeClusterJSONL(w io.Writer, docs []parallax.Document, as []cluster.Assignment) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, i := range byArrival(as) {
		a := as[i]
		l := clusterLine{ID: a.ID, Story: a.Story, Title: docs[i].Title, Score: round3(a.Score), Explain: a.Why}
		if a.Copy != nil {
			added, cut := len(a.Copy.Diff.Added), len(a.Copy.Diff.Cut)
			l.DuplicateOf, l.Added, l.Cut = a.DuplicateOf, &added, &cut
			if a.Why != nil {
				l.Diff = a.Copy.Diff
			}
		}
		if l.Explain != nil {
			e := *l.Explain
			e.Score, e.RunnerUpScore = round3(e.Score), round3(e.RunnerUpScore)
			l.Explain = &e
		}
		if err := enc.Encode(l); err != nil {
			return err
		}
	}
	return nil
}

// writeClusterMarkdown lists the stories, biggest first, each with its
// articles in arrival order.
func writeClusterMarkdown(w io.Writer, docs []parallax.Document, as []cluster.Assignment) {
	groups := storiesBySize(as)
	fmt.Fprintf(w, "# %d stories from %d articles\n", len(groups), len(as))
	for _, g := range groups {
		copies := 0
		for _, i := range g {
			if as[i].Copy != nil {
				copies++
			}
		}
		fmt.Fprintf(w, "\n## Story %d: %s\n\n%d articles", as[g[0]].Story, cluster.Title(pick(docs, g)), len(g))
		if copies > 0 {
			fmt.Fprintf(w, ", %d of them wire copies", copies)
		}
		fmt.Fprint(w, "\n\n")
		for _, i := range g {
			a := as[i]
			title := docs[i].Title
			if title == "" {
				title = "(no title)"
			}
			fmt.Fprintf(w, "- %s `%s`", title, a.ID)
			if a.Copy != nil {
				fmt.Fprintf(w, " (copy of `%s`, %d sentences added, %d cut)", a.DuplicateOf, len(a.Copy.Diff.Added), len(a.Copy.Diff.Cut))
			}
			if a.Why != nil {
				fmt.Fprintf(w, "\n  %s", a.Why)
			}
			fmt.Fprintln(w)
		}
	}
}

// storiesBySize groups the assignments by story, each story's articles in
// arrival order, the stories with the most articles first (then by story
// number).
func storiesBySize(as []cluster.Assignment) [][]int {
	groups := cluster.Stories(as)
	for k, g := range groups {
		groups[k] = cluster.ByArrival(as, g)
	}
	cluster.Order(groups, func(g []int) int { return len(g) })
	return groups
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

// pick returns pointers to the documents at the positions g.
func pick(docs []parallax.Document, g []int) []*parallax.Document {
	out := make([]*parallax.Document, len(g))
	for k, i := range g {
		out[k] = &docs[i]
	}
	return out
}
