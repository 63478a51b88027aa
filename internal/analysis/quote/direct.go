package quote

import (
	"strings"
	"unicode"

	"github.com/parallax-news/parallax"
)

// findDirect classifies every quotation span and finds its speaker.
func (d *doc) findDirect() {
	for qi := range d.spans {
		s := d.spans[qi]
		q := &d.quotes[qi]
		q.sent = d.sentOf(s.start)
		q.endSent = d.sentOf(s.end - 1)
		q.para, q.endPara = d.paraOf(s.open), d.paraOf(s.end-1)
		q.heading = d.inHeading(s.open)
		lo, hi := d.contextBounds(qi)
		before := d.wordsBetween(lo, s.open)
		q.kind = d.kindOf(qi, lo, before)
		if q.kind == "" {
			q.skip = true
			q.term = len(d.wordsBetween(s.start, s.end)) > 0
			continue
		}
		if s.contNext {
			// The attribution of a quotation continued in the next paragraph
			// comes before it or after its last paragraph.
			if w := d.beforeCue(qi, lo, s.open); w.ok {
				q.who = w
			}
			continue
		}
		if w := d.afterCue(s.stop()+1, hi); w.ok {
			q.who = w
		} else if w := d.beforeCue(qi, lo, s.open); w.ok {
			q.who = w
		} else if w := d.verbAfter(s, hi); w.ok && len(before) == 0 {
			q.who = w
		} else if d.colonBefore(s.open) && len(before) > 0 {
			// “In typical fashion, she released a response: “…”; "A
			// spokesperson for the department pointed to a statement: “…”".
			q.who = d.participleSubject(qi, before[len(before)-1]+1)
			if !q.who.ok {
				q.who = d.describedSubject(before[0])
			}
		} else if q.kind == parallax.QuotePartial {
			q.who = d.labelSpeaker(qi, lo, before)
			q.labelled = q.who.ok
		}
	}
	// Quotations without a cue of their own: a paragraph of quotation after
	// an attributed one, or after a sentence that introduces it.
	for qi := range d.spans {
		q := &d.quotes[qi]
		if q.skip || q.who.ok {
			continue
		}
		s := d.spans[qi]
		if s.contNext {
			// A paragraph of a quotation attributed after its last
			// paragraph: that attribution, not the sentence before.
			j := qi
			for j+1 < len(d.spans) && d.spans[j].contNext {
				j++
			}
			if w := d.quotes[j].who; w.ok && w.cue != "" && j > qi {
				q.who = w
				q.who.cue = ""
				continue
			}
		}
		lo, _ := d.contextBounds(qi)
		if len(d.wordsBetween(lo, s.open)) > 0 && !s.cont {
			continue
		}
		q.who = d.inherit(qi)
	}
	// A direct quotation in a headline with no speaker found: the person or
	// organisation the headline names ("Trump vows to veto bill: ‘It's a
	// disaster’"), which the entity index may know only from the text.
	for qi := range d.spans {
		if q := &d.quotes[qi]; !q.skip && !q.who.ok && q.heading && q.kind == parallax.QuoteDirect {
			q.who = d.headingSpeaker(qi)
		}
	}
	// A paragraph continued by the next takes the attribution of the last.
	for qi := len(d.spans) - 2; qi >= 0; qi-- {
		if d.spans[qi].contNext && !d.quotes[qi].who.ok && d.quotes[qi+1].who.ok {
			d.quotes[qi].who = d.quotes[qi+1].who
			d.quotes[qi].who.cue = ""
		}
	}
	d.markTerms()
	for qi, s := range d.spans {
		q := d.quotes[qi]
		if q.skip && !q.term {
			continue
		}
		if q.term {
			q.kind, q.who = parallax.QuoteTerm, who{}
		}
		m := Mention{Start: s.start, End: s.end, Kind: q.kind, SpeakerStart: -1, SpeakerEnd: -1}
		if q.who.ok {
			m.Speaker = q.who.name
			m.SpeakerStart, m.SpeakerEnd = q.who.start, q.who.end
			m.Cue = q.who.cue
			m.unresolved = q.who.unresolved
		}
		d.out = append(d.out, m)
	}
}

