package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// run runs the program with args and returns its exit status and streams.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	// No test reads the user's own store: the default one is in a new
	// folder of each run.
	data := t.TempDir()
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Getenv: func(k string) string {
		if k == "XDG_DATA_HOME" {
			return data
		}
		return ""
	}}
	code := m.Run(context.Background(), args)
	return code, out.String(), errOut.String()
}

func TestBriefFormats(t *testing.T) {
	tests := []struct {
		format string
		want   []string
	}{
		{"md", []string{"# ", "## Summary", "## Cut while cleaning", "[reuters", "## Left out as off-topic"}},
		{"html", []string{"<!doctype html>", `<a id="p0-reuters-`, `href="#p0-reuters-`, "Left out as off-topic"}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			code, out, errOut := run(t, "", "brief", "--format", tt.format, "../../examples")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q", w)
				}
			}
		})
	}
}

func TestBriefJSONContract(t *testing.T) {
	code, out, errOut := run(t, "", "brief", "--format", "json", "--words", "250", "../../examples")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var b map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"title", "sources", "summary", "agreed", "exclusive", "quotes", "figures", "conflicts", "entities", "timeline", "off_topic", "removed"} {
		if _, ok := b[key]; !ok {
			t.Errorf("JSON lacks %q", key)
		}
	}
	var sum []struct {
		Text    string   `json:"text"`
		Sources []string `json:"sources"`
		Cites   []struct {
			Source     string
			Start, End int
		} `json:"cites"`
	}
	if err := json.Unmarshal(b["summary"], &sum); err != nil {
		t.Fatal(err)
	}
	words := 0
	for _, s := range sum {
		words += len(strings.Fields(s.Text))
		if len(s.Sources) == 0 || len(s.Cites) == 0 {
			t.Errorf("summary sentence without sources: %+v", s)
		}
	}
	if words > 250 || words < 150 {
		t.Errorf("summary has %d words, want close to the budget of 250", words)
	}
}

func TestBriefStdin(t *testing.T) {
	in := `{"id":"a","source":"Reuters","text":"El Salvador's president Nayib Bukele said on Monday he had no plans to return a man mistakenly deported from the United States."}
{"id":"b","source":"AFP","text":"El Salvador's President Nayib Bukele assured Donald Trump on Monday that he would not return a man mistakenly deported from the US."}
`
	code, out, errOut := run(t, in, "brief", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "[reuters, afp]") {
		t.Errorf("the shared fact is not tagged with both sources:\n%s", out)
	}
}

func TestExitStatus(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
		stdout string
	}{
		{"no command", nil, 2, "usage: parallax", ""},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`, ""},
		{"bad flag", []string{"brief", "--colour", "x"}, 2, "flag provided but not defined", ""},
		{"bad format", []string{"brief", "--format", "pdf", "../../examples"}, 2, `unknown format "pdf"`, ""},
		{"no input", []string{"brief"}, 2, "no input", ""},
		{"one input missing", []string{"brief", "../../examples", "nope.txt"}, 1, "parallax: nope.txt: no such file or directory", "## Summary"},
		{"broken input", []string{"brief", "../../internal/ingest/testdata/latin1.txt", "../../examples/003_f56425b79f3ec3ce.txt"}, 1, "latin1.txt: invalid UTF-8 at byte 11", "## Summary"},
		{"nothing readable", []string{"brief", "../../internal/ingest/testdata/empty.txt"}, 1, "empty article", ""},
		{"no body", []string{"brief", "testdata/one-word.txt"}, 1, "testdata/one-word.txt: no article with a body to brief (the longest has 1 of the 20 words", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr %q lacks %q", errOut, tt.stderr)
			}
			if tt.stdout != "" && !strings.Contains(out, tt.stdout) {
				t.Errorf("stdout lacks %q: the good inputs were not briefed", tt.stdout)
			}
		})
	}
}

func TestEvalSummary(t *testing.T) {
	code, out, errOut := run(t, "", "eval", "summary", "--json", "testdata/summary-set.jsonl")
	if code != 1 {
		t.Errorf("exit %d, want 1 for the broken line", code)
	}
	if !strings.Contains(errOut, "summary-set.jsonl:2: broken JSON") {
		t.Errorf("stderr %q does not name the broken line", errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want a line for the set and one for the mean, got:\n%s", out)
	}
	var mean struct {
		Sets int     `json:"sets"`
		R2   float64 `json:"rouge2_recall"`
		R1   float64 `json:"rouge1_recall"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &mean); err != nil {
		t.Fatal(err)
	}
	// The references were written from the same five reports: a summary that
	// shares little with them has gone wrong.
	if mean.Sets != 1 || mean.R1 < 0.35 || mean.R2 < 0.08 {
		t.Errorf("mean = %+v, want one set with R1 ≥ 0.35 and R2 ≥ 0.08", mean)
	}
}

