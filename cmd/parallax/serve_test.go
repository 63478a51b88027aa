package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// serveKey is the write token of the servers the tests start, given as
// $PARALLAX_KEY (the older name of $PARALLAX_TOKEN).
const serveKey = "serve-test-key"

// startServe runs `parallax serve args...` on a loopback port and returns
// its address and a function that stops it as Ctrl-C would and returns its
// exit status.
func startServe(t *testing.T, wantStories int, args ...string) (string, func() int) {
	t.Helper()
	addr, _, stop := startServeEnv(t, wantStories, map[string]string{"PARALLAX_KEY": serveKey}, args...)
	return addr, stop
}

// startServeEnv is startServe with the environment env; it also returns
// the line after the start-up line.
func startServeEnv(t *testing.T, wantStories int, env map[string]string, args ...string) (string, string, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: pw, Getenv: func(k string) string { return env[k] }}
	done := make(chan int, 1)
	go func() {
		done <- m.Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
		pw.Close()
	}()
	br := bufio.NewReader(pr)
	line, err := br.ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("no startup line: %v", err)
	}
	addr := regexp.MustCompile(`serving (\d+) stories on (http://[^/]+)/`).FindStringSubmatch(line)
	if addr == nil || addr[1] != strconv.Itoa(wantStories) {
		cancel()
		t.Fatalf("startup line %q, want %d stories", line, wantStories)
	}
	next := ""
	if env["PARALLAX_TOKEN"] == "" && env["PARALLAX_KEY"] == "" {
		next, _ = br.ReadString('\n')
	}
	go io.Copy(io.Discard, br) // drain the log
	return addr[2], next, func() int {
		cancel()
		select {
		case code := <-done:
			return code
		case <-time.After(10 * time.Second):
			t.Fatal("server did not stop")
			return -1
		}
	}
}

