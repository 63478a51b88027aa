package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// extracted is the JSON form of one article's main text and metadata: its
// path ("stdin" for standard input), address, title, author, publication
// time (RFC 3339, with the time of day and zone the input gave; empty when
// unknown), site (the outlet's name), language and main text, then its own
// identifier and what cleaning removed.
type extracted struct {
	Path      string             `json:"path"`
	URL       string             `json:"url"`
	Title     string             `json:"title"`
	Author    string             `json:"author"`
	Published string             `json:"published"`
	Site      string             `json:"site"`
	Lang      string             `json:"lang"`
	Text      string             `json:"text"`
	ID        string             `json:"id"`
	Removed   []parallax.Removal `json:"removed"`
}

// runExtract prints the main text of each article after extraction (for
// HTML) and cleaning: the kept paragraphs, one per line with a blank line
// between them (--format text), or one line per article, a JSON object
// with its metadata and what cleaning removed (--format json, see
// extracted).
func runExtract(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("extract")
	m.inputFlags(fs)
	format := fs.String("format", "text", "output format: text or json")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return parallax.Errorf(parallax.EUSAGE, "--format", "must be text or json, got %q", *format)
	}
	if fs.NArg() == 0 {
		return errNoInput("extract", false)
	}
	arts, readErr := m.read(ctx, fs.Args())
	w := bufio.NewWriter(m.Stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var err error
	for i, a := range arts {
		text := mainText(a)
		if *format == "json" {
			e := extracted{Path: a.Path, URL: a.URL, Title: a.Title, Author: a.Author, Site: a.Outlet, Lang: a.Lang, Text: text, ID: a.ID, Removed: a.Removed}
			if !a.Published.IsZero() {
				e.Published = a.Published.Format(time.RFC3339)
			}
			if e.Removed == nil {
				e.Removed = []parallax.Removal{}
			}
			err = enc.Encode(e)
		} else {
			if i > 0 {
				fmt.Fprintln(w)
			}
			if len(arts) > 1 {
				fmt.Fprintf(w, "==> %s <==\n", a.Path)
			}
			_, err = fmt.Fprintln(w, text)
		}
		if err != nil {
			break
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return errors.Join(readErr, parallax.Errorf(parallax.EINTERNAL, "stdout", "write: %w", err))
	}
	return readErr
}

// mainText joins an article's kept blocks, headings included, one per
// paragraph.
func mainText(a *parallax.Article) string {
	var parts []string
	for _, b := range a.Blocks {
		parts = append(parts, strings.Join(strings.Fields(b.Text), " "))
	}
	return strings.Join(parts, "\n\n")
}
