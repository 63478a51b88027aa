package parallax

import (
	"context"
	"time"
)

// Store keeps what Parallax has read and learned across runs: every
// article once (under its Identity), each article's earlier versions, the
// stories the articles were grouped into with stable numbers and a version
// that grows with each change, each story's brief per version, and a
// full-text index. The embedded SQLite store is the default (package
// sqlite); PostgreSQL (package postgres) serves several machines. Both pass
// one conformance suite (package storetest).
//
// Every write is one transaction: on any failure, a cancelled context
// included, it changes nothing. Several processes may write at once.
type Store interface {
	// AddArticles stores the documents, each under its Identity: a new
	// key is added, a known key whose text or title changed becomes a new
	// version of that article (the old one is kept), a known key with the
	// same text is left as it is. It fails with EINTERNAL.
	AddArticles(ctx context.Context, docs []Document) (AddResult, error)
	// Articles calls fn with every stored article from place from on
	// (StoredArticle.Seq; 0 for all) in the order they were first added,
	// until fn returns an error, which Articles returns. It fails with
	// EINVALID when a stored row cannot be decoded.
	Articles(ctx context.Context, from int64, fn func(StoredArticle) error) error
	// Stamps calls fn with what tells where every stored article stands in
	// the stream, in the order they were added, without their texts.
	Stamps(ctx context.Context, fn func(Stamp) error) error
	// Article returns one article by key (its Identity). It fails with
	// ENOTFOUND.
	Article(ctx context.Context, key string) (StoredArticle, error)
	// Count returns the number of stored articles.
	Count(ctx context.Context) (int, error)

	// SaveStories records groupings of articles: each group lists the
	// IDs of all the articles of one story. A group takes the number of
	// the stored story most of its articles belonged to (one number per
	// group; ties go to the older story), else a new number; numbers are
	// never reused. A story whose articles or article versions changed
	// gets its next version; a stored story left with no article records
	// the story that took most of them (MergedInto). Articles of no group
	// keep their story. It returns the number given to each group.
	SaveStories(ctx context.Context, groups []StoryGroup, at time.Time) ([]int, error)
	// Stories lists the live stories matching the filter, the most
	// recently updated first.
	Stories(ctx context.Context, f StoryFilter) ([]StoryInfo, error)
	// Story returns one story. A story merged into another is returned
	// as it was, with MergedInto set. It fails with ENOTFOUND.
	Story(ctx context.Context, id int) (StoryInfo, error)
	// StoryArticles returns the articles of a story as they were at a
	// version (0 for the latest), in the order they were added.
	StoryArticles(ctx context.Context, id, version int) ([]StoredArticle, error)
	// StoryVersions lists a story's versions, oldest first.
	StoryVersions(ctx context.Context, id int) ([]StoryVersion, error)
	// Brief returns the brief kept for a story version, as JSON, or
	// ENOTFOUND when none is kept.
	Brief(ctx context.Context, id, version int) ([]byte, error)
	// SaveBrief keeps a story version's brief, as JSON. When the version is
	// the story's latest, the brief's headline becomes the story's title.
	SaveBrief(ctx context.Context, id, version int, title string, brief []byte) error

	// Search returns the articles matching a query, best first, each
	// with a highlighted snippet and its story. It fails with EUSAGE for
	// a query that cannot be parsed.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)
	// FeedStore keeps the feeds followed.
	FeedStore

	// Check verifies the store's integrity (SQLite's integrity check).
	Check(ctx context.Context) error
	// Close releases the store.
	Close() error
}

// AddResult counts what AddArticles did with its documents.
type AddResult struct {
	// Added counts new articles, Updated new versions of stored articles,
	// Unchanged articles already stored as they were.
	Added, Updated, Unchanged int
}

// StoredArticle is an article as a store keeps it: the document as read
// (its ID the input's own, empty when it had none) and what the store
// knows of it.
type StoredArticle struct {
	Document
	// Key is the article's identity, under which it is stored once.
	Key string
	// Seq is the article's place in the order of arrival, from 1.
	Seq int64
	// Version numbers the article's texts, from 1.
	Version int
	// Outlet is the name of the article's outlet as its story's group gave
	// it, empty when not grouped yet.
	Outlet string
	// Story is the number of the article's story, 0 when not grouped yet.
	Story int
	// Added is when the article was first stored, Updated when its latest
	// version was.
	Added, Updated time.Time
}

// Stamp is where a stored article stands in the stream: its place, date
// and version, and the version its story holds (0 when not grouped).
type Stamp struct {
	Seq       int64
	Published time.Time
	Version   int
	Grouped   int
}

// StoryGroup is all the articles of one story, by key, with the outlet of
// each (by name, as clean.Outlet names it; may be shorter) and the title
// the story is listed under until a brief of it is kept (see SaveBrief).
type StoryGroup struct {
	Articles []string
	Outlets  []string
	Title    string
}

// StoryInfo is a story in a list of stories: the contract of `parallax
// stories --format json` and of the API's list.
type StoryInfo struct {
	ID       int    `json:"id"`
	Title    string `json:"title"`
	Articles int    `json:"articles"`
	// Sources are the outlets of the story's articles, by name, sorted.
	Sources   []string  `json:"sources"`
	FirstSeen time.Time `json:"first_seen"`
	Updated   time.Time `json:"updated"`
	Version   int       `json:"version"`
	// MergedInto is the story that took this story's articles, 0 when it
	// is live.
	MergedInto int `json:"merged_into,omitempty"`
}

// StoryVersion is one version of a story.
type StoryVersion struct {
	Version  int       `json:"version"`
	At       time.Time `json:"at"`
	Articles int       `json:"articles"`
}

// StoryFilter selects stories: updated at or after Since (zero for any),
// with an outlet named Source (case-insensitive; empty for any), only
// those of at least MinArticles, the first Offset of them skipped, at most
// Limit of them (0 for all).
type StoryFilter struct {
	Since       time.Time
	Source      string
	Offset      int
	Limit       int
	MinArticles int
}

// SearchQuery is a full-text search: Text in the query language of
// package search (words, "phrases", prefix*, AND, OR, NOT or -word), the
// articles published at or after Since (zero for any) from an outlet named
// Source (empty for any), at most Limit hits (0 means 20).
type SearchQuery struct {
	Text   string
	Since  time.Time
	Source string
	Limit  int
}

// SearchHit is one article found by a search.
type SearchHit struct {
	// Key is the article's key (see Identity).
	Key       string    `json:"key"`
	Title     string    `json:"title"`
	URL       string    `json:"url,omitempty"`
	Source    string    `json:"source"`
	Published time.Time `json:"published,omitzero"`
	Story     int       `json:"story"`
	// Snippet is a piece of the text around the matches, each match
	// between Mark markers: «match».
	Snippet string  `json:"snippet"`
	Rank    float64 `json:"rank"`
}

// Markers around the matched words of a snippet.
const (
	MarkStart = "\u00ab"
	MarkEnd   = "\u00bb"
)
