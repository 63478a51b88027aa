// Package ingest reads articles from files, directories and standard input
// into parallax.Documents: plain text and Markdown (with leading metadata
// lines), HTML pages (main text and metadata extracted by go-trafilatura),
// JSON objects or arrays, JSON Lines, feeds and WARC files, each of them
// maybe gzipped.
//
// Every failure names its input and the reason, and never stops the other
// inputs from being read. The work done on any input is bounded, and grows
// with its size: an input, a line of JSON Lines, a WARC record and a page
// are at most Options.MaxBytes; gzip data at most inflates
// maxInflateRatio times past that; an HTML page is at most maxHTMLDepth
// deep and, over MaxExtractBytes, maxHTMLElements elements. Past a bound
// the input, line or record fails with ETOOLARGE, naming the bound.
package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/fetch"
)

// DefaultMaxBytes is the default size limit of one input.
const DefaultMaxBytes = 32 << 20

// Options configures reading.
type Options struct {
	// MaxBytes is the largest input read, in bytes, and the largest line of
	// JSON Lines, WARC record and page within one; larger ones fail with
	// ETOOLARGE. Gzip input may inflate to MaxBytes, and past that to at
	// most maxInflateRatio times its compressed size. Zero means
	// DefaultMaxBytes.
	MaxBytes int64
	// Stdin is read for the path "-". Nil means no standard input.
	Stdin io.Reader
	// HTTPClient fetches paths that are http:// or https:// addresses. Nil
	// means the client of package fetch: time-outs, at most five
	// redirects, and no private or loopback address unless AllowPrivate.
	HTTPClient *http.Client
	// AllowPrivate lets the default client fetch from loopback, private
	// and link-local addresses.
	AllowPrivate bool
	// UserAgent is sent with every request; empty means fetch.UserAgent.
	UserAgent string
	// Warn, when not nil, receives each warning (a *Warning: a field left
	// out of an article that is read all the same, such as an unreadable
	// publication date), as it is met, from the goroutine that called
	// Stream or Read. Warnings are never part of the error returned, so they
	// do not make a run fail; when Warn is nil they are dropped.
	Warn func(error)
}

// Format names an input format.
type Format string

// Formats recognised by file extension or, for standard input, by content.
const (
	FormatText  Format = "text"
	FormatHTML  Format = "html"
	FormatJSON  Format = "json"
	FormatJSONL Format = "jsonl"
	FormatFeed  Format = "feed"
	FormatWARC  Format = "warc"
)

// Read reads every path in order: a file, a directory (its files with known
// extensions, recursively, in lexical order) or "-" for opts.Stdin (named
// "stdin" in documents and errors). It
// returns the documents read and, when any input failed, a joined error of
// *parallax.Error values naming each failed input; the documents of the other
// inputs are returned all the same. Read stops early only when ctx is done.
func Read(ctx context.Context, paths []string, opts Options) ([]parallax.Document, error) {
	var docs []parallax.Document
	err := Stream(ctx, paths, opts, func(d parallax.Document) error {
		docs = append(docs, d)
		return nil
	})
	return docs, err
}

// Stream reads like Read but hands each document to fn as soon as it is
// read, so that a JSON Lines file or stream of any size is read in constant
// memory (MaxBytes then limits each line, not the file). Input failures are
// collected and returned joined at the end, as by Read; an error returned by
// fn, or ctx being done, stops Stream at once and is returned.
func Stream(ctx context.Context, paths []string, opts Options, fn func(parallax.Document) error) error {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = fetch.NewClient(fetch.Options{AllowPrivate: opts.AllowPrivate, UserAgent: opts.UserAgent})
	}
	var errs []error
	emit := func(docs []parallax.Document) error {
		for _, d := range docs {
			if err := fn(d); err != nil {
				return err
			}
		}
		return nil
	}
	for _, p := range paths {
		files, err := expand(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return errors.Join(append(errs, err)...)
			}
			inputErrs, err := streamFile(ctx, f, opts, emit)
			errs = append(errs, inputErrs...)
			if err != nil {
				return errors.Join(append(errs, err)...)
			}
		}
	}
	return errors.Join(errs...)
}

// stdinName names standard input ("-") in documents and errors.
const stdinName = "stdin"

