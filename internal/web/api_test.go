package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
)

// TestStoryList pages through the stories one at a time with the cursor
// of each page and the Link header, and filters them.
func TestStoryList(t *testing.T) {
	f := setup(t, Options{}, true, false)
	var seen []int
	path := "/api/v1/stories?limit=1"
	for range 5 {
		a := f.get(t, path)
		var page storyList
		if err := json.Unmarshal([]byte(a.body), &page); err != nil || a.status != 200 {
			t.Fatalf("%s: %d %v %s", path, a.status, err, a.body)
		}
		for _, s := range page.Stories {
			seen = append(seen, s.ID)
			if s.Title == "" || s.Articles == 0 || len(s.Sources) == 0 || s.Version == 0 || s.Updated.IsZero() || s.FirstSeen.IsZero() {
				t.Errorf("story %+v lacks a field", s)
			}
		}
		if page.Next == "" {
			if a.header.Get("Link") != "" {
				t.Errorf("last page with a Link: %s", a.header.Get("Link"))
			}
			break
		}
		link := a.header.Get("Link")
		if !strings.Contains(link, `rel="next"`) || !strings.Contains(link, url.QueryEscape(page.Next)) {
			t.Errorf("Link %q for next %q", link, page.Next)
		}
		path = "/api/v1/stories?limit=1&cursor=" + page.Next
	}
	if len(seen) != 2 || seen[0] == seen[1] {
		t.Errorf("paged through %v, want both stories once", seen)
	}
	var page storyList
	a := f.get(t, "/api/v1/stories?source=bbc+news")
	if err := json.Unmarshal([]byte(a.body), &page); err != nil || len(page.Stories) != 1 || page.Stories[0].ID != f.example {
		t.Errorf("source=bbc news: %s", a.body)
	}
	a = f.get(t, "/api/v1/stories?since=2999-01-01")
	if err := json.Unmarshal([]byte(a.body), &page); err != nil || len(page.Stories) != 0 {
		t.Errorf("since the future: %s", a.body)
	}
}

// TestReads checks the contract of each read of the API.
func TestReads(t *testing.T) {
	f := setup(t, Options{}, true, false)
	w, _ := f.desk.Latest(context.Background(), f.example, false)
	tests := []struct {
		path string
		want []string
	}{
		{"/api/v1/stories/" + itoa(f.example), []string{`"title": "` + w.Brief.Title + `"`, `"off_topic": [`, `"coverage": {`}},
		{"/api/v1/stories/" + itoa(f.example) + "/changes", []string{`"since":0`, `"facts":[{`}},
		{"/api/v1/stories/" + itoa(f.example) + "/changes?since=1", []string{`"since":1`, `"facts":[]`}},
		{"/api/v1/articles/" + url.PathEscape(w.Keys[0]), []string{`"key":"` + w.Keys[0] + `"`, `"text":"`, `"story":` + itoa(f.example)}},
		{"/api/v1/articles/hostile-1", []string{`"key":"hostile-1"`, `"url":"javascript:alert(document.domain)"`}},
		{"/api/v1/search?q=Bukele&limit=2", []string{`"hits":[{`, "«Bukele»"}},
		{"/api/v1/feeds", []string{`{"feeds":[]}`}},
		{"/api/v1/health", []string{`"status":"ok"`, `"articles":7`}},
		{"/api/v1/openapi.json", []string{`"openapi": "3.1.0"`}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			a := f.get(t, tt.path)
			if a.status != 200 || a.header.Get("Content-Type") != "application/json" {
				t.Errorf("%d %q", a.status, a.header.Get("Content-Type"))
			}
			for _, s := range tt.want {
				if !strings.Contains(a.body, s) {
					t.Errorf("lacks %s:\n%.300s", s, a.body)
				}
			}
		})
	}
}

