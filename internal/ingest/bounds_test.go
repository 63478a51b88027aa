package ingest_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
)

// bomb returns one gzip member that inflates to head followed by size
// bytes of fill, built without inflating it: deflate encodes each further
// MiB of a run the same way, so one MiB's encoding is repeated. (The
// member has no end; it is never read that far.)
func bomb(t testing.TB, head string, fill byte, size int64) []byte {
	t.Helper()
	var z bytes.Buffer
	w, err := flate.NewWriter(&z, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	mib := bytes.Repeat([]byte{fill}, 1<<20)
	w.Write([]byte(head))
	w.Write(mib)
	w.Flush()
	n := z.Len()
	w.Write(mib)
	w.Flush()
	unit := bytes.Clone(z.Bytes()[n:])
	w.Write(mib)
	w.Flush()
	if !bytes.Equal(unit, z.Bytes()[n+len(unit):]) {
		t.Fatal("deflate does not encode a run's MiBs alike: no bomb")
	}
	out := append([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}, z.Bytes()[:n]...)
	for range size>>20 - 1 {
		out = append(out, unit...)
	}
	return out
}

// countingReader counts the bytes read from it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// TestGzipBomb: gzip input that inflates to gigabytes, in one member, with
// or without newlines, is refused after a few MiB, the input and the limit
// named: the bound holds whatever the format inside. Each bomb is some 2
// MB that inflates to 2 GiB; the test checks that a small part of it was
// read, so that neither memory nor time can have grown with the 2 GiB.
func TestGzipBomb(t *testing.T) {
	const gib2 = 2 << 30
	tests := []struct {
		name   string
		gz     []byte
		code   string
		reason string
	}{
		{"WARC record of newlines", bomb(t, "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 2147483648\r\n\r\n", '\n', gib2),
			parallax.ETOOLARGE, "stdin: gzip data inflating to more than 100 times its compressed size (the limit past 1048576 bytes)"},
		{"WARC header without a newline", bomb(t, "WARC/1.0\r\nX-Junk: ", 'A', gib2),
			parallax.EINVALID, "stdin#1: broken WARC record: a header line longer than 65536 bytes"},
		{"JSON Lines without a newline", bomb(t, `{"text":"`, 'A', gib2),
			parallax.ETOOLARGE, "stdin: gzip data inflating to more than 100 times its compressed size"},
		{"JSON Lines of blank lines", bomb(t, `{"text":"A line."}`+"\n", '\n', gib2),
			parallax.ETOOLARGE, "stdin: gzip data inflating to more than 100 times its compressed size"},
		{"HTML page", bomb(t, "<html><body><p>", 'A', gib2),
			parallax.ETOOLARGE, "stdin: gzip data inflating to more than 100 times its compressed size"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := &countingReader{r: bytes.NewReader(tt.gz)}
			docs, err := read(t, ingest.Options{Stdin: in, MaxBytes: 1 << 20}, "-", "testdata/dir/headline.txt")
			if parallax.ErrorCode(err) != tt.code || !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("error %v, want %s %q", err, tt.code, tt.reason)
			}
			if in.n > int64(len(tt.gz))/4 {
				t.Errorf("read %d of the bomb's %d bytes: the bound did not hold", in.n, len(tt.gz))
			}
			if len(docs) == 0 || docs[len(docs)-1].Path != "testdata/dir/headline.txt" {
				t.Errorf("the next input was not read: %d documents", len(docs))
			}
		})
	}
	// A gzip file is read as the file it holds.
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	gz.Write([]byte(`{"id":"a","text":"The council voted."}` + "\n"))
	gz.Close()
	path := filepath.Join(t.TempDir(), "articles.jsonl.gz")
	os.WriteFile(path, b.Bytes(), 0o644)
	docs, err := read(t, ingest.Options{}, path)
	if err != nil || len(docs) != 1 || docs[0].ID != "a" || docs[0].Path != path+":1" {
		t.Errorf("articles.jsonl.gz: %+v %v", docs, err)
	}
}

// repeatReader yields n bytes of b over and over, then rest: a long input
// that is never in memory whole.
type repeatReader struct {
	b    []byte
	n    int64
	rest io.Reader
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return r.rest.Read(p)
	}
	p = p[:min(int64(len(p)), r.n)]
	for k := 0; k < len(p); {
		k += copy(p[k:], r.b)
	}
	r.n -= int64(len(p))
	return len(p), nil
}

// allocated returns the bytes that fn allocated.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestLongLine: a line of 100 MB without a newline fails alone, the limit
// named, the lines after it read; memory grows with the limit, not with
// the line (reading it allocates a few times the limit of 1 MiB, far less
// than the line, which is never in memory whole). A text input is read to
// its limit, not further.
func TestLongLine(t *testing.T) {
	const size = 100 << 20
	var docs []parallax.Document
	var err error
	long := io.MultiReader(strings.NewReader(`{"id":"before","text":"The mayor spoke."}`+"\n"),
		&repeatReader{b: []byte(`{"text":"` + strings.Repeat("word ", 1000)), n: size, rest: strings.NewReader("\n" + `{"id":"after","text":"The council voted."}` + "\n")})
	alloc := allocated(func() {
		docs, err = read(t, ingest.Options{Stdin: long, MaxBytes: 1 << 20}, "-")
	})
	if parallax.ErrorCode(err) != parallax.ETOOLARGE || err.Error() != "stdin:2: line longer than the limit of 1048576 bytes" {
		t.Errorf("error %v", err)
	}
	if len(docs) != 2 || docs[1].ID != "after" || docs[1].Path != "stdin:3" {
		t.Errorf("the lines around the long one: %+v", docs)
	}
	if alloc > 16<<20 {
		t.Errorf("a 100 MB line took %d MB of memory", alloc>>20)
	}
	text := &countingReader{r: &repeatReader{b: []byte("word "), n: size, rest: strings.NewReader("\n")}}
	_, err = read(t, ingest.Options{Stdin: text}, "-")
	if parallax.ErrorCode(err) != parallax.ETOOLARGE || err.Error() != "stdin: larger than the limit of 33554432 bytes" {
		t.Errorf("text error %v", err)
	}
	if text.n > ingest.DefaultMaxBytes+1<<20 {
		t.Errorf("read %d bytes of a text over the limit of %d", text.n, ingest.DefaultMaxBytes)
	}
}

