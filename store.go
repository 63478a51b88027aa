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
