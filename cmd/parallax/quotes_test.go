package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestQuotesJSONL checks that `parallax quotes` prints one quotation per
// line with exactly the keys of the contract, and that offsets point at the
// quoted words.
func TestQuotesJSONL(t *testing.T) {
	code, out, errOut := run(t, "", "quotes", "../../examples/002_a2dff19a86e212a7.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	found := false
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		for _, k := range []string{"path", "text", "start", "end", "kind", "speaker", "speaker_start", "speaker_end", "cue"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line lacks key %q: %s", k, l)
			}
		}
		if len(m) != 9 {
			t.Errorf("line has %d keys, want 9: %s", len(m), l)
		}
		if strings.HasPrefix(m["text"].(string), "The question is preposterous") {
			found = true
			if m["speaker"] != "Nayib Bukele" || m["kind"] != "direct" || m["cue"] != "said" {
				t.Errorf("preposterous quote: %s", l)
			}
		}
	}
	if !found {
		t.Errorf("the preposterous quote is missing from:\n%s", out)
	}
}

// TestQuotesMarkdown checks the Markdown list and the usage errors.
func TestQuotesMarkdown(t *testing.T) {
	code, out, errOut := run(t, "", "quotes", "--format", "md", "../../examples/003_f56425b79f3ec3ce.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, w := range []string{"## ../../examples/003_f56425b79f3ec3ce.txt", "- **Nayib Bukele** (told), direct: “Of course, I'm not going to do it”"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	if code, _, _ := run(t, "", "quotes", "--format", "xml", "../../examples"); code != 2 {
		t.Errorf("bad format: exit %d, want 2", code)
	}
	if code, _, _ := run(t, "", "quotes"); code != 2 {
		t.Errorf("no input: exit %d, want 2", code)
	}
}
