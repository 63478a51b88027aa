package entity

import (
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/text"
)

// lowerTitle finds a title written before a name, in any case and outside
// the name's run ("secretary of state Marco Rubio", "judge Paula Xinis"). It
// returns the token range of the title, or -1, -1.
func lowerTitle(d *doc, toks []text.Token, k int) (int, int) {
	best := -1
	for n := 1; n <= 6 && k-n >= 0; n++ {
		if !joinable(d.runes, toks[k-n], toks[k-n+1]) && !(n > 1 && joinableSpaced(d.runes, toks[k-n], toks[k-n+1])) {
			break
		}
		words := make([]string, n)
		for m := 0; m < n; m++ {
			words[m] = fold(toks[k-n+m].Text)
		}
		if isTitle(strings.Join(words, " ")) {
			best = k - n
		}
	}
	if best < 0 {
		return -1, -1
	}
	return best, k
}

func joinableSpaced(r []rune, a, b text.Token) bool {
	gap := r[a.End:b.Start]
	return len(gap) == 1 && (gap[0] == ' ' || gap[0] == '\u00a0')
}

// modifiers may stand in a pre-modifier description before a name besides
// titles, person nouns and demonyms ("former", "White House deputy chief of
// staff").
var modifiers = set("former", "acting", "then", "interim", "outgoing", "incoming", "top", "senior", "junior", "fellow",
	"late", "self-proclaimed", "longtime", "veteran", "state", "federal", "national", "regional", "local", "district",
	"police", "fire", "border", "immigration", "defense", "defence", "foreign", "home", "interior", "justice", "health",
	"county", "city", "appeals", "circuit", "supreme", "high", "court", "house", "senate", "campaign", "party", "army",
	"military", "union", "team", "club", "company", "network", "news", "tv", "television", "radio", "trade", "rights",
	"human", "security", "press", "staff", "chief", "deputy", "assistant", "vice", "general", "attorney", "of",
	"trainer", "manager", "agent", "partner", "boyfriend", "girlfriend", "rival", "teammate", "lawyer", "head",
	"executive", "founder", "pin-up", "model", "pop", "rock", "country", "gang", "cartel", "opposition", "republican",
	"democratic", "democrat", "conservative", "liberal", "progressive", "labour", "labor", "tory", "right-wing",
	"left-wing", "far-right", "far-left", "prominent", "popular", "controversial", "powerful", "embattled", "exiled",
)

// preModifier returns the description written right before a name: titles,
// places and organisations in possessive or attributive use, demonyms and
// ages ("El Salvador's president", "White House deputy chief of staff",
// "43-year-old"). Honorifics alone ("Mr") are no description.
func preModifier(d *doc, toks []text.Token, k int) (string, []text.Token) {
	from := k
	for m := k - 1; m >= 0; m-- {
		t := toks[m]
		if !joinable(d.runes, t, toks[m+1]) && !joinableSpaced(d.runes, t, toks[m+1]) {
			break
		}
		f := fold(t.Text)
		switch {
		case abbrevs[f] && m == k-1:
		case isAge(t.Text):
		case titleWord[f] || personHeads[f] || modifiers[f]:
			if f == "of" && (m == 0 || !(titleWord[fold(toks[m-1].Text)] || modifiers[fold(toks[m-1].Text)])) {
				m = -1
				continue
			}
		case t.Capital && !notNames[f] && !isCalendar(f):
		default:
			if isDemonym(t.Text) {
				break
			}
			m = -1
			continue
		}
		if m >= 0 {
			from = m
		}
	}
	for from < k && (abbrevs[fold(toks[from].Text)] || fold(toks[from].Text) == "of") {
		from++
	}
	if from >= k {
		return "", nil
	}
	// Drop an honorific just before the name ("President Mr X" is rare;
	// "Mr" alone was skipped above).
	end := k
	if abbrevs[fold(toks[k-1].Text)] {
		end = k - 1
	}
	if end <= from {
		return "", nil
	}
	desc := strings.TrimSpace(string(d.runes[toks[from].Start:toks[end-1].End]))
	if strings.ContainsAny(desc, ",;:") {
		return "", nil
	}
	return desc, toks[from:end]
}

// titleWord holds every word of every title.
var titleWord = func() map[string]bool {
	m := map[string]bool{}
	for t := range titles {
		for _, w := range strings.Fields(t) {
			m[w] = true
		}
	}
	return m
}()

