package sqlstore

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/search"
)

// Dialect is what a backend tells the shared store about its database.
type Dialect struct {
	// Rebind turns a statement written with ? placeholders into the
	// database's own; nil keeps it.
	Rebind func(query string) string
	// Time and Text encode a time and an article's text as the database
	// stores them.
	Time func(time.Time) any
	Text func(string) any
	// SearchColumn, when not empty, is an extra column of the articles
	// table holding the search index of an article, and SearchValue the
	// expression (one ? placeholder: the text to index) that sets it.
	SearchColumn, SearchValue string
	// Search runs a parsed query: it returns the matching articles' seq
	// and rank (higher is better), best first.
	Search func(ctx context.Context, db *sql.DB, q *search.Node, f parallax.SearchQuery) ([]Match, error)
	// LockArticle, when not empty, ends the statement that looks up an
	// article being added, to keep other writers off its row until the
	// transaction ends (PostgreSQL's " FOR UPDATE").
	LockArticle string
	// LockStories, when not empty, is run first in the transaction of
	// SaveStories to keep other writers' out until it commits (SQLite's
	// immediate transactions need none).
	LockStories string
	// Check verifies the database's integrity.
	Check func(ctx context.Context, db *sql.DB) error
}

// Match is one article found by a dialect's search.
type Match struct {
	Seq  int64
	Rank float64
}

// Matches runs a dialect's search query, whose rows are an article's seq
// and rank, and returns its matches; sign multiplies each rank so that
// higher is better (-1 for SQLite's bm25, lower for better matches).
func Matches(ctx context.Context, db *sql.DB, sign float64, query string, args ...any) ([]Match, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Match
	for rows.Next() {
		var m Match
		if err := rows.Scan(&m.Seq, &m.Rank); err != nil {
			return nil, err
		}
		m.Rank *= sign
		out = append(out, m)
	}
	return out, rows.Err()
}

// Store is the parallax.Store of a SQL database, shared by the SQLite and
// PostgreSQL backends; each gives its connection, its name for messages
// and its dialect.
type Store struct {
	DB   *sql.DB
	Name string
	D    Dialect
	// Now returns the current time; tests may replace it.
	Now func() time.Time
}

var _ parallax.Store = (*Store)(nil)

func (s *Store) q(query string) string {
	if s.D.Rebind != nil {
		return s.D.Rebind(query)
	}
	return query
}

func (s *Store) errorf(format string, args ...any) error {
	return parallax.Errorf(parallax.EINTERNAL, s.Name, format, args...)
}

// Close closes the database.
func (s *Store) Close() error { return s.DB.Close() }

// Count returns the number of stored articles.
func (s *Store) Count(ctx context.Context) (int, error) { return Count(ctx, s.DB, s.Name) }

// Check verifies the database's integrity.
func (s *Store) Check(ctx context.Context) error {
	if err := s.D.Check(ctx, s.DB); err != nil {
		return parallax.Errorf(parallax.EINTERNAL, s.Name, "integrity check: %w", err)
	}
	return nil
}

// contentHash tells two versions of an article apart: its title and text
// exactly as read.
func contentHash(d *parallax.Document) string {
	sum := sha256.Sum256([]byte(d.Title + "\x00" + d.Text))
	return hex.EncodeToString(sum[:16])
}

const articleColumns = `seq, id, input_id, path, url, title, source, author, lang, published, label, text, metadata, extra, version, added_at, updated_at`

