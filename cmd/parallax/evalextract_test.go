package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/eval"
)

// trafilaturaPages returns the directory of the pages of trafilatura's
// evaluation, in the go-trafilatura module; the test is skipped when the
// module cannot be located.
func trafilaturaPages(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/markusmobius/go-trafilatura").Output()
	dir := filepath.Join(strings.TrimSpace(string(out)), "test-files")
	if err != nil || strings.TrimSpace(string(out)) == "" {
		t.Skipf("go-trafilatura module not found: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "comparison")); err != nil {
		t.Skipf("go-trafilatura pages not found: %v", err)
	}
	return dir
}

// TestEvalExtract runs `parallax eval extract` on every fourth page of
// trafilatura's evaluation (246 pages) and checks the report: cleaning must
// not lower precision or F1 below the text as extracted, and F1 must stay
// above 0.88 (0.913 on all 983 pages when this was written, go-trafilatura
// alone 0.911).
func TestEvalExtract(t *testing.T) {
	dir := trafilaturaPages(t)
	raw, err := os.ReadFile("../../internal/eval/testdata/trafilatura/cases.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var subset strings.Builder
	for i, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		if i%4 == 0 {
			subset.WriteString(l + "\n")
		}
	}
	cases := filepath.Join(t.TempDir(), "cases.jsonl")
	if err := os.WriteFile(cases, []byte(subset.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "", "eval", "extract", "--json", "--dir", dir, cases)
	if code != 0 && code != 1 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct{ Extracted, Cleaned eval.ExtractScores }
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if rep.Cleaned.TP == 0 || rep.Extracted.TP == 0 {
		t.Fatalf("nothing found: %s", out)
	}
	score := func(s eval.ExtractScores) (p, f float64) { return s.Precision(), s.F1() }
	ep, ef := score(rep.Extracted)
	cp, cf := score(rep.Cleaned)
	t.Logf("%d pages: extracted P %.3f F1 %.3f, cleaned P %.3f F1 %.3f", rep.Cleaned.Pages, ep, ef, cp, cf)
	if rep.Cleaned.Pages != 246 {
		t.Errorf("scored %d pages, want 246: %s", rep.Cleaned.Pages, errOut)
	}
	if cp < ep || cf < ef || cf < 0.88 {
		t.Errorf("cleaning: precision %.3f → %.3f, F1 %.3f → %.3f; want no loss and F1 ≥ 0.88", ep, cp, ef, cf)
	}
	// A missing page is named; a broken case line is a clear error.
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte(`{"file": "comparison/no-such-page.html", "with": ["x"]}`+"\n"+`{"with": ["y"]}`+"\n"), 0o644)
	code, _, errOut = run(t, "", "eval", "extract", "--dir", dir, bad)
	if code != 1 || !strings.Contains(errOut, "bad.jsonl:2") {
		t.Errorf("case without a file: exit %d, %q", code, errOut)
	}
	os.WriteFile(bad, []byte(`{"file": "comparison/no-such-page.html", "with": ["x"]}`+"\n"), 0o644)
	code, _, errOut = run(t, "", "eval", "extract", "--dir", dir, bad)
	if code != 1 || !strings.Contains(errOut, "no-such-page.html") {
		t.Errorf("missing page: exit %d, %q", code, errOut)
	}
}
