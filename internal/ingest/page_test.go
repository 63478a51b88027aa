package ingest

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHeavy: a page below MaxExtractBytes goes the one-pass way when it
// has too many elements, or paragraphs times text (the cost of
// go-trafilatura's join of paragraphs); an article page does not.
func TestHeavy(t *testing.T) {
	article, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	tiny := func(n int, p string) []byte {
		var b bytes.Buffer
		b.WriteString("<html><body><article>")
		for i := range n {
			fmt.Fprintf(&b, p, i)
		}
		return b.Bytes()
	}
	long := strings.Repeat("Mr Bukele said he did not have the power to return him. ", 3)
	tests := []struct {
		name  string
		page  []byte
		heavy bool
	}{
		{"article", article, false},
		{"1 MiB of tiny paragraphs", tiny(1<<20/24, "<p>Word %d said.</p>"), true},
		{"4,000 paragraphs of 170 bytes", tiny(4000, "<p>"+long+"%d</p>"), true},
		{"1,000 paragraphs of 170 bytes", tiny(1000, "<p>"+long+"%d</p>"), false},
		{"30,000 links", tiny(30_000, `<a href="/%d">Link</a> `), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.page) > MaxExtractBytes {
				t.Fatalf("a page of %d bytes: over MaxExtractBytes", len(tt.page))
			}
			root, err := html.Parse(bytes.NewReader(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if p := readPage(root); p.heavy() != tt.heavy {
				t.Errorf("heavy() = %v with %d elements, %d paragraphs, %d bytes of text", p.heavy(), p.elements, p.paragraphs, p.text)
			}
		})
	}
}
