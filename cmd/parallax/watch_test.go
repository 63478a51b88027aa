package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
)

// newsSite serves two feeds on loopback, /world.xml and /broken.xml (a
// 503), whose items link to article pages made from the example reports.
func newsSite(t *testing.T) *httptest.Server {
	t.Helper()
	names, err := filepath.Glob("../../examples/*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("examples: %v", err)
	}
	pages := map[string]string{}
	var items strings.Builder
	for i, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		var paras []string
		for _, line := range strings.Split(string(b), "\n") {
			if line = strings.TrimSpace(line); len(strings.Fields(line)) > 6 {
				paras = append(paras, "<p>"+escape(line)+"</p>")
			}
		}
		path := fmt.Sprintf("/news/%d", i+1)
		pages[path] = "<html><head><title>Report " + path + "</title></head><body><article>" + strings.Join(paras, "") + "</article></body></html>"
		fmt.Fprintf(&items, "<item><title>Report %d</title><link>{{base}}%s</link><description>%s</description></item>", i+1, path, escape(paras[0]))
	}
	var ts *httptest.Server
	ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch p := r.URL.Path; {
		case p == "/world.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>`+
				strings.ReplaceAll(items.String(), "{{base}}", ts.URL)+`</channel></rss>`)
		case p == "/broken.xml":
			w.WriteHeader(http.StatusServiceUnavailable)
		case pages[p] != "":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, pages[p])
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(ts.Close)
	return ts
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// TestFeedsAndWatch follows feeds from an OPML file, polls them once into
// a store, and checks what the store and `feeds list` say: the articles
// with their pages' text in stories, the failing feed's reason, a second
// poll that stores nothing new.
func TestFeedsAndWatch(t *testing.T) {
	ts := newsSite(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	list := filepath.Join(dir, "feeds.opml")
	opml := fmt.Sprintf(`<?xml version="1.0"?><opml version="2.0"><body><outline text="News">`+
		`<outline text="World" xmlUrl="%s/world.xml"/><outline text="Broken" xmlUrl="%s/broken.xml"/></outline></body></opml>`, ts.URL, ts.URL)
	if err := os.WriteFile(list, []byte(opml), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, "", "feeds", "import", "--db", db, list); code != 0 || !strings.Contains(errOut, "2 feeds added") {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	if code, _, errOut := run(t, "", "watch", "--db", db, "--once", "--rate", "100"); code != 1 || !strings.Contains(errOut, "127.0.0.1") || !strings.Contains(errOut, "--allow-private") {
		t.Errorf("watch of loopback feeds without --allow-private: exit %d: %s", code, errOut)
	}
	code, _, errOut := run(t, "", "watch", "--db", db, "--once", "--allow-private", "--rate", "100")
	if code != 1 || !strings.Contains(errOut, ts.URL+"/broken.xml") || !strings.Contains(errOut, "5 articles stored") {
		t.Errorf("watch --once: exit %d, want 1 (a feed failed): %s", code, errOut)
	}
	_, out, _ := run(t, "", "feeds", "list", "--db", db, "--format", "json")
	var feeds []parallax.Feed
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var f parallax.Feed
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("feeds list: %v in %q", err, line)
		}
		feeds = append(feeds, f)
	}
	if len(feeds) != 2 || feeds[0].Items != 5 || feeds[0].Title != "World" || feeds[0].LastSuccess.IsZero() ||
		feeds[1].Failures != 2 || !strings.Contains(feeds[1].LastError, "503") {
		t.Errorf("feeds after the polls: %+v", feeds)
	}
	code, out, errOut = run(t, "", "search", "--db", db, "--format", "json", "Bukele")
	if code != 0 || !strings.Contains(out, ts.URL+"/news/") {
		t.Errorf("search of the watched articles: exit %d: %s %s", code, out, errOut)
	}
	if code, out, _ := run(t, "", "stories", "--db", db, "--format", "json"); code != 0 || !strings.Contains(out, `"articles":`) {
		t.Errorf("stories after watch: exit %d: %s", code, out)
	}
	if code, _, errOut := run(t, "", "watch", "--db", db, "--once", "--allow-private", "--rate", "100"); code != 1 || !strings.Contains(errOut, "0 articles stored") {
		t.Errorf("second watch --once: exit %d: %s", code, errOut)
	}
	if code, _, errOut := run(t, "", "feeds", "remove", "--db", db, ts.URL+"/broken.xml"); code != 0 {
		t.Errorf("remove: exit %d: %s", code, errOut)
	}
	if code, _, errOut := run(t, "", "watch", "--db", db, "--once", "--allow-private"); code != 0 {
		t.Errorf("watch with the broken feed removed: exit %d: %s", code, errOut)
	}
	out = filepath.Join(dir, "out.opml")
	if code, _, errOut := run(t, "", "feeds", "export", "--db", db, out); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(out); !strings.Contains(string(b), ts.URL+"/world.xml") || strings.Contains(string(b), "broken") {
		t.Errorf("exported: %s", b)
	}
}
