package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/text"
)

// SnippetWords is the length of a snippet, in words.
const SnippetWords = 24

// Snippet returns the piece of s of about SnippetWords words that holds
// the most of the query's words (each counted once, then every match),
// with each match between mark and unmark and "…" where s is cut; spaces,
// newlines and other control characters fold to one space. A word matches a query word written the
// same, with the same stem, or, for a prefix term, starting with it. It is
// the one snippet of every store, so that both backends highlight alike.
func Snippet(s string, q *Node, mark, unmark string) string {
	rs := []rune(s)
	toks := words(rs)
	if len(toks) == 0 {
		return ""
	}
	want := terms(q)
	hit := make([]int, len(toks)) // 1 + the query term a word matches, 0 for none
	for i, t := range toks {
		lower := text.Fold(string(rs[t.Start:t.End]))
		for k, w := range want {
			if w.matches(lower) {
				hit[i] = k + 1
				break
			}
		}
	}
	from, n := 0, min(SnippetWords, len(toks))
	best, bestCount := -1, -1
	seen := make([]int, len(want)+1)
	distinct, count := 0, 0
	add := func(i, d int) {
		if h := hit[i]; h > 0 {
			count += d
			if seen[h] += d; seen[h] == 1 && d > 0 || seen[h] == 0 && d < 0 {
				distinct += d
			}
		}
	}
	for i := 0; i < len(toks); i++ {
		add(i, 1)
		if i >= n {
			add(i-n, -1)
		}
		if i >= n-1 && (distinct > best || distinct == best && count > bestCount) {
			best, bestCount, from = distinct, count, i-n+1
		}
	}
	// The window's matches in its middle.
	first, last := -1, -1
	for i := from; i < from+n; i++ {
		if hit[i] > 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first >= 0 {
		from = max(0, min(first-(n-(last-first+1))/2, len(toks)-n))
	}
	return render(rs, toks[from:from+n], hit[from:from+n], from > 0, from+n < len(toks), mark, unmark)
}

// words returns the spans of the words of rs (runs of letters and digits,
// joined by inner apostrophes as text.Tokens joins them), in code points.
func words(rs []rune) []text.Token {
	var out []text.Token
	for i := 0; i < len(rs); {
		if !wordRune(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && (wordRune(rs[j]) || (rs[j] == '\'' || rs[j] == '’') && j+1 < len(rs) && wordRune(rs[j+1]) && j > i) {
			j++
		}
		out = append(out, text.Token{Start: i, End: j})
		i = j
	}
	return out
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// render writes the tokens' stretch of the text with its matches marked.
func render(runes []rune, toks []text.Token, hit []int, cutBefore, cutAfter bool, mark, unmark string) string {
	var b strings.Builder
	if cutBefore {
		b.WriteString("…")
	}
	pos := toks[0].Start
	for i, t := range toks {
		b.WriteString(string(runes[pos:t.Start]))
		if hit[i] > 0 {
			b.WriteString(mark + string(runes[t.Start:t.End]) + unmark)
		} else {
			b.WriteString(string(runes[t.Start:t.End]))
		}
		pos = t.End
	}
	if !cutAfter {
		b.WriteString(string(runes[pos:]))
	} else if end := toks[len(toks)-1].End; end < len(runes) && utf8.RuneLen(runes[end]) > 0 && strings.ContainsRune(".!?”\"’)", runes[end]) {
		b.WriteRune(runes[end])
	}
	if cutAfter {
		b.WriteString("…")
	}
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' ' // NUL and other controls are not for display
		}
		return r
	}, b.String())), " ")
}

// term is one word to highlight.
type term struct {
	lower, stem string
	prefix      bool
}

// matches reports whether a word (in lower case) matches the term. The
// stem, the costly part, is computed only for a word that starts as the
// term's stem does.
func (w term) matches(lower string) bool {
	if w.prefix {
		return strings.HasPrefix(lower, w.lower)
	}
	if lower == w.lower {
		return true
	}
	n := min(3, len(w.stem))
	return len(lower) >= n && lower[:n] == w.stem[:n] && text.Stem(lower) == w.stem
}

// terms returns the words of the query's positive terms.
func terms(q *Node) []term {
	var out []term
	var walk func(n *Node)
	walk = func(n *Node) {
		switch n.Kind {
		case Not:
			return
		case Term:
			for i, w := range n.Words {
				lower := text.Fold(w)
				out = append(out, term{lower: lower, stem: text.Stem(lower), prefix: n.Prefix && i == len(n.Words)-1})
			}
			return
		}
		for _, k := range n.Kids {
			walk(k)
		}
	}
	walk(q)
	return out
}
