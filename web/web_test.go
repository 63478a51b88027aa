package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/desk"
	"github.com/parallax-news/parallax/parallaxtest"
	"github.com/parallax-news/parallax/web"
)

// server serves the example story, added to a desk, on a loopback address.
func server(t *testing.T) (*httptest.Server, *desk.Desk) {
	t.Helper()
	d, err := desk.New(desk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var docs []parallax.Document
	for _, a := range parallaxtest.Examples(t) {
		docs = append(docs, a.Document)
	}
	if err := d.AddAll(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	s, err := web.New(d, web.Options{WriteKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv, d
}

// get and post return the status, content type and body of a request.
func get(t *testing.T, url string) (int, string, string) {
	t.Helper()
	resp, err := http.Get(url)
	return read(t, resp, err)
}

// testKey is the write key of the test servers.
const testKey = "k3y-for-tests"

func post(t *testing.T, url, body string) (int, string) {
	t.Helper()
	return postKey(t, url, body, testKey)
}

func postKey(t *testing.T, url, body, key string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	status, _, b := read(t, resp, err)
	return status, b
}

// TestWritesNeedKey: a post without the key, or with another, is refused
// and adds nothing; a server without a key refuses every write; every
// answer carries the security headers.
func TestWritesNeedKey(t *testing.T) {
	srv, d := server(t)
	body := `{"id": "x-1", "title": "Attacker headline", "text": "An attacker's text that should never be stored by the server."}`
	for _, key := range []string{"", "wrong"} {
		if status, b := postKey(t, srv.URL+"/api/articles", body, key); status != http.StatusUnauthorized || !strings.Contains(b, "key") {
			t.Errorf("post with key %q: %d %s", key, status, b)
		}
	}
	if d.Len() != 5 {
		t.Errorf("desk holds %d articles, want the 5 examples", d.Len())
	}
	dd, _ := desk.New(desk.Options{})
	s, _ := web.New(dd, web.Options{})
	ro := httptest.NewServer(s.Handler())
	defer ro.Close()
	if status, _ := postKey(t, ro.URL+"/api/articles", body, testKey); status != http.StatusForbidden {
		t.Errorf("post to a server without a key: %d, want 403", status)
	}
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
}

func read(t *testing.T, resp *http.Response, err error) (int, string, string) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(body)
}

func TestRoutes(t *testing.T) {
	srv, d := server(t)
	d.Warm(context.Background()) // the index then shows the brief's headline
	tests := []struct {
		path   string
		status int
		ctype  string
		want   []string
	}{
		{"/", 200, "text/html", []string{`<a href="/stories/1">Bukele says won&#39;t return Abrego Garcia</a>`, "5 articles", "BBC News, The Guardian, Reuters, AFP"}},
		{"/stories/1", 200, "text/html", []string{"<h1>Bukele says won&#39;t return Abrego Garcia</h1>", `<a class="src" href="#p0-reuters-`}},
		{"/api/stories", 200, "application/json", []string{`"id":1`, `"articles":5`}},
		{"/api/stories/1", 200, "application/json", []string{`"title": "Bukele says won't return Abrego Garcia"`, `"off_topic": [`}},
		{"/stories/8", 404, "text/plain", []string{"/stories/8: no story 8"}},
		{"/api/stories/x", 400, "application/json", []string{`{"error":"/api/stories/x: story id \"x\" is not a number"}`}},
		{"/nowhere", 404, "text/plain", []string{"/nowhere: no such page"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			status, ctype, body := get(t, srv.URL+tt.path)
			if status != tt.status || !strings.HasPrefix(ctype, tt.ctype) {
				t.Errorf("status %d %q, want %d %q", status, ctype, tt.status, tt.ctype)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q:\n%.400s", w, body)
				}
			}
		})
	}
	resp, err := http.Post(srv.URL+"/api/stories", "application/json", strings.NewReader("{}")) // not a route for POST
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/stories: status %d, want 405", resp.StatusCode)
	}
}

func TestAPIContract(t *testing.T) {
	srv, _ := server(t)
	_, _, body := get(t, srv.URL+"/api/stories")
	var list []struct {
		ID       int    `json:"id"`
		Title    string `json:"title"`
		Articles int    `json:"articles"`
		Sources  []struct {
			ID string `json:"id"`
		} `json:"sources"`
	}
	if err := json.Unmarshal([]byte(body), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != 1 || list[0].Articles != 5 || len(list[0].Sources) != 5 || list[0].Sources[0].ID != "bbc" {
		t.Errorf("stories = %+v", list)
	}
}

// TestAddArticle posts articles to a running server: a report of the same
// event joins the example story and its brief is written again with it; a
// report of other news starts a story of its own; a repeat, a broken
// record, an empty article and an oversized body are refused with the
// status of their error.
func TestAddArticle(t *testing.T) {
	srv, d := server(t)
	before := get3(t, srv.URL+"/api/stories/1")
	same := `{"id": "ap-1", "source": "AP", "title": "Bukele says he won't send mistakenly deported man back to US",` +
		` "text": "El Salvador's President Nayib Bukele said Monday he would not return Kilmar Abrego Garcia, a man mistakenly deported from the United States, as he met President Donald Trump at the White House.\n\nThe Supreme Court has said the Trump administration must facilitate the return of Abrego Garcia, who lived in Maryland.\n\nBukele called the question of returning him preposterous in the Oval Office meeting with Trump."}`
	status, body := post(t, srv.URL+"/api/articles", same)
	if status != http.StatusCreated || !strings.Contains(body, `"story":1`) {
		t.Fatalf("POST same event: %d %s", status, body)
	}
	after := get3(t, srv.URL+"/api/stories/1")
	if before == after || !strings.Contains(after, `"name": "AP"`) {
		t.Errorf("the brief of story 1 does not list the new source:\n%.600s", after)
	}
	other := `{"id": "quake-1", "title": "Earthquake of magnitude 6.1 strikes Iran's south", "text": "An earthquake of magnitude 6.1 struck southern Iran on Sunday, damaging hundreds of homes in villages near the port of Bandar Abbas, the state news agency said.\n\nRescue teams were sent to the area and no deaths had been reported by nightfall, officials said."}`
	status, body = post(t, srv.URL+"/api/articles", other)
	if status != http.StatusCreated || strings.Contains(body, `"story":1`) {
		t.Fatalf("POST other news: %d %s", status, body)
	}
	_, _, list := get(t, srv.URL+"/api/stories")
	if !strings.Contains(list, `"articles":6`) || !strings.Contains(list, `Earthquake of magnitude 6.1`) {
		t.Errorf("story list after posts: %s", list)
	}
	if d.Len() != 7 {
		t.Errorf("desk holds %d articles, want 7", d.Len())
	}
	for _, tt := range []struct {
		name, body string
		status     int
		want       string
	}{
		{"repeat", same, 422, "already added"},
		{"broken", `{"id": "x", "text": `, 422, "/api/articles"},
		{"empty", `{"id": "y", "text": ""}`, 422, "no text"},
		{"oversized", `{"id": "z", "text": "` + strings.Repeat("a", 11<<20) + `"}`, 413, "over"},
	} {
		status, body := post(t, srv.URL+"/api/articles", tt.body)
		if status != tt.status || !strings.Contains(body, tt.want) || !strings.HasPrefix(body, `{"error":`) {
			t.Errorf("%s: %d %.200s; want %d mentioning %q", tt.name, status, body, tt.status, tt.want)
		}
	}
}

// get3 returns the body of a GET.
func get3(t *testing.T, url string) string {
	t.Helper()
	_, _, body := get(t, url)
	return body
}

// TestInChromium opens the index in headless Chromium served from a real
// loopback server and checks the story link the browser built, then the
// story page.
func TestInChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed (scripts/test.sh installs Debian's package)")
	}
	srv, _ := server(t)
	dump := func(url string) string {
		cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--user-data-dir="+t.TempDir(), "--dump-dom", url)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("chromium %s: %v", url, err)
		}
		return string(out)
	}
	if index := dump(srv.URL + "/"); !strings.Contains(index, `href="/stories/1"`) {
		t.Errorf("index in the browser lacks the story link:\n%.500s", index)
	}
	if page := dump(srv.URL + "/stories/1"); !strings.Contains(page, "Who said what") || !strings.Contains(page, `class="cite"`) {
		t.Errorf("story page in the browser lacks its sections:\n%.500s", page)
	}
}

// TestPostWithoutID: articles posted without an id get their identity,
// and a second one is not refused as the first again.
func TestPostWithoutID(t *testing.T) {
	srv, _ := server(t)
	for _, text := range []string{
		"An earthquake of magnitude 6.1 struck southern Iran on Sunday, damaging hundreds of homes.",
		"Floods closed the main road to the capital on Monday after three days of rain, officials said.",
	} {
		status, body := post(t, srv.URL+"/api/articles", `{"text": "`+text+`"}`)
		if status != http.StatusCreated || strings.Contains(body, "/api/articles") || !strings.Contains(body, `"id":"text:`) {
			t.Errorf("post: %d %s", status, body)
		}
	}
}
