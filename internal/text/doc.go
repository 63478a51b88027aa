package text

import (
	"sort"
	"strings"

	"github.com/parallax-news/parallax"
)

// Doc is one article analysed once, the model every analysis stage reads:
// the text as code points, its words (tokens with their lower-case forms,
// stems, stop-word, capital and number flags) and its sentences, each with
// its own words. A stage reads a Doc and adds what it finds in its own
// results; none tokenises the text again. Offsets keep their meaning: code
// points into the article's text as read.
//
// A Doc is read-only once made, and so safe for concurrent use.
type Doc struct {
	// Article is the article analysed. The analysis never changes it.
	Article *parallax.Article
	// Runes is the article's text as code points: every offset indexes it.
	Runes []rune
	// Tokens are the words of the whole text (removed parts included),
	// offsets into Runes.
	Tokens []Token
	// Sents are the article's sentences (Article.Sentences), in order, each
	// analysed.
	Sents []Seg
	// Lines are the non-sentence reading of an article that has no
	// sentences (one that was not cleaned): its lines, each analysed. Nil
	// when the article has sentences.
	Lines []Seg
}

// Seg is an analysed piece of a Doc's text: a sentence, a heading or a
// line.
type Seg struct {
	// Start and End are code-point offsets of the piece in the article's
	// text, End exclusive.
	Start, End int
	// Text is the piece as the article gives it (a sentence's Text: line
	// breaks as spaces).
	Text string
	// Runes is Text as code points.
	Runes []rune
	// Tokens are the words of Text, offsets into Text (add Start for the
	// article's text), as Tokens(Text) gives them.
	Tokens []Token
}

// Vocab remembers the words a story's analysis has read, so that each
// distinct word is folded, stemmed and classified once for the whole story.
// A Vocab is not safe for concurrent use.
type Vocab struct {
	words map[string]Token
}

// NewVocab returns an empty vocabulary.
func NewVocab() *Vocab { return &Vocab{words: make(map[string]Token, 1024)} }

// Tokens splits s into words as the package function Tokens does, reading
// each distinct word once.
func (v *Vocab) Tokens(s string) []Token { return tokens(s, v.words) }

// Analyse analyses the articles of one story with one vocabulary: the
// Doc of article i is at index i. Nil articles give nil Docs. It never
// changes the articles.
func Analyse(arts []*parallax.Article) []*Doc {
	v := NewVocab()
	out := make([]*Doc, len(arts))
	for i, a := range arts {
		if a != nil {
			out[i] = v.Analyse(a)
		}
	}
	return out
}

// Analyse analyses one article with the vocabulary.
func (v *Vocab) Analyse(a *parallax.Article) *Doc {
	d := &Doc{Article: a, Runes: []rune(a.Text)}
	d.Tokens = v.Tokens(a.Text)
	d.Sents = make([]Seg, len(a.Sentences))
	for i, s := range a.Sentences {
		d.Sents[i] = d.seg(s.Start, s.End, s.Text, v)
	}
	if len(a.Sentences) == 0 {
		start := 0
		for _, line := range strings.Split(a.Text, "\n") {
			n := RuneLen(line)
			d.Lines = append(d.Lines, d.seg(start, start+n, line, v))
			start += n + 1
		}
	}
	return d
}

// Seg returns the analysed piece [start, end) of the text whose text as the
// caller reads it is s (the span's text, line breaks perhaps turned into
// spaces): its words are those of the Doc's text, not read again.
func (d *Doc) Seg(start, end int, s string) Seg { return d.seg(start, end, s, nil) }

// Span returns the words of the text [start, end), offsets relative to
// start, as Tokens(string(Runes[start:end])) gives them.
func (d *Doc) Span(start, end int) []Token {
	if start < 0 || end > len(d.Runes) || start >= end {
		return nil
	}
	if toks, ok := d.within(start, end); ok {
		return toks
	}
	return Tokens(string(d.Runes[start:end]))
}

func (d *Doc) seg(start, end int, s string, v *Vocab) Seg {
	g := Seg{Start: start, End: end, Text: s}
	exact, same := d.compare(start, end, s)
	switch {
	case exact:
		g.Runes = d.Runes[start:end:end]
	default:
		g.Runes = []rune(s)
	}
	if same {
		if toks, ok := d.within(start, end); ok {
			g.Tokens = toks
			return g
		}
	}
	// A word runs across the edge of the piece, or the piece is not the
	// Doc's text: read the piece on its own.
	if v != nil {
		g.Tokens = v.Tokens(s)
	} else {
		g.Tokens = Tokens(s)
	}
	return g
}

// compare reports whether s is the text [start, end) exactly, and whether
// it is that text but for line breaks written as spaces (then its words are
// the same).
func (d *Doc) compare(start, end int, s string) (exact, same bool) {
	if start < 0 || end > len(d.Runes) || start > end {
		return false, false
	}
	exact, same = true, true
	i := start
	for _, r := range s {
		if i >= end {
			return false, false
		}
		if c := d.Runes[i]; c != r {
			exact = false
			if !(r == ' ' && (c == '\n' || c == '\r')) {
				return false, false
			}
		}
		i++
	}
	if i != end {
		return false, false
	}
	return exact, same
}

// within returns the Doc's words that lie in [start, end), as Within does.
func (d *Doc) within(start, end int) ([]Token, bool) { return Within(d.Tokens, start, end) }

// Within returns the tokens of toks (in text order) that lie in [start,
// end), copied with offsets relative to start, and false when a token
// crosses either edge (then the piece read alone would have other words).
func Within(toks []Token, start, end int) ([]Token, bool) {
	lo := sort.Search(len(toks), func(k int) bool { return toks[k].End > start })
	hi := lo
	for hi < len(toks) && toks[hi].Start < end {
		hi++
	}
	if lo < hi && (toks[lo].Start < start || toks[hi-1].End > end) {
		return nil, false
	}
	out := make([]Token, hi-lo)
	copy(out, toks[lo:hi])
	for k := range out {
		out[k].Start -= start
		out[k].End -= start
	}
	return out, true
}

// Without returns a Doc of the same text without the sentences skip
// reports, its article a copy whose Sentences are renumbered; offsets still
// point into the text. The Doc and its article are not changed.
func (d *Doc) Without(skip func(sentence int) bool) *Doc {
	c := *d.Article
	c.Sentences = nil
	out := &Doc{Article: &c, Runes: d.Runes, Tokens: d.Tokens, Lines: d.Lines}
	for si, s := range d.Article.Sentences {
		if skip(si) {
			continue
		}
		s.Index = len(c.Sentences)
		c.Sentences = append(c.Sentences, s)
		out.Sents = append(out.Sents, d.Sents[si])
	}
	return out
}

// Articles returns the article of each Doc.
func Articles(docs []*Doc) []*parallax.Article {
	out := make([]*parallax.Article, len(docs))
	for i, d := range docs {
		if d != nil {
			out[i] = d.Article
		}
	}
	return out
}

// SegOf analyses a piece of text on its own, outside any Doc: offsets
// start at 0.
func SegOf(s string) Seg {
	r := []rune(s)
	return Seg{End: len(r), Text: s, Runes: r, Tokens: Tokens(s)}
}
