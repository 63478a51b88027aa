package parallax

import "context"

// ArticleStore keeps articles across runs, exactly as read, so that a corpus
// can grow: the embedded SQLite store by default (package sqlite), and
// PostgreSQL (package postgres) when one machine's file is not enough. Both
// pass the same conformance suite (package storetest).
type ArticleStore interface {
	// AddArticles stores the documents whose ID is not stored yet, all in
	// one transaction, and returns how many it added. On any failure, a
	// cancelled context included, it adds nothing (EINTERNAL).
	AddArticles(ctx context.Context, docs []Document) (added int, err error)
	// Articles returns every stored document in the order it was added.
	// It fails with EINVALID when a stored row cannot be decoded.
	Articles(ctx context.Context) ([]Document, error)
	// Count returns the number of stored documents.
	Count(ctx context.Context) (int, error)
	// Close releases the store.
	Close() error
}

// StorySummary is a story in a list of stories.
type StorySummary struct {
	// ID numbers the story.
	ID int `json:"id"`
	// Title is the story's headline, empty when none is known.
	Title string `json:"title"`
	// Sources are the story's articles as its brief lists them.
	Sources []Source `json:"sources"`
	// Articles is the number of articles of the story.
	Articles int `json:"articles"`
}

// StoryService keeps stories as articles arrive (package desk): each
// article joins its story at once, and a story's brief is written from the
// story's articles as they are when it is asked for.
type StoryService interface {
	// AddArticle puts a document into its story, keeps it, and returns
	// the story's number. It fails with EINVALID for a document without
	// text or already added.
	AddArticle(ctx context.Context, doc Document) (story int, err error)
	// Stories lists the stories, the biggest first.
	Stories(ctx context.Context) ([]StorySummary, error)
	// Story returns a story's brief and the articles it cites. It fails
	// with ENOTFOUND for a number that is not a story.
	Story(ctx context.Context, id int) (*Brief, []*Article, error)
}
