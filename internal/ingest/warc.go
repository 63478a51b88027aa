package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"

	"github.com/parallax-news/parallax"
)

// streamWARC reads a WARC file (gzip-compressed ones are inflated by
// streamFile, one gzip member per record or one for the whole file) record
// by record. Each response record holding an HTML page with status 200
// becomes a document, extracted like an HTML file, its URL the record's
// target URI; other records (requests, metadata, redirects, images) are
// skipped. A record over opts.MaxBytes is skipped, reported as ETOOLARGE,
// and so is a page whose HTTP body inflates past it. A broken record is
// reported with its number; reading stops there, since the records after it
// cannot be found.
//
// The reader is written here rather than taken from a WARC library because
// the maintained Go libraries pull in large dependency trees (metrics
// servers among them) for what is a short, stable format.
func streamWARC(ctx context.Context, path string, r *bufio.Reader, opts Options, emit func([]parallax.Document) error) (inputErrs []error, stop error) {
	pages := 0
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return inputErrs, err
		}
		input := fmt.Sprintf("%s#%d", path, n)
		head, block, err := readWARCRecord(r, opts.MaxBytes)
		if err == io.EOF {
			break
		}
		if pe, ok := inputError(err); ok {
			return append(inputErrs, pe), nil
		}
		if err != nil {
			inputErrs = append(inputErrs, parallax.Errorf(parallax.EINVALID, input, "broken WARC record: %w", err))
			return inputErrs, nil
		}
		if block == nil { // too large: skipped
			inputErrs = append(inputErrs, parallax.Errorf(parallax.ETOOLARGE, input, "record larger than the limit of %d bytes", opts.MaxBytes))
			continue
		}
		if !strings.EqualFold(head.Get("WARC-Type"), "response") {
			continue
		}
		page, ok, err := httpPage(input, block, opts.MaxBytes)
		if pe, isInput := inputError(err); isInput {
			inputErrs = append(inputErrs, pe)
			continue
		}
		if err != nil {
			inputErrs = append(inputErrs, parallax.Errorf(parallax.EINVALID, input, "broken HTTP response in WARC record: %w", err))
			continue
		}
		if !ok {
			continue
		}
		d, err := parseHTML(input, page)
		if err != nil {
			inputErrs = append(inputErrs, err)
			continue
		}
		if id := head.Get("WARC-Record-ID"); id != "" {
			d.ID = strings.Trim(id, "<>")
		}
		if uri := head.Get("WARC-Target-URI"); uri != "" && d.URL == "" {
			d.URL = strings.Trim(uri, "<>")
		}
		pages++
		if stop := emit([]parallax.Document{d}); stop != nil {
			return inputErrs, stop
		}
	}
	if pages == 0 && len(inputErrs) == 0 {
		inputErrs = append(inputErrs, parallax.Errorf(parallax.EINVALID, path, "no HTML page in the WARC file"))
	}
	return inputErrs, nil
}

// readWARCRecord reads the next record: its named fields and its block. It
// returns io.EOF at the end of the input, and a nil block (no error) for a
// record over limit, which it skips.
func readWARCRecord(r *bufio.Reader, limit int64) (http.Header, []byte, error) {
	// Records are separated by blank lines; skip them.
	var version string
	for {
		line, err := warcLine(r)
		if errors.Is(err, errLongLine) {
			return nil, nil, err
		}
		if err != nil {
			if err == io.EOF && strings.TrimSpace(line) == "" {
				return nil, nil, io.EOF
			}
			return nil, nil, cutShort(err, "unexpected end of input")
		}
		if strings.TrimSpace(line) != "" {
			version = strings.TrimSpace(line)
			break
		}
	}
	if !strings.HasPrefix(version, "WARC/") {
		return nil, nil, fmt.Errorf("expected a WARC version line, got %.40q", version)
	}
	head := http.Header{}
	for fields := 0; ; fields++ {
		line, err := warcLine(r)
		if errors.Is(err, errLongLine) {
			return nil, nil, err
		}
		if err != nil {
			return nil, nil, cutShort(err, "unexpected end of the record header")
		}
		if fields > maxWARCFields {
			return nil, nil, fmt.Errorf("more than %d header fields", maxWARCFields)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, nil, fmt.Errorf("bad header line %.40q", line)
		}
		head.Add(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	size, err := strconv.ParseInt(head.Get("Content-Length"), 10, 64)
	if err != nil || size < 0 {
		return nil, nil, fmt.Errorf("bad Content-Length %q", head.Get("Content-Length"))
	}
	if size > limit {
		if _, err := io.CopyN(io.Discard, r, size); err != nil {
			return nil, nil, cutShort(err, "record cut short")
		}
		return head, nil, nil
	}
	block := make([]byte, size)
	if _, err := io.ReadFull(r, block); err != nil {
		return nil, nil, cutShort(err, "record cut short")
	}
	return head, block, nil
}

// cutShort is the error of a record whose reading failed with err: err
// itself when it is an input's error (a bound of inflate), else what.
func cutShort(err error, what string) error {
	if pe, ok := inputError(err); ok {
		return pe
	}
	return errors.New(what)
}

// Bounds of a WARC record's header: the length of one line (the reader's
// buffer) and the number of fields.
const (
	maxWARCLine   = 64 << 10
	maxWARCFields = 1000
)

var errLongLine = fmt.Errorf("a header line longer than %d bytes", maxWARCLine)

// warcLine reads one line of a record's header, at most maxWARCLine bytes
// (the size of the reader's buffer): a longer one fails with errLongLine
// rather than growing without bound (a gzip member can inflate to
// gigabytes with no newline).
func warcLine(r *bufio.Reader) (string, error) {
	line, err := r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		return "", errLongLine
	}
	return string(line), err
}

// httpPage returns the body of an HTTP response block when it is an HTML
// page served with status 200, inflated when its Content-Encoding is gzip
// (to at most maxBytes, else an ETOOLARGE error naming input) and converted
// to UTF-8 from the charset the response declares. A page in another
// content encoding fails with EINVALID.
func httpPage(input string, block []byte, maxBytes int64) ([]byte, bool, error) {
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
	if err != nil {
		return nil, false, err
	}
	defer resp.Body.Close()
	ctype := resp.Header.Get("Content-Type")
	media, _, _ := mime.ParseMediaType(ctype)
	if resp.StatusCode != http.StatusOK || (media != "text/html" && media != "application/xhtml+xml") {
		return nil, false, nil
	}
	body := io.Reader(resp.Body)
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		gz, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, false, parallax.Errorf(parallax.EINVALID, input, "broken gzip body: %w", err)
		}
		body = gz
	default:
		return nil, false, parallax.Errorf(parallax.EINVALID, input, "page in content encoding %q, which this reader does not know", enc)
	}
	body, err = charset.NewReader(body, ctype)
	if err != nil {
		return nil, false, err
	}
	page, err := io.ReadAll(io.LimitReader(body, maxBytes+1))
	if err != nil {
		return nil, false, err
	}
	if int64(len(page)) > maxBytes {
		return nil, false, parallax.Errorf(parallax.ETOOLARGE, input, "page inflating past the limit of %d bytes", maxBytes)
	}
	return page, true, nil
}
