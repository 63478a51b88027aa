package conflict

import (
	"encoding/json"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/parallaxtest"
	"github.com/parallax-news/parallax/internal/text"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestDenials(t *testing.T) {
	tests := []struct {
		sentence string
		notions  []string // notions of the denial found, nil for none
	}{
		// The examples.
		{"Miller maintained that García was illegally in the U.S., stating, ‘Nobody was mistakenly sent to El Salvador,’ asserting that he belonged there.", []string{"ERROR", "DEPORT"}},
		{"Simultaneously, White House Deputy Chief of Staff Stephen Miller refuted claims regarding García’s mistaken deportation during an interview on Fox News, describing it as a ‘hoax’ while the administration had already conceded the error in court documents.", []string{"ERROR", "DEPORT"}},
		{"Lawyers and relatives of the migrants held in El Salvador say they are not gang members and had no opportunity to contest the US government assertion that they were.", []string{"gang", "member"}},
		{"El Salvador President Nayib Bukele says at the White House that he will not return a man that the US government admits was mistakenly deported to a notorious mega-prison", nil},
		{"\"The question is preposterous.... I don't have the power to return him to the United States.\"", nil},
		// ECB+ (Cybulska & Vossen 2014), CC BY 3.0.
		{"Police could not say how many shots were fired.", nil},
		{"Ross is not signed for a sequel.", nil},
		{"No one was hurt in the fire on Friday night although a handful of people, including two children, were inside the Wasilla Bible Church, said the Central Mat-Su Fire Department.", []string{"hurt", "fire", "night"}},
		{"Mr Campbell said police told him the man was well - equipped but was not wearing crampons when he slipped.", []string{"wear", "crampon"}},
		{"Voters in Turkmenistan cast ballots Sunday in a parliamentary election hailed by the government as an exercise in democracy but dismissed by critics as a sham.", nil},
		{"An Indian Navy warship not only repulsed an attack on a merchant vessel but also captured 23 pirates.", nil},
	}
	for _, tt := range tests {
		ps := parallax.Sentence{Text: tt.sentence, Span: parallax.Span{End: len([]rune(tt.sentence))}}
		g := text.Seg{End: ps.End, Text: ps.Text, Runes: []rune(ps.Text), Tokens: text.Tokens(ps.Text)}
		s := prepare(0, 0, ps, &g)
		var got []string
		for _, d := range s.denials {
			if len(d.notions) >= 2 {
				got = d.notions
				break
			}
		}
		if diff := cmp.Diff(tt.notions, got); diff != "" {
			t.Errorf("%q: denial notions (-want +got):\n%s", tt.sentence, diff)
		}
	}
}

// sentenceSpan returns the span of the sentence of an article holding s.
func sentenceSpan(t *testing.T, arts []*parallax.Article, id, s string) parallax.Cite {
	t.Helper()
	for _, a := range arts {
		if a.SourceID != id {
			continue
		}
		for _, x := range a.Sentences {
			if strings.Contains(x.Text, s) {
				return parallax.Cite{Source: id, Start: x.Start, End: x.End}
			}
		}
	}
	t.Fatalf("no sentence %q in %s", s, id)
	return parallax.Cite{}
}

func hasCite(c parallax.Claim, want parallax.Cite) bool {
	for _, x := range c.Cites {
		if x == want {
			return true
		}
	}
	return false
}

func TestClaimsExamples(t *testing.T) {
	arts := parallaxtest.Load(t, "../../../examples")
	cs := Claims(arts)
	error := sentenceSpan(t, arts, "guardian", "‘administrative error.’")
	nobody := sentenceSpan(t, arts, "guardian", "Nobody was mistakenly sent to El Salvador")
	found := false
	for _, c := range cs {
		if c.Kind != parallax.ConflictClaim || len(c.Claims) != 2 {
			t.Errorf("malformed conflict %+v", c)
			continue
		}
		if hasCite(c.Claims[0], error) && hasCite(c.Claims[1], nobody) {
			found = true
			for _, s := range []string{"mistakenly deported", "administrative error", "Stephen Miller", "Nobody was mistakenly sent to El Salvador"} {
				if !strings.Contains(c.Explanation, s) {
					t.Errorf("explanation lacks %q: %s", s, c.Explanation)
				}
			}
			for _, id := range []string{"bbc", "reuters", "afp"} {
				if !contains2(c.Claims[0].Sources, id) {
					t.Errorf("asserting side lacks %s: %v", id, c.Claims[0].Sources)
				}
			}
		}
		checkCites(t, arts, c)
	}
	if !found {
		t.Errorf("no conflict between 'administrative error' and 'Nobody was mistakenly sent': %+v", cs)
	}
	if len(cs) > 3 {
		t.Errorf("%d claim conflicts in the examples; precision first: %+v", len(cs), cs)
	}
}

func contains2(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// checkCites checks that each cite is the exact span of a sentence of its
// source and that the claim text is the text of one of them.
func checkCites(t *testing.T, arts []*parallax.Article, c parallax.Conflict) {
	t.Helper()
	for _, cl := range c.Claims {
		textFound := false
		for _, x := range cl.Cites {
			ok := false
			for _, a := range arts {
				if a.SourceID != x.Source {
					continue
				}
				r := []rune(a.Text)
				if x.Start < 0 || x.End > len(r) || x.Start >= x.End {
					continue
				}
				for _, s := range a.Sentences {
					if s.Start == x.Start && s.End == x.End {
						ok = true
						textFound = textFound || s.Text == cl.Text
					}
				}
			}
			if !ok {
				t.Errorf("cite %+v is no sentence of its source", x)
			}
		}
		if !textFound {
			t.Errorf("claim text %q is none of its cited sentences", cl.Text)
		}
	}
}

func TestClaimsECBPlus(t *testing.T) {
	tests := []struct {
		path  string
		about []string // abouts of the conflicts expected, in order
	}{
		// A climber's fall on Aoraki/Mount Cook: was he wearing crampons?
		{"testdata/ecbplus-23_ecbplus.jsonl", []string{"wearing crampons"}},
		// Kimani Gray shot by police: did he point a gun?
		{"testdata/ecbplus-19_ecbplus.jsonl", []string{"pointed a gun"}},
		// Endangered Species Act rules: many negations, no contradiction.
		{"testdata/ecbplus-9_ecb.jsonl", nil},
	}
	for _, tt := range tests {
		arts := parallaxtest.Load(t, tt.path)
		var got []string
		for _, c := range Claims(arts) {
			got = append(got, c.About)
			checkCites(t, arts, c)
		}
		if diff := cmp.Diff(tt.about, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.path, diff)
		}
	}
}

func TestGolden(t *testing.T) {
	arts := parallaxtest.Load(t, "../../../examples")
	got, err := json.MarshalIndent(Claims(arts), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	parallaxtest.Golden(t, filepath.Join("testdata", "examples.golden.json"), got, *update)
}

func BenchmarkClaims(b *testing.B) {
	arts := parallaxtest.Story(b, 200)
	for b.Loop() {
		Claims(arts)
	}
}
