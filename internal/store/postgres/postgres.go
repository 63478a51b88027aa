// Package postgres stores articles and stories in PostgreSQL (through
// pgx), for a corpus shared by several machines or too large for one file:
// the same parallax.Store as package sqlite (both are the shared SQL store
// of package sqlstore), passing the same conformance suite, with full-text
// search through tsvector and ts_rank_cd. Commands take a postgres://
// address where they take a database file (`parallax ingest --db
// postgres://…`).
//
// Open applies the embedded migrations in order, each in its own
// transaction under an advisory lock, so that two processes starting at
// once do not race. Every write is one transaction; SaveStories holds a
// transaction-scoped advisory lock, so that two groupings never interleave.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	nurl "net/url"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver "pgx"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/search"
	"github.com/parallax-news/parallax/internal/store/sqlstore"
)

//go:embed migration/*.sql
var migrations embed.FS

// Advisory lock keys: held while migrating, and by SaveStories.
const (
	migrationLock = 0x70617261 // "para"
	storiesLock   = 0x73746f72 // "stor"
)

// DB is an open PostgreSQL store. It is safe for concurrent use.
type DB struct {
	*sqlstore.Store
}

var _ parallax.Store = (*DB)(nil)

// Open connects to the database at url (postgres://user:pass@host/db;
// parameters such as ?search_path=… are passed to the server) and brings
// its schema up to date. It fails with EINVALID, naming the address without
// its password, when the server cannot be reached or a migration fails.
func Open(ctx context.Context, url string) (*DB, error) {
	name := Redact(url)
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, name, "bad address: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, parallax.Errorf(parallax.EINVALID, name, "cannot connect: %w", err)
	}
	d := &DB{&sqlstore.Store{DB: db, Name: name, D: dialect}}
	if err := d.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := d.Upgrade(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return d, nil
}

func (d *DB) migrate(ctx context.Context) error {
	return sqlstore.Migrate(ctx, d.DB, d.Name, migrations, "migration/*.sql", sqlstore.Migrations{
		Lock:   fmt.Sprintf(`SELECT pg_advisory_xact_lock(%d)`, migrationLock),
		Seen:   `SELECT count(*) FROM migrations WHERE name = $1`,
		Record: `INSERT INTO migrations (name) VALUES ($1)`,
	})
}

// dialect is what the shared SQL store needs to know of PostgreSQL.
var dialect = sqlstore.Dialect{
	Rebind: rebind,
	Time:   func(t time.Time) any { return t.UTC() },
	Text:   text,
	// The title (before the first newline) weighted A, the text B, as the
	// migration indexes the articles stored before it.
	SearchColumn: "search",
	SearchValue: `(SELECT setweight(to_tsvector('english', split_part(v, chr(10), 1)), 'A')
		|| setweight(to_tsvector('english', substr(v, strpos(v, chr(10)) + 1)), 'B')
		FROM (SELECT ?::text AS v) AS search_text)`,
	Search:      searchTS,
	LockStories: fmt.Sprintf(`SELECT pg_advisory_xact_lock(%d)`, storiesLock),
	LockArticle: " FOR UPDATE",
	Check:       check,
}

// text encodes a text as BYTEA (never NULL), which holds any byte, NUL
// included.
func text(s string) any {
	if s == "" {
		return []byte{}
	}
	return []byte(s)
}

// rebind numbers the ? placeholders of a statement $1, $2…, leaving those
// inside quoted strings and identifiers as they are.
func rebind(query string) string {
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	var quote byte // the quote we are inside of, 0 for none
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0 // a doubled quote closes and reopens: the same
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// Ranking weights of ts_rank_cd for D, C, B and A: the title (A) four
// times the text (B), as SQLite's bm25 weights them.
const weights = `'{0.1, 0.2, 0.25, 1.0}'`

// searchTS runs a query through to_tsquery against the articles' search
// index: ranked by ts_rank_cd (the title weighted above the text, divided
// by the log of the article's length). The shared store writes the
// snippets.
func searchTS(ctx context.Context, db *sql.DB, q *search.Node, f parallax.SearchQuery) ([]sqlstore.Match, error) {
	args := []any{search.TSQuery(q)}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	from := `articles a`
	where := []string{`a.search @@ to_tsquery('english', $1)`}
	if !f.Since.IsZero() {
		where = append(where, `a.published >= `+arg(f.Since.UTC()))
	}
	if f.Source != "" {
		from += ` LEFT JOIN story_articles sa ON sa.article = a.seq`
		p := arg(f.Source)
		where = append(where, `(lower(sa.outlet) = lower(`+p+`) OR lower(a.source) = lower(`+p+`))`)
	}
	limit := arg(f.Limit)
	query := `SELECT a.seq, ts_rank_cd(` + weights + `, a.search, to_tsquery('english', $1), 1)::float8 AS rank
		FROM ` + from + ` WHERE ` + strings.Join(where, " AND ") + `
		ORDER BY rank DESC, a.seq LIMIT ` + limit
	return sqlstore.Matches(ctx, db, 1, query, args...)
}

// check verifies what the tables must agree on: each story's count of
// articles and version against its articles and versions, merged stories
// empty, every article indexed for search.
func check(ctx context.Context, db *sql.DB) error {
	checks := []struct{ what, query string }{
		{"articles not indexed for search", `SELECT count(*) FROM articles WHERE search IS NULL`},
		{"stories whose count of articles is wrong", `SELECT count(*) FROM stories s
			WHERE s.articles <> (SELECT count(*) FROM story_articles sa WHERE sa.story = s.id)`},
		{"stories whose version is not their latest", `SELECT count(*) FROM stories s
			WHERE s.version <> COALESCE((SELECT max(v.version) FROM story_versions v WHERE v.story = s.id), 0)`},
		{"merged stories that hold articles", `SELECT count(*) FROM stories WHERE merged_into IS NOT NULL AND articles <> 0`},
		{"articles whose story holds an article version not stored", `SELECT count(*) FROM story_articles sa
			JOIN articles a ON a.seq = sa.article WHERE sa.article_version > a.version`},
		{"article versions not older than their article", `SELECT count(*) FROM article_versions v
			JOIN articles a ON a.seq = v.article WHERE v.version >= a.version`},
	}
	var problems []string
	for _, c := range checks {
		var n int
		if err := db.QueryRowContext(ctx, c.query).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			problems = append(problems, fmt.Sprintf("%d %s", n, c.what))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return nil
}

// Redact returns a database address without its password, for messages.
func Redact(url string) string {
	u, err := nurl.Parse(url)
	if err != nil || u.User == nil {
		return url
	}
	if _, ok := u.User.Password(); ok {
		u.User = nurl.UserPassword(u.User.Username(), "xxx")
	}
	return u.String()
}