func isAge(w string) bool {
	w = strings.ToLower(w)
	if !strings.HasSuffix(w, "-year-old") {
		return false
	}
	n := strings.TrimSuffix(w, "-year-old")
	if n == "" {
		return false
	}
	for _, r := range n {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// hasPersonWord reports whether the words of a description hold a title,
// a word for a person or an age.
func hasPersonWord(words []text.Token) bool {
	for _, t := range words {
		f := fold(t.Text)
		if titleWord[f] || personHeads[f] || isAge(t.Text) {
			return true
		}
	}
	return false
}

// appositive returns the appositive set off by a comma or dash after the
// name ending at token j ("Kilmar Abrego García, 29,", "Stephen Miller, a
// deputy chief of staff,"), and whether it is an age. It returns "" when
// what follows is no description of a person.
func appositive(d *doc, s *sentence, j int) (string, bool) {
	toks := s.toks
	if j == 0 || j > len(toks) {
		return "", false
	}
	p := toks[j-1].End
	r := d.runes
	q := p
	for q < len(r) && r[q] == ' ' {
		q++
	}
	if q >= len(r) || !strings.ContainsRune(",—–", r[q]) && !(r[q] == '-' && q > p) {
		return "", false
	}
	q++
	// The appositive runs to the next comma, dash, period or semicolon.
	e := q
	for e < len(r) && !strings.ContainsRune(",—–;.()\n\"“”", r[e]) {
		e++
	}
	if e == q || e < len(r) && strings.ContainsRune("\"“”", r[e]) {
		return "", false
	}
	for q < e && unicode.IsSpace(r[q]) {
		q++
	}
	for e > q && unicode.IsSpace(r[e-1]) {
		e--
	}
	desc := string(r[q:e])
	words := d.doc.Span(q, e)
	if len(words) == 0 || len(words) > 12 {
		return "", false
	}
	// Cut a relative clause: "the self-proclaimed … dictator who is …".
	for i, w := range words {
		if i > 0 && (w.Lower == "who" || w.Lower == "which" || w.Lower == "whose" || w.Lower == "whom") {
			e = q + w.Start
			desc = strings.TrimSpace(string(r[q:e]))
			words = words[:i]
			break
		}
	}
	if len(words) == 1 && words[0].Number {
		n := words[0].Text
		if len(n) <= 3 && n != "0" && desc == n {
			return n, true
		}
		return "", false
	}
	first := words[0].Lower
	switch first {
	case "a", "an":
		desc = strings.TrimSpace(string(r[q+words[0].End : e]))
		words = words[1:]
	case "the", "his", "her", "their", "its", "one", "another", "who", "which":
		if first == "who" || first == "which" {
			return "", false
		}
	default:
		if abbrevs[first] || !isDemonym(words[0].Text) && !titleWord[first] && !modifiers[first] && !isAge(words[0].Text) {
			return "", false
		}
	}
	if !hasPersonWord(words) {
		return "", false
	}
	return desc, false
}

// preAppositive returns a description set off before the name: "The
// Salvadoran Industrial Association's president, Jorge Arriaza, hopes".
func preAppositive(d *doc, s *sentence, k int) string {
	toks := s.toks
	if k < 2 {
		return ""
	}
	r := d.runes
	p := toks[k].Start - 1
	for p >= 0 && r[p] == ' ' {
		p--
	}
	if p < 0 || r[p] != ',' {
		return ""
	}
	// The chunk starts after the previous punctuation or at the sentence's
	// start.
	m := k - 1
	for m > 0 && toks[m-1].End > 0 && !strings.ContainsAny(string(r[toks[m-1].End:toks[m].Start]), ",;:.\"“”(") {
		m--
	}
	chunk := toks[m:k]
	if len(chunk) == 0 || len(chunk) > 8 {
		return ""
	}
	first := chunk[0].Lower
	if first != "the" && first != "his" && first != "her" && first != "their" && first != "its" {
		return ""
	}
	lastWord := fold(chunk[len(chunk)-1].Text)
	if !personHeads[lastWord] && !titleWord[lastWord] {
		return ""
	}
	start := chunk[0].Start
	if first == "the" {
		start = chunk[1%len(chunk)].Start
	}
	return strings.TrimSpace(string(r[start:chunk[len(chunk)-1].End]))
}

// genderOf returns the gender a title tells, or "".
func genderOf(title string) string {
	for _, w := range strings.Fields(title) {
		switch w {
		case "mr", "sir", "lord", "king", "prince", "father", "congressman", "spokesman", "chairman", "councilman",
			"businessman", "actor", "emperor", "pope", "rabbi", "cardinal", "bishop", "archbishop", "imam":
			return "male"
		case "mrs", "ms", "miss", "lady", "dame", "queen", "princess", "sister", "congresswoman", "spokeswoman",
			"chairwoman", "councilwoman", "businesswoman", "actress":
			return "female"
		}
	}
	return ""
}