// streamFile reads one file (or "-"). It returns the input errors, and
// separately an error of emit or ctx that must stop the reading. A gzip
// file (data.jsonl.gz, pages.warc.gz, or gzip on standard input) is read
// as the file it holds, its inflation bounded (see inflate).
func streamFile(ctx context.Context, path string, opts Options, emit func([]parallax.Document) error) (inputErrs []error, stop error) {
	in, err := open(ctx, path, opts)
	if err != nil {
		return []error{err}, nil
	}
	defer in.close()
	name := path
	if path == "-" {
		name = stdinName
	}
	br := bufio.NewReaderSize(in.r, 64<<10)
	format, known := formatOf(path)
	if in.format != "" {
		format, known = in.format, true
	}
	if gzipped(br) {
		if br, err = inflate(name, br, opts.MaxBytes); err != nil {
			return []error{err}, nil
		}
		format, known = formatOf(strings.TrimSuffix(strings.ToLower(path), ".gz"))
	}
	if path == "-" || !known {
		head, _ := br.Peek(4096)
		format = sniff(head)
	}
	switch format {
	case FormatJSONL:
		return streamJSONL(ctx, name, br, opts, emit)
	case FormatWARC:
		return streamWARC(ctx, name, br, opts, emit)
	}
	b, err := io.ReadAll(io.LimitReader(br, opts.MaxBytes+1))
	if err != nil {
		if pe, ok := inputError(err); ok {
			return []error{pe}, nil
		}
		return []error{parallax.Errorf(parallax.EINVALID, name, "cannot read: %w", err)}, nil
	}
	if int64(len(b)) > opts.MaxBytes {
		return []error{parallax.Errorf(parallax.ETOOLARGE, name, "larger than the limit of %d bytes", opts.MaxBytes)}, nil
	}
	docs, err := parse(name, format, b, opts.Warn)
	if err != nil {
		inputErrs = unjoin(err)
	}
	if isURL(path) {
		for i := range docs {
			if docs[i].URL == "" {
				docs[i].URL = path
			}
		}
	}
	return inputErrs, emit(docs)
}

// parse parses a whole input of a known format; warnings go to warn.
func parse(path string, format Format, b []byte, warn func(error)) ([]parallax.Document, error) {
	switch format {
	case FormatHTML:
		d, err := parseHTML(path, b)
		if err != nil {
			return nil, err
		}
		return []parallax.Document{d}, nil
	case FormatJSON:
		return parseJSON(path, b, warn)
	case FormatFeed:
		return parseFeed(path, b, warn)
	}
	d, err := parseText(path, b, warn)
	if err != nil {
		return nil, err
	}
	return []parallax.Document{d}, nil
}

// streamJSONL reads one article object per line; blank lines are skipped.
// A broken or oversized line is reported with its number and the other
// lines are read.
func streamJSONL(ctx context.Context, path string, br *bufio.Reader, opts Options, emit func([]parallax.Document) error) (inputErrs []error, stop error) {
	read := 0
	for n := 1; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return inputErrs, err
			}
		}
		line, tooLong, err := readLine(br, opts.MaxBytes)
		if pe, ok := inputError(err); ok {
			return append(inputErrs, pe), nil
		}
		if err != nil && err != io.EOF {
			return append(inputErrs, parallax.Errorf(parallax.EINVALID, path, "cannot read line %d: %w", n, err)), nil
		}
		input := fmt.Sprintf("%s:%d", path, n)
		switch {
		case tooLong:
			inputErrs = append(inputErrs, parallax.Errorf(parallax.ETOOLARGE, input, "line longer than the limit of %d bytes", opts.MaxBytes))
		case len(bytes.TrimSpace(line)) > 0:
			if !utf8.Valid(line) {
				inputErrs = append(inputErrs, parallax.Errorf(parallax.EINVALID, input, "invalid UTF-8 (convert the file to UTF-8)"))
			} else if d, perr := parseRecord(input, bytes.TrimSpace(line), opts.Warn); errors.Is(perr, errNotArticle) {
				read++ // a story line of an export: its articles are grouped anew
			} else if perr != nil {
				inputErrs = append(inputErrs, perr)
			} else if stop := emit([]parallax.Document{d}); stop != nil {
				return inputErrs, stop
			} else {
				read++
			}
		}
		if err == io.EOF {
			if read == 0 && len(inputErrs) == 0 {
				inputErrs = append(inputErrs, parallax.Errorf(parallax.EINVALID, path, "empty input: no article"))
			}
			return inputErrs, nil
		}
	}
}

