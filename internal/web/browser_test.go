package web

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// chromium returns the browser to drive: Debian's /usr/bin/chromium, else
// chromium on the PATH. Without one the test is skipped, except in CI
// (CI=true), where it fails.
func chromium(t *testing.T) string {
	t.Helper()
	bin := "/usr/bin/chromium"
	if _, err := os.Stat(bin); err != nil {
		if bin, err = exec.LookPath("chromium"); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatal("chromium is not installed (scripts/test.sh installs Debian's package)")
			}
			t.Skip("chromium is not installed: scripts/test.sh installs Debian's package")
		}
	}
	return bin
}

// axeSource returns axe-core's script, found through $PARALLAX_AXE (which
// scripts/test.sh sets after installing the npm package); empty without
// one, except in CI, where it fails.
func axeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("PARALLAX_AXE")
	b, err := os.ReadFile(path)
	if path == "" || err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core not found at $PARALLAX_AXE=%q (scripts/test.sh installs it): %v", path, err)
		}
		t.Log("axe-core not found ($PARALLAX_AXE): the accessibility check is skipped")
		return ""
	}
	return string(b)
}

// artefacts returns the folder screenshots are saved in: $PARALLAX_ARTIFACTS,
// else a temporary folder of the test.
func artefacts(t *testing.T) string {
	dir := os.Getenv("PARALLAX_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browser starts headless Chromium with a fresh profile and returns its
// context; it is stopped at the end of the test.
func browser(t *testing.T, bin string) context.Context {
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900)}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	// The time-out only keeps a broken browser from hanging the suite.
	ctx, cancelTime := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTime(); cancel(); cancelAlloc() })
	return ctx
}

// run runs one action in the browser and returns its value; a failure
// stops the test.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// visit opens a page and waits for its main content.
func visit(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	run(t, ctx, chromedp.Steps(chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("main"))))
}

// screenshot saves the whole page as dir/name.png.
func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png := run(t, ctx, chromedp.FullScreenshot(100))
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBrowser opens the pages of the examples' story in headless
// Chromium as a reader does: the front page shows the headline and the
// outlets, the headline opens the story, a citation of the summary opens
// the cited sentence in its article highlighted, and the dark theme
// changes the background. Each page is screenshot and checked by
// axe-core, failing on serious or critical violations.
func TestBrowser(t *testing.T) {
	bin := chromium(t)
	axe := axeSource(t)
	f := setup(t, Options{}, true, false)
	w, err := f.desk.Latest(context.Background(), f.example, false)
	if err != nil || w.Brief == nil {
		t.Fatal(err)
	}
	dir := artefacts(t)
	ctx := browser(t, bin)
	visit(t, ctx, f.srv.URL+"/")
	headline := run(t, ctx, chromedp.Text(chromedp.CSS("li.card h2 a")))
	outlets := run(t, ctx, chromedp.Text(chromedp.CSS("li.card p.meta")))
	if headline != w.Brief.Title || !strings.Contains(outlets, "BBC News") || !strings.Contains(outlets, "Reuters") {
		t.Errorf("front page shows %q, %q", headline, outlets)
	}
	screenshot(t, ctx, dir, "front")
	checkAxe(t, ctx, axe, "front")
	run(t, ctx, chromedp.Steps(chromedp.Click(chromedp.CSS("li.card h2 a")), chromedp.WaitVisible(chromedp.CSS("#quotes"))))
	if title := run(t, ctx, chromedp.Text(chromedp.CSS("article.story h1"))); title != headline {
		t.Errorf("story page headline %q", title)
	}
	screenshot(t, ctx, dir, "story")
	checkAxe(t, ctx, axe, "story")
	citation(t, ctx, f)
	screenshot(t, ctx, dir, "article")
	checkAxe(t, ctx, axe, "article")
	darkTheme(t, ctx, f, dir)
	for _, p := range []string{"/search?q=Bukele", "/feeds", "/nowhere"} {
		visit(t, ctx, f.srv.URL+p)
		checkAxe(t, ctx, axe, p)
	}
	t.Logf("screenshots in %s", dir)
}

// citation follows the first citation of the summary and checks that the
// article page opens at the cited sentence, highlighted by :target.
func citation(t *testing.T, ctx context.Context, f *fixture) {
	href := run(t, ctx, chromedp.AttributeValue(chromedp.CSS("#summary a.cite"), "href")).Value
	run(t, ctx, chromedp.Steps(chromedp.Click(chromedp.CSS("#summary a.cite")), chromedp.WaitVisible(chromedp.CSS("mark.cite:target"))))
	url := run(t, ctx, chromedp.Location())
	cited := run(t, ctx, chromedp.Text(chromedp.CSS("mark.cite:target")))
	bg := `getComputedStyle(document.querySelector(%q)).backgroundColor`
	target := run(t, ctx, chromedp.Evaluate[string](fmt.Sprintf(bg, "mark.cite:target")))
	other := run(t, ctx, chromedp.Evaluate[string](fmt.Sprintf(bg, "mark.cite:not(:target)")))
	w, _ := f.desk.Latest(context.Background(), f.example, false)
	first := w.Brief.Summary[0].Text
	if !strings.HasSuffix(url, href) || !strings.HasPrefix(cited, first[:30]) {
		t.Errorf("citation %s opened %s at %q, want the sentence %q", href, url, cited, first)
	}
	if target == other {
		t.Errorf("the cited sentence is not highlighted: %s, as the other marks", target)
	}
}

// darkTheme checks that the story page follows prefers-color-scheme.
func darkTheme(t *testing.T, ctx context.Context, f *fixture, dir string) {
	scheme := func(v string) {
		features := []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: v}}
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: features}); err != nil {
			t.Fatal(err)
		}
	}
	bg := chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`)
	visit(t, ctx, f.srv.URL+storyURL(f.example))
	scheme("light")
	light := run(t, ctx, bg)
	scheme("dark")
	dark := run(t, ctx, bg)
	screenshot(t, ctx, dir, "story-dark")
	scheme("light")
	if light != "rgb(251, 251, 248)" || dark != "rgb(21, 23, 26)" {
		t.Errorf("background light %s, dark %s", light, dark)
	}
}

// violation is one rule axe-core found broken.
type violation struct {
	ID, Impact, Help string
	Nodes            []struct{ Target []string }
}

// checkAxe runs axe-core in the page (injected through the DevTools
// protocol, which the page's CSP does not restrict) and fails on serious
// or critical violations.
func checkAxe(t *testing.T, ctx context.Context, axe, page string) {
	t.Helper()
	if axe == "" {
		return
	}
	run(t, ctx, chromedp.Evaluate[chromedp.Void](axe))
	raw := run(t, ctx, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
	var out []violation
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatalf("axe on %s: %v", page, err)
	}
	for _, v := range out {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("axe on %s: %s (%s): %s at %v", page, v.ID, v.Impact, v.Help, v.Nodes)
		} else {
			t.Logf("axe on %s: %s (%s): %s", page, v.ID, v.Impact, v.Help)
		}
	}
}
