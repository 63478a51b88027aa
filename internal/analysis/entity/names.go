package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// extractor finds name candidates. It is used by one Extract call only.
type extractor struct {
	lower map[string]bool // folded words seen written in lower case
	links [][2]*raw       // names the text gives as one (see links)
}

// doc is an article read for names.
type doc struct {
	doc   *text.Doc
	runes []rune
	sents []sentence
}

// sentence is one sentence with its tokens, offsets into the article text.
type sentence struct {
	index   int
	heading bool
	toks    []text.Token
}

// raw is one name candidate before merging.
type raw struct {
	art, sent  int
	order      int
	span, full parallax.Span
	text       string
	words      []string
	title      string
	place      string // gazetteer name when the whole name is a known place
	person     int    // evidence for a person: titles, ages, descriptions
	org        int    // evidence for an organisation
	placeCue   int    // "in X"
	sayer      bool   // followed by a reporting verb
	definite   bool   // preceded by "the"
	common     int    // words also written in lower case
	gender     string
	descs      []string
	head       string // the kind the name's head noun gives (headOf)
	shared     bool   // the head also names an institution ("Office")
	numeral    bool   // a numeral follows the head ("World War II")
	known      bool   // a known organisation (knownOrgs)
	cue        string // the kind a common noun said of the name gives (kindCue)
	locative   bool   // used as a place: "in the Oval Office", "sent to Cecot"
	speaks     bool   // used as a speaking institution: "according to X", "X officials"
	quoted     bool   // in quotation marks, a work's title: "‘The Hunger Games’"
}

// tokenize reads the article's sentences (its lines when it has none) with
// their words, offsets into the article text, and records the words it
// writes in lower case.
func (x *extractor) tokenize(d *text.Doc) []sentence {
	a := d.Article
	segs := d.Sents
	if len(a.Sentences) == 0 {
		segs = d.Lines
	}
	out := make([]sentence, 0, len(segs))
	for i, g := range segs {
		toks := make([]text.Token, len(g.Tokens))
		copy(toks, g.Tokens)
		for k := range toks {
			toks[k].Start += g.Start
			toks[k].End += g.Start
			if !toks[k].Capital {
				x.lower[fold(toks[k].Text)] = true
			}
		}
		heading := false
		if len(a.Sentences) > 0 {
			s := a.Sentences[i]
			heading = s.Block >= 0 && s.Block < len(a.Blocks) && a.Blocks[s.Block].Heading
		}
		out = append(out, sentence{index: i, heading: heading, toks: toks})
	}
	return out
}

// candidates returns the name candidates of article i.
func (x *extractor) candidates(i int, ad *text.Doc, sents []sentence) []*raw {
	d := &doc{doc: ad, runes: ad.Runes, sents: sents}
	var out []*raw
	for si := range sents {
		s := &sents[si]
		if s.heading && titleCase(s.toks) {
			continue
		}
		toks := s.toks
		for k := 0; k < len(toks); {
			if !isCap(toks[k]) {
				k++
				continue
			}
			j := k + 1
			for j < len(toks) && !possessive(toks[j-1].Text) {
				if isCap(toks[j]) && joinable(d.runes, toks[j-1], toks[j]) {
					j++
					continue
				}
				if j+1 < len(toks) && connectors[toks[j].Lower] && isCap(toks[j+1]) && joinsOf(toks[j].Lower, toks[j-1]) &&
					joinable(d.runes, toks[j-1], toks[j]) && joinable(d.runes, toks[j], toks[j+1]) {
					j += 2
					continue
				}
				break
			}
			out = append(out, x.run(i, d, s, k, j)...)
			k = j
		}
	}
	for n, r := range out {
		r.order = n
	}
	x.links = append(x.links, links(d.runes, out)...)
	return out
}

// connectors join the capitalised words of one name.
var connectors = set("of", "de", "del", "la", "las", "los", "da", "do", "dos", "van", "von", "der", "den", "bin", "al", "y", "for")

// joinsOf reports whether "of" or "for" may join the run ending with
// token t to the next capitalised word: after an organisation word or a
// title ("Department of Justice", "Secretary of State"), not after a
// personal name ("Nayib Bukele of El Salvador").
func joinsOf(conn string, t text.Token) bool {
	if conn != "of" && conn != "for" {
		return true
	}
	w := stripPossessive(fold(t.Text))
	return nameEnd(w) || orgPrefixes[w] || titleWord[w]
}

