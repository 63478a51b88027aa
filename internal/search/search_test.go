package search_test

import (
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/search"
)

func TestParse(t *testing.T) {
	tests := []struct {
		q, str, fts, ts string
	}{
		{"preposterous", "preposterous", `"preposterous"`, "'preposterous'"},
		{"Bukele Trump", "(bukele AND trump)", `("bukele" AND "trump")`, "('bukele' & 'trump')"},
		{`"prison deal"`, `"prison deal"`, `"prison deal"`, "('prison' <-> 'deal')"},
		{"deport*", "deport*", `"deport"*`, "'deport':*"},
		{"bukele OR trump", "(bukele OR trump)", `("bukele" OR "trump")`, "('bukele' | 'trump')"},
		{"bukele -rubio", "(bukele AND NOT rubio)", `(("bukele") NOT "rubio")`, "('bukele' & !'rubio')"},
		{"bukele NOT rubio", "(bukele AND NOT rubio)", `(("bukele") NOT "rubio")`, "('bukele' & !'rubio')"},
		{"(bukele OR trump) cecot", "((bukele OR trump) AND cecot)", `(("bukele" OR "trump") AND "cecot")`, "(('bukele' | 'trump') & 'cecot')"},
		{"García's", `"garcía s"`, `"garcía s"`, "('garcía' <-> 's')"},
		{`a AND b OR c`, "((a AND b) OR c)", `(("a" AND "b") OR "c")`, "(('a' & 'b') | 'c')"},
		{`“curly quotes”`, `"curly quotes"`, `"curly quotes"`, "('curly' <-> 'quotes')"},
		{`drop'; DELETE FROM articles; --`, `(drop AND delete AND from AND articles)`, `("drop" AND "delete" AND "from" AND "articles")`, "('drop' & 'delete' & 'from' & 'articles')"},
	}
	for _, tt := range tests {
		n, err := search.Parse(tt.q)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.q, err)
			continue
		}
		if got := n.String(); got != tt.str {
			t.Errorf("Parse(%q) = %s, want %s", tt.q, got, tt.str)
		}
		if got := search.FTS5(n); got != tt.fts {
			t.Errorf("FTS5(%q) = %s, want %s", tt.q, got, tt.fts)
		}
		if got := search.TSQuery(n); got != tt.ts {
			t.Errorf("TSQuery(%q) = %s, want %s", tt.q, got, tt.ts)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, q := range []string{"", "   ", `"unclosed`, "NOT x", "-x", "x OR", "OR x", "(x", "x)", "AND x", "()", "-(a OR b)"} {
		if _, err := search.Parse(q); parallax.ErrorCode(err) != parallax.EUSAGE {
			t.Errorf("Parse(%q): %v, want EUSAGE", q, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"a b", `"a b"*`, "a OR (b -c)", "NOT", "((((", `"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := search.Parse(q)
		if err != nil {
			return
		}
		_ = search.FTS5(n)
		_ = search.TSQuery(n)
	})
}

func TestSnippet(t *testing.T) {
	long := "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty. " +
		"Mr Bukele called the question preposterous and said he would not smuggle a terrorist into the United States. Then more words follow here to the end of it all."
	tests := []struct {
		text, q, want string
	}{
		{"The court deported him.", "deport*", "The court «deported» him."},
		{"The court deported him.", "deportation", "The court «deported» him."},
		{"Bukele said No, NO.", "no", "Bukele said «No», «NO»."},
		{long, "preposterous smuggle", "…eighteen nineteen twenty. Mr Bukele called the question «preposterous» and said he would not «smuggle» a terrorist into the United States. Then more words…"},
		{long, "Bukele -preposterous", "…eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty. Mr «Bukele» called the question preposterous and said he would not smuggle a terrorist…"},
		{"Nothing here matches.", "zebra", "Nothing here matches."},
	}
	for _, tt := range tests {
		q, err := search.Parse(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := search.Snippet(tt.text, q, "«", "»"); got != tt.want {
			t.Errorf("Snippet(%q):\n got %q\nwant %q", tt.q, got, tt.want)
		}
	}
}