// AddArticles stores the documents, each under its identity, in one
// transaction (see parallax.Store).
func (s *Store) AddArticles(ctx context.Context, docs []parallax.Document) (parallax.AddResult, error) {
	var res parallax.AddResult
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return res, s.errorf("begin: %w", err)
	}
	defer tx.Rollback()
	cols := `id, input_id, path, url, title, source, author, lang, published, label, text, metadata, extra, hash, version, added_at, updated_at`
	vals := `?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?`
	set := `input_id = ?, url = ?, title = ?, source = ?, author = ?, lang = ?, published = ?, label = ?, text = ?, metadata = ?, extra = ?, hash = ?, version = version + 1, updated_at = ?`
	if s.D.SearchColumn != "" {
		cols += ", " + s.D.SearchColumn
		vals += ", " + s.D.SearchValue
		set += ", " + s.D.SearchColumn + " = " + s.D.SearchValue
	}
	find, err := tx.PrepareContext(ctx, s.q(`SELECT seq, hash FROM articles WHERE id = ?`+s.D.LockArticle))
	if err != nil {
		return res, s.errorf("prepare: %w", err)
	}
	defer find.Close()
	// Another writer may add the same article meanwhile: then it is stored.
	insert, err := tx.PrepareContext(ctx, s.q(`INSERT INTO articles (`+cols+`) VALUES (`+vals+`) ON CONFLICT (id) DO NOTHING`))
	if err != nil {
		return res, s.errorf("prepare: %w", err)
	}
	defer insert.Close()
	keep, err := tx.PrepareContext(ctx, s.q(`INSERT INTO article_versions (article, version, title, text, published, replaced_at)
		SELECT seq, version, title, text, published, ? FROM articles WHERE seq = ?`))
	if err != nil {
		return res, s.errorf("prepare: %w", err)
	}
	defer keep.Close()
	update, err := tx.PrepareContext(ctx, s.q(`UPDATE articles SET `+set+` WHERE seq = ?`))
	if err != nil {
		return res, s.errorf("prepare: %w", err)
	}
	defer update.Close()
	now := s.D.Time(s.now())
	for i := range docs {
		doc := &docs[i]
		key := parallax.Identity(doc)
		hash := contentHash(doc)
		meta, extra, err := EncodeFields(*doc)
		if err != nil {
			return parallax.AddResult{}, err
		}
		var published any
		if !doc.Published.IsZero() {
			published = s.D.Time(doc.Published)
		}
		var seq int64
		var stored string
		switch err := find.QueryRowContext(ctx, key).Scan(&seq, &stored); {
		case errors.Is(err, sql.ErrNoRows):
			args := []any{key, doc.ID, doc.Path, doc.URL, doc.Title, doc.Source, doc.Author, doc.Lang, published, doc.Label,
				s.D.Text(doc.Text), meta, extra, hash, now, now}
			if s.D.SearchColumn != "" {
				args = append(args, searchText(doc))
			}
			r, err := insert.ExecContext(ctx, args...)
			if err != nil {
				return parallax.AddResult{}, parallax.Errorf(parallax.EINTERNAL, doc.Path, "store article: %w", err)
			}
			if n, _ := r.RowsAffected(); n == 0 {
				res.Unchanged++
			} else {
				res.Added++
			}
		case err != nil:
			return parallax.AddResult{}, parallax.Errorf(parallax.EINTERNAL, doc.Path, "look the article up: %w", err)
		case stored == hash:
			res.Unchanged++
		default:
			if _, err := keep.ExecContext(ctx, now, seq); err != nil {
				return parallax.AddResult{}, parallax.Errorf(parallax.EINTERNAL, doc.Path, "keep the earlier version: %w", err)
			}
			args := []any{doc.ID, doc.URL, doc.Title, doc.Source, doc.Author, doc.Lang, published, doc.Label,
				s.D.Text(doc.Text), meta, extra, hash, now}
			if s.D.SearchColumn != "" {
				args = append(args, searchText(doc))
			}
			if _, err := update.ExecContext(ctx, append(args, seq)...); err != nil {
				return parallax.AddResult{}, parallax.Errorf(parallax.EINTERNAL, doc.Path, "store the new version: %w", err)
			}
			res.Updated++
		}
	}
	if err := tx.Commit(); err != nil {
		return parallax.AddResult{}, s.errorf("commit: %w", err)
	}
	return res, nil
}

// searchText is what the search index of an article holds: its title and
// text, without NUL characters.
func searchText(d *parallax.Document) string {
	return strings.ReplaceAll(d.Title+"\n"+d.Text, "\x00", " ")
}

func (s *Store) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// rowScanner is a *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(dest ...any) error }

