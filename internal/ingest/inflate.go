package ingest

import (
	"bufio"
	"compress/gzip"
	"errors"
	"io"

	"github.com/parallax-news/parallax"
)

// maxInflateRatio bounds gzip input: past the input's size limit
// (Options.MaxBytes), its data may inflate to at most this many times the
// compressed bytes read so far. Text, HTML and WARC files inflate some 3 to
// 10 times; a gzip bomb, built to inflate to gigabytes, some 1,000 times.
const maxInflateRatio = 100

// gzipped reports whether the input starts with gzip's magic number.
func gzipped(br *bufio.Reader) bool {
	magic, _ := br.Peek(2)
	return len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b
}

// inflate returns a reader of the data of a gzip input named input (all its
// members, as a .warc.gz holds one a record), bounded as maxInflateRatio
// says: the read that passes the bound fails with an ETOOLARGE
// *parallax.Error naming input and the limit, and so does every read after
// it. It fails with EINVALID when the input is not gzip after all.
func inflate(input string, br *bufio.Reader, maxBytes int64) (*bufio.Reader, error) {
	in := &counter{r: br}
	gz, err := gzip.NewReader(in)
	if err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, input, "broken gzip: %w", err)
	}
	return bufio.NewReaderSize(&inflater{input: input, gz: gz, in: in, floor: maxBytes}, 64<<10), nil
}

// counter counts the bytes read through it.
type counter struct {
	r io.Reader
	n int64
}

// Read reads from the underlying reader and counts what it read.
func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// inflater reads a gzip stream and fails once its data outgrow the bound.
type inflater struct {
	input string
	gz    *gzip.Reader
	in    *counter // the compressed bytes read
	out   int64    // the bytes inflated
	floor int64    // the bytes inflated before the ratio applies
	err   error
}

// Read reads inflated data; see inflate for the bound. A broken gzip
// stream fails with EINVALID.
func (f *inflater) Read(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	n, err := f.gz.Read(p)
	f.out += int64(n)
	if f.out > f.floor && f.out > maxInflateRatio*f.in.n {
		f.err = parallax.Errorf(parallax.ETOOLARGE, f.input,
			"gzip data inflating to more than %d times its compressed size (the limit past %d bytes): a decompression bomb?", maxInflateRatio, f.floor)
		return 0, f.err
	}
	if err != nil && err != io.EOF {
		f.err = parallax.Errorf(parallax.EINVALID, f.input, "broken gzip: %w", err)
		return n, f.err
	}
	return n, err
}

// inputError returns the *parallax.Error that err wraps, if it is one (the
// bound of inflate, a broken gzip stream), so that a reader reports it as
// it is rather than as a broken line or record.
func inputError(err error) (*parallax.Error, bool) {
	var pe *parallax.Error
	return pe, errors.As(err, &pe)
}
