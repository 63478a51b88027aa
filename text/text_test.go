package text

import (
	"testing"

	"github.com/google/go-cmp/cmp"
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
	tz := NewTokenizer()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		tz.Tokens(s)
	}
}
