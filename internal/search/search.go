// Package search parses the query language of `parallax search` and writes
// it in the dialect of each store's full-text engine: SQLite's FTS5 and
// PostgreSQL's tsquery. One parser, so that both stores read a query alike.
//
// The language, as in the search boxes people know:
//
//	climate summit          both words (AND is implied)
//	"prison deal"           the words in this order
//	deport*                 words that start with "deport"
//	bukele OR trump         either word
//	NOT rubio, -rubio       without the word (next to words to keep)
//	(bukele OR trump) cecot groups
//
// A word is a run of letters and digits; other characters separate words,
// so "García's" is the phrase "García s". Case does not matter.
package search

import (
	"strings"
	"unicode"

	"github.com/parallax-news/parallax"
)

// Kind tells what a Node is.
type Kind int

// Kinds of nodes.
const (
	Term Kind = iota // words that must appear in this order (one word, or a phrase)
	And
	Or
	Not
)

// Node is one part of a parsed query.
type Node struct {
	Kind Kind
	// Words are the words of a Term, in lower case.
	Words []string
	// Prefix is true for a Term whose last word is a prefix.
	Prefix bool
	// Kids are the operands of And and Or, and the one operand of Not.
	Kids []*Node
}

// maxQuery bounds the length of a query, in bytes, and maxTerms its terms.
const (
	maxQuery = 1000
	maxTerms = 64
)

// Parse parses a query. It fails with EUSAGE, naming what is wrong, for an
// empty query, unbalanced quotes or parentheses, an operator with nothing
// to act on, or a query of only negations.
func Parse(q string) (*Node, error) {
	if len(q) > maxQuery {
		return nil, usage("longer than %d bytes", maxQuery)
	}
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	if len(toks) == 0 {
		return nil, usage("empty query: give words to look for")
	}
	p := &parser{toks: toks}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		return nil, usage("unexpected %q", p.toks[p.pos].text)
	}
	if !positive(n) {
		return nil, usage("a query of only NOT or -words finds nothing: add a word to look for")
	}
	if p.terms > maxTerms {
		return nil, usage("more than %d terms", maxTerms)
	}
	return n, nil
}

func usage(format string, args ...any) error {
	return parallax.Errorf(parallax.EUSAGE, "query", format, args...)
}

// positive reports whether n can match something: it is not a negation,
// and every AND holds a non-negated part.
func positive(n *Node) bool {
	switch n.Kind {
	case Not:
		return false
	case Or:
		for _, k := range n.Kids {
			if !positive(k) {
				return false
			}
		}
		return true
	case And:
		any := false
		for _, k := range n.Kids {
			if k.Kind != Not {
				if !positive(k) {
					return false
				}
				any = true
			} else if !positive(k.Kids[0]) {
				return false
			}
		}
		return any
	}
	return true
}

type token struct {
	kind   byte // 'w' words, '(' ')', 'O' OR, 'A' AND, 'N' NOT, '-' minus
	text   string
	words  []string
	prefix bool
}

func lex(q string) ([]token, error) {
	var toks []token
	rs := []rune(q)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '(' || r == ')':
			toks = append(toks, token{kind: byte(r), text: string(r)})
			i++
		case r == '"' || r == '“' || r == '”':
			j := i + 1
			for j < len(rs) && rs[j] != '"' && rs[j] != '”' && rs[j] != '“' {
				j++
			}
			if j == len(rs) {
				return nil, usage("a quotation mark is not closed")
			}
			words := split(string(rs[i+1 : j]))
			prefix := j+1 < len(rs) && rs[j+1] == '*'
			if prefix {
				j++
			}
			if len(words) > 0 {
				toks = append(toks, token{kind: 'w', text: string(rs[i : j+1]), words: words, prefix: prefix})
			}
			i = j + 1
		case r == '-' && i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || unicode.IsDigit(rs[i+1]) || strings.ContainsRune(`"“(`, rs[i+1])):
			toks = append(toks, token{kind: '-', text: "-"})
			i++
		default:
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '(' && rs[j] != ')' && rs[j] != '"' {
				j++
			}
			word := string(rs[i:j])
			i = j
			switch word {
			case "OR", "|":
				toks = append(toks, token{kind: 'O', text: word})
				continue
			case "AND", "&":
				toks = append(toks, token{kind: 'A', text: word})
				continue
			case "NOT":
				toks = append(toks, token{kind: 'N', text: word})
				continue
			}
			prefix := strings.HasSuffix(word, "*")
			words := split(word)
			if len(words) > 0 {
				toks = append(toks, token{kind: 'w', text: word, words: words, prefix: prefix})
			}
		}
	}
	return toks, nil
}