// TestWrites posts articles and feeds with the token: one article joins
// its story, an array is added article by article, an article without id
// gets the key of its identity, a feed is followed once.
func TestWrites(t *testing.T) {
	f := setup(t, Options{}, true, false)
	one := `{"id": "quake-1", "title": "Earthquake of magnitude 6.1 strikes Iran's south", "text": "An earthquake of magnitude 6.1 struck southern Iran on Sunday, damaging hundreds of homes near the port of Bandar Abbas, the state news agency said."}`
	a := f.do(t, http.MethodPost, "/api/v1/articles", one, true)
	if a.status != 201 || !strings.Contains(a.body, `"key":"quake-1"`) || !strings.HasPrefix(a.header.Get("Location"), "/api/v1/stories/") {
		t.Errorf("one article: %d %s %v", a.status, a.body, a.header)
	}
	many := `[{"text": "Floods closed the main road to the capital on Monday after three days of rain, officials said."},` +
		`{"url": "https://example.com/news/1?utm_source=x", "text": "A heatwave brought record temperatures to the south on Sunday, forecasters said."}]`
	a = f.do(t, http.MethodPost, "/api/v1/articles", many, true)
	var out struct {
		Articles []added `json:"articles"`
	}
	if err := json.Unmarshal([]byte(a.body), &out); err != nil || a.status != 201 || len(out.Articles) != 2 {
		t.Fatalf("array: %d %s", a.status, a.body)
	}
	if k := out.Articles[0].Key; !strings.HasPrefix(k, "text:") || out.Articles[0].Story == 0 {
		t.Errorf("an article without id is keyed %q", k)
	}
	if k := out.Articles[1].Key; k != "https://example.com/news/1" {
		t.Errorf("an article with a URL is keyed %q", k)
	}
	if _, err := f.store.Article(context.Background(), out.Articles[0].Key); err != nil {
		t.Errorf("the posted article is not stored under its key: %v", err)
	}
	a = f.do(t, http.MethodPost, "/api/v1/articles", `[`+one+`, {"id": "quake-2", "text": "Aftershocks shook the port of Bandar Abbas overnight, the state news agency said on Monday."}]`, true)
	if a.status != 201 || !strings.Contains(a.body, `"problem":{`) || !strings.Contains(a.body, `"key":"quake-2","story":`) {
		t.Errorf("a repeat in an array: %d %s", a.status, a.body)
	}
	feed := `{"url": "https://example.com/world.rss"}`
	if a = f.do(t, http.MethodPost, "/api/v1/feeds", feed, true); a.status != 201 || !strings.Contains(a.body, `"url":"https://example.com/world.rss"`) {
		t.Errorf("feed: %d %s", a.status, a.body)
	}
	if a = f.get(t, "/api/v1/feeds"); !strings.Contains(a.body, "world.rss") {
		t.Errorf("feeds after adding: %s", a.body)
	}
	if a = f.get(t, "/feeds"); !strings.Contains(a.body, `<span class="health new">new</span>`) {
		t.Errorf("feeds page after adding: %.2000s", a.body)
	}
}

