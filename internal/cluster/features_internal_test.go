package cluster

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// keys returns the feature keys with the given prefix, sorted.
func keys(feats []feature, prefix string) []string {
	var out []string
	for _, f := range feats {
		if k, ok := strings.CutPrefix(f.key, prefix); ok && (prefix != "" || !strings.Contains(f.key, ":")) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func TestExtract(t *testing.T) {
	opts := DefaultOptions()
	tests := []struct {
		name         string
		title, body  string
		names, nums  []string
		slots        []slot
		absentTerms  []string
		presentTerms []string
	}{
		{
			name:  "ECB+ 1_10ecbplus lead with dateline",
			title: "Lindsay Lohan checks into Betty Ford Center",
			body:  "May 03, 2013\nAfter skipping out on entering a Newport Beach rehabilitation facility and facing the prospect of arrest for violating her probation, Lindsay Lohan has checked into the Betty Ford Center to begin a 90 - day court - mandated stay in her reckless driving conviction.",
			// The Title Case headline gives no names; the body does.
			names: []string{"beach", "betty", "betty ford center", "center", "ford", "lindsay", "lindsay lohan", "lohan", "newport", "newport beach"},
			nums:  []string{"03", "2013", "90", "90 day"},
			// The year of the dateline, in the lead, is the year of the
			// event.
			slots: []slot{{"(date)", "05-03"}, {"(event year)", "2013"}, {"day", "90"}},
			// Months are no names.
			presentTerms: []string{"lohan", "rehabilit", "probat"},
		},
		{
			name:  "ECB+ 1_10ecbplus: the years of the body are background to the lead's",
			title: "Lindsay Lohan checks into Betty Ford Center",
			body:  "May 03, 2013\nLindsay Lohan has checked into the Betty Ford Center to begin a 90-day court-mandated stay.\nLohan was previously at Betty Ford from September 2010 to January 2011 after a probation violation in a prior drunk driving case.",
			names: []string{"betty", "betty ford", "betty ford center", "center", "ford", "lindsay", "lindsay lohan", "lohan"},
			nums:  []string{"03", "2010", "2011", "2013", "90", "90 day"},
			slots: []slot{{"(date)", "05-03"}, {"(event year)", "2013"}, {"day", "90"}},
		},
		{
			name:  "ECB+ 1_ecb: without a year in the lead, every year counts",
			body:  "Perennial party girl Tara Reid checked herself into Promises Treatment Center in Malibu, her rep told People.\nReid launched a fashion line in 2008, after a 1999 film.",
			names: []string{"center", "malibu", "people", "promises", "promises treatment center", "reid", "tara", "tara reid", "treatment"},
			nums:  []string{"1999", "2008"},
			slots: []slot{{"(year)", "1999"}, {"(year)", "2008"}},
		},
		{
			name:  "ECB+ 12_ecb: a count of pirates and a weekday",
			body:  "The Indian navy said it arrested 23 pirates who threatened a merchant vessel in the Gulf of Aden on Saturday, the latest in a series of recent clashes with Somali pirates.",
			names: []string{"aden", "gulf", "indian", "somali"},
			nums:  []string{"23", "23 pirat"},
			slots: []slot{{"(weekday)", "saturday"}, {"pirat", "23"}},
		},
		{
			name:  "ECB+ 7_ecb: hyphenated age reads as spaced one",
			body:  "The 32-year-old Klitschko (52-3, 46 KOs) won his 10th consecutive bout.",
			names: []string{"klitschko", "kos"},
			nums:  []string{"32", "32 year", "46", "46 kos", "52"},
			slots: []slot{{"kos", "46"}, {"year", "32"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newExtractor(&opts)
			feats, slots := e.extract(tt.title, tt.body)
			if diff := cmp.Diff(tt.names, keys(feats, namePrefix)); diff != "" {
				t.Errorf("names (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.nums, keys(feats, numberPrefix)); diff != "" {
				t.Errorf("numbers (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.slots, slots, cmp.AllowUnexported(slot{})); diff != "" {
				t.Errorf("slots (-want +got):\n%s", diff)
			}
			terms := keys(feats, "")
			for _, w := range tt.presentTerms {
				if !slices.Contains(terms, w) {
					t.Errorf("terms %v lack %q", terms, w)
				}
			}
		})
	}
}

// TestLeadWeight checks that words of the title and lead weigh more than
// the same words in the body.
func TestLeadWeight(t *testing.T) {
	opts := DefaultOptions()
	e := newExtractor(&opts)
	body := "Perennial party girl Tara Reid checked herself into Promises Treatment Center, her rep told People.\n" +
		"Ketsoyan would not say what the \"American Pie\" star was being treated for.\n" +
		"A friend of the actress told People she went to Promises on Tuesday."
	feats, _ := e.extract("", body)
	tf := map[string]float32{}
	for _, f := range feats {
		tf[f.key] = f.tf
	}
	// "promis" is once in the lead and once in the body; "treat" likewise;
	// "actress" only in the body.
	if !(tf["reid"] > tf["actress"]) || tf["actress"] != 1 {
		t.Errorf("lead word weight %v, body word weight %v", tf["reid"], tf["actress"])
	}
}

func TestSelectTop(t *testing.T) {
	xs := []int{5, 1, 9, 3, 7, 2, 8, 6, 4, 0}
	for k := 1; k <= len(xs); k++ {
		ys := slices.Clone(xs)
		selectTop(ys, k, func(a, b int) bool { return a > b })
		top := slices.Clone(ys[:k])
		slices.Sort(top)
		want := []int{}
		for v := 10 - k; v < 10; v++ {
			want = append(want, v)
		}
		if diff := cmp.Diff(want, top); diff != "" {
			t.Errorf("k=%d (-want +got):\n%s", k, diff)
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	opts := DefaultOptions()
	e := newExtractor(&opts)
	body := strings.Repeat("The Indian navy said it arrested 23 pirates who threatened a merchant vessel in the Gulf of Aden on Saturday, the latest in a series of recent clashes with Somali pirates.\n", 17)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		e.extract("Indian Navy foils attack in Gulf of Aden, nabs 26 pirates", body)
	}
}
