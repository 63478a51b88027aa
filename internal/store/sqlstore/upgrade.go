package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/parallax-news/parallax"
)

// Upgrade finishes what the migrations left pending, in one transaction:
// "rekey", the articles stored before articles had keys (under their
// path when the input gave no id) are keyed by their Identity, and of two
// that are the same article (the same text read by two paths) the later is
// dropped. It does nothing when nothing is pending.
func (s *Store) Upgrade(ctx context.Context) error {
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return s.errorf("begin: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pending WHERE name = 'rekey'`).Scan(&n); err != nil {
		return s.errorf("pending work: %w", err)
	}
	if n == 0 {
		return nil
	}
	type row struct {
		seq int64
		doc parallax.Document
	}
	var rows []row
	q, err := tx.QueryContext(ctx, `SELECT seq, input_id, url, title, text FROM articles ORDER BY seq`)
	if err != nil {
		return s.errorf("read articles: %w", err)
	}
	for q.Next() {
		var r row
		var text []byte
		if err := q.Scan(&r.seq, &r.doc.ID, &r.doc.URL, &r.doc.Title, &text); err != nil {
			q.Close()
			return s.errorf("read articles: %w", err)
		}
		r.doc.Text = string(text)
		rows = append(rows, r)
	}
	q.Close()
	if err := q.Err(); err != nil {
		return s.errorf("read articles: %w", err)
	}
	// Every key out of the way first, so that no new key meets an old one.
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET id = '~rekey~' || seq`); err != nil {
		return s.errorf("rekey: %w", err)
	}
	taken := map[string]bool{}
	for _, r := range rows {
		key := parallax.Identity(&r.doc)
		if taken[key] {
			if err := s.drop(ctx, tx, r.seq); err != nil {
				return err
			}
		} else {
			taken[key] = true
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE articles SET id = ?, hash = ? WHERE seq = ?`), key, contentHash(&r.doc), r.seq); err != nil {
				return s.errorf("rekey article %d: %w", r.seq, err)
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM pending WHERE name = 'rekey'`); err != nil {
		return s.errorf("pending work: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return s.errorf("commit: %w", err)
	}
	return nil
}

// drop deletes an article stored twice, with what refers to it.
func (s *Store) drop(ctx context.Context, tx *sql.Tx, seq int64) error {
	for _, q := range []string{`DELETE FROM story_articles WHERE article = ?`, `DELETE FROM article_versions WHERE article = ?`, `DELETE FROM articles WHERE seq = ?`} {
		if _, err := tx.ExecContext(ctx, s.q(q), seq); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return s.errorf("drop the copy of article %d: %w", seq, err)
		}
	}
	return nil
}
