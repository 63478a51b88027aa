package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/entity"
	"github.com/parallax-news/parallax/internal/analysis/quote"
)

// runQuotes reads articles and prints every quotation found, one per line
// (JSON Lines, the quote.Mention contract) or as a Markdown list per file.
func runQuotes(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("quotes")
	m.inputFlags(fs)
	format := fs.String("format", "jsonl", "output format: jsonl or md")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "jsonl" && *format != "md" {
		return parallax.Errorf(parallax.EUSAGE, "--format", "must be jsonl or md, got %q", *format)
	}
	if fs.NArg() == 0 {
		return errNoInput("quotes", false)
	}
	arts, readErr := m.read(ctx, fs.Args())
	if len(arts) == 0 {
		return errNoneRead("quotes", readErr)
	}
	mentions := quote.ExtractAll(arts, entity.Extract(arts))
	w := bufio.NewWriter(m.Stdout)
	var err error
	if *format == "md" {
		err = writeQuotesMarkdown(w, arts, mentions)
	} else {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, ms := range mentions {
			for _, q := range ms {
				if err = enc.Encode(q); err != nil {
					break
				}
			}
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return errors.Join(readErr, parallax.Errorf(parallax.EINTERNAL, "stdout", "write quotes: %w", err))
	}
	return readErr
}

// writeQuotesMarkdown writes the quotations of each article as a list
// under the article's path.
func writeQuotesMarkdown(w *bufio.Writer, arts []*parallax.Article, mentions [][]quote.Mention) error {
	for i, a := range arts {
		fmt.Fprintf(w, "## %s\n\n", a.Path)
		if len(mentions[i]) == 0 {
			fmt.Fprintln(w, "No quotations found.")
		}
		for _, q := range mentions[i] {
			speaker := q.Speaker
			if speaker == "" {
				speaker = "unknown speaker"
			}
			cue := ""
			if q.Cue != "" {
				cue = fmt.Sprintf(" (%s)", q.Cue)
			}
			fmt.Fprintf(w, "- **%s**%s, %s: “%s” [%d–%d]\n", speaker, cue, q.Kind, q.Text, q.Start, q.End)
		}
		if _, err := fmt.Fprintln(w); err != nil {
			return err
		}
	}
	return nil
}
