package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/opml"
)

// runFeeds keeps the feeds the store follows (see `parallax watch`):
//
//	feeds add URL...          follow the feeds
//	feeds remove URL...       stop following them (their articles stay)
//	feeds list [--format]     each feed's health
//	feeds import FILE.opml    follow the feeds of a feed reader's export
//	feeds export FILE.opml    write the feeds followed (- for stdout)
func runFeeds(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 {
		return parallax.Errorf(parallax.EUSAGE, "feeds", "want add, remove, list, import or export")
	}
	sub, args := args[0], args[1:]
	fs := m.flags("feeds " + sub)
	db := m.dbFlag(fs)
	var format *string
	var checks []func() error
	if sub == "list" {
		f, check := formatFlag(fs, "text", "json")
		format, checks = f, append(checks, check)
	}
	if err := parse(fs, args, checks...); err != nil {
		return err
	}
	var run func(context.Context, parallax.Store) error
	switch sub {
	case "add":
		run = func(ctx context.Context, st parallax.Store) error { return m.addFeeds(ctx, st, fs.Args()) }
	case "remove":
		run = func(ctx context.Context, st parallax.Store) error { return m.removeFeeds(ctx, st, fs.Args()) }
	case "list":
		run = func(ctx context.Context, st parallax.Store) error { return m.listFeeds(ctx, st, *format) }
	case "import":
		run = func(ctx context.Context, st parallax.Store) error { return m.importFeeds(ctx, st, fs.Args()) }
	case "export":
		run = func(ctx context.Context, st parallax.Store) error { return m.exportFeeds(ctx, st, fs.Args()) }
	default:
		return parallax.Errorf(parallax.EUSAGE, "feeds", "unknown subcommand %q: want add, remove, list, import or export", sub)
	}
	if (sub == "add" || sub == "remove") && fs.NArg() == 0 {
		return parallax.Errorf(parallax.EUSAGE, "feeds "+sub, "name the feeds' addresses")
	}
	if (sub == "import" || sub == "export") && fs.NArg() != 1 {
		return parallax.Errorf(parallax.EUSAGE, "feeds "+sub, "name one OPML file")
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	return run(ctx, st)
}

// feedURL checks a feed's address: an absolute http or https URL.
func feedURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", parallax.Errorf(parallax.EUSAGE, raw, "not a feed address: want an http:// or https:// URL")
	}
	return raw, nil
}

// addFeeds follows each feed; one followed already is reported and the
// others are added.
func (m *Main) addFeeds(ctx context.Context, st parallax.Store, urls []string) error {
	var errs []error
	for _, raw := range urls {
		u, err := feedURL(raw)
		if err == nil {
			err = st.AddFeed(ctx, u, m.now())
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Fprintf(m.Stderr, "parallax: following %s\n", u)
	}
	return errors.Join(errs...)
}

func (m *Main) removeFeeds(ctx context.Context, st parallax.Store, urls []string) error {
	var errs []error
	for _, u := range urls {
		if err := st.RemoveFeed(ctx, strings.TrimSpace(u)); err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Fprintf(m.Stderr, "parallax: no longer following %s\n", u)
	}
	return errors.Join(errs...)
}

// listFeeds prints the feeds with their health: a table, or one JSON
// object a line (the parallax.Feed contract).
func (m *Main) listFeeds(ctx context.Context, st parallax.Store, format string) error {
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(m.Stdout)
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, f := range feeds {
			if err := enc.Encode(f); err != nil {
				return err
			}
		}
		return flushStdout(w)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FEED\tITEMS\tLAST SUCCESS\tFAILURES\tNEXT POLL\tLAST ERROR")
	now := m.now()
	for _, f := range feeds {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%s\t%s\n", f.URL, f.Items, ago(now, f.LastSuccess), f.Failures, due(now, f.NextPoll), f.LastError)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return flushStdout(w)
}

// ago tells how long before now t was, "never" for the zero time.
func ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return roundDuration(now.Sub(t)) + " ago"
}

// due tells when a feed is polled next.
func due(now, t time.Time) string {
	if !t.After(now) {
		return "now"
	}
	return "in " + roundDuration(t.Sub(now))
}

func roundDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return d.Round(time.Second).String()
	case d < 48*time.Hour:
		return strings.TrimSuffix(d.Round(time.Minute).String(), "0s")
	default:
		return fmt.Sprintf("%dd", int(d.Hours()/24))
	}
}

// importFeeds follows every feed of an OPML file; those followed already
// are counted, not reported as failures.
func (m *Main) importFeeds(ctx context.Context, st parallax.Store, args []string) error {
	f, err := os.Open(args[0])
	if err != nil {
		return parallax.Errorf(parallax.ENOTFOUND, args[0], "cannot open: %v", err)
	}
	defer f.Close()
	list, err := opml.Read(args[0], f)
	if err != nil {
		return err
	}
	added, had := 0, 0
	var errs []error
	for _, o := range list {
		u, err := feedURL(o.URL)
		if err == nil {
			err = st.AddFeed(ctx, u, m.now())
		}
		switch {
		case parallax.ErrorCode(err) == parallax.ECONFLICT:
			had++
		case err != nil:
			errs = append(errs, err)
		default:
			added++
		}
	}
	fmt.Fprintf(m.Stderr, "parallax: %d feeds added from %s, %d followed already\n", added, args[0], had)
	return errors.Join(errs...)
}

// exportFeeds writes the feeds followed as OPML, to a file (written whole
// or not at all) or to stdout for "-".
func (m *Main) exportFeeds(ctx context.Context, st parallax.Store, args []string) error {
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return err
	}
	list := make([]opml.Feed, len(feeds))
	for i, f := range feeds {
		list[i] = opml.Feed{URL: f.URL, Title: f.Title}
	}
	if args[0] == "-" {
		w := bufio.NewWriter(m.Stdout)
		if err := opml.Write(w, "Parallax feeds", list); err != nil {
			return err
		}
		return flushStdout(w)
	}
	return writeFileAtomic(args[0], func(w io.Writer) error { return opml.Write(w, "Parallax feeds", list) })
}

// flushStdout flushes what was written to stdout.
func flushStdout(w *bufio.Writer) error {
	if err := w.Flush(); err != nil {
		return parallax.Errorf(parallax.EINTERNAL, "stdout", "write: %w", err)
	}
	return nil
}

// writeFileAtomic writes a file through a temporary file beside it renamed
// into place, so that a failure leaves the old file as it was.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".parallax-*")
	if err != nil {
		return parallax.Errorf(parallax.EINTERNAL, path, "cannot write: %v", err)
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return parallax.Errorf(parallax.EINTERNAL, path, "cannot write: %v", err)
	}
	return nil
}
