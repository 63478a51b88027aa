package timeline

import (
	"strings"

	"github.com/parallax-news/parallax/internal/text"
)

// A sentence is dated by the event its main clause reports. There is no
// parser: the clauses are read off the sentence's tokens and the
// punctuation between them. A token is subordinate when it lies in
//
//   - brackets, quotation marks or a pair of dashes;
//   - a relative clause ("who", "whom", "whose", "which", "where", "when",
//     a "that" after a noun), up to the next comma, or, when no comma opens
//     it, up to the verb of the main clause ("the man who was deported in
//     March was returned on Monday");
//   - an adverbial clause ("although", "because", "while", "if"; "after",
//     "before", "since" and "until" when a verb follows);
//   - an apposition: a noun phrase set off by commas after a name or noun
//     ("García, a Salvadoran migrant with a work permit since 2019, was
//     deported in March").
//
// A date found in a subordinate part dates that part only, and so does a
// "since" inside a clause (see mainDate). The reported content of a
// reporting verb ("said that …", "ruled that …") stays in the main clause:
// it is the news; a quotation is the speaker's, dated by its frame ("…,”
// Miller told reporters on Monday").
//
// The word lists below are this reading's own; like the other lexicons
// they could move to internal/text as roles when another stage needs them.

// clauses is the clause reading of one sentence.
type clauses struct {
	toks  []text.Token
	runes []rune
	// sub[k] is true when token k lies outside the main clause.
	sub []bool
	// starts[k] is true when a comma, semicolon, colon or dash comes
	// before token k: a segment starts there; comma[k] when it is a comma.
	starts, comma []bool
}

// readClauses reads the clauses of a sentence.
func readClauses(toks []text.Token, runes []rune) *clauses {
	c := &clauses{toks: toks, runes: runes, sub: make([]bool, len(toks)), starts: make([]bool, len(toks)), comma: make([]bool, len(toks))}
	c.enclosures()
	c.relatives()
	c.appositions()
	return c
}

// gap returns the text between token k-1 and token k (k = 0: before the
// first token; k = len(toks): after the last).
func (c *clauses) gap(k int) []rune {
	from, to := 0, len(c.runes)
	if k > 0 {
		from = c.toks[k-1].End
	}
	if k < len(c.toks) {
		to = c.toks[k].Start
	}
	if from > to {
		return nil
	}
	return c.runes[from:to]
}

// enclosures marks the tokens inside brackets, quotation marks and pairs of
// dashes, and the segment starts.
func (c *clauses) enclosures() {
	depth, curly, single, straight := 0, 0, 0, -1
	var dashes []int // tokens after a dash
	for k := 0; k < len(c.toks); k++ {
		g := c.gap(k)
		for x, r := range g {
			switch r {
			case '(', '[':
				depth++
			case ')', ']':
				depth = max(depth-1, 0)
			case '“':
				curly++
			case '”':
				if curly == 0 { // the sentence starts inside a quotation
					for j := range k {
						c.sub[j] = true
					}
				}
				curly = max(curly-1, 0)
			case '‘':
				single++
			case '’':
				single = max(single-1, 0)
			case '"':
				if straight < 0 {
					straight = k
				} else {
					for j := straight; j < k; j++ {
						c.sub[j] = true
					}
					straight = -1
				}
			case ',':
				c.starts[k], c.comma[k] = true, true
			case ';', ':':
				c.starts[k] = true
			case '—', '–':
				c.starts[k] = true
				dashes = append(dashes, k)
			case '-':
				// A spaced hyphen is a dash ("Bukele - who once … - have").
				if x > 0 && g[x-1] == ' ' && x+1 < len(g) && g[x+1] == ' ' {
					c.starts[k] = true
					dashes = append(dashes, k)
				}
			}
		}
		if depth > 0 || curly > 0 || single > 0 {
			c.sub[k] = true
		}
	}
	for p := 0; p+1 < len(dashes); p += 2 {
		for j := dashes[p]; j < dashes[p+1]; j++ {
			c.sub[j] = true
		}
	}
}

// segEnd returns the token at which the segment holding token k ends: the
// next segment start after k, or the end of the sentence.
func (c *clauses) segEnd(k int) int {
	for j := k + 1; j < len(c.toks); j++ {
		if c.starts[j] {
			return j
		}
	}
	return len(c.toks)
}

