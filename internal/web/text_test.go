package web

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/render"
)

// show writes nodes as the article page's template does, in brackets.
func show(ns []*node) string {
	var b strings.Builder
	for _, n := range ns {
		if n.Kind == "" {
			b.WriteString(n.Text)
			continue
		}
		b.WriteString("[" + n.Kind)
		if n.ID != "" {
			b.WriteString("#" + n.ID)
		}
		b.WriteString(" " + show(n.Kids) + "]")
	}
	return b.String()
}

func TestNest(t *testing.T) {
	cite := func(s, e int) render.Mark { return render.Mark{Start: s, End: e, Kind: render.MarkCite} }
	tests := []struct {
		name  string
		text  string
		marks []render.Mark
		want  string
	}{
		{"none", "plain text", nil, "plain text"},
		{"one", "abc def ghi", []render.Mark{cite(4, 7)}, "abc [cite#c-4-7 def] ghi"},
		{"nested", "abc def ghi", []render.Mark{cite(4, 7), cite(0, 11)}, "[cite#c-0-11 abc [cite#c-4-7 def] ghi]"},
		{"overlap", "abcdefghij", []render.Mark{cite(0, 6), cite(3, 9)}, "[cite#c-0-6 abc[cite#c-3-9 def]][cite ghi]j"},
		{"removed", "Title: x\nbody", []render.Mark{{Start: 0, End: 8, Kind: render.MarkRemoved, Reason: "metadata"}, cite(9, 13)}, "[removed Title: x]\n[cite#c-9-13 body]"},
		{"out of range", "short", []render.Mark{cite(2, 99), cite(3, 3)}, "short"},
		{"code points", "é€ a", []render.Mark{cite(1, 2)}, "é[cite#c-1-2 €] a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := show(nest([]rune(tt.text), tt.marks)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestCache: the least recently used entries go first once the bytes
// pass the bound.
func TestCache(t *testing.T) {
	c := newCache(40)
	c.put("a", []byte("0123456789"))
	c.put("b", []byte("0123456789"))
	c.put("c", []byte("0123456789"))
	c.get("a")
	c.put("d", []byte("0123456789"))
	c.put("e", []byte("0123456789"))
	for key, want := range map[string]bool{"a": true, "b": false, "c": true, "d": true, "e": true} {
		if _, ok := c.get(key); ok != want {
			t.Errorf("%s kept %v, want %v", key, ok, want)
		}
	}
	if c.size > 40 {
		t.Errorf("size %d over the bound", c.size)
	}
}

func TestSnippet(t *testing.T) {
	got := string(snippetHTML("the «<b>Bukele</b>» said «no» & more"))
	want := "the <mark>&lt;b&gt;Bukele&lt;/b&gt;</mark> said <mark>no</mark> &amp; more"
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}
