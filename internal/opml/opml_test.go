package opml

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestRead(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "freshrss.opml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := Read("freshrss.opml", f)
	if err != nil {
		t.Fatal(err)
	}
	want := []Feed{
		{URL: "https://feeds.bbci.co.uk/news/world/rss.xml", Title: "BBC News - World", Site: "https://www.bbc.co.uk/news/world"},
		{URL: "https://www.theguardian.com/world/rss", Title: "The Guardian & World", Site: "https://www.theguardian.com/world"},
		{URL: "https://apnews.com/index.rss", Title: "AP Top News", Site: "https://apnews.com/"},
		{URL: "https://www.reutersagency.com/feed/?best-regions=americas", Title: "Reuters Americas"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("feeds (-want +got):\n%s", diff)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, input string
		code, msg   string
	}{
		{"not xml", "feeds, one a line", parallax.EINVALID, "not an OPML file"},
		{"rss instead", `<rss version="2.0"><channel><title>x</title></channel></rss>`, parallax.EINVALID, "not an OPML file"},
		{"no feed", `<opml version="2.0"><body><outline text="empty folder"/></body></opml>`, parallax.EINVALID, "lists no feed"},
		{"too large", `<opml version="2.0"><body>` + strings.Repeat(" ", MaxBytes) + `</body></opml>`, parallax.ETOOLARGE, "over"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("in.opml", strings.NewReader(tt.input))
			if parallax.ErrorCode(err) != tt.code || !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), "in.opml: ") {
				t.Errorf("got %v, want %s naming in.opml and saying %q", err, tt.code, tt.msg)
			}
		})
	}
}

// TestWrite checks the file written against a golden file, and that it
// reads back as the feeds written.
func TestWrite(t *testing.T) {
	feeds := []Feed{
		{URL: "https://feeds.bbci.co.uk/news/world/rss.xml", Title: "BBC News - World", Site: "https://www.bbc.co.uk/news/world"},
		{URL: "https://example.org/feed?a=1&b=2", Title: `Quotes "and" <tags>`},
		{URL: "https://untitled.example/atom"},
	}
	var buf bytes.Buffer
	if err := Write(&buf, "Parallax feeds", feeds); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "written.opml")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("written (-golden +got):\n%s", diff)
	}
	back, err := Read("written.opml", &buf)
	if err != nil {
		t.Fatal(err)
	}
	feeds[2].Title = "https://untitled.example/atom" // a feed with no title is named by its address
	if diff := cmp.Diff(feeds, back); diff != "" {
		t.Errorf("read back (-written +read):\n%s", diff)
	}
}