// contextBounds returns the stretch of text around span qi where its
// attribution may lie: from the start of its sentence (or the end of the
// previous quotation in it) to the end of the sentence holding its closing
// mark (or the start of the next quotation).
func (d *doc) contextBounds(qi int) (int, int) {
	s := d.spans[qi]
	lo := d.sentSpan(d.sentOf(s.open)).Start
	if lo > s.open {
		lo = s.open
	}
	if qi > 0 {
		p := d.spans[qi-1]
		if p.stop() < s.open && p.stop()+1 > lo {
			lo = p.stop() + 1
		}
	}
	// A line break also bounds the context.
	for i := s.open - 1; i >= lo; i-- {
		if d.r[i] == '\n' {
			lo = i + 1
			break
		}
	}
	end := s.stop()
	hi := d.sentSpan(d.sentOf(end)).End
	if hi <= end {
		hi = end + 1
		for hi < len(d.r) && d.r[hi] != '\n' && !strings.ContainsRune(".!?", d.r[hi-1]) {
			hi++
		}
	}
	if qi+1 < len(d.spans) && d.spans[qi+1].open > end && d.spans[qi+1].open < hi {
		hi = d.spans[qi+1].open
	}
	for i := end + 1; i < hi; i++ {
		if d.r[i] == '\n' {
			hi = i
			break
		}
	}
	return lo, min(hi, len(d.r))
}

// wordsBetween returns the indexes of the tokens in [lo, hi).
func (d *doc) wordsBetween(lo, hi int) []int {
	i, j := d.tokRange(lo, hi)
	out := make([]int, 0, j-i)
	for k := i; k < j; k++ {
		out = append(out, k)
	}
	return out
}

// kindOf decides whether span qi is a direct quotation (a clause or
// sentence standing on its own: at the start of a sentence, or after a
// reporting cue and a comma or colon), a partial one (a fragment embedded
// in the author's sentence), or no quotation at all ("" for a title such as
// "American Pie" or "Happy Birthday").
func (d *doc) kindOf(qi, lo int, before []int) string {
	s := d.spans[qi]
	content := d.r[s.start:s.end]
	words := d.wordsBetween(s.start, s.end)
	if len(words) == 0 {
		return ""
	}
	first := firstLetter(content)
	upper := unicode.IsUpper(first) || unicode.IsDigit(first) || strings.HasPrefix(string(content), "...") || strings.HasPrefix(string(content), "…")
	ends := endsSentence(content) || d.closedByComma(s)
	initial := len(before) == 0 || s.cont || onlyConjunction(d, before)
	cued := d.cueAfterClose(s) || d.cueBefore(before)
	introduced := d.introduced(s.open, before)

	// The title of a work or a name in quotation marks ("The Notorious
	// Bettie Page," "Million Dollar Mermaid") is no quotation unless a
	// reporting cue attaches it to a speaker.
	if titleLike(d, words) && !cued && !introduced {
		return ""
	}
	// The second part of a split quotation: “A,” he said, “b …”.
	if qi > 0 && d.quotes[qi-1].kind == parallax.QuoteDirect && d.quotes[qi-1].endSent >= d.sentOf(s.open)-1 &&
		len(before) <= 20 && d.cueBefore(before) && introduced && !lineStart(d.r, s.open) {
		return parallax.QuoteDirect
	}
	// A quoted phrase as the subject of the author's sentence ("“Defund
	// the police” was a slogan …"): no sentence of its own.
	if initial && !ends && !cued && d.auxAfterClose(s) {
		return parallax.QuotePartial
	}
	switch {
	case initial && (len(words) >= 3 || ends || cued):
		return parallax.QuoteDirect
	case initial && len(words) >= 2 && upper:
		return parallax.QuoteDirect
	case upper && introduced && (len(words) >= 2 || ends):
		return parallax.QuoteDirect
	case upper && ends && len(words) >= 4 && (cued || d.cueBefore(before)):
		return parallax.QuoteDirect
	case introduced && endsSentence(content) && len(words) >= 4 && d.cueBefore(before):
		// A whole sentence quoted after its cue, even in lower case:
		// Stefanski said, “we are excited about the future.”
		return parallax.QuoteDirect
	}
	return parallax.QuotePartial
}

