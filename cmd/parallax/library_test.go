package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// storyOf returns the stories of `parallax stories --format json`.
func storiesOf(t *testing.T, db string) []struct {
	ID       int      `json:"id"`
	Title    string   `json:"title"`
	Articles int      `json:"articles"`
	Sources  []string `json:"sources"`
	Version  int      `json:"version"`
} {
	t.Helper()
	code, out, errOut := run(t, "", "stories", "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("stories: exit %d: %s", code, errOut)
	}
	var got []struct {
		ID       int      `json:"id"`
		Title    string   `json:"title"`
		Articles int      `json:"articles"`
		Sources  []string `json:"sources"`
		Version  int      `json:"version"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("stories JSON: %v\n%s", err, out)
	}
	return got
}

// TestIngestOnce: the seeds ingested twice, and once more by another path,
// are five articles of one story.
func TestIngestOnce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "news#2024.db")
	abs, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"../../examples", "../../examples", abs, abs + "/"} {
		if code, out, errOut := run(t, "", "ingest", "--db", db, path); code != 0 {
			t.Fatalf("ingest %s: exit %d %s %s", path, code, out, errOut)
		}
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("the store is not at %s: %v", db, err)
	}
	st := storiesOf(t, db)
	if len(st) != 1 || st[0].ID != 1 || st[0].Articles != 5 || st[0].Version != 1 {
		t.Fatalf("stories = %+v, want story 1 of 5 articles at version 1", st)
	}
	wantSources := []string{"AFP", "BBC News", "Reuters", "The Guardian"}
	for _, w := range wantSources {
		if !slices.Contains(st[0].Sources, w) {
			t.Errorf("sources %v lack %s", st[0].Sources, w)
		}
	}
	code, out, _ := run(t, "", "search", "--db", db, "preposterous")
	if code != 0 || !strings.Contains(out, "**preposterous**") || !strings.Contains(out, "story 1") {
		t.Errorf("search preposterous: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "", "search", "--db", db, "--format", "json", `"return him" OR smuggle*`)
	var hits []struct {
		ID      string `json:"id"`
		Story   int    `json:"story"`
		Snippet string `json:"snippet"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &hits) != nil || len(hits) == 0 || hits[0].Story != 1 {
		t.Errorf("search JSON: exit %d %+v\n%s", code, hits, out)
	}
}

