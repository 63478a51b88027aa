// Package entity finds the people, organisations, places, laws, events and
// facilities a story's articles name, by rule: runs of capitalised words,
// split and typed by titles ("Mr", "President", "Secretary of State"),
// organisation cues ("White House", "Supreme Court", names ending in
// "Party", "Association"), head nouns ("Alien Enemies Act", "World War
// II", "Oval Office"), common nouns said of a name ("the Cecot prison"),
// how the text uses it (it speaks; "in X"), a small gazetteer of
// countries, US states and large cities, and demonyms.
//
// Mentions are merged across spellings and aliases: diacritics are folded
// ("Abrego García" = "Abrego Garcia"), titles and possessives are dropped
// ("Mr Abrego Garcia's"), and a surname or partial name resolves to the full
// name seen in the same article, or else in the story ("Garcia" → "Kilmar
// Abrego Garcia"). Variants of one name are one entity: the word order
// around "of" or "for" ("Centre for Terrorism Confinement" = "Terrorism
// Confinement Centre"), British spellings and plurals, an acronym ("DHS",
// "CECOT") and a name the text gives as another's ("X (Y)", "X, known as
// Y"). Each entity keeps the descriptions outlets give it
// (pre-modifiers such as "El Salvador's president" or "43-year-old" and
// appositives such as "29" or "a deputy chief of staff") and its mention
// counts per source.
package entity

import (
	"sort"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
	"golang.org/x/text/unicode/norm"
)

// Mention is one mention of an entity in an article.
type Mention struct {
	// Span covers the name as written, without title or possessive ending
	// ("Bukele" in "Mr Bukele’s"): code points into the article's text.
	parallax.Span
	// Full covers the mention with its title, if any ("Mr Bukele").
	Full parallax.Span
	// Text is the name as written.
	Text string
	// Name is the canonical name of the entity mentioned.
	Name string
	// Kind is one of the parallax.Entity kinds (EntityPerson, …).
	Kind string
	// Title is the title or honorific written before the name ("Mr",
	// "President"), or "".
	Title string
	// Sentence is the index of the article sentence the mention lies in.
	Sentence int
}

// Index holds the entities of a set of articles and their mentions.
type Index struct {
	arts     []*parallax.Article
	ents     []*entry
	byName   map[string]*entry
	mentions [][]Mention
	// forms maps folded name keys to the entity they resolve to, per
	// article (index len(arts) is the story-wide table).
	forms []map[string]*entry
}

// entry is an entity being built.
type entry struct {
	parallax.Entity
	total   int
	first   int // order of first mention, for stable ties
	gender  string
	key     string
	words   [][]string // folded word lists of its forms
	forms   map[string]int
	descs   map[string]int
	descOrd []string
	aliasN  map[string]int
}

// Extract finds the entities of articles. Article i of the slice is the
// article index used by Mentions and Resolve. It never fails; articles
// without sentences are read line by line.
func Extract(articles []*parallax.Article) *Index { return FromDocs(text.Analyse(articles)) }

// FromDocs is Extract over the analysed articles of a story (see
// text.Analyse): docs[i] is article i.
func FromDocs(docs []*text.Doc) *Index {
	x := &extractor{lower: map[string]bool{}}
	sents := make([][]sentence, len(docs))
	for i, d := range docs {
		sents[i] = x.tokenize(d)
	}
	var raws []*raw
	for i, d := range docs {
		raws = append(raws, x.candidates(i, d, sents[i])...)
	}
	return build(text.Articles(docs), raws, x.links)
}

// MaxListed bounds the entities Entities lists: a story of a thousand
// articles names thousands of things, most of them once, and a brief lists
// the ones mentioned most. Lookup, Resolve and Mentions know them all.
const MaxListed = 50

// Entities returns the MaxListed entities mentioned most, ordered by total
// mentions (descending), then by name.
func (ix *Index) Entities() []parallax.Entity {
	if ix == nil {
		return nil
	}
	n := min(len(ix.ents), MaxListed)
	out := make([]parallax.Entity, 0, n)
	for _, e := range ix.ents[:n] {
		out = append(out, e.Entity)
	}
	return out
}

// Mentions returns the entity mentions of article i in text order, or nil
// when i is out of range.
func (ix *Index) Mentions(i int) []Mention {
	if ix == nil || i < 0 || i >= len(ix.mentions) {
		return nil
	}
	return ix.mentions[i]
}

// Lookup returns the entity with the canonical name given.
func (ix *Index) Lookup(name string) (parallax.Entity, bool) {
	if ix == nil {
		return parallax.Entity{}, false
	}
	e, ok := ix.byName[name]
	if !ok {
		return parallax.Entity{}, false
	}
	return e.Entity, true
}

