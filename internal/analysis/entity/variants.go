package entity

import (
	"slices"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/disjoint"
)

// links returns the pairs of adjacent names of candidates cs (one
// article's, in text order) that the text gives as one thing: a name in
// brackets right after another ("the Department of Homeland Security
// (DHS)") or after "known as", "also called" and the like.
func links(runes []rune, cs []*raw) [][2]*raw {
	var out [][2]*raw
	for n := 1; n < len(cs); n++ {
		a, b := cs[n-1], cs[n]
		if a.art != b.art || a.sent != b.sent || b.full.Start < a.span.End || b.full.Start-a.span.End > 20 {
			continue
		}
		gap := strings.Join(strings.Fields(strings.ToLower(string(runes[a.span.End:b.full.Start]))), " ")
		switch gap {
		case "(":
			if b.span.End >= len(runes) || runes[b.span.End] != ')' {
				continue
			}
		case ", known as", "known as", ", also known as", "also known as", "(known as", ", also called",
			"also called", ", dubbed", "(also known as":
		default:
			continue
		}
		out = append(out, [2]*raw{a, b})
	}
	return out
}

// linkVariants makes the variants of one name one form, and returns the
// forms left in their order. Names other than people and known places are
// variants when
//   - they have the same words but for the order around "of" or "for" and
//     British or plural spellings ("Centre for Terrorism Confinement" =
//     "Terrorism Confinement Centre"; "Central Commission for Elections" =
//     "Central Election Commission");
//   - the text gives them as one (links: "X (Y)", "X, known as Y");
//   - one is a single word, never written in lower case, that abbreviates
//     the other and no other name of the story: its initials ("DHS"), or,
//     when written in capitals, the leading letters of its words in the
//     name's order or in the order of a Romance language's name, head
//     first ("CECOT": Centro de Confinamiento del Terrorismo, the "Centre
//     for Terrorism Confinement").
//
// A shared word is never enough ("El Salvador" and "San Salvador";
// "Supreme Court" and "Court of Appeals"). The merged form takes the words
// of its longest name and a kind decided from all its candidates.
func linkVariants(order []*form, pairs [][2]*raw) []*form {
	uf := disjoint.New(len(order))
	linkWordOrders(uf, order)
	linkBrackets(uf, order, pairs)
	linkAcronyms(uf, order)
	return mergeLinked(uf, order)
}

// variantNamed reports whether a form may be linked to its variants: not
// a known person nor a place.
func variantNamed(f *form) bool {
	return (f.kind != parallax.EntityPerson || f.guess) && f.kind != parallax.EntityPlace && !strings.HasPrefix(f.key, "place:")
}

// linkWordOrders links word-order and spelling variants; two names taken
// for people only for want of cues stay apart ("Chris Evans", "Chris
// Evan").
func linkWordOrders(uf *disjoint.Sets, order []*form) {
	byKey := map[string][]int{}
	var keys []string
	for i, f := range order {
		if !variantNamed(f) || len(f.words) < 2 {
			continue
		}
		k := variantKey(f.words)
		if byKey[k] == nil {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], i)
	}
	for _, k := range keys {
		is := byKey[k]
		if len(is) < 2 || !slices.ContainsFunc(is, func(i int) bool { return order[i].kind != parallax.EntityPerson }) {
			continue
		}
		for _, i := range is[1:] {
			uf.Union(i, is[0])
		}
	}
}

// linkBrackets links the names the text sets side by side ("X (Y)", "X,
// known as Y"), but not after a person's name, where brackets hold a role,
// a party or a film ("Kristen Stewart (Bella)").
func linkBrackets(uf *disjoint.Sets, order []*form, pairs [][2]*raw) {
	formOf := map[*raw]int{}
	for i, f := range order {
		for _, r := range f.raws {
			formOf[r] = i
		}
	}
	bracketable := func(f *form) bool { return variantNamed(f) && f.kind != parallax.EntityPerson }
	for _, p := range pairs {
		i, ok1 := formOf[p[0]]
		j, ok2 := formOf[p[1]]
		if ok1 && ok2 && i != j && bracketable(order[i]) && (bracketable(order[j]) || capitals(order[j])) {
			uf.Union(i, j)
		}
	}
}

// linkAcronyms links one-word names never written in lower case to the
// one name of the story they abbreviate, by the first letters of its word
// orders.
func linkAcronyms(uf *disjoint.Sets, order []*form) {
	var acronyms []int
	for i, a := range order {
		if len(a.words) != 1 || len(a.words[0]) < 2 || strings.HasPrefix(a.key, "place:") || a.kind == parallax.EntityPlace {
			continue
		}
		if a.kind == parallax.EntityPerson && !capitals(a) || writtenLower(a) {
			continue
		}
		acronyms = append(acronyms, i)
	}
	if len(acronyms) == 0 {
		return
	}
	byLetter := map[byte][]int{}
	for i, f := range order {
		if !variantNamed(f) || len(content(f.words)) < 2 {
			continue
		}
		for _, o := range wordOrders(f.words) {
			if l := o[0][0]; !slices.Contains(byLetter[l], i) {
				byLetter[l] = append(byLetter[l], i)
			}
		}
	}
	for _, i := range acronyms {
		w, caps := order[i].words[0], capitals(order[i])
		root := -1
		for _, j := range byLetter[w[0]] {
			// A name taken for a person for want of cues is abbreviated by
			// three letters or more ("SAG", not "RB" for "Reggie Bush").
			if order[j].kind == parallax.EntityPerson && len(w) < 3 || !abbreviates(w, order[j].words, caps) {
				continue
			}
			if root >= 0 && uf.Find(j) != root {
				root = -2 // two names: none here (joinPartials picks per mention)
				break
			}
			root = uf.Find(j)
		}
		if root >= 0 {
			uf.Union(i, root)
		}
	}
}

