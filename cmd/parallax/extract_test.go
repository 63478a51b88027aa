package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestExtractJSON: `extract --format json` prints one line per input, a
// JSON object with the fields of the contract, the publication time with
// its time of day; standard input is named "stdin", never an outlet called
// "source".
func TestExtractJSON(t *testing.T) {
	page, err := os.ReadFile("../../internal/ingest/testdata/minified.html")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, string(page), "extract", "--format", "json", "../../internal/ingest/testdata/article.html", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want a line per input, got %d:\n%s", len(lines), out)
	}
	tests := []struct {
		path, site string
	}{
		{"../../internal/ingest/testdata/article.html", "The Guardian"},
		{"stdin", "The Guardian"},
	}
	for i, tt := range tests {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal([]byte(lines[i]), &fields); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		for _, k := range []string{"path", "url", "title", "author", "published", "site", "lang", "text", "id", "removed"} {
			if _, ok := fields[k]; !ok {
				t.Errorf("line %d lacks %q", i+1, k)
			}
		}
		if _, ok := fields["source"]; ok {
			t.Errorf(`line %d still has "source" (renamed "site")`, i+1)
		}
		var e struct {
			Path, URL, Title, Published, Site, Text string
		}
		json.Unmarshal([]byte(lines[i]), &e)
		want := struct{ Path, URL, Title, Published, Site string }{tt.path, "https://www.theguardian.com/world/2025/apr/14/bukele-abrego-garcia",
			"Bukele says he will not return man mistakenly deported by US", "2025-04-14T19:02:00Z", tt.site}
		if got := (struct{ Path, URL, Title, Published, Site string }{e.Path, e.URL, e.Title, e.Published, e.Site}); got != want {
			t.Errorf("line %d = %+v, want %+v", i+1, got, want)
		}
		if !strings.Contains(e.Text, "Mr Bukele said he did not have the power to return Salvadoran Kilmar Abrego Garcia") {
			t.Errorf("line %d text:\n%s", i+1, e.Text)
		}
	}
	// Plain text from standard input: its outlet is named after stdin.
	code, out, errOut = run(t, "The council voted on Monday to close the bridge.\n", "extract", "--format", "json", "-")
	var e struct{ Path, Site string }
	if code != 0 || json.Unmarshal([]byte(out), &e) != nil || e.Path != "stdin" || e.Site != "stdin" {
		t.Errorf("text on stdin: exit %d %q %q", code, out, errOut)
	}
}