// TestProblems: every error under /api/ is a problem detail with the
// status of its kind, and HTML pages get an HTML error page.
func TestProblems(t *testing.T) {
	f := setup(t, Options{MaxBody: 1 << 10, WriteBurst: 100, WriteRate: 100}, true, false)
	tight := setup(t, Options{WriteBurst: 1, WriteRate: 1e-6}, false, false)
	article := `{"id": "p-1", "text": "A new bridge opened over the river on Friday, the city council said."}`
	f.do(t, http.MethodPost, "/api/v1/feeds", `{"url": "https://example.com/a.rss"}`, true)
	tight.do(t, http.MethodPost, "/api/v1/articles", article, true)
	tests := []struct {
		name, method, path, body string
		token                    bool
		on                       *fixture
		status                   int
		code                     string
	}{
		{"bad id", "GET", "/api/v1/stories/x", "", false, f, 400, parallax.EUSAGE},
		{"bad cursor", "GET", "/api/v1/stories?cursor=zzz", "", false, f, 400, parallax.EUSAGE},
		{"bad limit", "GET", "/api/v1/stories?limit=0", "", false, f, 400, parallax.EUSAGE},
		{"no query", "GET", "/api/v1/search", "", false, f, 400, parallax.EUSAGE},
		{"no token", "POST", "/api/v1/articles", article, false, f, 401, parallax.EUNAUTHORIZED},
		{"no token feed", "POST", "/api/v1/feeds", `{"url": "https://example.com/b.rss"}`, false, f, 401, parallax.EUNAUTHORIZED},
		{"no story", "GET", "/api/v1/stories/999", "", false, f, 404, parallax.ENOTFOUND},
		{"no article", "GET", "/api/v1/articles/nope", "", false, f, 404, parallax.ENOTFOUND},
		{"no route", "GET", "/api/v1/nowhere", "", false, f, 404, parallax.ENOTFOUND},
		{"old route", "GET", "/api/stories", "", false, f, 404, parallax.ENOTFOUND},
		{"method", "DELETE", "/api/v1/stories", "", false, f, 405, "method_not_allowed"},
		{"get a post route", "GET", "/api/v1/articles", "", false, f, 405, "method_not_allowed"},
		{"feed twice", "POST", "/api/v1/feeds", `{"url": "https://example.com/a.rss"}`, true, f, 409, parallax.ECONFLICT},
		{"too large", "POST", "/api/v1/articles", `{"text": "` + strings.Repeat("a", 2<<10) + `"}`, true, f, 413, parallax.ETOOLARGE},
		{"broken", "POST", "/api/v1/articles", `{"id": "x", "text": `, true, f, 422, parallax.EINVALID},
		{"empty", "POST", "/api/v1/articles", `{"id": "y", "text": ""}`, true, f, 422, parallax.EINVALID},
		{"empty array", "POST", "/api/v1/articles", `[]`, true, f, 422, parallax.EINVALID},
		{"bad feed", "POST", "/api/v1/feeds", `{"url": "javascript:alert(1)"}`, true, f, 422, parallax.EINVALID},
		{"too many", "POST", "/api/v1/articles", article, true, tight, 429, parallax.ETOOMANY},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.on.do(t, tt.method, tt.path, tt.body, tt.token)
			var p Problem
			if err := json.Unmarshal([]byte(a.body), &p); err != nil {
				t.Fatalf("%d: not JSON: %s", a.status, a.body)
			}
			if a.status != tt.status || a.header.Get("Content-Type") != "application/problem+json" || p.Status != tt.status ||
				p.Type != problemType(tt.code) || p.Title != http.StatusText(tt.status) || p.Detail == "" || p.Instance != tt.path[:strings.IndexAny(tt.path+"?", "?")] {
				t.Errorf("%d %q %+v, want %d %s", a.status, a.header.Get("Content-Type"), p, tt.status, tt.code)
			}
			switch tt.status {
			case 401:
				if !strings.HasPrefix(a.header.Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("no WWW-Authenticate")
				}
			case 405:
				if a.header.Get("Allow") == "" {
					t.Errorf("no Allow")
				}
			case 429:
				if a.header.Get("Retry-After") == "" {
					t.Errorf("no Retry-After")
				}
			}
		})
	}
	if n, _ := f.store.Count(context.Background()); n != 7 {
		t.Errorf("the refused writes stored articles: %d, want 7", n)
	}
}

// TestNoToken: a server without a token refuses every write (403).
func TestNoToken(t *testing.T) {
	f := setup(t, Options{}, false, false)
	f.s.opts.Token = ""
	if a := f.do(t, http.MethodPost, "/api/v1/feeds", `{"url": "https://example.com/a.rss"}`, true); a.status != http.StatusForbidden {
		t.Errorf("write without a server token: %d %s", a.status, a.body)
	}
}
