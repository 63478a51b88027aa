package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// subset is ECB+ topics 1, 7 and 12 (two events each), with gold labels.
const subset = "../../internal/cluster/testdata/ecbplus-1-7-12.jsonl"

func TestClusterJSONL(t *testing.T) {
	code, out, errOut := run(t, "", "cluster", subset)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 90 {
		t.Fatalf("%d lines, want 90", len(lines))
	}
	// Gold labels are the ID's topic and part (ecb/ecbplus): no story may
	// mix two events.
	eventOf := map[int]string{}
	for _, l := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"id", "story", "title", "score"} {
			if _, ok := rec[k]; !ok {
				t.Fatalf("line lacks %q: %s", k, l)
			}
		}
		id := rec["id"].(string)
		event := id[:strings.Index(id, "_")] + strings.TrimLeft(id[strings.Index(id, "_")+1:], "0123456789")
		story := int(rec["story"].(float64))
		if e, ok := eventOf[story]; ok && e != event {
			t.Errorf("story %d mixes %s and %s", story, e, event)
		}
		eventOf[story] = event
	}
}

func TestClusterExplain(t *testing.T) {
	code, out, errOut := run(t, "", "cluster", "--explain", subset)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	decisions := map[string]int{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var rec struct {
			Explain struct {
				Decision string   `json:"decision"`
				Names    []string `json:"names"`
			} `json:"explain"`
		}
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatal(err)
		}
		decisions[rec.Explain.Decision]++
	}
	if decisions["new"] < 6 || decisions["joined"] < 60 || decisions["new"]+decisions["joined"]+decisions["copy"] != 90 {
		t.Errorf("decisions %v", decisions)
	}
	code, out, _ = run(t, "", "cluster", "--format", "md", "--explain", subset)
	for _, w := range []string{"stories from 90 articles", "## Story 1: ", "joined story 1 with score", "started a new story"} {
		if code != 0 || !strings.Contains(out, w) {
			t.Errorf("markdown lacks %q", w)
		}
	}
}

func TestDigest(t *testing.T) {
	tests := []struct {
		format string
		want   []string
	}{
		{"md", []string{"# Digest: 1 stories", "(story 1, 5 articles)", "\n---\n\n# El Salvador's President Nayib Bukele assured Donald Trump", "## Summary"}},
		{"json", []string{`"story":1`, `"articles":[`, `"brief":{`, `"summary":[`}},
		{"html", []string{"<!doctype html>", `<article id="story-0">`}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			code, out, errOut := run(t, "", "digest", "--format", tt.format, "../../examples")
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
	// Several stories get an index linking each brief.
	code, out, errOut := run(t, "", "digest", "--format", "html", subset)
	if code != 0 || !strings.Contains(out, `<nav class="stories">`) || strings.Count(out, "<article id=") < 6 {
		t.Errorf("exit %d, %d briefs, index %v: %s", code, strings.Count(out, "<article id="), strings.Contains(out, "<nav"), errOut)
	}
}

func TestEvalCluster(t *testing.T) {
	code, out, errOut := run(t, "", "eval", "cluster", "--runs", "2", subset)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, w := range []string{"90 articles, 6 gold stories", "B-cubed   precision", "pairwise  precision", "over 2 shuffled orders: mean"} {
		if !strings.Contains(out, w) {
			t.Errorf("report lacks %q:\n%s", w, out)
		}
	}
	code, _, errOut = run(t, "", "eval", "cluster", "../../examples/000_8b0877e13c7c3eef.txt")
	if code != 1 || !strings.Contains(errOut, "no gold label") {
		t.Errorf("unlabelled input: exit %d, %q", code, errOut)
	}
}

// TestClusterWindow checks --window: three reports of one event, the third
// two days after the others, are one story under the default window of
// seven days and two under a window of one day; a window that is not a
// positive duration is a usage error.
func TestClusterWindow(t *testing.T) {
	raw, err := os.ReadFile(subset)
	if err != nil {
		t.Fatal(err)
	}
	var in strings.Builder
	day := time.Date(2008, 12, 2, 9, 0, 0, 0, time.UTC)
	// Reports of Tara Reid's check-in, the third published two days later.
	published := map[string]time.Time{"1_10ecb": day, "1_11ecb": day, "1_14ecb": day.Add(48 * time.Hour)}
	for l := range strings.SplitSeq(string(raw), "\n") {
		var rec map[string]any
		if l == "" || json.Unmarshal([]byte(l), &rec) != nil {
			continue
		}
		if at, ok := published[rec["id"].(string)]; ok {
			rec["published"] = at.Format(time.RFC3339)
			b, _ := json.Marshal(rec)
			in.Write(append(b, '\n'))
		}
	}
	stories := func(args ...string) int {
		t.Helper()
		code, out, errOut := run(t, in.String(), append(append([]string{"cluster"}, args...), "-")...)
		if code != 0 {
			t.Fatalf("cluster %v: exit %d: %s", args, code, errOut)
		}
		seen := map[float64]bool{}
		for l := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
			var rec map[string]any
			if err := json.Unmarshal([]byte(l), &rec); err != nil {
				t.Fatal(err)
			}
			seen[rec["story"].(float64)] = true
		}
		return len(seen)
	}
	if got := stories(); got != 1 {
		t.Errorf("default window: %d stories, want 1", got)
	}
	if got := stories("--window", "1d"); got != 2 {
		t.Errorf("--window 1d: %d stories, want 2", got)
	}
	if got := stories("--window", "72h"); got != 1 {
		t.Errorf("--window 72h: %d stories, want 1", got)
	}
	for _, bad := range [][]string{{"--window", "0"}, {"--window", "soon"}, {"--window", "-2d"}, {"--window-articles", "0"}} {
		code, _, errOut := run(t, in.String(), append(append([]string{"cluster"}, bad...), "-")...)
		if code != 2 || !strings.Contains(errOut, "flag "+bad[0][1:]+":") {
			t.Errorf("cluster %v: exit %d, stderr %q; want 2 naming the flag", bad, code, errOut)
		}
	}
}