// mergeLinked returns the forms with each group of linked forms made one,
// at the place of its first form: named by its longest form (the most
// mentioned among equals), the others its alternatives, their mentions in
// text order.
func mergeLinked(uf *disjoint.Sets, order []*form) []*form {
	groups := map[int][]*form{}
	merged := false
	for i, f := range order {
		r := uf.Find(i)
		merged = merged || r != i
		groups[r] = append(groups[r], f)
	}
	if !merged {
		return order
	}
	out := order[:0:0]
	for i, f := range order {
		g := groups[uf.Find(i)]
		if len(g) == 1 {
			out = append(out, f)
			continue
		}
		if f != g[0] {
			continue // the group is merged at its first form
		}
		out = append(out, mergeForms(g))
	}
	return out
}

// mergeForms makes one form of a group of linked forms.
func mergeForms(g []*form) *form {
	rep := g[0]
	for _, h := range g[1:] {
		if len(h.words) > len(rep.words) || len(h.words) == len(rep.words) && len(h.raws) > len(rep.raws) {
			rep = h
		}
	}
	var raws []*raw
	alts := [][]string{rep.words}
	for _, h := range g {
		raws = append(raws, h.raws...)
		if h != rep {
			alts = append(alts, h.words)
		}
	}
	rep.alts = alts
	slices.SortFunc(raws, func(a, b *raw) int {
		if a.art != b.art {
			return a.art - b.art
		}
		return a.order - b.order
	})
	rep.raws = raws
	rep.kind = kindOf(rep)
	return rep
}

// variantKey returns the words of a name in the order of its English
// compound (compound), with British spellings and plurals folded:
// "centre for terrorism confinement" → "terrorism confinement center".
func variantKey(words []string) string {
	out := compound(words)
	for i, x := range out {
		if s, ok := spellings[x]; ok {
			x = s
		}
		if len(x) > 3 && strings.HasSuffix(x, "s") && !strings.HasSuffix(x, "ss") {
			x = x[:len(x)-1]
		}
		out[i] = x
	}
	return strings.Join(out, " ")
}

// compound returns the content words of a name in the order of its English
// compound, the head last: "X of Y" and "X for Y" become "Y X" ("centre
// for terrorism confinement" → "terrorism confinement centre").
func compound(words []string) []string {
	for c := 1; c < len(words)-1; c++ {
		if words[c] == "of" || words[c] == "for" {
			w := append(append(append([]string(nil), words[:c-1]...), words[c+1:]...), words[c-1])
			return content(w)
		}
	}
	return content(words)
}

// content returns the words of a name without its connectors.
func content(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if !connectors[w] && w != "the" && w != "and" && w != "&" {
			out = append(out, w)
		}
	}
	return out
}

// wordOrders returns the orders an acronym may follow the content words of
// a name in: as written first, then the English compound (head last), then
// head first with its modifiers in reverse and in the same order, as a
// Romance language names it ("Centro de Confinamiento del Terrorismo").
func wordOrders(words []string) [][]string {
	written := content(words)
	comp := compound(words)
	n := len(comp)
	if n == 0 {
		return [][]string{written}
	}
	head := comp[n-1]
	rev := []string{head}
	for i := n - 2; i >= 0; i-- {
		rev = append(rev, comp[i])
	}
	same := append([]string{head}, comp[:n-1]...)
	return [][]string{written, comp, rev, same}
}

// abbreviates reports whether the folded word a abbreviates the name of
// words: its initials as written; or, with caps (a is written in capitals)
// or a name of three words or more, its initials in another order; or,
// with caps and a of four letters or more, one to three leading letters of
// every word, in one of the orders.
func abbreviates(a string, words []string, caps bool) bool {
	orders := wordOrders(words)
	if len(orders[0]) < 2 || len(a) < len(orders[0]) {
		return false
	}
	for n, o := range orders {
		if n > 0 && !caps && len(o) < 3 {
			break
		}
		if initials(o) == a {
			return true
		}
	}
	if !caps || len(a) < 4 {
		return false
	}
	for _, o := range orders {
		if prefixes(a, o) {
			return true
		}
	}
	return false
}

func initials(words []string) string {
	var b strings.Builder
	for _, w := range words {
		b.WriteString(w[:1])
	}
	return b.String()
}

// prefixes reports whether a is made of one to three leading letters of
// each word, in order.
func prefixes(a string, words []string) bool {
	if len(words) == 0 {
		return a == ""
	}
	w := words[0]
	for n := 1; n <= 3 && n <= len(w) && n <= len(a); n++ {
		if a[:n] == w[:n] && prefixes(a[n:], words[1:]) {
			return true
		}
	}
	return false
}

// capitals reports whether some candidate of a one-word form writes it in
// capitals ("CECOT").
func capitals(f *form) bool {
	if len(f.words) != 1 {
		return false
	}
	for _, r := range f.raws {
		up := 0
		for _, c := range r.text {
			if unicode.IsLower(c) {
				up = -1
				break
			}
			if unicode.IsLetter(c) {
				up++
			}
		}
		if up >= 2 {
			return true
		}
	}
	return false
}

// writtenLower reports whether the form's word is also written in lower
// case in the story ("Act" and "act"), which makes it no acronym.
func writtenLower(f *form) bool {
	for _, r := range f.raws {
		if r.common > 0 {
			return true
		}
	}
	return false
}