// introduced reports whether the text before the opening mark introduces a
// quoted sentence: a comma or colon, a reporting verb, or "that," right
// before it.
func (d *doc) introduced(open int, before []int) bool {
	p := open - 1
	for p >= 0 && d.r[p] == ' ' {
		p--
	}
	if p >= 0 && (d.r[p] == ',' || d.r[p] == ':') {
		return len(before) > 0
	}
	if len(before) == 0 {
		return false
	}
	k := before[len(before)-1]
	return d.isCue(k, finiteCues) || d.isCue(k, participleCues)
}

func firstLetter(r []rune) rune {
	for _, c := range r {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return c
		}
	}
	return 0
}

// endsSentence reports whether quoted words end with the punctuation of a
// sentence.
func endsSentence(r []rune) bool {
	for i := len(r) - 1; i >= 0; i-- {
		switch r[i] {
		case '’', '\'', '"', '”', ')', ' ':
			continue
		case '.', '?', '!', '…':
			return true
		}
		return false
	}
	return false
}

// closedByComma reports whether the quotation ends with a comma inside its
// marks, as quoted sentences before their attribution do: “…,” he said.
func (d *doc) closedByComma(s span) bool {
	for i := s.close - 1; i >= s.end && i >= 0; i-- {
		if d.r[i] == ',' {
			return true
		}
	}
	return false
}

func onlyConjunction(d *doc, before []int) bool {
	if len(before) != 1 {
		return false
	}
	switch d.lower(before[0]) {
	case "and", "but", "so", "or":
		return true
	}
	return false
}

// titleLike reports whether the quoted words look like the title of a
// work or a name: few words, each capitalised but for small words.
func titleLike(d *doc, words []int) bool {
	if len(words) > 6 {
		return false
	}
	for _, k := range words {
		t := d.toks[k]
		if !t.Capital && !t.Number && !smallWords[t.Lower] {
			return false
		}
		if t.Lower == "i" || t.Lower == "i'm" {
			return false
		}
	}
	return true
}

