package web

import (
	"context"
	"html/template"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/desk"
	"github.com/parallax-news/parallax/internal/library"
	"github.com/parallax-news/parallax/internal/parallaxtest"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// testToken is the token of the test servers.
const testToken = "t0ken-for-tests"

// fixture is a running server over a real store: SQLite in a temporary
// folder holding the five example reports and the hostile articles of
// testdata/hostile.jsonl, their stories loaded into a desk.
type fixture struct {
	srv   *httptest.Server
	s     *Server
	desk  *desk.Desk
	store *sqlite.DB
	// example and hostile are the numbers of the two stories.
	example, hostile int
}

// setup starts a fixture. With written, every story's brief is written
// first; with run, the desk's background writer runs too.
func setup(t *testing.T, opts Options, written, run bool) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "store.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := library.Ingest(ctx, db, []string{parallaxtest.ExamplesDir(), "testdata/hostile.jsonl"}, library.Options{}); err != nil {
		t.Fatal(err)
	}
	d, err := desk.New(desk.Options{Store: db})
	if err != nil {
		t.Fatal(err)
	}
	if skipped, err := d.Load(ctx); err != nil || skipped != nil {
		t.Fatal(err, skipped)
	}
	f := &fixture{desk: d, store: db}
	list, err := db.Stories(ctx, parallax.StoryFilter{})
	if err != nil || len(list) != 2 {
		t.Fatalf("%d stories (%v), want the example's and the hostile one", len(list), err)
	}
	for _, info := range list {
		if info.Articles == 5 {
			f.example = info.ID
		} else {
			f.hostile = info.ID
		}
		if written {
			if _, _, err := d.Story(ctx, info.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if run {
		ctx, cancel := context.WithCancel(ctx)
		var wg sync.WaitGroup
		wg.Go(func() { d.Run(ctx, 0) })
		t.Cleanup(func() { cancel(); wg.Wait() })
	}
	if opts.Token == "" {
		opts.Token = testToken
	}
	if f.s, err = New(db, d, opts); err != nil {
		t.Fatal(err)
	}
	f.srv = httptest.NewServer(f.s.Handler())
	t.Cleanup(f.srv.Close)
	return f
}

// answer is a response read whole.
type answer struct {
	status int
	header http.Header
	body   string
}

// do sends a request to the fixture's server, with the token when token
// is true.
func (f *fixture) do(t *testing.T, method, path, body string, token bool) answer {
	t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token {
		req.Header.Set("Authorization", "Bearer "+testToken)
	}
	return send(t, req)
}

func send(t *testing.T, req *http.Request) answer {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{resp.StatusCode, resp.Header, string(b)}
}

func (f *fixture) get(t *testing.T, path string) answer {
	t.Helper()
	return f.do(t, http.MethodGet, path, "", false)
}

// TestPages asks for each page and checks what a reader sees in it.
func TestPages(t *testing.T) {
	f := setup(t, Options{}, true, false)
	w, err := f.desk.Latest(context.Background(), f.example, false)
	if err != nil || w.Brief == nil {
		t.Fatal(err)
	}
	reuters := articleURL(w.Keys[2], "")
	headline := template.HTMLEscapeString(w.Brief.Title)
	tests := []struct {
		name, path string
		status     int
		want, not  []string
	}{
		{"front", "/", 200, []string{`<a href="/stories/` + itoa(f.example) + `">` + headline + `</a>`,
			"5 articles", "BBC News, The Guardian, Reuters, AFP", "Sources disagree", `<p class="lead">`, "Nayib Bukele", `name="q"`, `name="since"`}, nil},
		{"front filtered", "/?source=BBC+News&min=2", 200, []string{headline}, []string{"Floods"}},
		{"front past the end", "/?page=9", 200, []string{"No stories", `rel="prev"`}, nil},
		{"story", storyURL(f.example), 200, []string{"<h1>" + headline + "</h1>", "What the outlets agree on", "Where they differ",
			"Who said what", "<h3>Nayib Bukele</h3>", "Key figures", "Timeline", "Coverage", `<details><summary>`, "The articles",
			`<a class="cite" href="` + reuters + `#c-`}, nil},
		{"story changes", storyURL(f.example) + "?since=1", 200, []string{"What changed since version 1", "Nothing changed."}, nil},
		{"article", reuters, 200, []string{"Reuters", `<mark class="cite" id="c-`, `<del class="removed" title="cut while cleaning: metadata">`,
			"Part of the story"}, nil},
		{"search", "/search?q=Bukele", 200, []string{"<mark>Bukele</mark>", `href="/articles/`}, nil},
		{"search empty", "/search", 200, []string{`<h1>Search</h1>`}, []string{"Nothing found"}},
		{"feeds", "/feeds", 200, []string{"No feed is followed"}, nil},
		{"asset", "/assets/style.css", 200, []string{"prefers-color-scheme: dark"}, nil},
		{"no story", "/stories/999", 404, []string{"404 Not Found", "no story 999"}, nil},
		{"bad story", "/stories/x", 400, []string{"400 Bad Request"}, nil},
		{"no article", "/articles/nope", 404, []string{"no article"}, nil},
		{"no page", "/nowhere", 404, []string{"no such page"}, nil},
		{"bad since", "/?since=soon", 400, []string{"want a duration"}, nil},
		{"bad query", `/search?q="open`, 400, []string{"400 Bad Request"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := f.get(t, tt.path)
			if a.status != tt.status {
				t.Errorf("status %d, want %d", a.status, tt.status)
			}
			if ct := a.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/") {
				t.Errorf("content type %q", ct)
			}
			for _, w := range tt.want {
				if !strings.Contains(a.body, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(a.body, w) {
					t.Errorf("has %q", w)
				}
			}
		})
	}
}

// TestCitationOpensSentence follows a citation of the summary to the
// article page and finds the cited words there under the link's anchor.
func TestCitationOpensSentence(t *testing.T) {
	f := setup(t, Options{}, true, false)
	w, _ := f.desk.Latest(context.Background(), f.example, false)
	first := w.Brief.Summary[0]
	c := first.Cites[0]
	var key string
	for i, s := range w.Brief.Sources {
		if s.ID == c.Source {
			key = w.Keys[i]
		}
	}
	page := f.get(t, articleURL(key, ""))
	anchor := `<mark class="cite" id="` + citeAnchor(c.Start, c.End) + `">`
	i := strings.Index(page.body, anchor)
	if i < 0 {
		t.Fatalf("the article page has no anchor %s", anchor)
	}
	if rest := page.body[i+len(anchor):]; !strings.HasPrefix(rest, escapeText(first.Text[:20])) {
		t.Errorf("the anchor holds %.80q, want the cited sentence %.80q", rest, first.Text)
	}
}

// escapeText escapes s as html/template writes text.
func escapeText(s string) string {
	return strings.NewReplacer("'", "&#39;", `"`, "&#34;", "<", "&lt;", ">", "&gt;", "&", "&amp;").Replace(s)
}

// TestHostile: titles, outlets and URLs of articles that hold markup and
// script are shown as text, a javascript: address never becomes a link,
// and quotes do not break out of attributes.
func TestHostile(t *testing.T) {
	f := setup(t, Options{}, true, false)
	a, err := f.store.Article(context.Background(), "hostile-1")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", storyURL(f.hostile), articleURL(a.Key, ""), "/search?q=floods", "/feed.atom", "/search.atom?q=floods"} {
		t.Run(path, func(t *testing.T) {
			body := f.get(t, path).body
			for _, bad := range []string{"<script", "<img src=x", `href="javascript:`, `href="javascript%3a`, `" onmouseover="`, "<b>bold</b>", "#ZgotmplZ"} {
				if strings.Contains(body, bad) {
					t.Errorf("has %q", bad)
				}
			}
			if !strings.Contains(body, "Floods") {
				t.Errorf("the hostile story is not shown:\n%.300s", body)
			}
		})
	}
	if body := f.get(t, articleURL(a.Key, "")).body; !strings.Contains(body, "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;") {
		t.Errorf("the hostile title is not shown as text")
	}
}

// TestStaleBrief: once an article joins a story, its page is served at
// once from the brief written before, saying that a new one is being
// written, and the page request writes no brief.
func TestStaleBrief(t *testing.T) {
	f := setup(t, Options{}, true, false)
	before := f.get(t, storyURL(f.example))
	post := `{"id": "ap-1", "source": "AP", "title": "Bukele says he won't send mistakenly deported man back to US",` +
		` "text": "El Salvador's President Nayib Bukele said Monday he would not return Kilmar Abrego Garcia, a man mistakenly deported from the United States, as he met President Donald Trump at the White House.\n\nBukele called the question of returning him preposterous in the Oval Office meeting with Trump."}`
	if a := f.do(t, http.MethodPost, "/api/v1/articles", post, true); a.status != http.StatusCreated || !strings.Contains(a.body, `"story":`+itoa(f.example)) {
		t.Fatalf("post: %d %s", a.status, a.body)
	}
	after := f.get(t, storyURL(f.example))
	if after.status != 200 || !strings.Contains(after.body, "the brief of the newer articles is being written") || !strings.Contains(after.body, "6 articles") {
		t.Errorf("after a post the page is not the earlier brief with a notice:\n%.2000s", after.body)
	}
	if w, _ := f.desk.Latest(context.Background(), f.example, false); w.Current || len(w.Brief.Sources) != 5 {
		t.Errorf("a page request wrote the brief: current %v, %d sources", w.Current, len(w.Brief.Sources))
	}
	if before.body == after.body {
		t.Error("the page did not change")
	}
}

// TestPending: while a story's first brief is written, its page says so
// and reloads, and the API answers 503 with Retry-After.
func TestPending(t *testing.T) {
	f := setup(t, Options{BriefWait: 1}, false, false)
	a := f.get(t, storyURL(f.example))
	if a.status != 200 || !strings.Contains(a.body, "is being written") || !strings.Contains(a.body, `http-equiv="refresh"`) {
		t.Errorf("pending page: %d\n%.1500s", a.status, a.body)
	}
	api := f.get(t, "/api/v1/stories/"+itoa(f.example))
	if api.status != http.StatusServiceUnavailable || api.header.Get("Retry-After") == "" || api.header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("API while pending: %d %v %s", api.status, api.header, api.body)
	}
}

// TestBackgroundBrief: with the desk's writer running, a story's page
// waits for its first brief and shows it.
func TestBackgroundBrief(t *testing.T) {
	f := setup(t, Options{BriefWait: 60e9}, false, true)
	if a := f.get(t, storyURL(f.example)); a.status != 200 || !strings.Contains(a.body, "Who said what") {
		t.Errorf("story page: %d %.500s", a.status, a.body)
	}
}
