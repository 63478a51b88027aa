package quote

import (
	"sort"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/entity"
	"github.com/parallax-news/parallax/internal/text"
)

// doc is one article read for quotations.
type doc struct {
	idx     int
	a       *parallax.Article
	r       []rune
	toks    []text.Token
	sents   []parallax.Span
	blockN  []int  // block of each sentence
	heading []bool // sentence lies in a heading
	blocks  []parallax.Span
	ix      *entity.Index
	ents    []entity.Mention
	entSpan int  // the longest extent of a mention, title included
	entsAll bool // ents are not in text order: search them all
	spans   []span
	inSpans ranges       // the positions from each span's opening mark to where it stops
	starts  map[int]bool // the positions where a span's words start
	quotes  []quoteInfo
	out     []Mention
}

// quoteInfo is what was decided about one span.
type quoteInfo struct {
	kind    string
	who     who
	sent    int  // sentence of the opening mark
	endSent int  // sentence of the last quoted word
	para    int  // paragraph of the opening mark
	endPara int  // paragraph of the last quoted word
	heading bool // the opening mark lies in a heading, which has no sentence
	skip    bool
	term    bool // a skipped span kept as a term: a title or name in quotation marks
	// labelled is set when a partial quotation's speaker labels something
	// with it rather than reports it (see labelSpeaker): no term then.
	labelled bool
}

// who is a speaker found: the name (resolved or as written), the span of
// the mention nearest the cue, and the cue.
type who struct {
	name       string
	start, end int
	cue        string
	cueEnd     int // end of the cue, 0 when none
	unresolved bool
	kind       string // entity kind when resolved to an entity
	ok         bool
}

func newDoc(i int, td *text.Doc, ix *entity.Index) *doc {
	a := td.Article
	d := &doc{idx: i, a: a, r: td.Runes, toks: td.Tokens, ix: ix}
	for _, b := range a.Blocks {
		d.blocks = append(d.blocks, b.Span)
	}
	if len(a.Sentences) > 0 {
		for _, s := range a.Sentences {
			d.sents = append(d.sents, s.Span)
			d.blockN = append(d.blockN, s.Block)
			d.heading = append(d.heading, s.Block >= 0 && s.Block < len(a.Blocks) && a.Blocks[s.Block].Heading)
		}
	} else {
		start := 0
		for n, line := range strings.Split(a.Text, "\n") {
			l := len([]rune(line))
			if strings.TrimSpace(line) != "" {
				d.sents = append(d.sents, parallax.Span{Start: start, End: start + l})
				d.blockN = append(d.blockN, n)
				d.heading = append(d.heading, false)
			}
			start += l + 1
		}
	}
	if ix != nil {
		d.ents = ix.Mentions(i)
	}
	for k, m := range d.ents {
		d.entSpan = max(d.entSpan, m.End-m.Start, m.End-m.Full.Start, m.Full.End-m.Full.Start, m.Start-m.Full.Start)
		if k > 0 && m.Start < d.ents[k-1].Start {
			d.entsAll = true
		}
	}
	d.spans = findQuotes(d.r, d.kept)
	d.endParagraphs()
	d.starts = make(map[int]bool, len(d.spans))
	for _, s := range d.spans {
		d.inSpans = append(d.inSpans, [2]int{s.open, s.stop()})
		d.starts[s.start] = true
	}
	d.inSpans = d.inSpans.merged()
	d.quotes = make([]quoteInfo, len(d.spans))
	return d
}

