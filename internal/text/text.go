// Package text provides the language basics every later stage relies on:
// sentence splitting that survives abbreviations, quotes and scraping damage,
// word tokens with stems and stop-word flags, the calendar words, a language
// guess, and the one analysed document every analysis stage reads (Doc,
// made by Analyse: each article read once, its words stemmed once for the
// whole story).
//
// Offsets are always Unicode code points into the string given, end
// exclusive, so that callers can add them to the offset of a block and cite
// the exact words of an article.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
	"github.com/kljensen/snowball/english"
)

// Token is one word of a text.
type Token struct {
	// Start and End are code-point offsets into the text given, end exclusive.
	Start, End int
	// Text is the word as written; Lower is its lower-case form with curly
	// apostrophes straightened; Stem is the Snowball English stem of Lower.
	Text, Lower, Stem string
	// Stop is true for function words ("the", "said", "of").
	Stop bool
	// Capital is true when the word starts with an upper-case letter.
	Capital bool
	// Number is true when the word is made of digits (with , . separators).
	Number bool
}

// Tokens splits s into words: runs of letters and digits, joined by inner
// apostrophes, hyphens, periods or commas between digits ("U.S.", "238,000",
// "Abrego-Garcia", "he's").
func Tokens(s string) []Token { return tokens(s, nil) }

func tokens(s string, memo map[string]Token) []Token {
	toks := make([]Token, 0, len(s)/6+1)
	ri := 0 // code points before bi
	for bi := 0; bi < len(s); {
		first, w := utf8.DecodeRuneInString(s[bi:])
		if !isWordRune(first) {
			bi += w
			ri++
			continue
		}
		// Scan the word: jb is its end in bytes, n its length in code
		// points; prev and prev2 are its last two code points.
		jb, n := bi+w, 1
		prev, prev2 := first, rune(0)
		for jb < len(s) {
			c, cw := utf8.DecodeRuneInString(s[jb:])
			if isWordRune(c) {
				prev2, prev = prev, c
				jb += cw
				n++
				continue
			}
			if !isJoiner(c) || jb+cw >= len(s) {
				break
			}
			next, nw := utf8.DecodeRuneInString(s[jb+cw:])
			if !isWordRune(next) {
				break
			}
			joins := false
			switch {
			case (c == ',' || c == '.') && unicode.IsDigit(prev) && unicode.IsDigit(next): // 238,000
				joins = true
			case c == '.' && n == 1 && unicode.IsUpper(first) && unicode.IsUpper(next): // U.S.
				joins = true
			case c == '\'' || c == '’' || c == '-':
				joins = true
			}
			if !joins {
				break
			}
			prev2, prev = c, next
			jb += cw + nw
			n += 2
		}
		// Keep the trailing period of an initialism like "U.S." in the token.
		if jb < len(s) && s[jb] == '.' && n >= 3 && prev2 == '.' {
			jb++
			n++
		}
		word := s[bi:jb]
		var t Token
		if memo == nil {
			t = newToken(word)
		} else if m, ok := memo[word]; ok {
			t = m
		} else {
			t = newToken(word)
			memo[word] = t
		}
		t.Start, t.End = ri, ri+n
		toks = append(toks, t)
		bi = jb
		ri += n
	}
	return toks
}

func newToken(word string) Token {
	lower := Fold(word)
	first, _ := utf8.DecodeRuneInString(word)
	t := Token{
		Text: word, Lower: lower,
		Capital: unicode.IsUpper(first),
		Number:  isNumber(word),
	}
	// An acronym in capitals ("US", "U.S.") is a name, never the pronoun.
	t.Stop = IsStop(lower) && !(t.Capital && IsAcronym(word))
	t.Stem = Stem(lower)
	return t
}

// Fold returns the lower-case form of a word with curly apostrophes and
// dashes straightened and periods of initialisms dropped ("U.S." → "us").
func Fold(word string) string {
	simple := true
	for i := 0; i < len(word); i++ {
		if c := word[i]; c >= 0x80 || c == '.' || (c >= 'A' && c <= 'Z') {
			simple = false
			break
		}
	}
	if simple {
		return word
	}
	digits := strings.ContainsAny(word, "0123456789")
	var b strings.Builder
	b.Grow(len(word))
	for _, r := range word {
		switch r {
		case '’', '‘':
			r = '\''
		case '–', '—':
			r = '-'
		case '.':
			if !digits {
				continue
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Stem returns the Snowball English stem of a lower-case word. Possessive
// endings are dropped first ("bukele's" → "bukel").
func Stem(lower string) string {
	lower = strings.TrimSuffix(lower, "'s")
	if len(lower) < 3 || !isLetters(lower) {
		return lower
	}
	return english.Stem(lower, false)
}

// Terms returns the stems of the content words of s: tokens that are not stop
// words and not single characters. It is the bag of words the similarity
// measures use.
func Terms(s string) []string { return TermsOf(Tokens(s)) }

// TermsOf returns the stems of the content words among toks, as Terms
// does for a text.
func TermsOf(toks []Token) []string {
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.Stop || utf8.RuneCountInString(t.Lower) < 2 {
			continue
		}
		out = append(out, t.Stem)
	}
	return out
}

// Language returns the ISO 639-1 code of the language s is most likely
// written in ("en", "es"), or "" when the text is too short or too mixed to
// tell.
func Language(s string) string {
	// A thousand bytes tell the language as well as the whole text and
	// cost a fraction of it. Cut at a rune boundary.
	if len(s) > 1000 {
		cut := 1000
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	info := whatlanggo.Detect(s)
	if !info.IsReliable() && utf8.RuneCountInString(s) < 40 {
		return ""
	}
	return info.Lang.Iso6391()
}

// RuneLen returns the number of code points in s.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isJoiner(r rune) bool { return r == '\'' || r == '’' || r == '-' || r == '.' || r == ',' }

func isNumber(w string) bool {
	digits := false
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			digits = true
		case r == ',' || r == '.':
		default:
			return false
		}
	}
	return digits
}

// IsAcronym reports whether a word is written in capitals, with at least
// two letters and no lower-case one ("US", "U.S.", "MS-13").
func IsAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '\'' && r != '-' {
			return false
		}
	}
	return true
}