func isCap(t text.Token) bool {
	if t.Number || !t.Capital {
		return false
	}
	switch t.Lower {
	case "i", "i'm", "i've", "i'd", "i'll":
		return false
	}
	// A party and state ("R-Ohio", "D-Mass.") or a model ("F-16") is no
	// name.
	if len(t.Text) > 2 && t.Text[1] == '-' {
		return false
	}
	// Every part of a hyphenated name is capitalised ("Abrego-Garcia",
	// "MS-13"), unlike "Spanish-language" or "T-shirt".
	for _, part := range strings.Split(t.Text, "-") {
		if r, _ := utf8.DecodeRuneInString(part); unicode.IsLower(r) {
			return false
		}
	}
	return true
}

func possessive(w string) bool {
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’")
}

// joinable reports whether two tokens are parts of one name: only spaces
// between them, or the period of an abbreviation or initial ("Mr. Bukele",
// "George W. Bush").
func joinable(r []rune, a, b text.Token) bool {
	gap := r[a.End:b.Start]
	if len(gap) == 0 {
		return false
	}
	if gap[0] == '.' {
		w := strings.ToLower(a.Text)
		if !(abbrevs[w] || (len([]rune(a.Text)) == 1 && unicode.IsUpper([]rune(a.Text)[0]))) {
			return false
		}
		gap = gap[1:]
	}
	if len(gap) == 0 || len(gap) > 2 {
		return false
	}
	for _, c := range gap {
		if c != ' ' && c != '\u00a0' {
			return false
		}
	}
	return true
}

