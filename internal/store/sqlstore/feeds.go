package sqlstore

import (
	"context"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// AddFeed starts following a feed (see parallax.FeedStore).
func (s *Store) AddFeed(ctx context.Context, url string, at time.Time) error {
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return s.errorf("begin: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM feeds WHERE url = ?`), url).Scan(&n); err != nil {
		return s.errorf("look up feed: %w", err)
	}
	if n > 0 {
		return parallax.Errorf(parallax.ECONFLICT, url, "feed is followed already")
	}
	_, err = tx.ExecContext(ctx, s.q(`INSERT INTO feeds (url, added_at, next_poll, ord)
		VALUES (?, ?, ?, (SELECT COALESCE(MAX(ord), 0) + 1 FROM feeds))`), url, s.D.Time(at), s.D.Time(at))
	if err != nil {
		return s.errorf("add feed %s: %w", url, err)
	}
	if err := tx.Commit(); err != nil {
		return s.errorf("commit: %w", err)
	}
	return nil
}

// RemoveFeed stops following a feed (see parallax.FeedStore).
func (s *Store) RemoveFeed(ctx context.Context, url string) error {
	res, err := s.DB.ExecContext(ctx, s.q(`DELETE FROM feeds WHERE url = ?`), url)
	if err != nil {
		return s.errorf("remove feed %s: %w", url, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return parallax.Errorf(parallax.ENOTFOUND, url, "no such feed")
	}
	return nil
}

// Feeds lists the feeds followed, in the order they were added.
func (s *Store) Feeds(ctx context.Context) ([]parallax.Feed, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT url, title, added_at, etag, last_modified, last_poll,
		last_success, last_error, failures, items, next_poll FROM feeds ORDER BY ord`)
	if err != nil {
		return nil, s.errorf("list feeds: %w", err)
	}
	defer rows.Close()
	var feeds []parallax.Feed
	for rows.Next() {
		var f parallax.Feed
		var added, poll, success, next Time
		if err := rows.Scan(&f.URL, &f.Title, &added, &f.ETag, &f.LastModified, &poll, &success,
			&f.LastError, &f.Failures, &f.Items, &next); err != nil {
			return nil, s.errorf("read feed: %w", err)
		}
		f.Added, f.LastPoll, f.LastSuccess, f.NextPoll = added.T, poll.T, success.T, next.T
		feeds = append(feeds, f)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("list feeds: %w", err)
	}
	return feeds, nil
}

// SaveFeed records the state of a feed after a poll (see
// parallax.FeedStore).
func (s *Store) SaveFeed(ctx context.Context, f parallax.Feed) error {
	res, err := s.DB.ExecContext(ctx, s.q(`UPDATE feeds SET title = ?, etag = ?, last_modified = ?,
		last_poll = ?, last_success = ?, last_error = ?, failures = ?, items = ?, next_poll = ? WHERE url = ?`),
		f.Title, f.ETag, f.LastModified, s.nullTime(f.LastPoll), s.nullTime(f.LastSuccess), f.LastError,
		f.Failures, f.Items, s.nullTime(f.NextPoll), f.URL)
	if err != nil {
		return s.errorf("save feed %s: %w", f.URL, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return parallax.Errorf(parallax.ENOTFOUND, f.URL, "no such feed")
	}
	return nil
}

// nullTime encodes t, NULL for the zero time.
func (s *Store) nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return s.D.Time(t)
}

// knownBatch is the number of keys looked up in one query.
const knownBatch = 500

// Known returns those of the keys under which an article is stored.
func (s *Store) Known(ctx context.Context, keys []string) (map[string]bool, error) {
	known := map[string]bool{}
	for start := 0; start < len(keys); start += knownBatch {
		batch := keys[start:min(start+knownBatch, len(keys))]
		args := make([]any, len(batch))
		for i, k := range batch {
			args[i] = k
		}
		marks := strings.TrimSuffix(strings.Repeat("?,", len(batch)), ",")
		if err := s.scanKeys(ctx, known, `SELECT id FROM articles WHERE id IN (`+marks+`)`, args); err != nil {
			return nil, err
		}
	}
	return known, nil
}

func (s *Store) scanKeys(ctx context.Context, into map[string]bool, query string, args []any) error {
	rows, err := s.DB.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return s.errorf("look up articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return s.errorf("look up articles: %w", err)
		}
		into[k] = true
	}
	if err := rows.Err(); err != nil {
		return s.errorf("look up articles: %w", err)
	}
	return nil
}
