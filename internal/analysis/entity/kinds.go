package entity

import (
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// headOf returns the kind the head noun of a name gives (see lawHeads),
// whether that head is shared with the institution housed there, and
// whether a numeral follows the head ("World War II"). The words are the
// folded words of the name as written, hyphenated words whole, so that
// "Journal-Constitution" has no head "constitution".
func headOf(words []string) (kind string, shared, numeral bool) {
	n := len(words)
	if n == 0 {
		return "", false, false
	}
	if n == 1 && eventNames[words[0]] {
		return parallax.EntityEvent, false, false
	}
	if n >= 2 && eventPrefixes[words[0]] {
		return parallax.EntityEvent, false, false
	}
	for i := 1; i < n-1; i++ {
		if words[i] == "of" || words[i] == "for" {
			return headKind(words[i-1]), sharedHeads[words[i-1]], false
		}
	}
	last := n - 1
	for last > 0 && isRoman(words[last]) {
		last--
	}
	return headKind(words[last]), sharedHeads[words[last]], last < n-1
}

// headKind returns the kind a head noun gives, or "".
func headKind(w string) string {
	switch {
	case lawHeads[w]:
		return parallax.EntityLaw
	case eventHeads[w]:
		return parallax.EntityEvent
	case facilityHeads[w]:
		return parallax.EntityFacility
	}
	return ""
}

// isRoman reports whether a folded word is a roman numeral from 1 to 39
// ("ii", "xiv").
func isRoman(w string) bool {
	if w == "" {
		return false
	}
	s := strings.TrimLeft(w, "x")
	if len(w)-len(s) > 3 {
		return false
	}
	switch s {
	case "", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix":
		return true
	}
	return false
}

// nameEnd reports whether a folded word ends the names of organisations,
// places, laws, events or facilities, and is no common surname ("Hall",
// "Law"): a run ending with it is no personal name.
func nameEnd(w string) bool {
	return orgSuffixes[w] || placeSuffixes[w] || headKind(w) != "" && !surnameHeads[w]
}

// kindCue returns the kind that a common noun said of the name toks[k:j]
// gives it: the noun right after the name ("the Cecot prison"), before it
// with "known as", "called" or in apposition ("a mega-prison known as
// Cecot", "the gang prison, Cecot,"), or after it in apposition or as the
// complement of "is" ("X, a law signed in 1798", "X is a maximum-security
// facility"). It returns "" when no such noun is said of it.
func kindCue(d *doc, toks []text.Token, k, j int) string {
	r := d.runes
	// Right after, the name of one place: "the Cecot prison", not "a
	// Huntsville prison".
	if j < len(toks) && !possessive(toks[j-1].Text) && !toks[j].Capital && joinable(r, toks[j-1], toks[j]) &&
		attributive[toks[j].Lower] && definiteBefore(toks, k) {
		return parallax.EntityFacility
	}
	// Before: "prison known as X", "facility called X", "prison, X,".
	m := k - 1
	if m >= 1 && toks[m].Lower == "as" && toks[m-1].Lower == "known" {
		m -= 2
		if m >= 0 && toks[m].Lower == "also" {
			m--
		}
	} else if m >= 0 && namingWords[toks[m].Lower] {
		m--
	} else if m >= 0 && gapHas(r, toks[m], toks[k], ',') && afterName(r, toks, j) &&
		kindNouns[toks[m].Lower] == parallax.EntityFacility {
		// Apposition: the name must close it ("the gang prison, Cecot,
		// located …"), not begin a clause ("a prison, Trump said").
	} else {
		m = -1
	}
	if m >= 0 && !toks[m].Capital {
		if kind := kindNouns[toks[m].Lower]; kind != "" {
			return kind
		}
	}
	// After: "X, a law …", "X is a … facility"; not after a place
	// ("Newport Beach, Calif., a facility").
	p := j
	if p >= len(toks) || k > 0 && gapHas(r, toks[k-1], toks[k], ',') && toks[k-1].Capital {
		return ""
	}
	apposition := gapHas(r, toks[p-1], toks[p], ',') || gapHas(r, toks[p-1], toks[p], '—')
	if !apposition && !joinableSpaced(r, toks[p-1], toks[p]) {
		return ""
	}
	switch toks[p].Lower {
	case "is", "was", "remains", "became":
		p++
	default:
		if !apposition {
			return ""
		}
	}
	if p >= len(toks) {
		return ""
	}
	switch toks[p].Lower {
	case "a", "an", "the":
	default:
		return ""
	}
	for q := p + 1; q < len(toks) && q <= p+4; q++ {
		t := toks[q]
		if gapPunct(r, toks[q-1], t) {
			return ""
		}
		if kind := kindNouns[t.Lower]; kind != "" {
			return kind
		}
		if t.Stop || t.Capital || personHeads[t.Lower] {
			return ""
		}
	}
	return ""
}

// definiteBefore reports whether the name starting at token k is
// determined: "the" or a possessive before it and its adjectives ("the
// notorious Cecot prison", "El Salvador's Cecot prison").
func definiteBefore(toks []text.Token, k int) bool {
	for m := k - 1; m >= 0 && m >= k-3; m-- {
		t := toks[m]
		switch {
		case t.Lower == "the" || possessive(t.Text):
			return true
		case t.Stop || t.Capital || t.Number:
			return false
		}
	}
	return false
}

// quotedName reports whether the name toks[k:j] stands alone in
// quotation marks, with or without "The" ("‘The Hunger Games’"): the title
// of a film, a book or a song, whatever its head noun.
func quotedName(r []rune, toks []text.Token, k, j int) bool {
	start := toks[k].Start
	if k > 0 && toks[k-1].Lower == "the" {
		start = toks[k-1].Start
	}
	p := start - 1
	for p >= 0 && r[p] == ' ' {
		p--
	}
	q := toks[j-1].End
	for q < len(r) && r[q] == ' ' {
		q++
	}
	return p >= 0 && q < len(r) && strings.ContainsRune("\"“‘'", r[p]) && strings.ContainsRune("\"”’'", r[q])
}

// gapHas reports whether the text between tokens a and b holds c.
func gapHas(r []rune, a, b text.Token, c rune) bool {
	for _, x := range r[a.End:b.Start] {
		if x == c {
			return true
		}
	}
	return false
}

// gapPunct reports whether punctuation stands between tokens a and b.
func gapPunct(r []rune, a, b text.Token) bool {
	return strings.ContainsAny(string(r[a.End:b.Start]), ",;:.()\"“”—–")
}

// afterName reports whether the name ending at token j-1 ends its clause:
// a comma, period, semicolon or bracket follows it, or nothing does.
func afterName(r []rune, toks []text.Token, j int) bool {
	p := toks[j-1].End
	for p < len(r) && r[p] == ' ' {
		p++
	}
	return p >= len(r) || strings.ContainsRune(",.;)\n", r[p])
}

// locative reports whether the name starting at token k is used as a
// place: a locative preposition before it and its pre-modifiers ("in the
// Oval Office", "deported to Cecot", "sent to El Salvador's so-called
// Terrorism Confinement Centre"), but not "according to".
func locative(d *doc, toks []text.Token, k int) bool {
	m := k - 1
	for ; m >= 0 && m >= k-4; m-- {
		t := toks[m]
		if gapPunct(d.runes, t, toks[m+1]) {
			return false
		}
		verb := !strings.Contains(t.Lower, "-") && (strings.HasSuffix(t.Lower, "ed") || strings.HasSuffix(t.Lower, "ing"))
		if t.Capital && !t.Stop || !t.Stop && !t.Number && !verb || t.Lower == "the" || t.Lower == "a" || t.Lower == "an" {
			continue
		}
		break
	}
	if m < 0 || m < k-4 || toks[m].Capital || !locatives[toks[m].Lower] {
		return false
	}
	return !(toks[m].Lower == "to" && m > 0 && toks[m-1].Lower == "according")
}

// speaksFor reports whether the name toks[k:j] is used as an institution
// that speaks: "according to X", "X officials", "a X spokesman".
func speaksFor(d *doc, toks []text.Token, k, j int) bool {
	m := k - 1
	if m >= 0 && toks[m].Lower == "the" {
		m--
	}
	if m >= 1 && toks[m].Lower == "to" && toks[m-1].Lower == "according" {
		return true
	}
	return j < len(toks) && !toks[j].Capital && memberNouns[toks[j].Lower] && joinable(d.runes, toks[j-1], toks[j])
}
