package parallax

import (
	"context"
	"time"
)

// Feed is a feed that Parallax follows, with what its server said last
// time (for conditional requests) and its health: the contract of
// `parallax feeds list --format json` and of the API's feeds.
type Feed struct {
	// URL is the feed's address as it was added, and its key.
	URL string `json:"url"`
	// Title is the feed's own title, empty until it was first read.
	Title string `json:"title"`
	// Added is when the feed was added.
	Added time.Time `json:"added"`
	// ETag and LastModified are the validators of the feed's last answer,
	// sent back with the next request.
	ETag         string `json:"-"`
	LastModified string `json:"-"`
	// LastPoll is when the feed was last polled, LastSuccess when a poll
	// last succeeded (zero for never).
	LastPoll    time.Time `json:"last_poll,omitzero"`
	LastSuccess time.Time `json:"last_success,omitzero"`
	// LastError is the reason of the last poll's failure, empty when it
	// succeeded; Failures counts the polls that failed in a row.
	LastError string `json:"last_error,omitempty"`
	Failures  int    `json:"failures"`
	// Items counts the items of the feed stored so far.
	Items int `json:"items"`
	// NextPoll is when the feed is due again: later after each failure in
	// a row, and as the server asked (Retry-After).
	NextPoll time.Time `json:"next_poll,omitzero"`
}

// FeedStore keeps the feeds that are followed. It is part of every Store.
type FeedStore interface {
	// AddFeed starts following a feed, due at once. It fails with
	// ECONFLICT when the feed is followed already.
	AddFeed(ctx context.Context, url string, at time.Time) error
	// RemoveFeed stops following a feed; the articles it brought stay. It
	// fails with ENOTFOUND for a feed not followed.
	RemoveFeed(ctx context.Context, url string) error
	// Feeds lists the feeds followed, in the order they were added.
	Feeds(ctx context.Context) ([]Feed, error)
	// SaveFeed records the state of a feed after a poll (every field but
	// URL and Added). It fails with ENOTFOUND for a feed not followed
	// (removed while it was polled).
	SaveFeed(ctx context.Context, f Feed) error
	// Known returns those of the keys (see Identity) under which an
	// article is stored, so that an item stored once is not fetched again.
	Known(ctx context.Context, keys []string) (map[string]bool, error)
}