// endParagraphs ends each paragraph of a quotation continued in the next
// (which has no closing mark: the marks only tell where the next paragraph
// opens again) before the first heading or cut text it runs into: a
// caption or crosshead between two paragraphs of a quotation ("Robert
// Gates called for companies to protect their ships better") is no part of
// it.
func (d *doc) endParagraphs() {
	for k, s := range d.spans {
		if !s.contNext || len(d.blocks) == 0 {
			continue
		}
		first := d.paraOf(s.start)
		if first < 0 {
			continue
		}
		cut := -1
		for b := first + 1; b < len(d.blocks) && d.blocks[b].Start < s.end; b++ {
			gap := d.r[d.blocks[b-1].End:d.blocks[b].Start]
			if d.a.Blocks[b].Heading || strings.TrimSpace(string(gap)) != "" {
				cut = d.blocks[b-1].End
				break
			}
		}
		if cut < 0 {
			continue
		}
		e := min(cut, s.end)
		for e > s.start && (unicode.IsSpace(d.r[e-1]) || d.r[e-1] == ',') {
			e--
		}
		if e > s.start && firstLetter(d.r[s.start:e]) != 0 {
			d.spans[k].end = e
		}
	}
}

// kept reports whether position i lies in a kept block of the article.
func (d *doc) kept(i int) bool {
	if len(d.blocks) == 0 {
		return true
	}
	k := sort.Search(len(d.blocks), func(n int) bool { return d.blocks[n].End > i })
	return k < len(d.blocks) && d.blocks[k].Start <= i
}

// sentOf returns the index of the sentence holding position i, or of the
// last sentence starting before it; -1 when none does.
func (d *doc) sentOf(i int) int {
	k := sort.Search(len(d.sents), func(n int) bool { return d.sents[n].Start > i })
	return k - 1
}

// paraOf returns the index of the paragraph (block) holding position i,
// -1 when i lies in none. Without blocks, the paragraphs are the lines.
func (d *doc) paraOf(i int) int {
	if len(d.blocks) == 0 {
		if s := d.sentOf(i); s >= 0 && i <= d.sents[s].End {
			return d.blockN[s]
		}
		return -1
	}
	k := sort.Search(len(d.blocks), func(n int) bool { return d.blocks[n].End > i })
	if k < len(d.blocks) && d.blocks[k].Start <= i {
		return k
	}
	return -1
}

// inHeading reports whether position i lies in a heading (a headline, a
// crosshead or a caption line), which the cleaner splits into no sentence.
func (d *doc) inHeading(i int) bool {
	p := d.paraOf(i)
	return len(d.blocks) > 0 && p >= 0 && p < len(d.a.Blocks) && d.a.Blocks[p].Heading
}

func (d *doc) sentSpan(s int) parallax.Span {
	if s < 0 || s >= len(d.sents) {
		return parallax.Span{Start: 0, End: len(d.r)}
	}
	return d.sents[s]
}

// tokRange returns the indexes [i, j) of the tokens lying within [lo, hi).
func (d *doc) tokRange(lo, hi int) (int, int) {
	i := sort.Search(len(d.toks), func(n int) bool { return d.toks[n].Start >= lo })
	j := sort.Search(len(d.toks), func(n int) bool { return d.toks[n].End > hi })
	if j < i {
		j = i
	}
	return i, j
}

// gapBefore returns the text between token k-1 (or lo) and token k.
func (d *doc) gapBefore(k, lo int) string {
	from := lo
	if k > 0 && d.toks[k-1].End > lo {
		from = d.toks[k-1].End
	}
	if from > d.toks[k].Start {
		return ""
	}
	return string(d.r[from:d.toks[k].Start])
}

// separated reports whether the gap before token k holds punctuation that
// ends a phrase: a comma, a dash, a colon, a quotation mark, a bracket or
// the end of a sentence.
func separated(gap string) bool {
	return strings.ContainsAny(gap, ",;:—–()[]\"“”‘.!?\n") || strings.Contains(gap, " - ")
}

// ageWords are the words of an age written with spaced hyphens.
var ageWords = map[string]bool{"year": true, "years": true, "month": true, "months": true, "old": true}