// readLine reads one line without its newline. A line longer than limit is
// skipped to its end, in memory that does not grow with it (the reader's
// buffer), and reported as tooLong.
func readLine(br *bufio.Reader, limit int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, isPrefix, err := br.ReadLine()
		if int64(len(line)+len(chunk)) > limit {
			tooLong = true
			line = nil // what was read of it is let go
		} else if !tooLong {
			line = append(line, chunk...)
		}
		if err != nil || !isPrefix {
			return line, tooLong, err
		}
	}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// expand lists the files a path names.
func expand(p string) ([]string, error) {
	if p == "-" || isURL(p) {
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
	if len(files) == 0 {
		return nil, parallax.Errorf(parallax.EINVALID, p, "no article in the directory (known extensions: .txt .md .html .htm .json .jsonl .rss .atom .xml .warc, and each of them gzipped: .gz)")
	}
	sort.Strings(files)
	return files, nil
}

// formatOf returns the format of a file by its extension; a gzip file
// (".gz") has the format of the file it holds, and a .warc.gz is WARC.
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
	case ".rss", ".atom", ".rdf", ".xml":
		return FormatFeed, true
	case ".warc":
		return FormatWARC, true
	case ".gz":
		return formatOf(path[:len(path)-len(".gz")])
	}
	return FormatText, false
}

// sniff guesses the format of standard input from its first bytes.
func sniff(b []byte) Format {
	t := bytes.TrimLeft(b, " \t\r\n\ufeff")
	switch {
	case bytes.HasPrefix(t, []byte("WARC/")):
		return FormatWARC
	case bytes.HasPrefix(t, []byte("<?xml")), bytes.HasPrefix(t, []byte("<rss")), bytes.HasPrefix(t, []byte("<feed")), bytes.HasPrefix(t, []byte("<rdf:RDF")):
		return FormatFeed
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

// input is an opened input: its bytes, how to close it, and its format
// when the transport declared one (an HTTP Content-Type).
type input struct {
	r      io.Reader
	close  func()
	format Format
}

// isURL reports whether a path is a web address.
func isURL(p string) bool {
	return strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://")
}

// open opens a file, fetches a web address, or returns opts.Stdin for "-".
func open(ctx context.Context, path string, opts Options) (input, error) {
	switch {
	case path == "-":
		if opts.Stdin == nil {
			return input{}, parallax.Errorf(parallax.EUSAGE, stdinName, "no standard input")
		}
		return input{r: opts.Stdin, close: func() {}}, nil
	case isURL(path):
		return get(ctx, path, opts)
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return input{}, parallax.Errorf(parallax.ENOTFOUND, path, "no such file")
		}
		return input{}, parallax.Errorf(parallax.EINVALID, path, "cannot read: %w", err)
	}
	return input{r: f, close: func() { f.Close() }}, nil
}

// get fetches a web address. A status other than 200 fails (404 and 410 as
// ENOTFOUND); the format comes from the Content-Type, and text is converted
// to UTF-8 from the charset it declares.
func get(ctx context.Context, url string, opts Options) (input, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return input{}, parallax.Errorf(parallax.EUSAGE, url, "bad address: %w", err)
	}
	if opts.UserAgent != "" {
		req.Header.Set("User-Agent", opts.UserAgent)
	}
	resp, err := opts.HTTPClient.Do(req)
	if err != nil {
		return input{}, fetch.Error(url, err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		code := parallax.EINVALID
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone {
			code = parallax.ENOTFOUND
		}
		return input{}, parallax.Errorf(code, url, "server answered %s", resp.Status)
	}
	ctype := resp.Header.Get("Content-Type")
	media, _, _ := mime.ParseMediaType(ctype)
	in := input{r: resp.Body, close: func() { resp.Body.Close() }}
	switch {
	case media == "text/html" || media == "application/xhtml+xml":
		in.format = FormatHTML
	case strings.Contains(media, "rss") || strings.Contains(media, "atom") || media == "application/xml" || media == "text/xml":
		in.format = FormatFeed
	case media == "application/x-ndjson" || media == "application/jsonl":
		in.format = FormatJSONL
	case media == "application/json":
		in.format = FormatJSON
	case media == "text/plain":
		in.format = FormatText
	}
	if strings.HasPrefix(media, "text/") {
		r, err := charset.NewReader(resp.Body, ctype)
		if err != nil {
			resp.Body.Close()
			return input{}, parallax.Errorf(parallax.EINVALID, url, "unknown charset in %q: %w", ctype, err)
		}
		in.r = r
	}
	return in, nil
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

func jsonComplete(line []byte) bool {
	line = bytes.TrimSpace(line)
	return len(line) > 1 && line[len(line)-1] == '}' && validJSON(line)
}
