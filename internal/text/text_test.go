package text

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/data"
	"github.com/neurosnap/sentences/english"
)

func TestSplit(t *testing.T) {
	sp, err := NewSplitter()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"titles", "Mr Bukele met Mr. Trump. They spoke.", []string{"Mr Bukele met Mr. Trump.", "They spoke."}},
		{"initialism", "Since March, the U.S. Secretary of State Marco Rubio has praised it. It worked.", []string{"Since March, the U.S. Secretary of State Marco Rubio has praised it.", "It worked."}},
		{"quotes", "“The question is preposterous. How can I smuggle a terrorist into the United States?” Mr Bukele said. He left.",
			[]string{"“The question is preposterous. How can I smuggle a terrorist into the United States?” Mr Bukele said.", "He left."}},
		{"ellipsis", "Mr Bukele wrote “Oopsie ... Too late” on social media. Then he laughed.", []string{"Mr Bukele wrote “Oopsie ... Too late” on social media.", "Then he laughed."}},
		{"attribution", "“We are eager to help.” Mr Bukele said, echoing the claim that he is a member. He left.", []string{"“We are eager to help.” Mr Bukele said, echoing the claim that he is a member.", "He left."}},
		{"straight quotes", "\"The question is preposterous.... I don't have the power.\" He left.", []string{"\"The question is preposterous.... I don't have the power.\"", "He left."}},
		{"glued", "facing Ukrainians.The next day came. Dr. Badar Khan Suri was held.", []string{"facing Ukrainians.", "The next day came.", "Dr. Badar Khan Suri was held."}},
		{"lines", "First line without stop\nSecond line.", []string{"First line without stop", "Second line."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runes := []rune(tt.in)
			var got []string
			for _, s := range sp.Split(tt.in) {
				got = append(got, string(runes[s.Start:s.End]))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Split(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"The U.S. sent 238 Venezuelans.", []string{"The", "U.S.", "sent", "238", "Venezuelans"}},
		{"Bukele’s $6,500,000 fee, Abrego-Garcia's", []string{"Bukele’s", "6,500,000", "fee", "Abrego-Garcia's"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range Tokens(tt.in) {
			got = append(got, tok.Text)
			if string([]rune(tt.in)[tok.Start:tok.End]) != tok.Text {
				t.Errorf("token %q has wrong offsets %d:%d", tok.Text, tok.Start, tok.End)
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Tokens(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestTerms(t *testing.T) {
	got := Terms("The US deported Venezuelans to us, said Bukele’s office.")
	want := []string{"us", "deport", "venezuelan", "bukel", "offic"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Terms mismatch (-want +got):\n%s", diff)
	}
}

func TestLanguage(t *testing.T) {
	tests := map[string]string{
		"El presidente de El Salvador dijo que no devolverá al hombre deportado por error a los Estados Unidos.":             "es",
		"El Salvador's president said on Monday he had no plans to return a man mistakenly deported from the United States.": "en",
	}
	for in, want := range tests {
		if got := Language(in); got != want {
			t.Errorf("Language(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzTokens checks that tokens are the words at their offsets, in order,
// never overlapping, whatever the text.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{"The U.S. sent 238,000 Venezuelans.", "Bukele’s Abrego-Garcia's U.S.A. 6.5 ½ é", "a.b,c-d'e’f", ".U.S"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		runes := []rune(s)
		end := 0
		for _, tok := range Tokens(s) {
			if tok.Start < end || tok.End <= tok.Start || tok.End > len(runes) {
				t.Fatalf("token %+v out of order or range in %q", tok, s)
			}
			if string(runes[tok.Start:tok.End]) != tok.Text {
				t.Fatalf("token %q at %d:%d, text there %q", tok.Text, tok.Start, tok.End, string(runes[tok.Start:tok.End]))
			}
			end = tok.End
		}
	})
}

func BenchmarkTokens(b *testing.B) {
	s := "El Salvador’s president Nayib Bukele said on Monday he had no plans to return a man mistakenly deported from the United States as he met US president Donald Trump at the White House, where 238,000 U.S. dollars were discussed."
	tz := NewVocab()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		tz.Tokens(s)
	}
}

// TestPunktModel checks that the generated model (punktmodel.go) is the
// sentences module's.
func TestPunktModel(t *testing.T) {
	b, err := data.Asset("data/english.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := sentences.LoadTraining(b)
	if err != nil {
		t.Fatal(err)
	}
	got := sentences.NewStorage()
	for _, w := range punktAbbrevs {
		got.AbbrevTypes[w] = 1
	}
	for _, w := range punktCollocations {
		got.Collocations[w] = 1
	}
	for _, w := range punktStarters {
		got.SentStarters[w] = 1
	}
	for i, w := range punktOrthoWords {
		got.OrthoContext[w] = int(punktOrthoFlags[i])
		if i > 0 && punktOrthoWords[i-1] >= w {
			t.Fatalf("punktOrthoWords not sorted at %q", w)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("punktmodel.go is not the module's model: run go generate ./text")
	}
}

// reference returns the sentences module's English tokenizer with the
// splitter's abbreviations: what the splitter's Punkt reading must do.
func reference(tb testing.TB) *sentences.DefaultSentenceTokenizer {
	tb.Helper()
	t, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		tb.Fatal(err)
	}
	for _, a := range splitterAbbrevs {
		t.Storage.AbbrevTypes.Add(a)
	}
	return t
}

func BenchmarkNewSplitter(b *testing.B) {
	for b.Loop() {
		if _, err := NewSplitter(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPunktSame checks that the splitter's Punkt reading breaks every line
// of the repository's text (the ECB+ development articles, the examples
// and the test stories) where the sentences module's tokenizer does, and
// that its multi-period test is the module's regular expression.
func TestPunktSame(t *testing.T) {
	sp, err := NewSplitter()
	if err != nil {
		t.Fatal(err)
	}
	ref := reference(t)
	lines := map[string]bool{}
	add := func(s string) {
		for _, l := range strings.SplitAfter(s, "\n") {
			lines[l] = true
		}
	}
	for _, pattern := range []string{"../../testdata/*.jsonl", "../../examples/*", "../*/testdata/*", "../*/testdata/*/*", "../*/*/testdata/*", "../*/*/testdata/*/*"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil || !utf8.Valid(b) {
				continue
			}
			if strings.HasSuffix(f, ".jsonl") {
				for _, l := range strings.Split(string(b), "\n") {
					var d struct{ Text string }
					if json.Unmarshal([]byte(l), &d) == nil {
						add(d.Text)
					}
				}
				continue
			}
			add(string(b))
		}
	}
	if len(lines) < 5000 {
		t.Fatalf("only %d lines read", len(lines))
	}
	for l := range lines {
		checkPunkt(t, sp, ref, l)
	}
	for _, l := range []string{"", "a", "e.g. the U.S. economy grew.", "He said \"No.\" Then left.", "12) first. 2. second", "N°. 5 is here. J. Bach wrote it.", "a . . . b", "1.2.3. now. A.B.C. Ltd.", "¿Qué? ¡Sí! Éxito.", "ends in é", "x。y", "Dr. Smith. Mr. Brown... And then", "It cost $1,000. Then 5.5 m. The end"} {
		checkPunkt(t, sp, ref, l)
	}
	re := regexp.MustCompile(`((?:[\w]\.)+[\w]*\.)`)
	alphabet := []string{"a", "B", "1", "_", ".", " ", "é", "-"}
	var all func(prefix string, n int)
	all = func(prefix string, n int) {
		if got, want := hasMultiPeriod(prefix), re.MatchString(prefix); got != want {
			t.Errorf("hasMultiPeriod(%q) = %v, want %v", prefix, got, want)
		}
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			all(prefix+c, n-1)
		}
	}
	all("", 5)
}

func checkPunkt(t *testing.T, sp *Splitter, ref *sentences.DefaultSentenceTokenizer, line string) {
	t.Helper()
	var want [][2]int
	for _, s := range ref.Tokenize(line) {
		want = append(want, [2]int{s.Start, s.End})
	}
	if got := sp.punkt.spans(line); !reflect.DeepEqual(got, want) {
		t.Errorf("%q: breaks %v, want %v", line, got, want)
	}
}

// FuzzPunkt checks the Punkt reading against the module on any line.
func FuzzPunkt(f *testing.F) {
	sp, err := NewSplitter()
	if err != nil {
		f.Fatal(err)
	}
	ref := reference(f)
	for _, s := range []string{"Mr. Smith went to Washington. He said \"no.\"", "U.S. 1.2.3. A. B", "x!) y?' z.”"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.Contains(s, "\n") {
			return
		}
		checkPunkt(t, sp, ref, s)
	})
}

func TestEnumerate(t *testing.T) {
	tests := []struct {
		items []string
		most  int
		want  string
	}{
		{nil, 3, ""},
		{[]string{"BBC"}, 3, "BBC"},
		{[]string{"BBC", "AFP"}, 3, "BBC and AFP"},
		{[]string{"BBC", "AFP", "Reuters"}, 3, "BBC, AFP and Reuters"},
		{[]string{"BBC", "AFP", "Reuters", "AP"}, 3, "BBC, AFP, Reuters and 1 other"},
		{[]string{"BBC", "AFP", "Reuters", "AP", "DPA"}, 2, "BBC, AFP and 3 others"},
	}
	for _, tt := range tests {
		if got := Enumerate(tt.items, tt.most); got != tt.want {
			t.Errorf("Enumerate(%q, %d) = %q, want %q", tt.items, tt.most, got, tt.want)
		}
	}
}
