package postgres

import "testing"

func TestRebind(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT a FROM t WHERE b = ? AND c = ?`, `SELECT a FROM t WHERE b = $1 AND c = $2`},
		{`INSERT INTO t VALUES (?, '?', 'it''s ?', "odd?col", ?)`, `INSERT INTO t VALUES ($1, '?', 'it''s ?', "odd?col", $2)`},
		{`UPDATE t SET a = ?, b = '[]' WHERE c = ?`, `UPDATE t SET a = $1, b = '[]' WHERE c = $2`},
	} {
		if got := rebind(tt.in); got != tt.want {
			t.Errorf("rebind(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
