// Package ingest reads articles from files, directories and standard input
// into parallax.Documents: plain text and Markdown (with leading metadata
// lines), HTML pages (main text and metadata extracted by go-trafilatura),
// JSON objects or arrays, and JSON Lines.
//
// Every failure names its input and the reason, and never stops the other
// inputs from being read.
package ingest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
)

// DefaultMaxBytes is the default size limit of one input.
const DefaultMaxBytes = 32 << 20

// Options configures reading.
type Options struct {
	// MaxBytes is the largest input read, in bytes; larger inputs fail with
	// ETOOLARGE. Zero means DefaultMaxBytes.
	MaxBytes int64
	// Stdin is read for the path "-". Nil means no standard input.
	Stdin io.Reader
}

// Format names an input format.
type Format string

// Formats recognised by file extension or, for standard input, by content.
const (
	FormatText  Format = "text"
	FormatHTML  Format = "html"
	FormatJSON  Format = "json"
	FormatJSONL Format = "jsonl"
)

// Read reads every path in order: a file, a directory (its files with known
// extensions, recursively, in lexical order) or "-" for opts.Stdin. It
// returns the documents read and, when any input failed, a joined error of
// *parallax.Error values naming each failed input; the documents of the other
// inputs are returned all the same. Read stops early only when ctx is done.
func Read(ctx context.Context, paths []string, opts Options) ([]parallax.Document, error) {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	var docs []parallax.Document
	var errs []error
	for _, p := range paths {
		files, err := expand(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return docs, errors.Join(append(errs, err)...)
			}
			d, err := readFile(f, opts)
			docs = append(docs, d...)
			if err != nil {
				errs = append(errs, err)
			}
		}
	}
	return docs, errors.Join(errs...)
}

// expand lists the files a path names.
func expand(p string) ([]string, error) {
	if p == "-" {
		return []string{p}, nil
	}
	info, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, parallax.Errorf(parallax.ENOTFOUND, p, "no such file or directory")
		}
		return nil, parallax.Errorf(parallax.EINVALID, p, "cannot read: %w", err)
	}
	if !info.IsDir() {
		return []string{p}, nil
	}
	var files []string
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if _, ok := formatOf(path); ok && !strings.HasPrefix(d.Name(), ".") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, p, "cannot list directory: %w", err)
	}
	sort.Strings(files)
	return files, nil
}

// formatOf returns the format of a file by its extension.
func formatOf(path string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".md", ".text", ".markdown":
		return FormatText, true
	case ".html", ".htm", ".xhtml":
		return FormatHTML, true
	case ".json":
		return FormatJSON, true
	case ".jsonl", ".ndjson":
		return FormatJSONL, true
	}
	return FormatText, false
}

// sniff guesses the format of standard input from its first bytes.
func sniff(b []byte) Format {
	t := bytes.TrimLeft(b, " \t\r\n\ufeff")
	switch {
	case bytes.HasPrefix(t, []byte("<")):
		return FormatHTML
	case bytes.HasPrefix(t, []byte("[")):
		return FormatJSON
	case bytes.HasPrefix(t, []byte("{")):
		// One object over several lines is JSON; one a line is JSON Lines.
		if line, _, _ := bytes.Cut(t, []byte("\n")); jsonComplete(line) {
			return FormatJSONL
		}
		return FormatJSON
	}
	return FormatText
}

// readFile reads one file (or "-") and parses it by format.
func readFile(path string, opts Options) ([]parallax.Document, error) {
	b, err := load(path, opts)
	if err != nil {
		return nil, err
	}
	format, known := formatOf(path)
	if path == "-" || !known {
		format = sniff(b)
	}
	switch format {
	case FormatHTML:
		d, err := parseHTML(path, b)
		if err != nil {
			return nil, err
		}
		return []parallax.Document{d}, nil
	case FormatJSON:
		return parseJSON(path, b)
	case FormatJSONL:
		return parseJSONL(path, b)
	}
	d, err := parseText(path, b)
	if err != nil {
		return nil, err
	}
	return []parallax.Document{d}, nil
}

// load reads at most opts.MaxBytes of a file.
func load(path string, opts Options) ([]byte, error) {
	var r io.Reader
	if path == "-" {
		if opts.Stdin == nil {
			return nil, parallax.Errorf(parallax.EUSAGE, path, "no standard input")
		}
		r = opts.Stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, parallax.Errorf(parallax.ENOTFOUND, path, "no such file")
			}
			return nil, parallax.Errorf(parallax.EINVALID, path, "cannot read: %w", err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, opts.MaxBytes+1))
	if err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, path, "cannot read: %w", err)
	}
	if int64(len(b)) > opts.MaxBytes {
		return nil, parallax.Errorf(parallax.ETOOLARGE, path, "larger than the limit of %d bytes", opts.MaxBytes)
	}
	return b, nil
}

// checkText verifies that b is UTF-8 and holds some text.
func checkText(input string, b []byte) error {
	if !utf8.Valid(b) {
		off := 0
		for off < len(b) {
			r, n := utf8.DecodeRune(b[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return parallax.Errorf(parallax.EINVALID, input, "invalid UTF-8 at byte %d (convert the file to UTF-8)", off)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return parallax.Errorf(parallax.EINVALID, input, "empty article")
	}
	return nil
}

func fileID(path string) string {
	if path == "-" {
		return "stdin"
	}
	return path
}

func jsonComplete(line []byte) bool {
	line = bytes.TrimSpace(line)
	return len(line) > 1 && line[len(line)-1] == '}' && validJSON(line)
}