// TestServe runs `parallax serve` on a loopback port, asks it for its
// stories, then stops it as Ctrl-C would.
func TestServe(t *testing.T) {
	addr, stop := startServe(t, 1, "../../examples")
	resp, err := http.Get(addr + "/api/v1/stories")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"articles":5`) {
		t.Errorf("GET /api/v1/stories: %d %s", resp.StatusCode, body)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d after shutdown", code)
	}
}

// TestServeStore posts an article to a server backed by a SQLite store,
// restarts it and finds the article's story again: nothing posted is lost.
func TestServeStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "live.db")
	addr, stop := startServe(t, 0, "--db", db)
	body := `{"id": "quake-1", "title": "Earthquake of magnitude 6.1 strikes Iran's south", "text": "An earthquake of magnitude 6.1 struck southern Iran on Sunday, damaging hundreds of homes near the port of Bandar Abbas, the state news agency said."}`
	req, _ := http.NewRequest(http.MethodPost, addr+"/api/v1/articles", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+serveKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST: %d", resp.StatusCode)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d after shutdown", code)
	}
	addr, stop = startServe(t, 1, "--db", db)
	defer stop()
	resp, err = http.Get(addr + "/api/v1/stories")
	if err != nil {
		t.Fatal(err)
	}
	list, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(list), "Earthquake of magnitude 6.1") {
		t.Errorf("after a restart: %s", list)
	}
}

// TestServeFeed starts a server with no article but a feed on a loopback
// address whose item links to the whole article: the page's text is what
// the server stores and shows, and the feed is fetched once.
func TestServeFeed(t *testing.T) {
	var feedRequests atomic.Int32
	var ts *httptest.Server
	ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/world.rss":
			feedRequests.Add(1)
			w.Header().Set("Content-Type", "application/rss+xml")
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example News</title>`+
				`<item><title>Earthquake of magnitude 6.1 strikes Iran's south</title><link>`+ts.URL+`/quake</link>`+
				`<description>An earthquake struck southern Iran on Sunday.</description></item></channel></rss>`)
		case "/quake":
			io.WriteString(w, `<html><head><title>Quake</title></head><body><article><h1>Earthquake strikes Iran's south</h1>`+
				`<p>An earthquake of magnitude 6.1 struck southern Iran on Sunday, damaging hundreds of homes near the port of Bandar Abbas, the state news agency said.</p>`+
				`<p>Rescue teams from Hormozgan province reached the worst-hit villages by nightfall, officials said.</p></article></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer ts.Close()
	addr, stop := startServe(t, 0, "--allow-private", "--feed", ts.URL+"/world.rss", "--every", "1h")
	defer stop()
	var found []byte
	for range 200 { // the first poll runs at start; wait for it
		resp, err := http.Get(addr + "/api/v1/search?q=Hormozgan")
		if err != nil {
			t.Fatal(err)
		}
		found, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(found), ts.URL+"/quake") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(string(found), ts.URL+"/quake") {
		t.Fatalf("the item's page was never stored: %s", found)
	}
	if n := feedRequests.Load(); n != 1 {
		t.Errorf("the feed was fetched %d times at start, want once", n)
	}
}

// TestServeUsage checks that bad serve flags are usage errors naming the
// flag, before anything is read or served.
func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--every", "0s", "--feed", "http://127.0.0.1:9/feed"},
		{"--keep", "-1", "../../examples"},
		{"--feed", "ftp://example.org/feed"},
		{"--window", "soon", "../../examples"},
	} {
		code, _, errOut := run(t, "", append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
		if code != 2 || !strings.Contains(errOut, strings.TrimPrefix(args[0], "--")) {
			t.Errorf("serve %v: exit %d, %q; want 2 naming the flag", args, code, errOut)
		}
	}
	if code, _, errOut := run(t, "", "serve", "--addr", "127.0.0.1:0"); code != 2 || !strings.Contains(errOut, "serve") {
		t.Errorf("serve with nothing to serve: exit %d, %q", code, errOut)
	}
}

// TestServeToken starts a server without a token: it makes one, prints it
// once, and takes writes with it only; without --db its store is a
// temporary one, removed when it stops.
func TestServeToken(t *testing.T) {
	stores := filepath.Join(os.TempDir(), "parallax-serve-*")
	before, _ := filepath.Glob(stores)
	addr, line, stop := startServeEnv(t, 1, nil, "../../examples")
	if during, _ := filepath.Glob(stores); len(during) != len(before)+1 {
		t.Errorf("no temporary store: %v", during)
	}
	token := regexp.MustCompile(`token for writes .*: (\S+)`).FindStringSubmatch(line)
	if token == nil {
		t.Fatalf("no token printed: %q", line)
	}
	body := `{"id": "quake-1", "text": "An earthquake of magnitude 6.1 struck southern Iran on Sunday, the state news agency said."}`
	for _, tt := range []struct {
		token string
		want  int
	}{{"", 401}, {"wrong", 401}, {token[1], 201}} {
		req, _ := http.NewRequest(http.MethodPost, addr+"/api/v1/articles", strings.NewReader(body))
		if tt.token != "" {
			req.Header.Set("Authorization", "Bearer "+tt.token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("token %q: %d, want %d", tt.token, resp.StatusCode, tt.want)
		}
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d after shutdown", code)
	}
	if after, _ := filepath.Glob(stores); len(after) != len(before) {
		t.Errorf("the temporary store was left: %v", after)
	}
}

// TestWritesNote: the start-up line says that a server reached from other
// machines takes writes only with the token.
func TestWritesNote(t *testing.T) {
	for _, tt := range []struct {
		ip   string
		want string
	}{{"127.0.0.1", "writes need the token"}, {"::1", "writes need the token"}, {"0.0.0.0", "reachable from other machines"}, {"192.0.2.7", "reachable from other machines"}} {
		if got := writesNote(&net.TCPAddr{IP: net.ParseIP(tt.ip), Port: 8080}); !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q", tt.ip, got)
		}
	}
}
