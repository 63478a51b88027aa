package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/brief"
	"github.com/parallax-news/parallax/parallaxtest"
	"github.com/parallax-news/parallax/web"
)

// server serves the example story as story 7 on a loopback address.
func server(t *testing.T) *httptest.Server {
	t.Helper()
	arts := parallaxtest.Examples(t)
	b := brief.Build(arts, brief.Options{})
	s, err := web.New([]web.Story{{ID: 7, Brief: b, Articles: arts}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string) (int, string, string) {
	t.Helper()
	resp, err := http.Get(url)
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
	srv := server(t)
	tests := []struct {
		path   string
		status int
		ctype  string
		want   []string
	}{
		{"/", 200, "text/html", []string{`<a href="/stories/7">Bukele says won&#39;t return Abrego Garcia</a>`, "5 articles", "BBC News, The Guardian, Reuters, AFP"}},
		{"/stories/7", 200, "text/html", []string{"<h1>Bukele says won&#39;t return Abrego Garcia</h1>", `<a class="src" href="#p0-reuters-`}},
		{"/api/stories", 200, "application/json", []string{`"id":7`, `"articles":5`}},
		{"/api/stories/7", 200, "application/json", []string{`"title": "Bukele says won't return Abrego Garcia"`, `"off_topic": [`}},
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
	resp, err := http.Post(srv.URL+"/api/stories", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/stories: status %d, want 405", resp.StatusCode)
	}
}

func TestAPIContract(t *testing.T) {
	srv := server(t)
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
	if len(list) != 1 || list[0].ID != 7 || list[0].Articles != 5 || len(list[0].Sources) != 5 {
		t.Errorf("stories = %+v", list)
	}
}

func TestDuplicateStory(t *testing.T) {
	if _, err := web.New([]web.Story{{ID: 1}, {ID: 1}}, nil); err == nil {
		t.Error("a repeated story number was accepted")
	}
}

// TestInChromium opens the index in headless Chromium served from a real
// loopback server and checks the story link the browser built, then the
// story page.
func TestInChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed (scripts/test.sh installs Debian's package)")
	}
	srv := server(t)
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
	if index := dump(srv.URL + "/"); !strings.Contains(index, `href="/stories/7"`) {
		t.Errorf("index in the browser lacks the story link:\n%.500s", index)
	}
	if page := dump(srv.URL + "/stories/7"); !strings.Contains(page, "Who said what") || !strings.Contains(page, `class="cite"`) {
		t.Errorf("story page in the browser lacks its sections:\n%.500s", page)
	}
}
