package quote

import (
	"strings"

	"github.com/parallax-news/parallax"
)

// Limits of a term: a partial quotation this short, attributed by no cue
// of its own, is a word or phrase set in quotation marks rather than words
// someone is said to utter.
const (
	maxTermWords    = 4 // words of a phrase with no reporting cue at all
	maxCueReachWord = 5 // words between a cue and the one word it quotes
)

// markTerms tells the terms among the partial quotations: words set in
// quotation marks that no speaker is said to utter ("must “facilitate” the
// return", a scare quote, a nickname, "the term “effectuate”"). A
// quotation is a term when
//   - a noun naming words or a "so-called" stands right before it;
//   - no reporting cue attributes it and it is short and no clause;
//   - it is a single word far from the cue, or with a passive or another
//     owner between them ("he is accused of imprisoning “thousands”", "the
//     court’s requirement to ‘facilitate’"): the cue reports the clause,
//     not the word.
//
// A partial quotation a cue governs ("he is “all for” it" after "said",
// "describing it as a ‘hoax’") stays the speaker's. Titles of works and
// names in quotation marks, which kindOf skips, are terms too.
func (d *doc) markTerms() {
	for qi := range d.spans {
		q := &d.quotes[qi]
		if q.skip || q.kind != parallax.QuotePartial {
			continue
		}
		if d.isTerm(qi) {
			q.term = true
		}
	}
}

func (d *doc) isTerm(qi int) bool {
	s, q := d.spans[qi], d.quotes[qi]
	words := d.wordsBetween(s.start, s.end)
	if len(words) == 0 {
		return false
	}
	if d.namingBefore(s.open) {
		return true
	}
	// A clause has a subject and a verb: one or two words are none.
	clause := len(words) > 2 && d.hasVerb(words[0], words[len(words)-1]+1) || endsSentence(d.r[s.start:s.end]) && len(words) > maxTermWords
	if q.labelled {
		return false
	}
	if !q.who.ok || q.who.cue == "" {
		return len(words) <= maxTermWords && !clause
	}
	if len(words) > 1 || q.who.cueEnd <= 0 || q.who.cueEnd > s.open {
		return false
	}
	between := d.wordsBetween(q.who.cueEnd, s.open)
	if len(between) > maxCueReachWord {
		return true
	}
	for n, k := range between {
		l := d.lower(k)
		if n > 0 && passives[d.lower(between[n-1])] && (strings.HasSuffix(l, "ed") || strings.HasSuffix(l, "en")) {
			return true // "is accused of", "was called"
		}
		if (strings.HasSuffix(l, "'s") || strings.HasSuffix(l, "’s")) && !d.inQuote(d.toks[k].Start) {
			return true // "the court's requirement to ‘facilitate’"
		}
	}
	return false
}

// namingWords name words as words: "the term “effectuate”", "the slogan".
var namingWords = set("term", "terms", "word", "words", "phrase", "label", "slogan", "nickname", "moniker", "expression", "so-called", "catchphrase", "motto", "headline", "title", "hashtag")

// namingBefore reports whether a noun that names words, or "so-called",
// stands right before the opening mark at open.
func (d *doc) namingBefore(open int) bool {
	_, j := d.tokRange(0, open)
	if j == 0 {
		return false
	}
	k := j - 1
	if d.toks[k].End > open || strings.TrimSpace(string(d.r[d.toks[k].End:open])) != "" {
		return false
	}
	return namingWords[d.lower(k)] || d.lower(k) == "called" && k > 0 && d.lower(k-1) == "so"
}