// sepBefore reports whether punctuation that ends a phrase stands before
// token k (see separated); the period of an initial or a title ("Mr.
// McAllister", "Jumaane D. Williams") and the spaced hyphens of an age
// ("36 - year - old") end nothing.
func (d *doc) sepBefore(k, lo int) bool {
	gap := d.gapBefore(k, lo)
	if k > 0 && strings.TrimSpace(gap) == "-" && ageWords[d.lower(k)] {
		return false // "the 36 - year - old Klitschko", hyphens spaced out
	}
	if k > 0 && strings.TrimSpace(gap) == "." {
		p := d.toks[k-1].Text
		if len([]rune(p)) == 1 && unicode.IsUpper([]rune(p)[0]) || abbrevs[strings.ToLower(p)] {
			return false
		}
	}
	return separated(gap)
}

// inQuote reports whether position i lies inside a quotation.
func (d *doc) inQuote(i int) bool { return d.inSpans.has(i) }

// entsNear returns, in text order, the entity mentions that may touch the
// positions [lo, hi]: every mention whose span or full span (title
// included) overlaps them is among them. It spares the callers a scan of
// every mention of a long article for each token.
func (d *doc) entsNear(lo, hi int) []entity.Mention {
	if d.entsAll {
		return d.ents
	}
	from, to := lo-d.entSpan, hi+d.entSpan
	a := sort.Search(len(d.ents), func(n int) bool { return d.ents[n].Start >= from })
	b := sort.Search(len(d.ents), func(n int) bool { return d.ents[n].Start > to })
	return d.ents[a:max(a, b)]
}

// mentionAt returns the entity mention whose full span covers the tokens
// [i, j) and ends at token j-1, if any.
func (d *doc) mentionEndingAt(j int) (entity.Mention, bool) {
	end := d.toks[j-1].End
	for _, m := range d.entsNear(d.toks[j-1].Start, end) {
		// A possessive ending is outside the mention's span.
		if m.End == end || m.End < end && m.End >= d.toks[j-1].Start && possessiveTail(d.r[m.End:end]) {
			return m, true
		}
	}
	return entity.Mention{}, false
}

func possessiveTail(r []rune) bool {
	s := string(r)
	return s == "'s" || s == "’s" || s == "'" || s == "’"
}

// inMention reports whether position i lies in the full span of an entity
// mention.
func (d *doc) inMention(i int) bool {
	for _, m := range d.entsNear(i, i) {
		if i >= m.Full.Start && i < m.End {
			return true
		}
	}
	return false
}

func (d *doc) lower(k int) string { return d.toks[k].Lower }

// isCue reports whether token k is a reporting verb of the set given, used
// as one: written in lower case, not after a modal ("would not say") or in
// the passive ("is said to").
func (d *doc) isCue(k int, set map[string]bool) bool {
	t := d.toks[k]
	if t.Capital || !set[t.Lower] {
		return false
	}
	if d.inQuote(t.Start) {
		return false
	}
	// A plural noun before "of": "claims of “racial insensitivity”",
	// "reports of looting".
	if strings.HasSuffix(t.Lower, "s") && t.Lower != "says" && k+1 < len(d.toks) && d.toks[k+1].Lower == "of" && !d.sepBefore(k+1, 0) {
		return false
	}
	// The word before counts only when nothing stands between: after a
	// closing mark (“… see this,” said) it belongs to the quotation.
	if k > 0 && !d.sepBefore(k, 0) {
		p := d.toks[k-1].Lower
		// A noun: "the administration’s claims", "his remarks".
		if determiners[p] || strings.HasSuffix(p, "'s") || strings.HasSuffix(p, "s'") {
			return false
		}
		// "when asked if …": no report.
		if (t.Lower == "asked" || t.Lower == "told") && (p == "when" || p == "if" || p == "as" || p == "after" || p == "before" || p == "once" || p == "unless") {
			return false
		}
		if passives[p] && (t.Lower == "said" || t.Lower == "told" || t.Lower == "called" || t.Lower == "described" || t.Lower == "asked" || t.Lower == "reported" || t.Lower == "labeled" || t.Lower == "dubbed") {
			return false
		}
		if (t.Lower == "say" || t.Lower == "tell") && modals[p] {
			return false
		}
	}
	return true
}

func (d *doc) text(i, j int) string { return string(d.r[i:j]) }
