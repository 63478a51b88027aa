package figure

import (
	"math"
	"strings"
	"testing"
)

// TestFinite checks that no figure holds NaN or an infinity, whatever
// numbers the text writes: ParseFloat reads "nan", "inf" and "infinity"
// (the name Nan, "to infinity"), and scale words, approximations and sums
// can overflow float64. The sentences are real reports of the Athens bank
// fire (ECB+ topic 8) with such numbers put in. want lists the figures
// that must still be read (text and value), absent the words that must
// not give one.
func TestFinite(t *testing.T) {
	zeros := func(n int) string { return strings.Repeat("0", n) }
	tests := []struct {
		name     string
		sentence string
		want     map[string]float64
		absent   []string
	}{
		{"the name Nan",
			"Five other bank workers were rescued from the balcony of the burning building, among them Nan Chaiyasit, a Thai cleaner.",
			map[string]float64{"Five": 5}, []string{"Nan"}},
		{"NaN and Infinity in a spreadsheet",
			"A spreadsheet the finance ministry posted listed the shortfall as NaN billion euros and the jobs cut as Infinity, officials said.",
			nil, []string{"NaN", "Infinity"}},
		{"ages in words ParseFloat reads",
			"Police said nan-year-old and infinity-year-old buildings were damaged.",
			nil, []string{"nan-year-old", "infinity-year-old"}},
		{"exponent and power",
			"One banner carried by the protesters read 1e400 euros of debt, another 10^999 reasons to strike.",
			nil, []string{"1e400", "10", "999"}},
		{"400 digits",
			"The smashed cash machine showed a balance of " + strings.Repeat("9", 400) + " euros, police said.",
			nil, []string{"999"}},
		{"scale word overflows",
			"A trader said markets had priced in losses of 9" + zeros(300) + " billion euros.",
			nil, []string{"9000"}},
		{"currency suffix overflows",
			"A trader said the fund lost $9" + zeros(320) + "m in the riots.",
			nil, []string{"9000"}},
		{"sum overflows",
			"Officials said 9" + zeros(307) + " Venezuelans and 9" + zeros(307) + " Salvadorans were deported.",
			nil, []string{"Venezuelans and"}},
		{"approximation overflows",
			"Officials said around 17" + zeros(307) + " people were deported.",
			nil, []string{"around"}},
		{"or more overflows",
			"Officials said 17" + zeros(307) + " or more people were deported.",
			nil, []string{"or more"}},
		{"zeros",
			"Turnout in the strike ballot had been 0% and 0 of 0 staff had voted, the union said, while growth was 0 percent.",
			map[string]float64{"0%": 0, "0 percent": 0}, nil},
		{"real figures beside",
			"Police said as many as 20,000 people took to the streets of Athens, and at least three people were killed.",
			map[string]float64{"as many as 20,000": 20000, "at least three": 3}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := Extract(sentenceArticle(tt.sentence))
			got := map[string]float64{}
			for _, m := range ms {
				for _, v := range append([]float64{m.Value, m.Low, m.High}, m.Parts...) {
					if math.IsNaN(v) || math.IsInf(v, 0) {
						t.Errorf("figure %q holds %v (value %v, range %v–%v)", m.Text, v, m.Value, m.Low, m.High)
					}
				}
				got[m.Text] = m.Value
			}
			for text, v := range tt.want {
				if g, ok := got[text]; !ok || g != v {
					t.Errorf("figure %q = %v (found %v), want %v; got %v", text, g, ok, v, got)
				}
			}
			for _, a := range tt.absent {
				for text := range got {
					if strings.Contains(text, a) {
						t.Errorf("figure %q read from %q", text, a)
					}
				}
			}
		})
	}
}

// TestNumberWord checks that only number words and plain digits are read
// as numbers.
func TestNumberWord(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"twenty-five", 25, true},
		{"hundred", 100, true},
		{"1,400", 1400, true},
		{"6.5", 6.5, true},
		{"nan", 0, false},
		{"inf", 0, false},
		{"infinity", 0, false},
		{"1e400", 0, false},
		{"1e5", 0, false},
		{"0x1p4", 0, false},
		{strings.Repeat("9", 400), 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		if got, ok := numberWord(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("numberWord(%.20q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