// scanArticle reads the articleColumns of a row, and the story when
// story is true.
func (s *Store) scanArticle(r rowScanner, story bool) (parallax.StoredArticle, error) {
	var a parallax.StoredArticle
	var published, added, updated Time
	var text []byte
	var meta, extra string
	var sid sql.NullInt64
	dest := []any{&a.Seq, &a.Key, &a.ID, &a.Path, &a.URL, &a.Title, &a.Source, &a.Author, &a.Lang,
		&published, &a.Label, &text, &meta, &extra, &a.Version, &added, &updated}
	if story {
		dest = append(dest, &sid, &a.Outlet)
	}
	if err := r.Scan(dest...); err != nil {
		return a, err
	}
	a.Text = string(text)
	a.Published, a.Added, a.Updated = published.T, added.T, updated.T
	a.Story = int(sid.Int64)
	if err := DecodeFields(&a.Document, meta, extra); err != nil {
		return a, err
	}
	return a, nil
}

// qualified prefixes each of the article columns with the table alias a.
func qualified() string {
	cols := strings.Split(articleColumns, ", ")
	for i, c := range cols {
		cols[i] = "a." + c
	}
	return strings.Join(cols, ", ")
}

// Stamps calls fn with the place, date and versions of every stored
// article, in arrival order.
func (s *Store) Stamps(ctx context.Context, fn func(parallax.Stamp) error) error {
	rows, err := s.DB.QueryContext(ctx, `SELECT a.seq, a.published, a.version, COALESCE(sa.article_version, 0)
		FROM articles a LEFT JOIN story_articles sa ON sa.article = a.seq ORDER BY a.seq`)
	if err != nil {
		return s.errorf("read articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var st parallax.Stamp
		var published Time
		if err := rows.Scan(&st.Seq, &published, &st.Version, &st.Grouped); err != nil {
			return parallax.Errorf(parallax.EINVALID, s.Name, "read article: %w", err)
		}
		st.Published = published.T
		if err := fn(st); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return s.errorf("read articles: %w", err)
	}
	return nil
}

// Articles calls fn with every stored article from place from on, in
// arrival order.
func (s *Store) Articles(ctx context.Context, from int64, fn func(parallax.StoredArticle) error) error {
	rows, err := s.DB.QueryContext(ctx, s.q(`SELECT `+qualified()+`, sa.story, COALESCE(sa.outlet, '')
		FROM articles a LEFT JOIN story_articles sa ON sa.article = a.seq WHERE a.seq >= ? ORDER BY a.seq`), from)
	if err != nil {
		return s.errorf("read articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		a, err := s.scanArticle(rows, true)
		if err != nil {
			return parallax.Errorf(parallax.EINVALID, s.Name, "read article: %w", err)
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return s.errorf("read articles: %w", err)
	}
	return nil
}

// Article returns one article by key.
func (s *Store) Article(ctx context.Context, key string) (parallax.StoredArticle, error) {
	row := s.DB.QueryRowContext(ctx, s.q(`SELECT `+qualified()+`, sa.story, COALESCE(sa.outlet, '')
		FROM articles a LEFT JOIN story_articles sa ON sa.article = a.seq WHERE a.id = ?`), key)
	a, err := s.scanArticle(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return a, parallax.Errorf(parallax.ENOTFOUND, key, "no such article")
	}
	if err != nil {
		return a, s.errorf("read article %s: %w", key, err)
	}
	return a, nil
}

// Time scans a time stored as a time or as RFC 3339 text; NULL is the
// zero time.
type Time struct{ T time.Time }

// Scan implements sql.Scanner.
func (t *Time) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		t.T = time.Time{}
	case time.Time:
		t.T = x
	case string:
		return t.parse(x)
	case []byte:
		return t.parse(string(x))
	default:
		return errors.New("not a time")
	}
	return nil
}

func (t *Time) parse(s string) error {
	if s == "" {
		t.T = time.Time{}
		return nil
	}
	p, err := time.Parse(time.RFC3339Nano, s)
	t.T = p
	return err
}

// SQLiteTime is the Dialect.Time of a database that keeps times as text:
// RFC 3339 in UTC, so that text order is time order.
func SQLiteTime(t time.Time) any { return t.UTC().Format("2006-01-02T15:04:05.000000000Z07:00") }

// member is an article of a group as stored.
type member struct {
	seq     int64
	version int    // the article's version
	story   int    // its story now, 0 for none
	joined  int    // the article version its story holds, 0 for none
	had     string // the outlet its story holds
	outlet  string // the outlet the group gives
}

// SaveStories records groupings of articles (see parallax.Store): each
// group's articles join the story it takes, then every story that gained
// or lost articles gets its next version.
func (s *Store) SaveStories(ctx context.Context, groups []parallax.StoryGroup, at time.Time) ([]int, error) {
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return nil, s.errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if s.D.LockStories != "" {
		if _, err := tx.ExecContext(ctx, s.D.LockStories); err != nil {
			return nil, s.errorf("lock stories: %w", err)
		}
	}
	members, err := s.members(ctx, tx, groups)
	if err != nil {
		return nil, err
	}
	ids := assign(members)
	w := &storyWriter{s: s, tx: tx, at: s.D.Time(at.UTC()), next: map[int]int{}, changed: map[int]bool{}, renamed: map[int]bool{}, titles: map[int]string{}}
	if err := w.prepare(ctx); err != nil {
		return nil, err
	}
	defer w.close()
	for g := range groups {
		if ids[g] == 0 {
			if ids[g], err = w.newStory(ctx, groups[g].Title); err != nil {
				return nil, err
			}
		}
		if err := w.join(ctx, ids[g], groups[g].Title, members[g]); err != nil {
			return nil, err
		}
	}
	for _, id := range slices.Sorted(maps.Keys(w.changed)) {
		if err := w.settle(ctx, id, ids, members); err != nil {
			return nil, err
		}
	}
	for _, id := range slices.Sorted(maps.Keys(w.renamed)) {
		if !w.changed[id] {
			if err := w.updateSources(ctx, id); err != nil {
				return nil, err
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, s.errorf("commit: %w", err)
	}
	return ids, nil
}

// members looks up the articles of each group. An ID that is not stored
// fails with ENOTFOUND.
func (s *Store) members(ctx context.Context, tx *sql.Tx, groups []parallax.StoryGroup) ([][]member, error) {
	find, err := tx.PrepareContext(ctx, s.q(`SELECT a.seq, a.version, COALESCE(sa.story, 0), COALESCE(sa.article_version, 0), COALESCE(sa.outlet, '')
		FROM articles a LEFT JOIN story_articles sa ON sa.article = a.seq WHERE a.id = ?`))
	if err != nil {
		return nil, s.errorf("prepare: %w", err)
	}
	defer find.Close()
	out := make([][]member, len(groups))
	for g, grp := range groups {
		if len(grp.Articles) == 0 {
			return nil, parallax.Errorf(parallax.EINVALID, s.Name, "story group %d has no article", g)
		}
		for k, key := range grp.Articles {
			var m member
			if err := find.QueryRowContext(ctx, key).Scan(&m.seq, &m.version, &m.story, &m.joined, &m.had); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return nil, parallax.Errorf(parallax.ENOTFOUND, key, "no such article in %s", s.Name)
				}
				return nil, s.errorf("look up %s: %w", key, err)
			}
			if k < len(grp.Outlets) {
				m.outlet = grp.Outlets[k]
			}
			out[g] = append(out[g], m)
		}
	}
	return out, nil
}

// assign gives each group the stored story most of its members belong to,
// each story to one group at most: the pairs with the most members first,
// ties to the older story, then to the earlier group. A group left without
// one gets 0.
func assign(members [][]member) []int {
	type vote struct{ group, story, n int }
	var votes []vote
	for g, ms := range members {
		count := map[int]int{}
		for _, m := range ms {
			if m.story != 0 {
				count[m.story]++
			}
		}
		for st, n := range count {
			votes = append(votes, vote{g, st, n})
		}
	}
	slices.SortFunc(votes, func(a, b vote) int {
		return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.story, b.story), cmp.Compare(a.group, b.group))
	})
	ids := make([]int, len(members))
	taken := map[int]bool{}
	for _, v := range votes {
		if ids[v.group] == 0 && !taken[v.story] {
			ids[v.group] = v.story
			taken[v.story] = true
		}
	}
	return ids
}