// Gender returns "male" or "female" when the titles an entity is given
// tell ("Mr", "Mrs", "spokeswoman"), or "" when they do not.
func (ix *Index) Gender(name string) string {
	if ix == nil {
		return ""
	}
	if e, ok := ix.byName[name]; ok {
		return e.gender
	}
	return ""
}

// Resolve returns the canonical name of the entity a mention in article i
// refers to ("Mr Bukele", "Abrego García’s", "the White House"), looking
// first at the names of that article and then at the whole story. It
// returns false when the mention names no known entity; pronouns and
// descriptions are not resolved here.
func (ix *Index) Resolve(article int, mention string) (string, bool) {
	if ix == nil {
		return "", false
	}
	words := nameWords(mention)
	if len(words) == 0 {
		return "", false
	}
	key := strings.Join(words, " ")
	if article >= 0 && article < len(ix.arts) {
		if e, ok := ix.forms[article][key]; ok {
			return e.Name, true
		}
	}
	if e, ok := ix.forms[len(ix.arts)][key]; ok {
		return e.Name, true
	}
	if p, ok := places[key]; ok {
		if e, ok := ix.byName[p]; ok {
			return e.Name, true
		}
	}
	// A partial name: the entities whose forms contain the words, those of
	// the article first.
	var best *entry
	bestScore := 0
	for _, e := range ix.ents {
		if !containsForm(e.words, words) {
			continue
		}
		score := e.total
		if article >= 0 && article < len(ix.arts) && e.Mentions[ix.arts[article].SourceID] > 0 {
			score += 1 << 20
		}
		if score > bestScore {
			best, bestScore = e, score
		}
	}
	if best == nil {
		return "", false
	}
	return best.Name, true
}

// nameWords returns the folded words of a name without its leading
// determiner, titles and possessive ending.
func nameWords(s string) []string {
	var words []string
	for _, t := range text.Tokens(s) {
		words = append(words, fold(t.Text))
	}
	for len(words) > 0 && (words[0] == "the" || words[0] == "a" || words[0] == "an") {
		words = words[1:]
	}
	for n := min(5, len(words)-1); n >= 1; n-- {
		if isTitle(strings.Join(words[:n], " ")) {
			words = words[n:]
			break
		}
	}
	if len(words) > 0 {
		words[len(words)-1] = stripPossessive(words[len(words)-1])
	}
	return splitHyphens(words)
}

func containsForm(forms [][]string, words []string) bool {
	for _, f := range forms {
		if text.ContainsRun(f, words) {
			return true
		}
	}
	return false
}

// fold returns the folded form of a word or phrase: lower case, diacritics
// removed, curly apostrophes straightened, initialism periods dropped.
func fold(s string) string {
	s = text.Fold(s)
	for i := 0; i < len(s); i++ {
		if s[i] < 0x80 {
			continue
		}
		// Strip diacritics: decompose, drop the combining marks, recompose.
		var b strings.Builder
		b.Grow(len(s))
		for _, r := range norm.NFD.String(s) {
			if !unicode.Is(unicode.Mn, r) {
				b.WriteRune(r)
			}
		}
		return norm.NFC.String(b.String())
	}
	return s
}

func stripPossessive(w string) string {
	w = strings.TrimSuffix(w, "'s")
	if strings.HasSuffix(w, "s'") {
		w = strings.TrimSuffix(w, "'")
	}
	return w
}

// splitHyphens splits hyphenated name words ("abrego-garcia") so that the
// hyphenated and spaced spellings fold alike.
func splitHyphens(words []string) []string {
	var out []string
	for _, w := range words {
		if strings.Contains(w, "-") && !strings.ContainsAny(w, "0123456789") {
			for _, p := range strings.Split(w, "-") {
				if p != "" {
					out = append(out, p)
				}
			}
			continue
		}
		out = append(out, w)
	}
	return out
}

// sortStrings sorts by count (descending) then alphabetically.
func sortByCount(m map[string]int, first map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if m[out[i]] != m[out[j]] {
			return m[out[i]] > m[out[j]]
		}
		if first != nil && first[out[i]] != first[out[j]] {
			return first[out[i]] < first[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// Demonym returns the place a demonym belongs to ("Salvadoran" → "El
// Salvador", "Venezuelans" → "Venezuela"), or false when the word is none.
func Demonym(word string) (string, bool) {
	f := stripPossessive(fold(word))
	if p, ok := demonyms[f]; ok {
		return p, true
	}
	if strings.HasSuffix(f, "s") {
		p, ok := demonyms[strings.TrimSuffix(f, "s")]
		return p, ok
	}
	return "", false
}

// Fold returns the folded form of a name used to compare spellings: lower
// case, diacritics removed, curly apostrophes straightened and initialism
// periods dropped ("Abrego García" → "abrego garcia").
func Fold(s string) string { return fold(s) }