func TestExtract(t *testing.T) {
	code, out, errOut := run(t, "", "extract", "../../internal/ingest/testdata/article.html")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	paras := strings.Split(strings.TrimSpace(out), "\n\n")
	if len(paras) != 6 || !strings.HasPrefix(paras[5], "Mr Bukele said he did not have the power") {
		t.Errorf("want the headline and five paragraphs, got %d:\n%s", len(paras), out)
	}
	code, out, errOut = run(t, "", "extract", "--format", "json", "../../examples/002_a2dff19a86e212a7.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var e struct {
		Site, Published, Text string
		Removed               []struct{ Reason, Text string }
	}
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatal(err)
	}
	if e.Site != "Reuters" || e.Published != "2025-04-14T00:00:00Z" || strings.Contains(e.Text, "Photograph:") || strings.Contains(e.Text, "– Reuters") {
		t.Errorf("extract json = %+v", e)
	}
	if len(e.Removed) != 4 {
		t.Errorf("removed = %+v, want metadata, caption, credit and agency tail", e.Removed)
	}
}

func TestIngestAndDigestFromStore(t *testing.T) {
	db := t.TempDir() + "/parallax.db"
	code, out, errOut := run(t, "", "ingest", "--db", db, "../../examples")
	if code != 0 || !strings.Contains(out, "5 articles read: 5 added, 0 updated, 0 already stored; 1 stories") {
		t.Fatalf("first ingest: exit %d, %q %q", code, out, errOut)
	}
	code, out, _ = run(t, "", "ingest", "--db", db, "../../examples", "../../internal/ingest/testdata/latin1.txt")
	if code != 1 || !strings.Contains(out, "5 articles read: 0 added, 0 updated, 5 already stored, 1 inputs failed; 1 stories") {
		t.Errorf("second ingest: exit %d, %q", code, out)
	}
	code, out, errOut = run(t, "", "digest", "--db", db)
	if code != 0 || !strings.Contains(out, "# Digest: 1 stories") || !strings.Contains(out, "(story 1, 5 articles)") {
		t.Errorf("digest from the store: exit %d, %q\n%.300s", code, errOut, out)
	}
}

// TestIngestPostgres stores the examples in PostgreSQL when the test script
// provides one, and never prints the password.
func TestIngestPostgres(t *testing.T) {
	url := os.Getenv("PARALLAX_POSTGRES_URL")
	if url == "" {
		t.Skip("PARALLAX_POSTGRES_URL not set (scripts/test.sh starts PostgreSQL and sets it)")
	}
	admin, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	schema := fmt.Sprintf("parallax_cmd_%d", os.Getpid())
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	defer admin.Exec("DROP SCHEMA " + schema + " CASCADE")
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	db := url + sep + "search_path=" + schema
	code, out, errOut := run(t, "", "ingest", "--db", db, "../../examples")
	if code != 0 || !strings.Contains(out, "5 articles read: 5 added") || strings.Contains(out, ":parallax@") {
		t.Errorf("ingest: exit %d, %q %q", code, out, errOut)
	}
	code, out, _ = run(t, "", "digest", "--db", db)
	if code != 0 || !strings.Contains(out, "5 articles)") {
		t.Errorf("digest from PostgreSQL: exit %d\n%.300s", code, out)
	}
}

// TestAllowPrivate: an address on loopback is refused unless
// --allow-private says otherwise.
func TestAllowPrivate(t *testing.T) {
	page, err := os.ReadFile("../../examples/002_a2dff19a86e212a7.txt")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write(page)
	}))
	defer srv.Close()
	code, _, errOut := run(t, "", "brief", srv.URL+"/report.txt")
	if code != 1 || !strings.Contains(errOut, srv.URL+"/report.txt: not fetched: refused 127.0.0.1") || !strings.Contains(errOut, "--allow-private") {
		t.Errorf("by default: exit %d %q", code, errOut)
	}
	code, out, errOut := run(t, "", "brief", "--allow-private", srv.URL+"/report.txt")
	if code != 0 || !strings.Contains(out, "## Summary") {
		t.Errorf("with --allow-private: exit %d %q", code, errOut)
	}
}