// storyWriter writes the stories of one SaveStories transaction.
type storyWriter struct {
	s     *Store
	tx    *sql.Tx
	at    any
	stmts map[string]*sql.Stmt
	// next is the version each story changed in this save gets; changed
	// the stories that gained or lost articles, renamed those whose
	// articles' outlets changed.
	next             map[int]int
	changed, renamed map[int]bool
	// titles are the groups' titles, set on the stories that change.
	titles map[int]string
}

var storyStatements = map[string]string{
	"new":      `INSERT INTO stories (title, version, articles, sources, first_seen, updated) VALUES (?, 0, 0, '[]', ?, ?) RETURNING id`,
	"version":  `SELECT version FROM stories WHERE id = ?`,
	"title":    `UPDATE stories SET title = ? WHERE id = ? AND title <> ?`,
	"sources":  `UPDATE stories SET sources = ? WHERE id = ?`,
	"history":  `INSERT INTO story_versions (story, version, at, articles) VALUES (?, ?, ?, ?)`,
	"join":     `INSERT INTO story_articles (article, story, since, article_version, outlet) VALUES (?, ?, ?, ?, ?) ON CONFLICT (article) DO UPDATE SET story = excluded.story, since = excluded.since, article_version = excluded.article_version, outlet = excluded.outlet`,
	"outlet":   `UPDATE story_articles SET outlet = ? WHERE article = ?`,
	"count":    `SELECT count(*) FROM story_articles WHERE story = ?`,
	"outlets":  `SELECT DISTINCT outlet FROM story_articles WHERE story = ? AND outlet <> ''`,
	"settle":   `UPDATE stories SET version = ?, articles = ?, sources = ?, updated = ?, merged_into = ? WHERE id = ?`,
	"mergedTo": `UPDATE stories SET merged_into = ? WHERE merged_into = ?`,
}

