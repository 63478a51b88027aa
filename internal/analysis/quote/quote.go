// Package quote finds who said what in news articles: direct quotations in
// straight, curly or single marks (also split, multi-sentence and
// multi-paragraph ones), partial quotations embedded in the author's
// sentence, indirect speech after a reporting verb, and terms: words set in
// quotation marks that no speaker is said to utter (scare quotes, titles,
// nicknames), kept with no speaker so that they can be listed apart. It attributes each
// to its speaker, the person or organisation the reporting cue ("said",
// "told", "according to", …) attaches to, resolved through titles,
// surnames, descriptions and pronouns to one canonical name of the story,
// and groups the quotations of one utterance across outlets.
//
// All offsets are Unicode code points into the article's Text as read, end
// exclusive.
package quote

import (
	"sort"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/analysis/entity"
	"github.com/parallax-news/parallax/internal/text"
)

// Mention is one quotation found in an article. Its JSON form is the
// contract of `parallax quotes --format jsonl`.
type Mention struct {
	// Path is the article's Path.
	Path string `json:"path"`
	// Text is the quoted words: Article.Text[Start:End] in code points.
	Text string `json:"text"`
	// Start and End span the quoted words WITHOUT the quotation marks (and
	// without a trailing comma that belongs to the attribution); for
	// indirect speech they span the reported clause.
	Start int `json:"start"`
	End   int `json:"end"`
	// Kind is parallax.QuoteDirect, QuotePartial, QuoteIndirect or
	// QuoteTerm: words in quotation marks that no speaker is said to utter
	// (a scare quote, a title, a nickname), which has no speaker.
	Kind string `json:"kind"`
	// Speaker is the canonical name of the speaker ("Nayib Bukele"), the
	// speaker's description as written when it names no entity ("one
	// woman"), or "" when no speaker was found.
	Speaker string `json:"speaker"`
	// SpeakerStart and SpeakerEnd span the speaker mention nearest the cue
	// as written ("Mr Bukele", "he"), or are -1 when there is no speaker.
	SpeakerStart int `json:"speaker_start"`
	SpeakerEnd   int `json:"speaker_end"`
	// Cue is the reporting word as written ("said", "according to"), or ""
	// for a quotation attributed from a neighbouring sentence or to no one.
	Cue string `json:"cue"`

	// article is the index of the article among those given to ExtractAll.
	article int
	// unresolved is set when Speaker is a pronoun or description that names
	// no entity.
	unresolved bool
}

// ExtractAll returns the quotations of every article, one slice per
// article in the order given, using the entities of ents (which may be nil)
// to resolve speakers. It never fails.
func ExtractAll(articles []*parallax.Article, ents *entity.Index) [][]Mention {
	return FromDocs(text.Analyse(articles), ents)
}

// FromDocs is ExtractAll over the analysed articles of a story (see
// text.Analyse): docs[i] is article i.
func FromDocs(docs []*text.Doc, ents *entity.Index) [][]Mention {
	out := make([][]Mention, len(docs))
	for i, d := range docs {
		out[i] = extract(i, d, ents)
	}
	return out
}

// Extract returns the quotations of article i of the articles ents was
// built from (ents may be nil). It never fails.
func Extract(i int, a *parallax.Article, ents *entity.Index) []Mention {
	return extract(i, text.NewVocab().Analyse(a), ents)
}

func extract(i int, td *text.Doc, ents *entity.Index) []Mention {
	a := td.Article
	d := newDoc(i, td, ents)
	d.findDirect()
	d.findIndirect()
	out := d.out
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	for k := range out {
		out[k].Path = a.Path
		out[k].article = i
		out[k].Text = string(d.r[out[k].Start:out[k].End])
	}
	return out
}
