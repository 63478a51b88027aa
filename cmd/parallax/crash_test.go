package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// buildBinary builds the parallax command into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "parallax")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// syntheticStream writes n articles of JSON Lines, each its own text,
// grouped in small events.
func syntheticStream(t *testing.T, n int) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	places := []string{"Lisbon", "Nairobi", "Osaka", "Quito", "Tallinn", "Hobart", "Accra", "Bergen"}
	for i := range n {
		ev := i / 4
		place := places[ev%len(places)]
		enc.Encode(map[string]any{
			"id":        fmt.Sprintf("synthetic-%05d", i),
			"title":     fmt.Sprintf("Council of %s votes on plan %d", place, ev),
			"source":    []string{"Example Times", "Daily Example", "Example Wire"}[i%3],
			"published": time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(ev) * time.Hour).Format(time.RFC3339),
			"text": fmt.Sprintf("The council of %s voted on plan %d on Tuesday, report %d says. "+
				"Officials said %d residents attended and the plan will cost %d million. "+
				"Critics in %s called the plan number %d rushed.", place, ev, i, 100+ev%50, 3+ev%9, place, ev),
		})
	}
	path := filepath.Join(t.TempDir(), "stream.jsonl")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// storedCount opens the store as a new process would and checks it.
func storedCount(t *testing.T, db string) int {
	t.Helper()
	st, err := sqlite.Open(context.Background(), db, sqlite.Options{})
	if err != nil {
		t.Fatalf("open after the kill: %v", err)
	}
	defer st.Close()
	if err := st.Check(context.Background()); err != nil {
		t.Fatalf("integrity after the kill: %v", err)
	}
	n, err := st.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var dups int
	if err := st.DB.QueryRow(`SELECT count(*) - count(DISTINCT id) FROM articles`).Scan(&dups); err != nil || dups != 0 {
		t.Fatalf("%d duplicate articles (%v)", dups, err)
	}
	return n
}

// TestIngestKilled kills an ingest with SIGKILL at several moments: the
// store passes its integrity check each time, and a re-run stores exactly
// the articles of the input, none twice.
func TestIngestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests 10,000 articles several times")
	}
	bin := buildBinary(t)
	const n = 10000
	stream := syntheticStream(t, n)
	// Killed at once, after the first batch, half-way, and once every
	// article is stored (while the stories are grouped, or after).
	for _, at := range []int{0, 500, n / 2, n} {
		t.Run(fmt.Sprint(at), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "p.db")
			cmd := exec.Command(bin, "ingest", "--db", db, stream)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitStored(db, at, cmd)
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			before := 0
			if _, err := os.Stat(db); err == nil {
				before = storedCount(t, db)
			}
			t.Logf("killed at %d with %d articles stored", at, before)
			out, err := exec.Command(bin, "ingest", "--db", db, stream).CombinedOutput()
			if err != nil {
				t.Fatalf("re-run: %v\n%s", err, out)
			}
			want := fmt.Sprintf("%d articles read: %d added, 0 updated, %d already stored", n, n-before, before)
			if !strings.Contains(string(out), want) {
				t.Errorf("re-run after %d stored: %s, want %q", before, out, want)
			}
			if got := storedCount(t, db); got != n {
				t.Errorf("after the re-run: %d articles, want %d", got, n)
			}
			assertGrouped(t, db, n)
		})
	}
}

// waitStored waits until the store at db holds at least n articles, or
// the command has ended.
func waitStored(db string, n int, cmd *exec.Cmd) {
	if n == 0 {
		return
	}
	for cmd.ProcessState == nil {
		if conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro"); err == nil {
			var got int
			err := conn.QueryRow(`SELECT count(*) FROM articles`).Scan(&got)
			conn.Close()
			if err == nil && got >= n {
				return
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// assertGrouped checks that every stored article is in a story.
func assertGrouped(t *testing.T, db string, n int) {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var grouped int
	if err := conn.QueryRow(`SELECT count(*) FROM story_articles`).Scan(&grouped); err != nil || grouped != n {
		t.Errorf("%d articles in stories, want %d (%v)", grouped, n, err)
	}
}

// TestIngestInterrupted: SIGINT stops an ingest after its current
// transaction, with a non-zero status, and what it reported is stored.
func TestIngestInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	stream := syntheticStream(t, 10000)
	db := filepath.Join(t.TempDir(), "p.db")
	cmd := exec.Command(bin, "ingest", "--db", db, stream)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The stop comes once the first batch is stored, not while the store
	// is being created.
	waitStored(db, 1, cmd)
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	if err == nil {
		// It may have finished first: then everything is stored.
		if got := storedCount(t, db); got != 10000 {
			t.Errorf("finished with %d articles", got)
		}
		return
	}
	var added int
	for _, line := range strings.Split(out.String(), "\n") {
		if i := strings.Index(line, "articles read: "); i >= 0 {
			fmt.Sscanf(line[i+len("articles read: "):], "%d added", &added)
		}
	}
	if !strings.Contains(out.String(), "stopped") {
		t.Errorf("no word of the stop:\n%s", out.String())
	}
	if got := storedCount(t, db); got != added {
		t.Errorf("reported %d added, %d stored\n%s", added, got, out.String())
	}
}