var smallWords = set("a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "de", "la", "with", "from", "by")

// auxAfterClose reports whether the author's sentence goes on right after
// the closing mark with an auxiliary ("… ” was a slogan", "… ” has become").
func (d *doc) auxAfterClose(s span) bool {
	if s.close < 0 {
		return false
	}
	i, _ := d.tokRange(s.close+1, len(d.r))
	if i >= len(d.toks) || strings.TrimSpace(d.gapBefore(i, s.close+1)) != "" {
		return false
	}
	t := d.toks[i]
	return !t.Capital && auxiliaries[t.Lower]
}

// cueAfterClose reports whether a reporting verb follows the closing mark
// closely: “…,” Mr Bukele said.
func (d *doc) cueAfterClose(s span) bool {
	if s.close < 0 {
		return false
	}
	i, _ := d.tokRange(s.close+1, len(d.r))
	for k := i; k < len(d.toks) && k < i+10; k++ {
		if d.toks[k].Start > s.close+1 && strings.ContainsAny(d.gapBefore(k, s.close+1), ".!?\n“\"") && k > i {
			return false
		}
		if d.isCue(k, finiteCues) || d.toks[k].Lower == "according" {
			return true
		}
	}
	return false
}

// cueBefore reports whether a reporting verb stands among the words before
// the opening mark.
func (d *doc) cueBefore(before []int) bool {
	for _, k := range before {
		if d.isCue(k, finiteCues) || d.isCue(k, participleCues) || d.toks[k].Lower == "according" {
			return true
		}
	}
	return false
}

// afterCue finds an attribution right after a closing mark, in [lo, hi):
// “…,” Mr Bukele said; “…,” said Vancouver police spokesperson Tim Fanning;
// “…,” Valentina Redzhepova, an official …, told AFP; “…,” according to X.
func (d *doc) afterCue(lo, hi int) who {
	ws := d.wordsBetween(lo, hi)
	if len(ws) == 0 {
		return who{}
	}
	// Inverted: said X.
	k0 := ws[0]
	n := 0
	for n < len(ws) && n < 2 && adverbs[d.lower(ws[n])] {
		n++
	}
	if n < len(ws) && d.isCue(ws[n], finiteCues) {
		v := ws[n]
		if w := d.subjectAfter(v+1, hi); w.ok {
			w.cue, w.cueEnd = d.toks[v].Text, d.toks[v].End
			return w
		}
	}
	if d.lower(k0) == "according" && len(ws) > 1 && d.lower(ws[1]) == "to" {
		if w := d.subjectAfter(ws[1]+1, hi); w.ok {
			w.cue = "according to"
			return w
		}
	}
	// After a closing mark, a word that starts no noun phrase starts no
	// attribution, but for a prepositional phrase the comma closes: “…” at
	// the offer, Mark said.
	afterComma := -1
	if npNotStart[d.lower(k0)] {
		if !preps[d.lower(k0)] {
			return who{}
		}
		for _, k := range ws[1:] {
			if strings.Contains(d.gapBefore(k, lo), ",") {
				afterComma = d.toks[k].Start
				break
			}
		}
		if afterComma < 0 {
			return who{}
		}
	}
	// X said: the first reporting verb within reach.
	for n, k := range ws {
		if n > 24 {
			break
		}
		if n > 0 && d.sentenceBreak(k, lo) {
			break
		}
		if d.lower(k) == "according" && n+1 < len(ws) && d.lower(ws[n+1]) == "to" {
			if w := d.subjectAfter(ws[n+1]+1, hi); w.ok {
				w.cue = "according to"
				return w
			}
		}
		if !d.isCue(k, finiteCues) {
			if n > 0 && (relatives[d.lower(k)] && d.lower(k) != "who" || d.lower(k) == "that") {
				break
			}
			continue
		}
		if n == 0 {
			break
		}
		w := d.subjectBefore(ws[0], k, lo)
		// "…" the plan, said X: the subject follows the verb.
		if (!w.ok || w.unresolved) && invertVerbs[d.lower(k)] && strings.Contains(d.gapBefore(k, lo), ",") {
			if w2 := d.subjectAfter(k+1, hi); w2.ok && !w2.unresolved {
				w = w2
			}
		}
		if w.ok && w.start < afterComma {
			return who{}
		}
		if w.ok {
			w.cue, w.cueEnd = d.toks[k].Text, d.toks[k].End
		}
		return w
	}
	return who{}
}

// describedSubject returns the description that opens the sentence of
// token k as its subject ("A spokesperson for the department"), if any.
func (d *doc) describedSubject(k int) who {
	sent := d.sentOf(d.toks[k].Start)
	desc, ok := d.openingDescription(sent)
	if !ok {
		return who{}
	}
	i, _ := d.tokRange(d.sentSpan(sent).Start, d.sentSpan(sent).End)
	n := len(strings.Fields(desc))
	if i+n > len(d.toks) {
		return who{}
	}
	start, end := d.toks[i].Start, d.toks[i+n-1].End
	return who{name: desc, start: start, end: end, unresolved: true, ok: true}
}

// headingSpeaker returns the first person or organisation named in the
// heading of quotation qi outside quotation marks, resolved through the
// entity index: a headline's names are often in capitals the entity
// extractor does not read as names.
func (d *doc) headingSpeaker(qi int) who {
	p := d.paraOf(d.spans[qi].open)
	if d.ix == nil || p < 0 || p >= len(d.blocks) {
		return who{}
	}
	b := d.blocks[p]
	for _, k := range d.wordsBetween(b.Start, b.End) {
		t := d.toks[k]
		if !t.Capital || t.Stop || d.inQuote(t.Start) {
			continue
		}
		if m, ok := d.mentionStartingAt(k); ok && (m.Kind == parallax.EntityPerson || m.Kind == parallax.EntityOrganization) {
			return who{name: m.Name, start: max(m.Full.Start, b.Start), end: m.End, kind: m.Kind, ok: true}
		}
		name, ok := d.ix.Resolve(d.idx, t.Text)
		if !ok {
			continue
		}
		if e, ok := d.ix.Lookup(name); ok && (e.Kind == parallax.EntityPerson || e.Kind == parallax.EntityOrganization) {
			return who{name: name, start: t.Start, end: t.End, kind: e.Kind, ok: true}
		}
	}
	return who{}
}

// labelSpeaker finds who labels something with the partial quotation qi
// when no reporting verb does: the earlier speaker of a quotation it is
// coordinated with ("called the changes “narrow” and a “common-sense”
// approach"); the person a "self-described" or "self-proclaimed" phrase
// describes ("Bukele, the self-proclaimed “world's coolest dictator”"); the
// subject of an active clause that takes something "as" the quoted words
// ("Trump greeting Bukele as a ‘friend’"). before holds the words of its
// context before the opening mark.
func (d *doc) labelSpeaker(qi, lo int, before []int) who {
	s := d.spans[qi]
	sent := d.quotes[qi].sent
	if qi > 0 && d.quotes[qi-1].who.ok && d.quotes[qi-1].who.cue != "" && d.quotes[qi-1].endSent == sent && !d.quotes[qi-1].skip &&
		d.spans[qi-1].stop() < s.open && len(before) <= 4 && !d.cueBefore(before) {
		w := d.quotes[qi-1].who
		w.cue = ""
		return w
	}
	if len(before) == 0 {
		return who{}
	}
	k := before[len(before)-1]
	if determiners[d.lower(k)] && len(before) > 1 {
		k = before[len(before)-2]
	}
	l := d.lower(k)
	if strings.HasPrefix(l, "self-") && (strings.HasSuffix(l, "ed") || strings.HasSuffix(l, "ing")) {
		// The nearest person before, outside quotations.
		for j := k - 1; j >= 0 && d.toks[j].Start >= d.sentSpan(sent).Start; j-- {
			if d.inQuote(d.toks[j].Start) {
				continue
			}
			if m, ok := d.mentionStartingAt(j); ok && m.Kind == parallax.EntityPerson {
				return who{name: m.Name, start: max(m.Full.Start, d.sentSpan(sent).Start), end: m.End, kind: m.Kind, ok: true}
			}
		}
		return who{}
	}
	if l != "as" || k == 0 {
		return who{}
	}
	switch p := d.lower(k - 1); p {
	case "such", "known", "well", "so", "same", "just", "much", "many", "serve", "serves", "served", "serving":
		return who{}
	}
	// An active clause: no passive ("was described as") before "as".
	from := d.sentSpan(sent).Start
	for j := k - 1; j > 0 && d.toks[j].Start >= from; j-- {
		if passives[d.lower(j-1)] && strings.HasSuffix(d.lower(j), "ed") {
			return who{}
		}
	}
	return d.participleSubject(qi, k)
}

// verbAfter finds the attribution of a quotation that ends with a comma,
// "?" or "!" inside its marks and is followed by a name or "he"/"she" and a
// verb in the past the lexicon does not know as a reporting verb: “…,”
// Williams fumed on Twitter. Only a sentence that opens with the quotation
// is read so: its punctuation hands the sentence over to the attribution.
func (d *doc) verbAfter(s span, hi int) who {
	if s.close < 0 || !(d.closedByComma(s) || endsSentence(d.r[s.start:s.close])) {
		return who{}
	}
	ws := d.wordsBetween(s.close+1, hi)
	if len(ws) < 2 || strings.ContainsAny(d.gapBefore(ws[0], s.close+1), ".!?;:\n") {
		return who{}
	}
	var w who
	j := ws[0]
	if m, ok := d.mentionStartingAt(j); ok && (m.Kind == parallax.EntityPerson || m.Kind == parallax.EntityOrganization) && m.Full.Start >= d.toks[j].Start {
		w = who{name: m.Name, start: m.Full.Start, end: m.End, kind: m.Kind, ok: true}
		for j < len(d.toks) && d.toks[j].Start < m.End {
			j++
		}
	} else if l := d.lower(j); l == "he" || l == "she" {
		w = d.pronoun(j)
		j++
	} else {
		return who{}
	}
	if j >= len(d.toks) || d.toks[j].End > hi || d.sepBefore(j, 0) {
		return who{}
	}
	t := d.toks[j]
	if t.Capital || !strings.HasSuffix(t.Lower, "ed") || len(t.Lower) < 5 || auxiliaries[t.Lower] {
		return who{}
	}
	w.cue, w.cueEnd = t.Text, t.End
	return w
}

// beforeCue finds the attribution of span qi in the words before its
// opening mark, in [lo, open): X said: “…”; X told reporters that, “…”;
// …, saying “…”; according to X, “…”.
func (d *doc) beforeCue(qi, lo, open int) who {
	ws := d.wordsBetween(lo, open)
	s := d.spans[qi]
	partial := d.quotes[qi].kind == parallax.QuotePartial
	for n := len(ws) - 1; n >= 0; n-- {
		k := ws[n]
		dist := len(ws) - 1 - n
		if !partial && dist > 14 {
			break
		}
		l := d.lower(k)
		if l == "according" && n+1 < len(ws) && d.lower(ws[n+1]) == "to" {
			if w := d.subjectAfter(ws[n+1]+1, open); w.ok {
				w.cue = "according to"
				return w
			}
		}
		switch {
		case d.isCue(k, participleCues):
			var w who
			if k > 0 && n > 0 && !d.sepBefore(k, lo) && !d.toks[k-1].Stop && !preps[d.lower(k-1)] && d.nounLike(k-1) {
				// "Students chanting “…”".
				w = d.head(ws[0], k, modeBefore)
			}
			if !w.ok {
				w = d.participleSubject(qi, k)
			}
			if w.ok {
				w.cue, w.cueEnd = d.toks[k].Text, d.toks[k].End
			}
			return w
		case d.isCue(k, finiteCues):
			if !partial && partialCues[l] && !d.introduced(s.open, ws) {
				continue
			}
			sentLo := d.sentSpan(d.sentOf(d.toks[k].Start)).Start
			w := d.subjectBefore(firstTokenFrom(d, sentLo), k, sentLo)
			if !w.ok && n == 0 {
				// "…,” said X, “…” — the subject follows the verb.
				w = d.subjectAfter(k+1, open)
			}
			if !w.ok && qi > 0 && d.quotes[qi-1].who.ok && d.quotes[qi-1].sent == d.quotes[qi].sent {
				w = d.quotes[qi-1].who
			}
			if w.ok {
				w.cue, w.cueEnd = d.toks[k].Text, d.toks[k].End
			}
			return w
		}
	}
	return who{}
}

// colonBefore reports whether a colon stands right before the opening mark
// at open.
func (d *doc) colonBefore(open int) bool {
	p := open - 1
	for p >= 0 && d.r[p] == ' ' {
		p--
	}
	return p >= 0 && d.r[p] == ':'
}

// sentenceBreak reports whether the gap before token k ends a sentence: a
// period, question or exclamation mark not after an initial or title.
func (d *doc) sentenceBreak(k, lo int) bool {
	gap := d.gapBefore(k, lo)
	if !strings.ContainsAny(gap, ".!?;") {
		return false
	}
	// A sentence starts with a capital: "(D-Md.) said" goes on.
	if !strings.Contains(gap, ";") && !d.toks[k].Capital && !d.toks[k].Number {
		return false
	}
	if k > 0 && strings.HasPrefix(gap, ".") {
		p := d.toks[k-1].Text
		if len([]rune(p)) == 1 && unicode.IsUpper([]rune(p)[0]) || abbrevs[strings.ToLower(p)] {
			return false
		}
	}
	return true
}

func firstTokenFrom(d *doc, pos int) int {
	i, _ := d.tokRange(pos, len(d.r))
	return i
}

// participleSubject finds the subject of a reporting participle: the
// speaker of an earlier quotation in the sentence, else the first person,
// organisation or pronoun of the sentence outside quotations.
func (d *doc) participleSubject(qi, k int) who {
	sent := d.sentOf(d.toks[k].Start)
	for p := qi - 1; p >= 0; p-- {
		if d.quotes[p].sent != sent {
			break
		}
		if d.quotes[p].who.ok && d.spans[p].stop() < d.toks[k].Start {
			return d.quotes[p].who
		}
	}
	lo := d.sentSpan(sent).Start
	i := firstTokenFrom(d, lo)
	var org who
	for j := i; j < k; j++ {
		t := d.toks[j]
		if d.inQuote(t.Start) {
			continue
		}
		if m, ok := d.mentionStartingAt(j); ok && m.Kind == parallax.EntityPerson {
			return who{name: m.Name, start: m.Full.Start, end: m.End, kind: m.Kind, ok: true}
		} else if ok && m.Kind == parallax.EntityOrganization && !org.ok {
			org = who{name: m.Name, start: m.Full.Start, end: m.End, kind: m.Kind, ok: true}
		}
		if pronouns[t.Lower] && t.Lower != "you" && t.Lower != "it" && t.Lower != "they" {
			return d.pronoun(j)
		}
	}
	return org
}

// mentionStartingAt returns the entity mention covering token j.
func (d *doc) mentionStartingAt(j int) (mentionRef, bool) {
	t := d.toks[j]
	for _, m := range d.entsNear(t.Start, t.Start) {
		if t.Start >= m.Full.Start && t.Start < m.End {
			return mentionRef{Name: m.Name, Kind: m.Kind, Full: m.Full, End: m.End}, true
		}
	}
	return mentionRef{}, false
}

// mentionRef is the part of an entity mention the speaker search uses.
type mentionRef struct {
	Name, Kind string
	Full       parallax.Span
	End        int
}

// inherit finds the speaker of a quotation that has no cue of its own:
// the speaker of the quotation just before (same or previous sentence), or
// the subject of a reporting verb in the sentence before ("Playboy founder
// Hugh Hefner said:").
func (d *doc) inherit(qi int) who {
	s := d.spans[qi]
	sent := d.quotes[qi].sent
	// A paragraph of a quotation opened in an earlier paragraph is the
	// same utterance: it has the speaker of the paragraph before, whatever
	// lies between them (a caption, a crosshead).
	if s.cont && qi > 0 && d.spans[qi-1].contNext && !d.quotes[qi-1].skip && d.quotes[qi-1].who.ok {
		w := d.quotes[qi-1].who
		w.cue = ""
		return w
	}
	if qi > 0 {
		p := qi - 1
		for p >= 0 && d.quotes[p].skip {
			p--
		}
		// Continuity is broken by a reporting verb after the previous
		// quotation and its attribution. A paragraph of a quotation
		// continued in the next has no closing mark: it ends at its last
		// word, and a cue before it (its own attribution) breaks nothing.
		if p >= 0 && d.quotes[p].who.ok && d.adjacent(p, qi) && d.quotes[p].kind == parallax.QuoteDirect &&
			!d.reportBetween(max(d.spans[p].stop(), d.quotes[p].who.cueEnd, d.quotes[p].who.end), s.open) {
			w := d.quotes[p].who
			w.cue = ""
			return w
		}
	}
	// The sentence before, when it holds a reporting verb outside quotes.
	// A quotation in a heading has no sentence of its own (sentOf gives the
	// sentence before the heading) and takes no speaker from the running
	// text.
	if sent <= 0 || sent >= len(d.blockN) || d.quotes[qi].heading {
		return who{}
	}
	prev := d.sentSpan(sent - 1)
	if d.blockN[sent]-d.blockN[sent-1] > 1 {
		return who{}
	}
	ws := d.wordsBetween(prev.Start, prev.End)
	if w := d.reportIn(qi, ws, prev); w.ok {
		return w
	}
	// A sentence that introduces the quotation with a colon: "Below is a
	// statement by Francesca Grifo, director of …:".
	if d.colonBefore(prev.End+1) || prev.End > 0 && d.r[prev.End-1] == ':' {
		// Its subject when it is a person described ("The judge had
		// advice for anyone who deals with Nichols:"), else the last
		// person or organisation named.
		if len(ws) >= 2 && determiners[d.lower(ws[0])] && personHeads[d.lower(ws[1])] && !d.inQuote(d.toks[ws[0]].Start) {
			if w := d.head(ws[0], ws[1]+1, modeBefore); w.ok {
				return w
			}
		}
		for n := len(ws) - 1; n >= 0; n-- {
			if m, ok := d.mentionStartingAt(ws[n]); ok && (m.Kind == parallax.EntityPerson || m.Kind == parallax.EntityOrganization) && !d.inQuote(m.Full.Start) {
				for n > 0 {
					if m2, ok := d.mentionStartingAt(ws[n-1]); ok && m2.Name == m.Name {
						n--
						continue
					}
					break
				}
				return who{name: m.Name, start: max(m.Full.Start, d.toks[ws[n]].Start), end: m.End, kind: m.Kind, ok: true}
			}
		}
	}
	// No report: a paragraph of quotation after a sentence whose subject is
	// a person ("He would not specify … “They were all adults …”").
	if len(ws) > 0 && !d.inQuote(d.toks[ws[0]].Start) {
		if m, ok := d.mentionStartingAt(ws[0]); ok && m.Kind == parallax.EntityPerson {
			return who{name: m.Name, start: m.Full.Start, end: m.End, kind: m.Kind, ok: true}
		}
		if l := d.lower(ws[0]); l == "he" || l == "she" {
			w := d.pronoun(ws[0])
			return w
		}
	}
	return who{}
}

// adjacent reports whether quotation p ends just before quotation qi
// opens: its last word lies in the same sentence or the sentence before, or
// in the paragraph before qi's, which an attribution may have split ("…,"
// he told E! News.). A quotation that runs over several paragraphs is
// compared by its last paragraph. A quotation in a heading is adjacent to
// none: a headline, crosshead or caption holds no sentence and is no part
// of the running text (before the first sentence its sentence is -1).
func (d *doc) adjacent(p, qi int) bool {
	a, b := d.quotes[p], d.quotes[qi]
	if a.heading || b.heading || a.endSent < 0 || b.sent < 0 {
		return false
	}
	if a.endSent >= b.sent-1 {
		return true
	}
	return a.endPara >= 0 && b.para-a.endPara == 1
}

// reportIn finds the speaker of a reporting verb outside quotations in the
// words ws of the sentence prev, last verb first.
func (d *doc) reportIn(qi int, ws []int, prev parallax.Span) who {
	for n := len(ws) - 1; n >= 0; n-- {
		k := ws[n]
		if d.inQuote(d.toks[k].Start) {
			continue
		}
		if d.isCue(k, participleCues) {
			w := d.participleSubject(qi, k)
			w.cue = ""
			return w
		}
		if d.isCue(k, finiteCues) && !partialCues[d.lower(k)] {
			w := d.subjectBefore(ws[0], k, prev.Start)
			if !w.ok {
				w = d.subjectAfter(k+1, prev.End)
			}
			w.cue = ""
			return w
		}
	}
	return who{}
}

// reportBetween reports whether a reporting verb outside quotations lies
// between two positions, which breaks the continuity of speakers.
func (d *doc) reportBetween(a, b int) bool {
	for _, k := range d.wordsBetween(a+1, b) {
		if !d.inQuote(d.toks[k].Start) && d.isCue(k, finiteCues) {
			return true
		}
	}
	return false
}