// flatPage returns an HTML page of n paragraphs in one article.
func flatPage(n int, para string) []byte {
	var b bytes.Buffer
	b.WriteString("<html><head><title>Flat</title></head><body><article>")
	for i := range n {
		fmt.Fprintf(&b, "<p>%s %d.</p>", para, i)
	}
	b.WriteString("</article></body></html>")
	return b.Bytes()
}

// TestHostileHTML: a page of 30 MB is read, every paragraph a line; one of
// more elements than the limit, or nested deeper than the parser's, is
// refused, the limit named. A page of 1 MiB of tiny paragraphs goes the
// one-pass way too (see TestHeavy), never through go-trafilatura's
// quadratic join of paragraphs.
func TestHostileHTML(t *testing.T) {
	para := "Mr Bukele said he did not have the power to return Kilmar Abrego Garcia to the United States, report"
	n := 30 << 20 / (len(para) + 16)
	d, err := ingest.DecodeHTML("flat.html", flatPage(n, para))
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(d.Text, "\n") + 1; lines != n || !strings.HasSuffix(d.Text, fmt.Sprintf("%s %d.", para, n-1)) {
		t.Errorf("30 MB page: %d lines, want %d", lines, n)
	}
	tests := []struct {
		name, page, want string
	}{
		{"too many elements", "<html><body><article><p>Words.</p>" + strings.Repeat("<br>", 600_000) + "</article></body></html>",
			"many.html: HTML with more than the limit of 500000 elements"},
		{"nested too deep", "<html><body><article><p>Kept words at the top of the page.</p>" + strings.Repeat("<div>", 600) + "lost" + strings.Repeat("</div>", 600) + "</article></body></html>",
			"deep.html: HTML nested deeper than the limit of 512 elements"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, _, _ := strings.Cut(tt.want, ":")
			_, err := ingest.DecodeHTML(name, []byte(tt.page))
			if parallax.ErrorCode(err) != parallax.ETOOLARGE || err.Error() != tt.want {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

// TestWARCBounds: a record larger than the limit, and a page whose gzip
// body inflates past it, are reported and skipped; the records after them
// are read, a gzip-encoded page among them.
func TestWARCBounds(t *testing.T) {
	page := func(body []byte, encoding string) string {
		head := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
		if encoding != "" {
			head += "Content-Encoding: " + encoding + "\r\n"
		}
		return head + fmt.Sprintf("Content-Length: %d\r\n\r\n", len(body)) + string(body)
	}
	record := func(n int, block string) string {
		return fmt.Sprintf("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%d>\r\nWARC-Target-URI: https://example.org/%d\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", n, n, len(block), block)
	}
	article, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(article)
	w.Close()
	var big bytes.Buffer
	w = gzip.NewWriter(&big)
	w.Write(bytes.Repeat([]byte("<p>Padding.</p>"), 1<<20/15+1))
	w.Close()
	warc := record(1, page(bytes.Repeat([]byte("x"), 1<<20), "")) + record(2, page(big.Bytes(), "gzip")) + record(3, page(gz.Bytes(), "gzip")) + record(4, page(article, "br"))
	docs, err := read(t, ingest.Options{Stdin: strings.NewReader(warc), MaxBytes: 1 << 20}, "-")
	var msgs []string
	for _, e := range unjoin(err) {
		msgs = append(msgs, parallax.ErrorCode(e)+" "+e.Error())
	}
	want := []string{
		"too_large stdin#1: record larger than the limit of 1048576 bytes",
		"too_large stdin#2: page inflating past the limit of 1048576 bytes",
		`invalid stdin#4: page in content encoding "br", which this reader does not know`,
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	if len(docs) != 1 || docs[0].URL == "" || !strings.Contains(docs[0].Text, "Mr Bukele said he did not have the power") {
		t.Errorf("the gzip-encoded page: %+v", docs)
	}
}

func BenchmarkHTML(b *testing.B) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := ingest.DecodeHTML("article.html", page); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHTMLLarge reads a flat page of 4 MB, and one of 1 MiB of tiny
// paragraphs, that go-trafilatura alone takes seconds over.
func BenchmarkHTMLLarge(b *testing.B) {
	for _, bb := range []struct {
		name string
		page []byte
	}{
		{"flat-4MB", flatPage(4<<20/118, "Mr Bukele said he did not have the power to return Kilmar Abrego Garcia to the United States, report")},
		{"tiny-1MiB", flatPage(1<<20/20, "Word")},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(bb.page)))
			for b.Loop() {
				if _, err := ingest.DecodeHTML(bb.name, bb.page); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
