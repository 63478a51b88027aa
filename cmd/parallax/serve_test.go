package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestServe runs `parallax serve` on a loopback port, asks it for its
// stories, then stops it as Ctrl-C would.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: pw}
	done := make(chan int, 1)
	go func() {
		done <- m.Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "../../examples"})
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no startup line: %v", err)
	}
	go io.Copy(io.Discard, pr) // drain the log
	addr := regexp.MustCompile(`serving 1 stories on (http://[^/]+)/`).FindStringSubmatch(line)
	if addr == nil {
		t.Fatalf("startup line %q", line)
	}
	resp, err := http.Get(addr[1] + "/api/stories")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"articles":5`) {
		t.Errorf("GET /api/stories: %d %s", resp.StatusCode, body)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after shutdown", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop")
	}
}
