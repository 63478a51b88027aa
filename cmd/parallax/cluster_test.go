package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// subset is ECB+ topics 1, 7 and 12 (two events each), with gold labels.
const subset = "../../cluster/testdata/ecbplus-1-7-12.jsonl"

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
		{"md", []string{"# Digest: 1 stories", "1. Bukele says won't return Abrego Garcia (5 articles)", "\n---\n\n# ", "## Summary"}},
		{"json", []string{`"story": 1`, `"articles": [`, `"brief": {`, `"summary": [`}},
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