func (w *storyWriter) prepare(ctx context.Context) error {
	w.stmts = map[string]*sql.Stmt{}
	for name, q := range storyStatements {
		st, err := w.tx.PrepareContext(ctx, w.s.q(q))
		if err != nil {
			return w.s.errorf("prepare %s: %w", name, err)
		}
		w.stmts[name] = st
	}
	return nil
}

func (w *storyWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

func (w *storyWriter) exec(ctx context.Context, name string, args ...any) error {
	if _, err := w.stmts[name].ExecContext(ctx, args...); err != nil {
		return w.s.errorf("%s: %w", name, err)
	}
	return nil
}

// newStory starts a story with no article yet and returns its number.
func (w *storyWriter) newStory(ctx context.Context, title string) (int, error) {
	var id int
	if err := w.stmts["new"].QueryRowContext(ctx, title, w.at, w.at).Scan(&id); err != nil {
		return 0, w.s.errorf("new story: %w", err)
	}
	return id, nil
}

// version returns the version story id gets in this save.
func (w *storyWriter) version(ctx context.Context, id int) (int, error) {
	if v, ok := w.next[id]; ok {
		return v, nil
	}
	var v int
	if err := w.stmts["version"].QueryRowContext(ctx, id).Scan(&v); err != nil {
		return 0, w.s.errorf("version: %w", err)
	}
	w.next[id] = v + 1
	return v + 1, nil
}

// join puts the members of a group into story id: each one not there yet,
// or there in an earlier article version, joins at the story's next
// version, and the story it leaves changes too.
func (w *storyWriter) join(ctx context.Context, id int, title string, ms []member) error {
	w.titles[id] = title
	for _, m := range ms {
		if m.story == id && m.joined == m.version {
			if m.had != m.outlet {
				if err := w.exec(ctx, "outlet", m.outlet, m.seq); err != nil {
					return err
				}
				w.renamed[id] = true
			}
			continue
		}
		v, err := w.version(ctx, id)
		if err != nil {
			return err
		}
		if err := w.exec(ctx, "join", m.seq, id, v, m.version, m.outlet); err != nil {
			return err
		}
		w.changed[id] = true
		if m.story != 0 && m.story != id {
			if _, err := w.version(ctx, m.story); err != nil {
				return err
			}
			w.changed[m.story] = true
		}
	}
	return nil
}

// settle records story id's next version: its count of articles and
// outlets, and when it is left with none, the story that took most of
// them (stories merged into it follow).
func (w *storyWriter) settle(ctx context.Context, id int, ids []int, members [][]member) error {
	var n int
	if err := w.stmts["count"].QueryRowContext(ctx, id).Scan(&n); err != nil {
		return w.s.errorf("count: %w", err)
	}
	v, err := w.version(ctx, id)
	if err != nil {
		return err
	}
	var into any
	if n == 0 {
		took := map[int]int{}
		for g, ms := range members {
			for _, m := range ms {
				if m.story == id {
					took[ids[g]]++
				}
			}
		}
		best := 0
		for st, k := range took {
			if best == 0 || k > took[best] || k == took[best] && st < best {
				best = st
			}
		}
		if best != 0 {
			into = best
			if err := w.exec(ctx, "mergedTo", best, id); err != nil {
				return err
			}
		}
	}
	sources, err := w.sources(ctx, id)
	if err != nil {
		return err
	}
	if err := w.exec(ctx, "settle", v, n, sources, w.at, into, id); err != nil {
		return err
	}
	if t, ok := w.titles[id]; ok {
		if err := w.exec(ctx, "title", t, id, t); err != nil {
			return err
		}
	}
	return w.exec(ctx, "history", id, v, w.at, n)
}

// sources returns the JSON list of the outlets of story id's articles.
func (w *storyWriter) sources(ctx context.Context, id int) (string, error) {
	rows, err := w.stmts["outlets"].QueryContext(ctx, id)
	if err != nil {
		return "", w.s.errorf("outlets: %w", err)
	}
	defer rows.Close()
	names := []string{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return "", w.s.errorf("outlets: %w", err)
		}
		names = append(names, n)
	}
	slices.Sort(names)
	b, _ := json.Marshal(names)
	return string(b), rows.Err()
}