var (
	// relWords open a relative clause.
	relWords = set("who whom whose which where when")
	// subordinators open an adverbial clause.
	subordinators = set("although though because while whereas unless if whether")
	// clausePreps open an adverbial clause when a verb follows them, else
	// a phrase ("after the meeting on Monday" dates the sentence).
	clausePreps = set("after before since until")
	// finite are the auxiliaries and modals of a finite verb.
	finite = set("is are was were has have had will would can could may might must shall should does did do am 's 're")
	// pastForms are frequent irregular finite verbs of news prose (the
	// regular ones end in -ed).
	pastForms = set("spent sought built bought taught caught fled shot stood began became went came took made met won left got gave saw sent held fell ran struck spoke wrote brought kept lost paid put told said found thought knew drove flew rose led")
	// thatVerbs take a "that" clause though they do not end in -ed or
	// report speech in the reporting lexicon.
	thatVerbs = set("admits admit believes believe shows show means mean ensures insists insist claims claim hopes hope fears fear suggests suggest thinks think knows know feels feel argues argue warns warn denies deny found find learned learnt ruled rules")
	// apposDet open an apposition ("García, a Salvadoran migrant, …").
	apposDet = set("a an the his her its their another")
	// sentenceAdverbs end an opening word, not a noun ("However, the
	// court …").
	sentenceAdverbs = set("however meanwhile moreover still then now instead also separately earlier later today yesterday tonight nevertheless furthermore")
	reportingVerbs  = text.Reporting(text.RoleCue | text.RoleIndirect | text.RoleClaim)
)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// verbCue reports whether token k reads as a finite verb.
func (c *clauses) verbCue(k int) bool {
	l := c.toks[k].Lower
	return finite[l] || pastForms[l] || reportingVerbs[l]
}

// clauseVerb reports whether token k reads as a verb: a finite one or a
// past form in -ed.
func (c *clauses) clauseVerb(k int) bool {
	t := c.toks[k]
	return c.verbCue(k) || !t.Stop && len(t.Lower) > 4 && strings.HasSuffix(t.Lower, "ed")
}

// relatives marks relative and adverbial clauses.
func (c *clauses) relatives() {
	for k := 0; k < len(c.toks); k++ {
		if c.sub[k] {
			continue
		}
		l := c.toks[k].Lower
		end := -1
		switch {
		case relWords[l] && (k > 0 || l == "when"):
			end = c.relativeEnd(k)
		case l == "that" && c.relativeThat(k):
			end = c.relativeEnd(k)
		case subordinators[l] && !(c.starts[k] && (l == "while" || l == "whereas")):
			// ", while …" contrasts two main clauses.
			end = c.segEnd(k)
		case clausePreps[l] && k+1 < len(c.toks) && c.clauseAfter(k):
			end = c.segEnd(k)
		}
		if end < 0 {
			continue
		}
		for j := k; j < end; j++ {
			c.sub[j] = true
		}
		k = end - 1
	}
}

// clauseAfter reports whether the preposition at token k opens a clause:
// a participle follows it ("after leaving rehab", "since losing to
// Brewster"), or a verb comes later in its segment ("after a judge said
// …"), not a date ("after March 15").
func (c *clauses) clauseAfter(k int) bool {
	next := c.toks[k+1]
	if dateWord(next) {
		return false
	}
	if !next.Stop && len(next.Lower) > 5 && strings.HasSuffix(next.Lower, "ing") {
		return true
	}
	return c.hasVerb(k+1, c.segEnd(k))
}

// hasVerb reports whether a token of [from, to) reads as a verb.
func (c *clauses) hasVerb(from, to int) bool {
	for j := from; j < to; j++ {
		if c.clauseVerb(j) {
			return true
		}
	}
	return false
}

// relativeEnd returns where the relative clause opened at token k ends: at
// the next segment start; and when no comma opens the clause (a
// restrictive one), before a second verb that follows a noun, the verb of
// the main clause ("the man who killed four people in a courthouse escape
// | was sentenced Saturday").
func (c *clauses) relativeEnd(k int) int {
	end := c.segEnd(k)
	if c.starts[k] {
		return end
	}
	seen := false
	for j := k + 1; j < end; j++ {
		if !c.clauseVerb(j) {
			continue
		}
		if p := c.toks[j-1]; seen && !p.Stop && !c.clauseVerb(j-1) && !strings.HasSuffix(p.Lower, "ly") {
			return j
		}
		seen = true
	}
	return end
}

// relativeThat reports whether "that" at token k opens a relative clause
// (or the content clause of a noun: "the news that …"): it follows a
// noun, not a function word ("so that", "on that day"), and no verb comes
// shortly before it in its segment ("ruled that …", "told reporters on
// Friday that …", "confirmed to Access that …").
func (c *clauses) relativeThat(k int) bool {
	if k == 0 || c.starts[k] {
		return false
	}
	p := c.toks[k-1]
	if p.Stop || p.Number || strings.HasSuffix(p.Lower, "ly") {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		if thatVerbs[c.toks[j].Lower] || c.clauseVerb(j) {
			return false
		}
		if c.starts[j] {
			break
		}
	}
	return true
}

// appositions marks noun phrases set off by commas after a noun: the
// segment opens with a determiner or is an age, holds no finite verb
// before any relative clause, and the segment before it ends on a noun,
// not on a date or an opening adverb. (A bare noun phrase is not read as
// one: "…, California, hospital Thursday" and "…, Neil Meron, caused
// some backlash" look alike.)
func (c *clauses) appositions() {
	prev := -1 // start of the previous segment
	for a := 0; a < len(c.toks); a++ {
		if a > 0 && !c.starts[a] {
			continue
		}
		if prev >= 0 && c.apposition(prev, a) {
			for j := a; j < c.segEnd(a); j++ {
				c.sub[j] = true
			}
		}
		prev = a
	}
}

