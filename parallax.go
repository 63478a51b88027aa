// Package parallax holds the domain of the Parallax news story engine: the
// articles it reads, the stories it groups them into and the cross-source
// briefs it writes, with the citations that tie every statement of a brief to
// the exact words of its sources.
//
// The package imports no driver and no pipeline stage. Each stage (ingest,
// clean, text, align, summary, quote, figure, cluster, brief, render) lives in
// a package of its own and speaks in these types.
package parallax

import (
	"strconv"
	"time"
)

// Span is a range of Unicode code points in an article's text as read,
// Start inclusive and End exclusive.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of code points the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Document is one input as read, before cleaning: the text exactly as read
// (offsets everywhere refer to it) and whatever metadata the input carried.
type Document struct {
	// ID is the input's own identifier (a JSON "id", a feed item's GUID, a
	// WARC record's ID), empty when it has none: never its path (see
	// Identity for the key an article is stored under).
	ID string
	// Path names the input: a file path, "stdin" for standard input, an
	// address, or "path:line" for one record of a JSON Lines file.
	Path string
	// URL, Title, Source, Author and Lang are metadata given by the input
	// (JSON fields, HTML metadata, metadata lines of a text file).
	URL    string
	Title  string
	Source string
	Author string
	Lang   string
	// Published is the publication time, zero when unknown.
	Published time.Time
	// Text is the article's text exactly as read: the whole content of a
	// text file, the "text" field of a JSON record, or the text extracted
	// from an HTML page.
	Text string
	// Label is a gold story label carried by evaluation data; empty otherwise.
	Label string
	// Extra keeps the fields of a JSON record that Parallax does not know.
	Extra map[string]any
	// Metadata lists spans of Text that held metadata lines ("date
	// 2025-04-14", "Title: …") and were consumed as such.
	Metadata []Removal
}

// Block is a paragraph-like run of kept text: a paragraph, a list item or the
// body of one live-blog post.
type Block struct {
	Span
	// Text is the block's text: Document.Text[Start:End] in code points.
	Text string
	// Heading is true for a headline or a live-blog post title.
	Heading bool
	// Post numbers the live-blog post the block belongs to, from 1; 0 when the
	// article is not a live blog.
	Post int
	// Time is the time stamp of the live-blog post, zero when unknown.
	Time time.Time
}

// Sentence is one sentence of kept text with its place in the article.
type Sentence struct {
	Span
	Text string
	// Block is the index of the block the sentence lies in.
	Block int
	// Index is the sentence's position among the article's sentences.
	Index int
}

// Removal is a span of text that cleaning cut, with the reason, so that
// nothing is silently lost.
type Removal struct {
	Span
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Reasons given for removals.
const (
	ReasonMetadata    = "metadata"
	ReasonCaption     = "caption"
	ReasonCredit      = "photo-credit"
	ReasonByline      = "byline"
	ReasonPostStamp   = "live-blog-stamp"
	ReasonImageSource = "image-source"
	ReasonAgencyTail  = "agency-tail"
	ReasonDateline    = "dateline"
	ReasonChatter     = "live-blog-chatter"
	ReasonNavigation  = "navigation"
	ReasonOffTopic    = "off-topic"
	// ReasonWireCode: a typesetting code of a news agency's wire ("&QL;").
	ReasonWireCode = "wire-code"
	// ReasonSyndication: a line of a syndication service to its editors,
	// not the story ("EDITORS: …", "END OF STORY", contact lines).
	ReasonSyndication = "syndication"
	// ReasonTooLong: the text of an article past the words analysed.
	ReasonTooLong = "beyond-analysed-length"
)

// Article is a cleaned document: the kept blocks and their sentences, what was
// removed, and the outlet that published it.
type Article struct {
	Document
	// SourceID is the short identifier of the article within a brief
	// ("bbc", "reuters", "s3").
	SourceID string
	// Outlet is the publishing outlet's display name ("BBC News").
	Outlet string
	// Blocks are the kept runs of text, in reading order.
	Blocks []Block
	// Sentences are the sentences of the kept blocks, in reading order.
	Sentences []Sentence
	// Removed lists what cleaning cut, metadata lines included.
	Removed []Removal
	// OffTopic lists blocks judged to be about other news.
	OffTopic []Removal
}

// Date returns the article's publication day, or the zero time.
func (a *Article) Date() time.Time { return a.Published }

// SourceIDs returns the source identifier of every article: its SourceID,
// else its ID, else "s1", "s2", … by position.
func SourceIDs(arts []*Article) []string {
	out := make([]string, len(arts))
	for i, a := range arts {
		switch {
		case a.SourceID != "":
			out[i] = a.SourceID
		case a.ID != "":
			out[i] = a.ID
		default:
			out[i] = "s" + strconv.Itoa(i+1)
		}
	}
	return out
}