func (w *storyWriter) updateSources(ctx context.Context, id int) error {
	src, err := w.sources(ctx, id)
	if err != nil {
		return err
	}
	return w.exec(ctx, "sources", src, id)
}

const storyColumns = `id, title, articles, sources, first_seen, updated, version, COALESCE(merged_into, 0)`

func scanStory(r rowScanner) (parallax.StoryInfo, error) {
	var st parallax.StoryInfo
	var sources string
	var first, updated Time
	if err := r.Scan(&st.ID, &st.Title, &st.Articles, &sources, &first, &updated, &st.Version, &st.MergedInto); err != nil {
		return st, err
	}
	st.FirstSeen, st.Updated = first.T, updated.T
	if err := json.Unmarshal([]byte(sources), &st.Sources); err != nil {
		return st, err
	}
	return st, nil
}

// Stories lists the live stories matching the filter, the most recently
// updated first.
func (s *Store) Stories(ctx context.Context, f parallax.StoryFilter) ([]parallax.StoryInfo, error) {
	query := `SELECT ` + storyColumns + ` FROM stories WHERE merged_into IS NULL AND articles > 0 AND articles >= ?`
	args := []any{f.MinArticles}
	if !f.Since.IsZero() {
		query += ` AND updated >= ?`
		args = append(args, s.D.Time(f.Since))
	}
	query += ` ORDER BY updated DESC, articles DESC, id DESC`
	skip := f.Offset // the stories of the outlet to skip, when one is named
	if f.Source == "" && (f.Limit > 0 || f.Offset > 0) {
		query += ` LIMIT ? OFFSET ?`
		args = append(args, cmp.Or(f.Limit, 1<<62), max(f.Offset, 0)) // 1<<62: no limit, in both dialects
		skip = 0
	}
	rows, err := s.DB.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, s.errorf("list stories: %w", err)
	}
	defer rows.Close()
	out := []parallax.StoryInfo{}
	for rows.Next() {
		st, err := scanStory(rows)
		if err != nil {
			return nil, s.errorf("read story: %w", err)
		}
		if f.Source != "" && !slices.ContainsFunc(st.Sources, func(n string) bool { return strings.EqualFold(n, f.Source) }) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		out = append(out, st)
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("list stories: %w", err)
	}
	return out, nil
}