var abbrevs = set("mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "prof", "rev", "det", "maj", "adm", "cpl", "pvt", "jr", "sr", "hon", "supt", "insp")

// titleCase reports whether a heading capitalises most of its words.
func titleCase(toks []text.Token) bool {
	if len(toks) < 4 {
		return false
	}
	caps := 0
	for _, t := range toks {
		if t.Capital {
			caps++
		}
	}
	return caps*10 >= len(toks)*7
}

// sentenceStart reports whether token k of s begins its sentence or a
// quotation or clause set off by punctuation, where capitals say nothing.
func sentenceStart(d *doc, s *sentence, k int) bool {
	if k == 0 {
		return true
	}
	for p := s.toks[k].Start - 1; p >= s.toks[k-1].End; p-- {
		switch c := d.runes[p]; {
		case c == ' ' || c == '\u00a0':
		case strings.ContainsRune("\"“‘'(:—–-•*", c):
			return true
		default:
			return false
		}
	}
	return false
}

// run turns the capitalised run toks[k:j] of sentence s into candidates.
func (x *extractor) run(art int, d *doc, s *sentence, k, j int) []*raw {
	toks := s.toks
	// Drop leading words capitalised only by position and words that are
	// never names.
	for k < j {
		t := toks[k]
		if titleAt(toks, k, j) > 0 || knownAt(toks, k, j) > 0 {
			break
		}
		f := fold(t.Text)
		if notNames[f] && !text.IsAcronym(t.Text) || isCalendar(f) || timeWords[f] {
			k++
			continue
		}
		if sentenceStart(d, s, k) && (x.lower[f] || text.IsStop(f)) {
			k++
			continue
		}
		break
	}
	if k >= j {
		return nil
	}
	if isTitle(foldRun(toks, k, j)) {
		return nil // a title alone: "the President"
	}
	// A title with no name after it: "the US President"; not a title's
	// word after "of" ("Department of Justice").
	for m := k + 1; m < j; m++ {
		if isTitle(foldRun(toks, m, j)) && !connectors[toks[m-1].Lower] {
			j = m
			break
		}
	}
	// Calendar words split a run ("Monday Trump").
	for m := k; m < j; m++ {
		if f := fold(toks[m].Text); isCalendar(f) || timeWords[f] {
			return append(x.run(art, d, s, k, m), x.run(art, d, s, m+1, j)...)
		}
	}
	var out []*raw
	pos := k
	titleStart, titleEnd := -1, -1
	for pos < j {
		if n := titleAt(toks, pos, j); n > 0 {
			if pos+n >= j {
				// A title with no name after it: "the US President".
				return out
			}
			titleStart, titleEnd = pos, pos+n
			pos += n
			continue
		}
		if titleStart >= 0 {
			break
		}
		if n := knownAt(toks, pos, j); n > 0 && pos+n < j && (titleAt(toks, pos+n, j) > 0 || knownAt(toks, pos+n, j) == j-pos-n) {
			out = append(out, x.name(art, d, s, pos, pos+n, -1, -1))
			pos += n
			continue
		}
		if isDemonym(toks[pos].Text) && pos+1 < j && !nameEnd(stripPossessive(fold(toks[j-1].Text))) {
			pos++
			continue
		}
		// A title inside the run splits it: "Bloomington Police Sgt. Marty
		// Earley".
		split := -1
		for m := pos + 1; m < j; m++ {
			if n := titleAt(toks, m, j); n > 0 && m+n < j {
				split = m
				break
			}
		}
		if split < 0 {
			break
		}
		out = append(out, x.name(art, d, s, pos, split, -1, -1))
		pos = split
	}
	if pos < j {
		out = append(out, x.name(art, d, s, pos, j, titleStart, titleEnd))
	}
	return out
}

// foldRun returns the folded words of toks[k:j] joined by spaces.
func foldRun(toks []text.Token, k, j int) string {
	words := make([]string, 0, j-k)
	for m := k; m < j; m++ {
		words = append(words, stripPossessive(fold(toks[m].Text)))
	}
	return strings.Join(words, " ")
}

// isDemonym reports whether a word is a demonym, singular or plural
// ("Salvadoran", "Venezuelans").
func isDemonym(w string) bool {
	f := stripPossessive(fold(w))
	if _, ok := demonyms[f]; ok {
		return true
	}
	_, ok := demonyms[strings.TrimSuffix(f, "s")]
	return ok && strings.HasSuffix(f, "s")
}

// timeWords are time-of-day words and zones that are never names.
var timeWords = set("am", "pm", "a.m", "p.m", "gmt", "est", "edt", "bst", "utc", "pst", "pdt", "cst", "cdt", "cet", "et", "pt")

// riskyTitles are titles that are also common parts of names ("Justice
// Department", "General Motors", "Star Wars"); inside a capitalised run
// they count only before a name of two words or more.
var riskyTitles = set("star", "actor", "actress", "singer", "rapper", "producer", "filmmaker", "director", "leader",
	"chief", "general", "major", "private", "justice", "father", "coach", "quarterback", "dictator", "chair",
	"officer", "deputy", "assistant", "aide", "adviser", "advisor", "attorney", "speaker", "king", "queen", "prince",
	"princess", "lady", "lord", "sister", "pope", "trooper", "chancellor", "premier", "commander", "inspector",
	"secretary", "minister", "governor", "mayor", "judge", "ambassador", "president", "senator", "representative")

// titleAt returns the number of tokens of the longest title starting at
// toks[k] within toks[:j], or 0.
func titleAt(toks []text.Token, k, j int) int {
	for n := min(6, j-k); n >= 1; n-- {
		words := make([]string, n)
		for m := 0; m < n; m++ {
			words[m] = fold(toks[k+m].Text)
		}
		key := strings.Join(words, " ")
		if !isTitle(key) {
			continue
		}
		rest := j - k - n
		if n == 1 && riskyTitles[key] {
			// "Justice Department", "General Motors": the rest is no name.
			if rest == 0 || suffixWord(toks, k+n, j) {
				continue
			}
			if rest < 2 && !toks[k].Capital {
				continue
			}
			if rest == 1 && nameEnd(fold(toks[j-1].Text)) {
				continue
			}
		}
		if rest > 0 && suffixWord(toks, k+n, j) {
			continue
		}
		return n
	}
	return 0
}

// suffixWord reports whether the run toks[k:j] ends with an organisation
// or place suffix, which makes it no personal name.
func suffixWord(toks []text.Token, k, j int) bool {
	if k >= j {
		return false
	}
	last := fold(toks[j-1].Text)
	return nameEnd(stripPossessive(last))
}

// placeSuffixes end the names of places.
var placeSuffixes = set("county", "city", "province", "island", "islands", "valley", "river", "lake", "mountains",
	"street", "avenue", "road", "square", "park", "beach", "bay", "coast", "district", "region",
	"highway", "state", "border", "canal", "strait", "gulf", "sea", "ocean", "peninsula", "desert", "heights", "hills")

// knownAt returns the number of tokens of the longest known place or
// organisation starting at toks[k] within toks[:j], or 0.
func knownAt(toks []text.Token, k, j int) int {
	for n := min(5, j-k); n >= 1; n-- {
		words := make([]string, n)
		for m := 0; m < n; m++ {
			words[m] = fold(toks[k+m].Text)
		}
		words[n-1] = stripPossessive(words[n-1])
		key := strings.Join(words, " ")
		if _, ok := places[key]; ok {
			return n
		}
		if knownOrgs[key] && (n > 1 || text.IsAcronym(toks[k].Text) || len(key) > 3) {
			return n
		}
	}
	return 0
}

// name makes the candidate of the name toks[k:j], with the title
// toks[ts:te] (ts < 0 for none) in front of it.
func (x *extractor) name(art int, d *doc, s *sentence, k, j, ts, te int) *raw {
	toks := s.toks
	start, end := toks[k].Start, toks[j-1].End
	last := toks[j-1].Text
	if possessive(last) {
		if strings.HasSuffix(last, "s'") || strings.HasSuffix(last, "s’") {
			end--
		} else {
			end -= 2
		}
	}
	r := &raw{art: art, sent: s.index, span: parallax.Span{Start: start, End: end}, full: parallax.Span{Start: start, End: end}}
	r.text = string(d.runes[start:end])
	for m := k; m < j; m++ {
		w := fold(toks[m].Text)
		if m == j-1 {
			w = stripPossessive(w)
		}
		r.words = append(r.words, w)
		if x.lower[w] && !connectors[w] {
			r.common++
		}
	}
	r.head, r.shared, r.numeral = headOf(r.words)
	r.words = splitHyphens(r.words)
	key := strings.Join(r.words, " ")
	if p, ok := places[key]; ok {
		r.place = p
	}
	r.known = knownOrgs[key]
	if r.known || orgSuffixes[r.words[len(r.words)-1]] || orgPrefixes[r.words[0]] && len(r.words) > 2 {
		r.org += 2
	}
	if r.place == "" {
		r.quoted = quotedName(d.runes, toks, k, j)
		r.cue = kindCue(d, toks, k, j)
		r.locative = locative(d, toks, k)
		r.speaks = speaksFor(d, toks, k, j)
	}
	if placeSuffixes[r.words[len(r.words)-1]] && len(r.words) > 1 {
		r.placeCue += 2
	}
	if ts < 0 {
		ts, te = lowerTitle(d, toks, k)
	}
	if ts >= 0 {
		r.title = string(d.runes[toks[ts].Start:toks[te-1].End])
		r.full.Start = toks[ts].Start
		r.person += 3
		r.gender = genderOf(fold(r.title))
	}
	if k > 0 {
		prev := fold(toks[k-1].Text)
		if ts >= 0 {
			prev = ""
			if ts > 0 {
				prev = fold(toks[ts-1].Text)
			}
		}
		switch prev {
		case "in", "from", "near", "outside", "across", "throughout", "into", "inside":
			if !possessive(last) {
				r.placeCue++
			}
		case "the":
			r.definite = true
		}
	}
	// "the Trump administration".
	if j < len(toks) && orgHeads[toks[j].Lower] && ts < 0 && !possessive(last) && joinable(d.runes, toks[j-1], toks[j]) {
		r.span.End, r.full.End = toks[j].End, toks[j].End
		r.text = string(d.runes[start:toks[j].End])
		r.words = append(r.words, toks[j].Lower)
		r.org += 3
		r.place = ""
		return r
	}
	if j < len(toks) && sayVerbs[toks[j].Lower] && !possessive(last) {
		r.sayer = true
	}
	if desc, words := preModifier(d, toks, k); desc != "" {
		r.descs = append(r.descs, desc)
		if hasPersonWord(words) {
			r.person++
		}
	}
	if !possessive(last) && r.place == "" && r.org == 0 && r.head == "" {
		if desc, age := appositive(d, s, j); desc != "" {
			r.descs = append(r.descs, desc)
			r.person++
			if age {
				r.person += 2
			}
		}
	}
	if desc := preAppositive(d, s, k); desc != "" {
		r.descs = append(r.descs, desc)
		r.person++
	}
	return r
}

// sayVerbs are reporting verbs that follow a speaker's name.
var sayVerbs = text.Reporting(text.RoleAfterName)
