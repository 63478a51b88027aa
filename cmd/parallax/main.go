// Command parallax reads news articles, cleans them, groups them into stories
// and writes a cross-source brief for each story, every statement citing its
// sources.
//
// Usage:
//
//	parallax brief   [--format md|json|html] [--words N] PATH...
//	parallax quotes  [--format jsonl|md] PATH...
//	parallax cluster [--format jsonl|md] [--explain] [--window 7d] PATH...
//	parallax digest  [--format md|json|html] [--db D | PATH...]
//	parallax ingest  [--db D] [--quiet] PATH...
//	parallax stories [--db D] [--since 24h] [--source NAME] [--format md|json]
//	parallax show    [--db D] [--format md|json|html] [--changes-since V|DURATION] STORY
//	parallax search  [--db D] [--since 7d] [--source NAME] [--format md|json] QUERY
//	parallax export  [--db D] --format jsonl
//	parallax extract [--format text|json] PATH...
//	parallax feeds   add|remove URL... | list | import|export FILE.opml
//	parallax watch   [--db D] [--every 10m] [--once]
//	parallax serve   [--addr HOST:PORT] [--words N] [--db D] [--token T] [--watch] [--feed URL] [--every 10m] [PATH...]
//	parallax eval summary FILE.jsonl
//	parallax eval cluster FILE.jsonl
//	parallax eval extract [--dir DIR] FILE.jsonl
//
// A PATH is a file, a directory (read recursively) or "-" for standard input.
// The exit status is 0 on success, 1 when any input failed (the others are
// still processed), 2 for a usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
)

func main() {
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	// Ctrl-C and SIGTERM stop reading and shut the server down cleanly.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := m.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// Main is the program, with its standard streams, so that tests can run it
// without a process.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Getenv and Now stand for os.Getenv and time.Now when not nil.
	Getenv func(string) string
	Now    func() time.Time

	// allowPrivate is --allow-private of the command that runs.
	allowPrivate bool
}

// command is one subcommand: it parses its own flags from args and returns an
// error whose code decides the exit status.
type command struct {
	usage string
	run   func(ctx context.Context, m *Main, args []string) error
}

// commands is the table of subcommands.
var commands = map[string]command{
	"brief":   {"brief [--format md|json|html] [--words N] PATH...", runBrief},
	"cluster": {"cluster [--format jsonl|md] [--explain] [--window 7d] PATH...", runCluster},
	"digest":  {"digest [--format md|json|html] [--words N] [--db D | PATH...]", runDigest},
	"eval":    {"eval summary|cluster|extract FILE.jsonl", runEval},
	"extract": {"extract [--format text|json] PATH...", runExtract},
	"feeds":   {"feeds add|remove URL... | list [--format text|json] | import|export FILE.opml  [--db D]", runFeeds},
	"ingest":  {"ingest [--db D] [--quiet] PATH...", runIngest},
	"stories": {"stories [--db D] [--since 24h] [--source NAME] [--limit N] [--format md|json]", runStories},
	"show":    {"show [--db D] [--format md|json|html] [--version V] [--changes-since VERSION|DURATION] STORY", runShow},
	"search":  {"search [--db D] [--since 7d] [--source NAME] [--limit N] [--format md|json] QUERY", runSearch},
	"export":  {"export [--db D] --format jsonl", runExport},
	"quotes":  {"quotes [--format jsonl|md] PATH...", runQuotes},
	"watch":   {"watch [--db D] [--every 10m] [--once] [--rate 1] [--per-host 2] [--allow-private]", runWatch},
	"serve":   {"serve [--addr HOST:PORT] [--words N] [--db D] [--token T] [--watch] [--feed URL] [--every 10m] [PATH...]", runServe},
}

// Run runs the command line args (without the program name) and returns the
// exit status. Errors are printed to Stderr, one line each, naming the input.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		m.usage()
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(m.Stderr, "parallax: unknown command %q\n", args[0])
		m.usage()
		return 2
	}
	err := cmd.run(ctx, m, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		m.report(err)
	}
	return parallax.ExitStatus(err)
}

func (m *Main) usage() {
	fmt.Fprintln(m.Stderr, "usage: parallax COMMAND [flags] PATH...")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(m.Stderr, "  parallax %s\n", commands[n].usage)
	}
	fmt.Fprintf(m.Stderr, "The store (--db D) is a SQLite file or a postgres:// address; by default $PARALLAX_DB, else %s\n", m.defaultStore())
	fmt.Fprintln(m.Stderr, "A PATH may be an http(s) address; loopback and private addresses are refused unless --allow-private.")
}

// report prints each error of err (joined errors are split) on a line.
func (m *Main) report(err error) {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			m.report(e)
		}
		return
	}
	fmt.Fprintf(m.Stderr, "parallax: %s\n", strings.TrimSpace(err.Error()))
}

// flags returns a flag set for a subcommand that writes its usage to Stderr.
func (m *Main) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	return fs
}

// inputFlags registers the flags of a command that reads inputs:
// --allow-private.
func (m *Main) inputFlags(fs *flag.FlagSet) {
	fs.BoolVar(&m.allowPrivate, "allow-private", false, "fetch from loopback, private and link-local addresses too (refused by default)")
}

// readOptions are the options of reading the inputs of the command.
func (m *Main) readOptions() ingest.Options {
	return ingest.Options{Stdin: m.Stdin, AllowPrivate: m.allowPrivate, Warn: func(err error) { m.report(err) }}
}

// parse parses args into fs, maps a parse failure to a usage error, then
// runs the checks of the values parsed in order.
func parse(fs *flag.FlagSet, args []string, checks ...func() error) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return parallax.Errorf(parallax.EUSAGE, fs.Name(), "%w", err)
	}
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

// errNoInput is the usage error of a command given nothing to read; store
// tells that it also reads --db.
func errNoInput(cmd string, store bool) error {
	if store {
		return parallax.Errorf(parallax.EUSAGE, cmd, "no input: name files, directories, - for standard input, or --db FILE")
	}
	return parallax.Errorf(parallax.EUSAGE, cmd, "no input: name files, directories or - for standard input")
}

// errNoneRead is the error of a command that could read no article: the
// inputs' errors, or EINVALID when there were none.
func errNoneRead(cmd string, readErr error) error {
	if readErr != nil {
		return readErr
	}
	return parallax.Errorf(parallax.EINVALID, cmd, "no article could be read")
}

// checkWords rejects a word budget that is not positive.
func checkWords(words int) error {
	if words <= 0 {
		return parallax.Errorf(parallax.EUSAGE, "--words", "must be positive, got %d", words)
	}
	return nil
}

// wordsFlag registers --words on fs and returns it with the check to run
// once parsed.
func wordsFlag(fs *flag.FlagSet, what string) (*int, func() error) {
	words := fs.Int("words", defaultWords, "word budget of "+what)
	return words, func() error { return checkWords(*words) }
}