// split returns the words of s, in lower case.
func split(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

type parser struct {
	toks  []token
	pos   int
	terms int
}

func (p *parser) peek() byte {
	if p.pos < len(p.toks) {
		return p.toks[p.pos].kind
	}
	return 0
}

// or := and ("OR" and)*
func (p *parser) or() (*Node, error) {
	n, err := p.and()
	if err != nil {
		return nil, err
	}
	kids := []*Node{n}
	for p.peek() == 'O' {
		p.pos++
		k, err := p.and()
		if err != nil {
			return nil, err
		}
		kids = append(kids, k)
	}
	if len(kids) == 1 {
		return n, nil
	}
	return &Node{Kind: Or, Kids: kids}, nil
}

// and := unary (["AND"] unary)*
func (p *parser) and() (*Node, error) {
	var kids []*Node
	for {
		switch p.peek() {
		case 0, ')', 'O':
			if len(kids) == 0 {
				if p.pos < len(p.toks) {
					return nil, usage("%q needs words before it", p.toks[p.pos].text)
				}
				return nil, usage("the query ends with an operator")
			}
			if len(kids) == 1 {
				return kids[0], nil
			}
			return &Node{Kind: And, Kids: kids}, nil
		case 'A':
			if len(kids) == 0 {
				return nil, usage("AND needs words before it")
			}
			p.pos++
			continue
		}
		k, err := p.unary()
		if err != nil {
			return nil, err
		}
		kids = append(kids, k)
	}
}

// unary := ("NOT" | "-") unary | "(" or ")" | words
func (p *parser) unary() (*Node, error) {
	if p.pos >= len(p.toks) {
		return nil, usage("the query ends with an operator")
	}
	t := p.toks[p.pos]
	p.pos++
	switch t.kind {
	case 'N', '-':
		k, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &Node{Kind: Not, Kids: []*Node{k}}, nil
	case '(':
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.peek() != ')' {
			return nil, usage("a parenthesis is not closed")
		}
		p.pos++
		return n, nil
	case 'w':
		p.terms++
		return &Node{Kind: Term, Words: t.words, Prefix: t.prefix}, nil
	}
	return nil, usage("unexpected %q", t.text)
}

// FTS5 writes the query in SQLite FTS5's syntax. Every word is quoted, so
// no word is read as an operator.
func FTS5(n *Node) string {
	switch n.Kind {
	case Term:
		s := `"` + strings.Join(n.Words, " ") + `"`
		if n.Prefix {
			s += "*"
		}
		return s
	case Or:
		parts := make([]string, len(n.Kids))
		for i, k := range n.Kids {
			parts[i] = FTS5(k)
		}
		return "(" + strings.Join(parts, " OR ") + ")"
	case And:
		var pos, neg []string
		for _, k := range n.Kids {
			if k.Kind == Not {
				neg = append(neg, FTS5(k.Kids[0]))
			} else {
				pos = append(pos, FTS5(k))
			}
		}
		s := "(" + strings.Join(pos, " AND ") + ")"
		for _, x := range neg {
			s = "(" + s + " NOT " + x + ")"
		}
		return s
	}
	// A Not alone is refused by Parse.
	return FTS5(n.Kids[0])
}

// TSQuery writes the query in PostgreSQL's to_tsquery syntax.
func TSQuery(n *Node) string {
	switch n.Kind {
	case Term:
		parts := make([]string, len(n.Words))
		for i, w := range n.Words {
			parts[i] = "'" + w + "'"
			if n.Prefix && i == len(n.Words)-1 {
				parts[i] += ":*"
			}
		}
		if len(parts) == 1 {
			return parts[0]
		}
		return "(" + strings.Join(parts, " <-> ") + ")"
	case Or, And:
		op := " | "
		if n.Kind == And {
			op = " & "
		}
		parts := make([]string, len(n.Kids))
		for i, k := range n.Kids {
			parts[i] = TSQuery(k)
		}
		return "(" + strings.Join(parts, op) + ")"
	}
	return "!" + TSQuery(n.Kids[0])
}

// String writes the query back in its own language, fully parenthesised.
func (n *Node) String() string {
	switch n.Kind {
	case Term:
		s := strings.Join(n.Words, " ")
		if len(n.Words) > 1 {
			s = `"` + s + `"`
		}
		if n.Prefix {
			s += "*"
		}
		return s
	case Not:
		return "NOT " + n.Kids[0].String()
	}
	op := " AND "
	if n.Kind == Or {
		op = " OR "
	}
	parts := make([]string, len(n.Kids))
	for i, k := range n.Kids {
		parts[i] = k.String()
	}
	return "(" + strings.Join(parts, op) + ")"
}
