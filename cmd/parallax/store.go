package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
	"github.com/parallax-news/parallax/internal/store/postgres"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// defaultStore returns where the store lives when --db is not given:
// $PARALLAX_DB, else parallax.db in the user's data folder
// ($XDG_DATA_HOME/parallax, else ~/.local/share/parallax).
func (m *Main) defaultStore() string {
	if db := m.getenv("PARALLAX_DB"); db != "" {
		return db
	}
	dir := m.getenv("XDG_DATA_HOME")
	if dir == "" {
		home := m.getenv("HOME")
		if home == "" {
			home, _ = os.UserHomeDir()
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "parallax", "parallax.db")
}

func (m *Main) getenv(key string) string {
	if m.Getenv != nil {
		return m.Getenv(key)
	}
	return os.Getenv(key)
}

// dbFlag registers --db on fs, its default the store defaultStore names.
func (m *Main) dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", m.defaultStore(), "the store: a SQLite file or a postgres:// address (default $PARALLAX_DB, else the user's data folder)")
}

// isPostgres tells whether --db names a PostgreSQL server.
func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// openStore opens the store named by --db to add to it: a postgres:// or
// postgresql:// address, else a SQLite database file, created with its
// folder when missing.
func openStore(ctx context.Context, db string) (parallax.Store, error) {
	if isPostgres(db) {
		return postgres.Open(ctx, db)
	}
	return sqlite.Open(ctx, db, sqlite.Options{})
}

// openExisting opens the store named by --db to read it: a missing SQLite
// file fails with ENOTFOUND and nothing is created; a file that cannot be
// written is opened read-only (writable is then false, and briefs written
// are not kept).
func openExisting(ctx context.Context, db string) (st parallax.Store, writable bool, err error) {
	if isPostgres(db) {
		st, err := postgres.Open(ctx, db)
		return st, err == nil, err
	}
	if _, err := os.Stat(db); err != nil {
		return nil, false, parallax.Errorf(parallax.ENOTFOUND, db, "no store here (add articles with: parallax ingest --db %s PATH...)", db)
	}
	if f, err := os.OpenFile(db, os.O_RDWR, 0); err == nil {
		f.Close()
		st, err := sqlite.Open(ctx, db, sqlite.Options{})
		return st, err == nil, err
	}
	st, err = sqlite.Open(ctx, db, sqlite.Options{ReadOnly: true})
	return st, false, err
}

// storeName names a store for messages: a database address without its
// password.
func storeName(db string) string {
	if isPostgres(db) {
		return postgres.Redact(db)
	}
	return db
}

// sinceFlag registers a --since flag on fs: a duration back from now
// ("24h", "7d") or a date or time ("2025-04-14", RFC 3339).
func sinceFlag(fs *flag.FlagSet, now func() time.Time) *time.Time {
	var t time.Time
	fs.Func("since", "only what was updated since: a duration back from now (24h, 7d) or a date (2025-04-14)", func(s string) error {
		if d, err := parseWindow(s); err == nil {
			t = now().Add(-d)
			return nil
		}
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02"} {
			if p, err := time.Parse(layout, s); err == nil {
				t = p
				return nil
			}
		}
		return fmt.Errorf("want a duration such as 24h or 7d, or a date such as 2025-04-14, got %q", s)
	})
	return &t
}

// now returns the current time (tests may set Main.Now).
func (m *Main) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

// formatFlag registers --format with the formats allowed, the first the
// default, and returns a check to call after parsing.
func formatFlag(fs *flag.FlagSet, formats ...string) (*string, func() error) {
	f := fs.String("format", formats[0], "output format: "+strings.Join(formats, ", "))
	return f, func() error {
		for _, x := range formats {
			if *f == x {
				return nil
			}
		}
		return parallax.Errorf(parallax.EUSAGE, "--format", "must be %s, got %q", strings.Join(formats, " or "), *f)
	}
}

// defaultWords is the word budget of a summary unless --words says.
const defaultWords = brief.DefaultWords
