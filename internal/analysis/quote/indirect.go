package quote

import (
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// findIndirect finds reported speech without quotation marks: "Mr Bukele
// said he did not have the power …", "Bukele told reporters he …", and the
// attribution that closes a sentence ("…, said secretary of state Marco
// Rubio", "…, according to media reports").
func (d *doc) findIndirect() {
	for si, sp := range d.sents {
		if d.heading[si] {
			continue
		}
		ws := d.wordsBetween(sp.Start, sp.End)
		used := false
		for n, k := range ws {
			if used {
				break
			}
			t := d.toks[k]
			if d.inQuote(t.Start) {
				continue
			}
			if t.Lower == "according" && n+1 < len(ws) && d.lower(ws[n+1]) == "to" {
				if m, ok := d.according(sp, ws, n); ok {
					d.out = append(d.out, m)
					used = true
				}
				continue
			}
			if !d.isCue(k, indirectCues) {
				continue
			}
			if m, ok := d.trailing(sp, ws, n); ok {
				d.out = append(d.out, m)
				used = true
				continue
			}
			if m, ok := d.reported(sp, ws, n); ok {
				d.out = append(d.out, m)
			}
		}
	}
}

// reported handles SPEAKER VERB [object] [adverbials] [that] CLAUSE.
func (d *doc) reported(sp parallax.Span, ws []int, n int) (Mention, bool) {
	k := ws[n]
	verb := d.lower(k)
	j := n + 1
	if j < len(ws) && d.sepBefore(ws[j], sp.Start) {
		return Mention{}, false
	}
	// The addressee: "told reporters", "told Mr Trump", "assured Donald
	// Trump".
	if objectCues[verb] && j < len(ws) {
		j = d.skipObject(ws, j)
	}
	j = d.skipAdverbials(ws, j)
	that := false
	if j < len(ws) && d.lower(ws[j]) == "that" {
		j++
		that = true
	}
	if j >= len(ws) || !that && !sayVerbs[verb] {
		return Mention{}, false
	}
	c := ws[j]
	start := d.toks[c].Start
	// A quotation right after the cue is a direct one, handled elsewhere.
	gap := d.gapBefore(c, sp.Start)
	if strings.ContainsAny(gap, "\"“‘'") || d.inQuote(start) && d.quoteStartsAt(start) {
		return Mention{}, false
	}
	if strings.ContainsAny(gap, ".;:!?") {
		return Mention{}, false
	}
	first := d.lower(c)
	if conjunctions[first] || relatives[first] && first != "that" || preps[first] || first == "to" || passives[first] || first == "so" || first == "in" || first == "no" && j+1 < len(ws) && d.lower(ws[j+1]) == "more" {
		return Mention{}, false
	}
	end := d.clauseEnd(sp, start)
	end = d.cutAttribution(start, end)
	if end-start < 8 || len(d.wordsBetween(start, end)) < 3 {
		return Mention{}, false
	}
	if !that && !d.clauseLike(j, ws) {
		return Mention{}, false
	}
	w := d.subjectBefore(firstTokenFrom(d, sp.Start), k, sp.Start)
	if !w.ok {
		return Mention{}, false
	}
	w.cue, w.cueEnd = d.toks[k].Text, d.toks[k].End
	return d.indirect(start, end, w), true
}

// trailing handles CLAUSE, SPEAKER VERB. and CLAUSE, VERB SPEAKER.
func (d *doc) trailing(sp parallax.Span, ws []int, n int) (Mention, bool) {
	k := ws[n]
	// The words after the verb, to the end of the sentence or the next
	// comma, are few: the speaker and an adverbial at most.
	restEnd := n + 1
	for restEnd < len(ws) && !d.sepBefore(ws[restEnd], sp.Start) {
		restEnd++
	}
	rest := restEnd - n - 1
	if rest > 8 || n+1 < len(ws) && strings.ContainsAny(d.gapBefore(ws[n+1], sp.Start), ":\"“‘") {
		return Mention{}, false
	}
	// The comma that ends the clause.
	comma := -1
	for m := n; m >= 1 && n-m < 14; m-- {
		if strings.Contains(d.gapBefore(ws[m], sp.Start), ",") {
			comma = m
			break
		}
	}
	if comma < 3 {
		return Mention{}, false
	}
	clauseStart := d.toks[ws[0]].Start
	clauseEnd := d.toks[ws[comma-1]].End
	if !d.hasVerb(ws[0], ws[comma-1]+1) && !d.clauseLike(0, ws[:comma]) {
		return Mention{}, false
	}
	if d.inQuote(clauseStart) || d.inQuote(clauseEnd-1) {
		return Mention{}, false
	}
	var w who
	if comma == n {
		if !invertVerbs[d.lower(k)] {
			return Mention{}, false
		}
		// "…, said secretary of state Marco Rubio"
		w = d.subjectAfter(k+1, sp.End)
	} else {
		// The subject stands right after the comma: "…, Mr Trump added".
		if n-comma > 6 || d.hasVerb(ws[comma], k) {
			return Mention{}, false
		}
		if rest > 0 {
			if l := d.lower(ws[n+1]); !preps[l] && !isTimeWord(l) {
				return Mention{}, false
			}
		}
		// "…, but critics say for many of them, there is …": a clause
		// follows, so the verb reports it, not what came before.
		if restEnd < len(ws) {
			if l := d.lower(ws[restEnd]); !isParticiple(l) && l != "who" && l != "which" {
				return Mention{}, false
			}
		}
		w = d.subjectBefore(ws[comma], k, d.toks[ws[comma]].Start)
		// What follows the verb must not be a clause of its own: "…, he
		// said on Monday" but not "…, Trump said he would …".
		if n+1 < len(ws) {
			next := d.lower(ws[n+1])
			if pronouns[next] || next == "that" || d.toks[ws[n+1]].Capital && !d.inMention(d.toks[ws[n+1]].Start) {
				return Mention{}, false
			}
			if rest > 5 {
				return Mention{}, false
			}
		}
	}
	if !w.ok {
		return Mention{}, false
	}
	w.cue, w.cueEnd = d.toks[k].Text, d.toks[k].End
	return d.indirect(clauseStart, clauseEnd, w), true
}

// according handles "CLAUSE, according to X." and "According to X,
// CLAUSE."
func (d *doc) according(sp parallax.Span, ws []int, n int) (Mention, bool) {
	to := ws[n+1]
	w := d.subjectAfter(to+1, sp.End)
	if !w.ok {
		return Mention{}, false
	}
	w.cue = "according to"
	if n == 0 {
		// "According to X, CLAUSE."
		for m := n + 2; m < len(ws); m++ {
			if strings.Contains(d.gapBefore(ws[m], sp.Start), ",") {
				start := d.toks[ws[m]].Start
				end := d.clauseEnd(sp, start)
				if len(d.wordsBetween(start, end)) >= 3 && !d.inQuote(start) {
					return d.indirect(start, end, w), true
				}
				break
			}
		}
		return Mention{}, false
	}
	if !strings.Contains(d.gapBefore(ws[n], sp.Start), ",") || n < 3 {
		return Mention{}, false
	}
	start, end := d.toks[ws[0]].Start, d.toks[ws[n-1]].End
	if d.inQuote(start) {
		return Mention{}, false
	}
	return d.indirect(start, end, w), true
}

func (d *doc) indirect(start, end int, w who) Mention {
	m := Mention{Start: start, End: end, Kind: parallax.QuoteIndirect, SpeakerStart: -1, SpeakerEnd: -1}
	if w.ok {
		m.Speaker, m.SpeakerStart, m.SpeakerEnd, m.Cue, m.unresolved = w.name, w.start, w.end, w.cue, w.unresolved
	}
	return m
}

// clauseEnd returns the end of the reported clause starting at start: the
// end of the sentence without its final punctuation, or the start of a
// quotation that stands alone after a colon.
func (d *doc) clauseEnd(sp parallax.Span, start int) int {
	end := sp.End
	for end > start && strings.ContainsRune(".!?;:, ", d.r[end-1]) {
		end--
	}
	// A trailing quotation mark closing a partial quote stays in.
	return end
}

// clauseLike reports whether the words from ws[j] make a clause with a
// subject and a verb: a subject pronoun first, or an auxiliary, a modal or a
// past form within the first six words ("Mr Bukele has jailed …").
func (d *doc) clauseLike(j int, ws []int) bool {
	switch d.lower(ws[j]) {
	case "he", "she", "it", "they", "we", "i", "there", "you":
		return true
	}
	for m := j + 1; m < len(ws) && m < j+7; m++ {
		l := d.lower(ws[m])
		if auxiliaries[l] {
			return true
		}
		if m > j && strings.HasSuffix(l, "ed") && !determiners[d.lower(ws[m-1])] {
			return true
		}
		if d.sepBefore(ws[m], 0) {
			break
		}
	}
	return false
}

// cutAttribution ends a reported clause before a new attribution inside
// it: "a judge said flights … should return to the US, Mr Bukele wrote …".
func (d *doc) cutAttribution(start, end int) int {
	ws := d.wordsBetween(start, end)
	for n, k := range ws {
		if n == 0 || !d.isCue(k, finiteCues) {
			continue
		}
		for m := n; m > 0 && n-m < 7; m-- {
			if gap := d.gapBefore(ws[m], start); strings.ContainsAny(gap, ",;") {
				return d.toks[ws[m-1]].End
			}
		}
	}
	return end
}

// quoteStartsAt reports whether a quotation's words start at position i.
func (d *doc) quoteStartsAt(i int) bool { return d.starts[i] }

// skipObject skips the addressee of a verb like "told": an entity mention,
// an object pronoun, or a short noun phrase ("reporters", "the magazine").
func (d *doc) skipObject(ws []int, j int) int {
	k := ws[j]
	t := d.toks[k]
	switch t.Lower {
	case "him", "her", "them", "us", "me", "you", "reporters", "journalists":
		return j + 1
	case "he", "she", "they", "we", "i", "it", "that":
		return j
	}
	if _, ok := d.mentionStartingAt(k); ok {
		for j < len(ws) && d.inMention(d.toks[ws[j]].Start) {
			j++
		}
		return j
	}
	if t.Lower == "the" || t.Lower == "a" || t.Lower == "an" {
		if j+1 < len(ws) && !d.sepBefore(ws[j+1], 0) {
			return j + 2
		}
	}
	if t.Capital && !d.toks[k].Stop {
		return j + 1
	}
	return j
}

// isTimeWord reports whether a lower-case word is an adverbial of time
// that may follow a reporting verb: a weekday, or one of timeWords.
func isTimeWord(l string) bool {
	_, day := text.Weekday(l)
	return day || timeWords[l]
}

// timeWords are the adverbials of time other than weekdays.
var timeWords = set("today",
	"yesterday", "tonight", "tomorrow", "later", "earlier", "recently", "previously", "again", "also", "repeatedly",
	"last", "this", "week", "month", "year", "morning", "afternoon", "evening", "night", "on", "late", "early")

// skipAdverbials skips time words and prepositional phrases after a
// reporting verb: "on Monday", "in a statement", "at the White House on
// Monday morning".
func (d *doc) skipAdverbials(ws []int, j int) int {
	for j < len(ws) {
		l := d.lower(ws[j])
		switch {
		case isTimeWord(l):
			j++
		case preps[l]:
			// A prepositional phrase: up to five words, to a comma, "that" or
			// a subject pronoun.
			m := j + 1
			for m < len(ws) && m-j <= 5 {
				ml := d.lower(ws[m])
				if ml == "that" || pronouns[ml] || d.sepBefore(ws[m], 0) {
					break
				}
				m++
			}
			if m < len(ws) && d.sepBefore(ws[m], 0) && strings.Contains(d.gapBefore(ws[m], 0), ",") {
				m2 := m
				if m2 < len(ws) && d.lower(ws[m2]) == "that" {
					return m2
				}
			}
			if m-j > 5 {
				return j
			}
			j = m
		default:
			return j
		}
	}
	return j
}