// Story returns one story.
func (s *Store) Story(ctx context.Context, id int) (parallax.StoryInfo, error) {
	st, err := scanStory(s.DB.QueryRowContext(ctx, s.q(`SELECT `+storyColumns+` FROM stories WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return st, parallax.Errorf(parallax.ENOTFOUND, "story "+strconv.Itoa(id), "no such story in %s", s.Name)
	}
	if err != nil {
		return st, s.errorf("read story %d: %w", id, err)
	}
	return st, nil
}

// StoryArticles returns the articles of a story as they were at a version
// (0 for the latest), in arrival order.
func (s *Store) StoryArticles(ctx context.Context, id, version int) ([]parallax.StoredArticle, error) {
	query := `SELECT ` + qualified() + `, sa.story, sa.outlet FROM story_articles sa JOIN articles a ON a.seq = sa.article WHERE sa.story = ?`
	args := []any{id}
	if version > 0 {
		query += ` AND sa.since <= ?`
		args = append(args, version)
	}
	rows, err := s.DB.QueryContext(ctx, s.q(query+` ORDER BY a.seq`), args...)
	if err != nil {
		return nil, s.errorf("read story %d: %w", id, err)
	}
	defer rows.Close()
	var out []parallax.StoredArticle
	for rows.Next() {
		a, err := s.scanArticle(rows, true)
		if err != nil {
			return nil, parallax.Errorf(parallax.EINVALID, s.Name, "read article: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("read story %d: %w", id, err)
	}
	return out, nil
}

// StoryVersions lists a story's versions, oldest first.
func (s *Store) StoryVersions(ctx context.Context, id int) ([]parallax.StoryVersion, error) {
	rows, err := s.DB.QueryContext(ctx, s.q(`SELECT version, at, articles FROM story_versions WHERE story = ? ORDER BY version`), id)
	if err != nil {
		return nil, s.errorf("read versions of story %d: %w", id, err)
	}
	defer rows.Close()
	var out []parallax.StoryVersion
	for rows.Next() {
		var v parallax.StoryVersion
		var at Time
		if err := rows.Scan(&v.Version, &at, &v.Articles); err != nil {
			return nil, s.errorf("read versions of story %d: %w", id, err)
		}
		v.At = at.T
		out = append(out, v)
	}
	return out, rows.Err()
}

// Brief returns the brief kept for a story version.
func (s *Store) Brief(ctx context.Context, id, version int) ([]byte, error) {
	var b []byte
	err := s.DB.QueryRowContext(ctx, s.q(`SELECT brief FROM briefs WHERE story = ? AND version = ?`), id, version).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parallax.Errorf(parallax.ENOTFOUND, "story "+strconv.Itoa(id), "no brief kept for version %d", version)
	}
	if err != nil {
		return nil, s.errorf("read brief of story %d: %w", id, err)
	}
	return b, nil
}

// SaveBrief keeps a story version's brief, and its headline as the
// story's title when the version is the latest.
func (s *Store) SaveBrief(ctx context.Context, id, version int, title string, brief []byte) error {
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return s.errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO briefs (story, version, brief) VALUES (?, ?, ?)
		ON CONFLICT (story, version) DO UPDATE SET brief = excluded.brief`), id, version, s.D.Text(string(brief))); err != nil {
		return s.errorf("keep brief of story %d: %w", id, err)
	}
	if title != "" {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE stories SET title = ? WHERE id = ? AND version = ?`), title, id, version); err != nil {
			return s.errorf("title of story %d: %w", id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return s.errorf("commit: %w", err)
	}
	return nil
}

// Search returns the articles matching a query, best first.
func (s *Store) Search(ctx context.Context, q parallax.SearchQuery) ([]parallax.SearchHit, error) {
	node, err := search.Parse(q.Text)
	if err != nil {
		return nil, err
	}
	if q.Limit <= 0 {
		q.Limit = 20
	}
	matches, err := s.D.Search(ctx, s.DB, node, q)
	if err != nil {
		return nil, s.errorf("search: %w", err)
	}
	hits := make([]parallax.SearchHit, 0, len(matches))
	for _, m := range matches {
		var h parallax.SearchHit
		var published Time
		var story sql.NullInt64
		var text []byte
		err := s.DB.QueryRowContext(ctx, s.q(`SELECT a.id, a.title, a.url, COALESCE(NULLIF(sa.outlet, ''), a.source), a.published, sa.story, a.text
			FROM articles a LEFT JOIN story_articles sa ON sa.article = a.seq WHERE a.seq = ?`), m.Seq).
			Scan(&h.Key, &h.Title, &h.URL, &h.Source, &published, &story, &text)
		if err != nil {
			return nil, s.errorf("search: %w", err)
		}
		h.Published, h.Story, h.Rank = published.T, int(story.Int64), m.Rank
		h.Snippet = search.Snippet(string(text), node, parallax.MarkStart, parallax.MarkEnd)
		hits = append(hits, h)
	}
	return hits, nil
}