// apposition reports whether the segment starting at token a, after the
// segment starting at p, is an apposition.
func (c *clauses) apposition(p, a int) bool {
	b := c.segEnd(a)
	first, last := c.toks[a], c.toks[a-1]
	if c.sub[a] || !c.comma[a] || last.Stop || last.Number || dateWord(last) || sentenceAdverbs[last.Lower] || strings.HasSuffix(last.Lower, "ly") {
		return false
	}
	// An opening phrase ("After the meeting, the president …") is no
	// noun phrase: the segment after it is the main clause.
	if p == 0 && c.toks[0].Stop && !apposDet[c.toks[0].Lower] {
		return false
	}
	switch {
	case apposDet[first.Lower]:
	case first.Number && b == a+1: // an age: "Abrego García, 29, …"
	default:
		return false
	}
	for j := a; j < b && !c.sub[j]; j++ {
		if c.verbCue(j) {
			return false
		}
	}
	return true
}

// dateWord reports whether a token is a word of a date.
func dateWord(t text.Token) bool {
	l := strings.TrimSuffix(t.Lower, "'s")
	return t.Number || text.IsCalendarWord(l) || dateWords[l]
}

var dateWords = set("today yesterday tomorrow tonight week month year morning afternoon evening night ago weekend last next am pm gmt bst est edt pst pdt utc ist")

// mainDate returns the date of a sentence's main clause among the dates
// found in it, and the token where it starts: the first date outside every
// subordinate part. A "since 2019" inside a clause dates the start of a
// state ("a work permit since 2019", "the first time since 2005"), not an
// event: only a clause that opens on it ("Since March, El Salvador has
// accepted …") is dated by it. A date in a noun phrase dates its noun
// ("sentenced Nichols for the March 11, 2005, incident"). ok is false
// when the main clause has no date.
func (c *clauses) mainDate(ms []match) (m match, tok int, ok bool) {
	for _, x := range ms {
		k := c.tokenAt(x.from)
		if k < 0 || c.sub[k] {
			continue
		}
		if c.sinceInClause(k) || c.attributive(k) {
			continue
		}
		return x, k, true
	}
	return match{}, 0, false
}

// sinceInClause reports whether the date at token k is the object of a
// "since" inside its clause: "since" comes before it in its segment, not
// at the segment's start, with no verb between ("the worst violence since
// riots in 2008", "since his April 2006 victory").
func (c *clauses) sinceInClause(k int) bool {
	for j := k - 1; j > 0; j-- {
		if c.toks[j].Lower == "since" {
			return !c.starts[j]
		}
		if c.starts[j] || c.clauseVerb(j) {
			return false
		}
	}
	return false
}

// attributive reports whether the date at token k modifies a noun: a
// determiner or a possessive comes before it ("the March 2005 rampage",
// "Trump's March 15 order").
func (c *clauses) attributive(k int) bool {
	if k == 0 {
		return false
	}
	p := c.toks[k-1].Lower
	return determiners[p] || strings.HasSuffix(p, "'s") && !dateWord(c.toks[k-1])
}

var determiners = set("a an the his her its their our my your whose")

// tokenAt returns the token starting at rune offset r, or -1.
func (c *clauses) tokenAt(r int) int {
	for k, t := range c.toks {
		if t.Start == r {
			return k
		}
		if t.Start > r {
			break
		}
	}
	return -1
}

// longSentence is the length in code points past which an entry drops a
// sentence's trailing relative clause or participle ("…, said Marco
// Rubio, who called the alliance …").
const longSentence = 200

// trim returns the end, in code points, of the entry a sentence gives
// when its main date starts at token from: the whole sentence, or for a
// long one the main clause before a trailing relative clause or
// participial phrase that opens after a comma, when at least eight words
// are left and the last of them is not a function word.
func (c *clauses) trim(from int) int {
	n := len(c.runes)
	if n <= longSentence {
		return n
	}
	for k := from + 1; k < len(c.toks); k++ {
		if !c.starts[k] || k < 8 || c.toks[k-1].Stop {
			continue
		}
		t := c.toks[k]
		rel := relWords[t.Lower] && c.sub[k]
		participle := !t.Stop && !t.Capital && strings.HasSuffix(t.Lower, "ing") && len(t.Lower) > 5
		if !rel && !participle || !strings.ContainsRune(string(c.gap(k)), ',') {
			continue
		}
		return c.closeAt(k)
	}
	return n
}

// closeAt returns the end of the text kept before token k: after token
// k-1 and any closing quotation mark or bracket that follows it.
func (c *clauses) closeAt(k int) int {
	end := c.toks[k-1].End
	quotes := strings.Count(string(c.runes[:end]), `"`)
	for end < len(c.runes) {
		switch r := c.runes[end]; {
		case r == '”' || r == '’' || r == ')' || r == ']':
		case r == '"' && quotes%2 == 1:
			quotes++
		default:
			return end
		}
		end++
	}
	return end
}