// TestStableNumbers: the seeds' story keeps its number when more stories
// arrive, and grows its version only when it changes.
func TestStableNumbers(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	if code, _, errOut := run(t, "", "ingest", "--db", db, "../../examples"); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := run(t, "", "ingest", "--db", db, "../../internal/cluster/testdata/ecbplus-1-7-12.jsonl"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := run(t, "", "show", "--db", db, "--format", "json", "1")
	if code != 0 {
		t.Fatalf("show 1: exit %d %s", code, errOut)
	}
	var b struct {
		Title   string            `json:"title"`
		Sources []json.RawMessage `json:"sources"`
	}
	if err := json.Unmarshal([]byte(out), &b); err != nil || len(b.Sources) != 5 || !strings.Contains(b.Title, "Bukele") {
		t.Errorf("story 1 after more articles: %q with %d sources (%v)", b.Title, len(b.Sources), err)
	}
	for _, s := range storiesOf(t, db) {
		if s.ID == 1 && s.Version != 1 {
			t.Errorf("story 1 unchanged but at version %d", s.Version)
		}
	}
	// Showing again reads the kept brief: the same bytes.
	_, again, _ := run(t, "", "show", "--db", db, "--format", "json", "1")
	if again != out {
		t.Errorf("the kept brief differs from the one written")
	}
	code, _, errOut = run(t, "", "show", "--db", db, "999")
	if code != 1 || !strings.Contains(errOut, "story 999") {
		t.Errorf("show 999: exit %d %q", code, errOut)
	}
}

// partition returns the stories of `parallax cluster` as sorted lists of
// article IDs.
func partition(t *testing.T, groups map[int][]string) []string {
	var out []string
	for _, g := range groups {
		sort.Strings(g)
		out = append(out, strings.Join(g, " "))
	}
	sort.Strings(out)
	return out
}

// TestIngestInPartsIsOneCluster: `ingest a; ingest b` gives the stories of
// one `cluster a b`.
func TestIngestInPartsIsOneCluster(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../internal/cluster/testdata/ecbplus-1-7-12.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSpace(string(src)), "\n")
	a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	os.WriteFile(a, []byte(strings.Join(lines[:len(lines)/2], "")), 0o644)
	os.WriteFile(b, []byte(strings.Join(lines[len(lines)/2:], "")), 0o644)

	code, out, errOut := run(t, "", "cluster", a, b)
	if code != 0 {
		t.Fatal(errOut)
	}
	want := map[int][]string{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var l struct {
			ID    string `json:"id"`
			Story int    `json:"story"`
		}
		json.Unmarshal(sc.Bytes(), &l)
		want[l.Story] = append(want[l.Story], l.ID)
	}

	db := filepath.Join(dir, "p.db")
	for _, f := range []string{a, b} {
		if code, _, errOut := run(t, "", "ingest", "--db", db, f); code != 0 {
			t.Fatal(errOut)
		}
	}
	code, out, errOut = run(t, "", "export", "--db", db, "--format", "jsonl")
	if code != 0 {
		t.Fatal(errOut)
	}
	got := map[int][]string{}
	inputID := map[string]string{} // key → the input's own id
	sc = bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l struct {
			Kind     string          `json:"kind"`
			Key      string          `json:"key"`
			ID       json.RawMessage `json:"id"`
			Articles []string        `json:"articles"`
		}
		json.Unmarshal(sc.Bytes(), &l)
		switch l.Kind {
		case "article":
			var id string
			json.Unmarshal(l.ID, &id)
			inputID[l.Key] = id
		case "story":
			var id int
			json.Unmarshal(l.ID, &id)
			for _, k := range l.Articles {
				got[id] = append(got[id], inputID[k])
			}
		}
	}
	if w, g := partition(t, want), partition(t, got); !slices.Equal(w, g) {
		t.Errorf("ingest a; ingest b: %d stories, cluster a b: %d\ngot  %q\nwant %q", len(g), len(w), g, w)
	}
	// digest on the same input lists the same stories.
	code, out, _ = run(t, "", "digest", "--format", "json", a, b)
	var digest []struct {
		Articles []string `json:"articles"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &digest) != nil || len(digest) != len(want) {
		t.Errorf("digest: exit %d, %d stories, cluster %d", code, len(digest), len(want))
	}
}

// TestExportRoundTrip: what export writes, ingest reads back as it was.
func TestExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	one, two := filepath.Join(dir, "one.db"), filepath.Join(dir, "two.db")
	run(t, "", "ingest", "--db", one, "../../examples", "../../internal/ingest/testdata/array.json", "../../internal/ingest/testdata/meta.txt")
	_, first, _ := run(t, "", "export", "--db", one, "--format", "jsonl")
	dump := filepath.Join(dir, "dump.jsonl")
	os.WriteFile(dump, []byte(first), 0o644)
	if code, out, errOut := run(t, "", "ingest", "--db", two, dump); code != 0 {
		t.Fatalf("ingest of the export: exit %d %s %s", code, out, errOut)
	}
	_, second, _ := run(t, "", "export", "--db", two, "--format", "jsonl")
	if first != second {
		a, b := strings.Split(first, "\n"), strings.Split(second, "\n")
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Fatalf("line %d differs:\n%s\n%s", i+1, a[i], b[i])
			}
		}
		t.Fatalf("exports differ in length: %d and %d lines", len(a), len(b))
	}
}

// TestReadMissingStore: a read command on a missing store says so and
// creates nothing; --help tells where the default store is.
func TestReadMissingStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none", "p.db")
	for _, cmd := range [][]string{{"stories"}, {"show", "1"}, {"search", "x"}, {"export"}, {"digest"}} {
		code, _, errOut := run(t, "", append(cmd[:1:1], append([]string{"--db", db}, cmd[1:]...)...)...)
		if code != 1 || !strings.Contains(errOut, "no store here") {
			t.Errorf("%s: exit %d %q", cmd[0], code, errOut)
		}
	}
	if _, err := os.Stat(filepath.Dir(db)); !os.IsNotExist(err) {
		t.Errorf("a read command created %s", filepath.Dir(db))
	}
	_, _, errOut := run(t, "", "--help")
	if !strings.Contains(errOut, filepath.Join("parallax", "parallax.db")) {
		t.Errorf("--help does not tell where the store is:\n%s", errOut)
	}
}

// TestChangesSince: a story that grows lists what changed since a version
// or a time: the new sources, and facts and quotes they bring.
func TestChangesSince(t *testing.T) {
	dir := t.TempDir()
	first, second := filepath.Join(dir, "first"), filepath.Join(dir, "second")
	names, err := filepath.Glob("../../examples/*.txt")
	if err != nil || len(names) != 5 {
		t.Fatalf("examples: %v %v", names, err)
	}
	for i, name := range names {
		to := first
		if i >= 3 {
			to = second
		}
		os.MkdirAll(to, 0o755)
		b, _ := os.ReadFile(name)
		os.WriteFile(filepath.Join(to, filepath.Base(name)), b, 0o644)
	}
	db := filepath.Join(dir, "p.db")
	run(t, "", "ingest", "--db", db, first)
	if code, _, errOut := run(t, "", "show", "--db", db, "1"); code != 0 {
		t.Fatalf("show: %s", errOut)
	}
	run(t, "", "ingest", "--db", db, second)
	if st := storiesOf(t, db); len(st) != 1 || st[0].Version != 2 || st[0].Articles != 5 {
		t.Fatalf("after the second ingest: %+v, want one story of 5 at version 2", st)
	}
	type changes struct {
		Since, Version int
		Sources        []struct{ Name string }
		Facts          []struct{ Text string }
		Quotes         []struct{ Text string }
	}
	read := func(args ...string) changes {
		t.Helper()
		code, out, errOut := run(t, "", append([]string{"show", "--db", db, "--format", "json"}, args...)...)
		var c changes
		if code != 0 || json.Unmarshal([]byte(out), &c) != nil {
			t.Fatalf("show %v: exit %d %s\n%s", args, code, errOut, out)
		}
		return c
	}
	c := read("--changes-since", "1", "1")
	if c.Since != 1 || c.Version != 2 || len(c.Sources) != 2 || len(c.Facts) == 0 {
		t.Errorf("since version 1: since %d version %d, %d sources, %d facts, %d quotes", c.Since, c.Version, len(c.Sources), len(c.Facts), len(c.Quotes))
	}
	if all := read("--changes-since", "1h", "1"); all.Since != 0 || len(all.Sources) != 5 {
		t.Errorf("since an hour ago: since %d, %d sources, want 0 and 5", all.Since, len(all.Sources))
	}
	if none := read("--changes-since", "2", "1"); len(none.Sources)+len(none.Facts)+len(none.Quotes) != 0 {
		t.Errorf("since the latest version: %+v, want nothing", none)
	}
	code, out, _ := run(t, "", "show", "--db", db, "--changes-since", "1", "1")
	if code != 0 || !strings.Contains(out, "## New sources (2)") {
		t.Errorf("markdown changes: exit %d\n%s", code, out)
	}
	if code, _, errOut := run(t, "", "show", "--db", db, "--changes-since", "soon", "1"); code != 2 || !strings.Contains(errOut, "--changes-since") {
		t.Errorf("a bad --changes-since: exit %d %q", code, errOut)
	}
}

// TestShowIsBrief: a stored story's brief is what `parallax brief` writes
// of its articles, byte for byte.
func TestShowIsBrief(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	run(t, "", "ingest", "--db", db, "../../examples")
	_, shown, _ := run(t, "", "show", "--db", db, "--format", "json", "1")
	_, briefed, _ := run(t, "", "brief", "--format", "json", "../../examples")
	if shown != briefed {
		t.Errorf("show and brief differ:\n%.400s\n---\n%.400s", shown, briefed)
	}
}

// TestNewVersion: a changed text at the same URL is a new version of the
// article, and its story's next version.
func TestNewVersion(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	v1 := filepath.Join(dir, "v1.jsonl")
	v2 := filepath.Join(dir, "v2.jsonl")
	os.WriteFile(v1, []byte(`{"url":"https://example.org/vote?utm_source=rss","title":"Council votes","text":"The council voted 7 to 2 for the harbour plan on Tuesday."}`+"\n"), 0o644)
	os.WriteFile(v2, []byte(`{"url":"https://EXAMPLE.org/vote#top","title":"Council votes","text":"The council voted 7 to 3 for the harbour plan on Tuesday, correcting an earlier count."}`+"\n"), 0o644)
	run(t, "", "ingest", "--db", db, v1)
	code, out, _ := run(t, "", "ingest", "--db", db, v2)
	if code != 0 || !strings.Contains(out, "1 articles read: 0 added, 1 updated, 0 already stored") {
		t.Errorf("second version: exit %d %q", code, out)
	}
	if st := storiesOf(t, db); len(st) != 1 || st[0].Version != 2 || st[0].Articles != 1 {
		t.Errorf("stories %+v, want one story of one article at version 2", st)
	}
	_, out, _ = run(t, "", "show", "--db", db, "--format", "json", "1")
	if !strings.Contains(out, "7 to 3") {
		t.Errorf("the brief does not read the new version:\n%.300s", out)
	}
}

// TestShowHTMLFromKeptBrief: the page of a kept brief links every citation
// to the cited words, with two articles of one outlet.
func TestShowHTMLFromKeptBrief(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte(`{"id":"r1","source":"Reuters","title":"Council approves harbour plan","published":"2025-04-14","text":"The city council approved the harbour plan on Monday by 7 votes to 2.\n\nMayor Ann Lee said the plan would bring jobs."}
{"id":"r2","source":"Reuters","title":"Harbour plan approved by council","published":"2025-04-14","text":"The council approved the harbour plan on Monday by 7 votes to 2, officials said.\n\n\"It will bring jobs,\" Mayor Ann Lee said."}
`), 0o644)
	db := filepath.Join(dir, "p.db")
	run(t, "", "ingest", "--db", db, in)
	run(t, "", "show", "--db", db, "--format", "json", "1") // keeps the brief
	code, page, errOut := run(t, "", "show", "--db", db, "--format", "html", "1")
	if code != 0 {
		t.Fatalf("show html: exit %d %s", code, errOut)
	}
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		ids[m[1]] = true
	}
	links := regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(links) == 0 || !strings.Contains(page, "reuters-2") {
		t.Fatalf("no citation links, or no second Reuters article:\n%.500s", page)
	}
	for _, l := range links {
		if !ids[l[1]] {
			t.Errorf("link #%s leads nowhere", l[1])
		}
	}
}
