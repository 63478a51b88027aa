package figure

import (
	"encoding/json"
	"flag"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/parallaxtest"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
)

var update = flag.Bool("update", false, "rewrite golden files")

// sentenceArticle makes an article of one real sentence.
func sentenceArticle(s string) *parallax.Article {
	n := len([]rune(s))
	return &parallax.Article{
		Document:  parallax.Document{Text: s},
		SourceID:  "s",
		Blocks:    []parallax.Block{{Span: parallax.Span{End: n}, Text: s}},
		Sentences: []parallax.Sentence{{Span: parallax.Span{End: n}, Text: s}},
	}
}

type want struct {
	text      string
	unit      string
	value     float64
	low, high float64
	verb      string
	about     string // substring of About
	noAbout   bool   // About must be "": the sentence names nothing counted
	aboutIs   string // About exactly
	head      string // Head[0]
	increment bool
	parts     []float64
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name     string
		sentence string
		want     []want
		absent   []string // texts that must not be read as figures
	}{
		{
			name:     "sum of two nationalities",
			sentence: "García was among 238 Venezuelans and 23 Salvadorans deported to Cecot under a bilateral agreement.",
			want: []want{
				{text: "238", unit: UnitPeople, value: 238, low: 238, high: 238, verb: "deport"},
				{text: "23", unit: UnitPeople, value: 23, low: 23, high: 23, verb: "deport", about: "Salvadorans deported to Cecot"},
				{text: "238 Venezuelans and 23 Salvadorans", unit: UnitPeople, value: 261, low: 261, high: 261, verb: "deport", parts: []float64{238, 23}},
			},
		},
		{
			name:     "over",
			sentence: "Since March, El Salvador has accepted over 200 Venezuelan immigrants from the U.S., whom Trump administration officials have labeled gang members and violent criminals, placing them inside the country’s notorious high-security gang prison, Cecot, located just outside the capital, San Salvador.",
			want:     []want{{text: "over 200", unit: UnitPeople, value: 200, low: 200, high: 250, verb: "deport", head: "immigr", about: "Venezuelan immigrants"}},
		},
		{
			name:     "around",
			sentence: "The Trump administration deported around 250 alleged Tren de Aragua members to El Salvador, where they were placed in the CECOT mega-prison, central to Bukele's anti-gang strategy.",
			want:     []want{{text: "around 250", unit: UnitPeople, value: 250, low: 225, high: 275, verb: "deport", head: "member", about: "alleged Tren de Aragua members deported to El Salvador"}},
		},
		{
			name:     "vague plural with make-up",
			sentence: "The Trump administration has deported hundreds of people, mostly Venezuelans, to El Salvador under the 1798 Alien Enemies Act, including a Maryland resident it has acknowledged deporting by mistake.",
			want: []want{
				{text: "hundreds", unit: UnitPeople, value: 200, low: 200, high: 10000, verb: "deport", head: "peopl"},
				{text: "1798", unit: UnitDate, value: 1798, low: 1798, high: 1798},
			},
		},
		{
			name:     "money in goods and a year",
			sentence: "El Salvador exported nearly $6.5 billion in goods in 2024, with $2.1 billion going to the US, mainly clothing, sugar, and coffee, per the central bank.",
			want: []want{
				{text: "nearly $6.5 billion", unit: UnitUSD, value: 6.5e9, low: 5.85e9, high: 6.5e9, verb: "export", head: "good"},
				{text: "2024", unit: UnitDate, value: 2024, low: 2024, high: 2024},
				{text: "$2.1 billion", unit: UnitUSD, value: 2.1e9, low: 2.1e9, high: 2.1e9},
			},
		},
		{
			name:     "approximately in a quote",
			sentence: "\"It was approximately $6 million to El Salvador for the detention of these foreign terrorists,\" press secretary Karoline Leavitt said at one of her recent briefings.",
			want:     []want{{text: "approximately $6 million", unit: UnitUSD, value: 6e6, low: 5.4e6, high: 6.6e6, noAbout: true}},
		},
		{
			name:     "share of votes",
			sentence: "He was re-elected for a second term in February 2024 in a landslide victory with 84% of the votes.",
			want:     []want{{text: "84%", unit: UnitPercent, value: 84, low: 84, high: 84, head: "vote"}},
			absent:   []string{"2024"},
		},
		{
			name:     "share before the number",
			sentence: "Some polls have put his support in El Salvador at over 90%.",
			want:     []want{{text: "over 90%", unit: UnitPercent, value: 90, low: 90, high: 100, head: "support"}},
		},
		{
			name:     "age adjective",
			sentence: "Trump gave a warm welcome in the Oval Office to 43-year-old Bukele, the self-proclaimed \"world's coolest dictator\" who is now the US president's key ally in his controversial push to deport illegal migrants.",
			want:     []want{{text: "43-year-old", unit: UnitYears, value: 43, low: 43, high: 43, head: "age", about: "age of Bukele"}},
		},
		{
			name:     "age apposition",
			sentence: "The Trump administration’s attorneys argued that the Supreme Court’s requirement to ‘facilitate’ the return of Kilmar Abrego García, 29, implies only removing domestic barriers to prevent his return, rather than ensuring his extraction from El Salvador.",
			want:     []want{{text: "29", unit: UnitYears, value: 29, low: 29, high: 29, head: "age", about: "age of Kilmar Abrego García"}},
		},
		{
			name:     "increment",
			sentence: "The US on Saturday deported 10 more people it alleges are gang members to El Salvador, said secretary of state Marco Rubio, who called the alliance between Mr Trump and Mr Bukele “an example for security and prosperity in our hemisphere”.",
			want:     []want{{text: "10", unit: UnitPeople, value: 10, low: 10, high: 10, verb: "deport", increment: true}},
		},
		{
			name:     "increment before",
			sentence: "Bukele’s visit follows the recent deportation of an additional 10 individuals to El Salvador.",
			want:     []want{{text: "10", unit: UnitPeople, value: 10, low: 10, high: 10, verb: "deport", increment: true, head: "individu", about: "more individuals deported to El Salvador"}},
		},
		{
			name:     "some two dozen",
			sentence: "The list included names of some two dozen alleged gang members that Bukele's country has taken in.",
			want:     []want{{text: "some two dozen", unit: UnitPeople, value: 24, low: 22, high: 26, head: "member"}},
		},
		{
			name:     "estimated",
			sentence: "An estimated 85,000 people have been arrested under emergency measure that have been repeatedly extended.",
			want:     []want{{text: "An estimated 85,000", unit: UnitPeople, value: 85000, low: 76500, high: 93500, verb: "detain"}},
		},
		{
			name:     "capacity",
			sentence: "The prison, with a capacity of 40,000, was constructed for gang members in a country once plagued by high murder rates, which have recently declined.",
			want:     []want{{text: "40,000", unit: UnitCount, value: 40000, low: 40000, high: 40000, head: "capac", about: "prison capacity"}},
		},
		{
			name:     "duration in words",
			sentence: "\"The United States will pay a very low fee for them, but a high one for us,\" wrote Bukele, who has for three years used harsh tactics to imprison and punish alleged criminals, including those associated with Salvadoran gang MS-13.",
			want:     []want{{text: "three", unit: UnitYears, value: 3, low: 3, high: 3, head: "year", about: "years of harsh tactics"}},
			absent:   []string{"13", "one"},
		},
		// Ranges within what the unit allows.
		{
			name:     "a share stays within 100%",
			sentence: "More than 95% of the island's voters backed the measure, officials said.",
			want:     []want{{text: "More than 95%", unit: UnitPercent, value: 95, low: 95, high: 100, head: "voter"}},
		},
		{
			name:     "at least a share",
			sentence: "At least 90% of the buildings in the old town were damaged.",
			want:     []want{{text: "At least 90%", unit: UnitPercent, value: 90, low: 90, high: 100}},
		},
		{
			name:     "a change may pass 100%",
			sentence: "Applications for asylum rose more than 150% in the first quarter.",
			want:     []want{{text: "more than 150%", unit: UnitPercent, value: 150, low: 150, high: 187.5}},
		},
		{
			name:     "a change after the number",
			sentence: "The ministry announced a 90% increase in fees for foreign students.",
			want:     []want{{text: "90%", unit: UnitPercent, value: 90, low: 90, high: 90}},
		},
		{
			name:     "people are whole",
			sentence: "Nearly 15 people were hurt when the roof of the market collapsed.",
			want:     []want{{text: "Nearly 15", unit: UnitPeople, value: 15, low: 14, high: 15, verb: "injure", about: "people hurt"}},
		},
		// What is counted.
		{
			name:     "what a measure is of",
			sentence: "The port city, with a population of about 300,000, was hit hardest.",
			want:     []want{{text: "about 300,000", unit: UnitCount, value: 300000, low: 270000, high: 330000, head: "popul", about: "city population"}},
		},
		{
			name:     "a measure of what the sentence does not say",
			sentence: "Qeshm is Iran's largest island in the Persian Gulf, with a population of 120, 000.",
			want:     []want{{text: "120, 000", unit: UnitCount, value: 120000, low: 120000, high: 120000, aboutIs: "population"}},
		},
		{
			name:     "people of a verb",
			sentence: "Human rights groups say that thousands have been arbitrarily arrested during his anti-gang drive.",
			want:     []want{{text: "thousands", unit: UnitPeople, value: 2000, low: 2000, high: 100000, verb: "detain", about: "people arrested"}},
		},
		{
			name:     "object of an -ing verb",
			sentence: "The small Central American country has been under much media attention since the US began sending hundreds of Venezuelan migrants to its notorious mega-prison known as Cecot.",
			want:     []want{{text: "hundreds", unit: UnitPeople, value: 200, low: 200, high: 10000, verb: "deport", about: "Venezuelan migrants sent"}},
		},
		{
			name:     "a verb alone names nothing counted",
			sentence: "Officials said hundreds of thousands and even millions entered the country.",
			want:     []want{{text: "millions", unit: UnitCount, value: 2e6, low: 2e6, high: 1e8, noAbout: true}},
		},
		{
			name:     "a unit alone names nothing counted",
			sentence: "The strike lasted 30 days.",
			want:     []want{{text: "30", unit: UnitDays, value: 30, low: 30, high: 30, noAbout: true}},
		},
		// ECB+ (Cybulska & Vossen 2014), CC BY 3.0.
		{
			name:     "age with spaced hyphens as scraped",
			sentence: "Hostility has been mounting this week in East Flatbush, Brooklyn, after two plainclothes police officers fatally shot 16 - year - old Kimani Gray after he allegedly pointed a revolver at them on Saturday night.",
			want:     []want{{text: "16 - year - old", unit: UnitYears, value: 16, low: 16, high: 16, head: "age", about: "age of Kimani Gray"}},
			absent:   []string{"16"},
		},
		{
			name:     "the age's person ends before a verb",
			sentence: "Friends said 36 - year - old Duncan Raite died on the descent.",
			want:     []want{{text: "36 - year - old", unit: UnitYears, value: 36, low: 36, high: 36, head: "age", about: "age of Duncan Raite"}},
		},
		{
			name:     "clock times are not figures",
			sentence: "The visit will begin with Bukele's arrival to the White House at approximately 1100 AM EST (1500 GMT).",
			absent:   []string{"approximately 1100", "1100", "1500"},
		},
		{
			name:     "clock times with colons",
			sentence: "Bukele is being hosted by Trump at the White House at around 11:00 local time, (16:00 BST), according to Trump’s schedule.",
			absent:   []string{"around 11", "11", "00", "16"},
		},
		{
			name:     "anaphoric small number",
			sentence: "The two men became key allies after Trump began sending Venezuelan immigrants to the notorious Cecot prison in El Salvador",
			absent:   []string{"two"},
		},
		// ECB+ (Cybulska & Vossen 2014), CC BY 3.0.
		{
			name:     "range with approximator",
			sentence: "Broadcaster NBC lost an estimated $10 million to $15 million in advertising revenue.",
			want:     []want{{text: "an estimated $10 million to $15 million", unit: UnitUSD, value: 12.5e6, low: 10e6, high: 15e6}},
		},
		{
			name:     "scraped thousands separator",
			sentence: "It killed 612 people and injured more than 1, 400, leveling several villages and leaving thousands of people homeless.",
			want: []want{
				{text: "612", unit: UnitPeople, value: 612, low: 612, high: 612, verb: "kill"},
				{text: "more than 1, 400", unit: UnitPeople, value: 1400, low: 1400, high: 1750, verb: "injure"},
				{text: "thousands", unit: UnitPeople, value: 2000, low: 2000, high: 100000, head: "peopl"},
			},
		},
		{
			name:     "age after a name",
			sentence: "Woodburn's police chief, Scott Russell, 46, was injured.",
			want:     []want{{text: "46", unit: UnitYears, value: 46, low: 46, high: 46, head: "age", about: "age of Scott Russell"}},
		},
		{
			name:     "age as predicate",
			sentence: "She was 91.",
			want:     []want{{text: "91", unit: UnitYears, value: 91, low: 91, high: 91, head: "age"}},
		},
		{
			name:     "phone numbers and road numbers",
			sentence: "The explosion happened at the West Coast Bank on the Newberg 214 Highway just before 5:30 p.m., Marion County deputies said.",
			absent:   []string{"214", "5", "30"},
		},
		{
			name:     "reward",
			sentence: "Federal authorities said Saturday that they were offering a $35,000 reward for information leading to an arrest and conviction in the case.",
			want:     []want{{text: "$35,000", unit: UnitUSD, value: 35000, low: 35000, high: 35000, head: "reward"}},
		},
		{
			name:     "viewers in millions",
			sentence: "Only 5.8 million TV viewers tuned-in, far below the Globes ' typical 20 million audience.",
			want:     []want{{text: "5.8 million", unit: UnitPeople, value: 5.8e6, low: 5.8e6, high: 5.8e6, head: "viewer"}},
		},
		{
			name:     "days of the month are dates",
			sentence: "Putting the show in jeopardy, however, was this week's announcement by SAG that strike authorization ballots will be mailed to its 120,000 members on January 2 and tallied on January 23, a full month later.",
			want:     []want{{text: "120,000", unit: UnitPeople, value: 120000, low: 120000, high: 120000, head: "member"}},
			absent:   []string{"2", "23"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := sentenceArticle(tt.sentence)
			ms := Extract(a)
			checkSpans(t, a, ms)
			byText := map[string]Mention{}
			for _, m := range ms {
				byText[m.Text] = m
			}
			for _, w := range tt.want {
				m, ok := byText[w.text]
				if !ok {
					t.Errorf("no mention %q; got %v", w.text, texts(ms))
					continue
				}
				got := want{text: m.Text, unit: m.Unit, value: m.Value, low: m.Low, high: m.High, verb: m.Verb, increment: m.Increment, parts: m.Parts}
				exp := w
				exp.about, exp.head, exp.noAbout, exp.aboutIs = "", "", false, ""
				if w.verb == "" {
					got.verb = ""
				}
				if diff := cmp.Diff(exp, got, cmp.AllowUnexported(want{}), cmp.Comparer(approxEqual)); diff != "" {
					t.Errorf("mention %q (-want +got):\n%s", w.text, diff)
				}
				if w.aboutIs != "" && m.About != w.aboutIs {
					t.Errorf("mention %q: About = %q, want %q", w.text, m.About, w.aboutIs)
				}
				if w.noAbout && m.About != "" {
					t.Errorf("mention %q: About = %q, want none", w.text, m.About)
				}
				if w.about != "" && !strings.Contains(m.About, w.about) {
					t.Errorf("mention %q: About = %q, want it to contain %q", w.text, m.About, w.about)
				}
				if w.head != "" && (len(m.Head) == 0 || m.Head[0] != w.head) {
					t.Errorf("mention %q: Head = %v, want head %q", w.text, m.Head, w.head)
				}
			}
			for _, a := range tt.absent {
				if _, ok := byText[a]; ok {
					t.Errorf("%q read as a figure; mentions %v", a, texts(ms))
				}
			}
		})
	}
}

func approxEqual(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= 1e-6*max(1, a, -a)
}

func texts(ms []Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text)
	}
	return out
}

// checkSpans checks that every mention's offsets give its text exactly.
func checkSpans(t *testing.T, a *parallax.Article, ms []Mention) {
	t.Helper()
	r := []rune(a.Text)
	for _, m := range ms {
		if got := string(r[m.Start:m.End]); got != m.Text {
			t.Errorf("span %d:%d is %q, mention text %q", m.Start, m.End, got, m.Text)
		}
		if got := string(r[m.Phrase.Start:m.Phrase.End]); got != m.PhraseText {
			t.Errorf("phrase %d:%d is %q, phrase text %q", m.Phrase.Start, m.Phrase.End, got, m.PhraseText)
		}
		if m.Low > m.Value || m.Value > m.High {
			t.Errorf("%q: value %g outside [%g, %g]", m.Text, m.Value, m.Low, m.High)
		}
	}
}

func TestExtractOffsetsOnRealArticles(t *testing.T) {
	arts := parallaxtest.Load(t, "../../../examples", "testdata/ecbplus-8_ecbplus.jsonl", "testdata/ecbplus-4_ecbplus.jsonl")
	n := 0
	for i, ms := range ExtractAll(arts) {
		checkSpans(t, arts[i], ms)
		for _, m := range ms {
			if m.Article != i {
				t.Errorf("mention %q has Article %d, want %d", m.Text, m.Article, i)
			}
		}
		n += len(ms)
	}
	if n < 50 {
		t.Errorf("only %d mentions in %d articles", n, len(arts))
	}
}

// findConflict returns the figure conflict whose claims include a claim
// with the given text.
func findConflict(cs []parallax.Conflict, claim string) (parallax.Conflict, bool) {
	for _, c := range cs {
		for _, cl := range c.Claims {
			if strings.Contains(cl.Text, claim) {
				return c, true
			}
		}
	}
	return parallax.Conflict{}, false
}

func TestCompareExamples(t *testing.T) {
	arts := parallaxtest.Load(t, "../../../examples")
	figs, cs := Compare(arts, ExtractAll(arts))

	// The deportee counts are compared, explained, and found consistent.
	c, ok := findConflict(cs, "238 Venezuelans and 23 Salvadorans")
	if !ok {
		t.Fatalf("deportee counts not compared; conflicts: %v", explanations(cs))
	}
	for _, s := range []string{"'hundreds'", "'over 200'", "'around 250'", "(261 in all)", ": consistent"} {
		if !strings.Contains(c.Explanation, s) {
			t.Errorf("deportee explanation lacks %q: %s", s, c.Explanation)
		}
	}
	if strings.Contains(c.Explanation, "conflict") || c.Kind != parallax.ConflictFigure {
		t.Errorf("deportee counts flagged as conflicting: %+v", c)
	}
	sources := map[string]bool{}
	for _, cl := range c.Claims {
		for _, s := range cl.Sources {
			sources[s] = true
		}
	}
	for _, s := range []string{"bbc", "guardian", "reuters"} {
		if !sources[s] {
			t.Errorf("deportee comparison lacks source %s: %v", s, sources)
		}
	}
	// The "10 more" deported on Saturday are an increment, not a total.
	if _, ok := findConflict(cs, "10 more people"); ok {
		t.Errorf("an increment was compared with the totals: %v", explanations(cs))
	}
	// Figures about different things are never compared.
	for _, c := range cs {
		e := c.Explanation
		pairs := [][2]string{{"$6 million", "6.5 billion"}, {"84%", "90%"}, {"43-year-old", "250"}, {"At 43", "250"}, {"$6 million", "$2.1 billion"}, {"two dozen", "250"}}
		for _, p := range pairs {
			if strings.Contains(e, p[0]) && strings.Contains(e, p[1]) {
				t.Errorf("%s compared with %s: %s", p[0], p[1], e)
			}
		}
	}
	// Years are dates, not figures.
	for _, f := range figs {
		if f.Unit == UnitDate || f.Text == "2019" || f.Text == "2024" {
			t.Errorf("year listed as a figure: %+v", f)
		}
	}
	// The same figure from two outlets is merged with both cited.
	merged := false
	for _, f := range figs {
		if f.Value == 10 && f.Unit == UnitPeople && len(f.Sources) == 2 && len(f.Cites) == 2 {
			merged = true
		}
	}
	if !merged {
		t.Errorf("the 10 people deported on Saturday are not one figure of two outlets: %+v", figs)
	}
	checkCites(t, arts, figs)
}

// TestKeyFigures checks the figures of the examples an editor reads in the
// brief: each once, each saying what it counts, each within its unit.
func TestKeyFigures(t *testing.T) {
	arts := parallaxtest.Load(t, "../../../examples")
	figs, cs := Compare(arts, ExtractAll(arts))
	seen := map[string]bool{}
	for _, f := range figs {
		key := f.About + "|" + f.Unit + "|" + strconv.FormatFloat(f.Value, 'g', -1, 64)
		if seen[key] {
			t.Errorf("figure listed twice: %s: %s", f.About, f.Text)
		}
		seen[key] = true
		if f.About == "" {
			t.Errorf("figure %q does not say what it counts", f.Text)
		}
		if f.Unit == UnitPercent && f.High > 100 {
			t.Errorf("share %q reaches %g%%", f.Text, f.High)
		}
	}
	byAbout := map[string]parallax.Figure{}
	for _, f := range figs {
		byAbout[f.About] = f
	}
	// The age of Bukele is one figure of the two outlets that give it.
	if f, ok := byAbout["age of Bukele"]; !ok || len(f.Sources) != 2 || f.Sources[0] != "bbc" || f.Sources[1] != "afp" || len(f.Cites) != 2 {
		t.Errorf("age of Bukele: %+v", f)
	}
	if _, ok := byAbout["age"]; ok {
		t.Errorf("an age of no one is listed: %+v", byAbout["age"])
	}
	// Labels that say nothing of what is counted are not listed; nor the
	// parts of a sum, which the sum lists.
	for _, about := range []string{"to El Salvador", "years", "entered", "liberated", "violent illegal immigrant killers", "individuals to El Salvador", "Venezuelans deported", "Salvadorans deported to Cecot"} {
		if f, ok := byAbout[about]; ok {
			t.Errorf("figure about %q listed: %+v", about, f)
		}
	}
	for about, text := range map[string]string{
		"people jailed":                            "thousands of people",
		"Venezuelan migrants sent":                 "hundreds of Venezuelan migrants",
		"more individuals deported to El Salvador": "10 individuals",
		"years of harsh tactics":                   "three years",
		"fee for keeping deportees":                "$6 million fee",
	} {
		if f, ok := byAbout[about]; !ok || f.Text != text {
			t.Errorf("figure about %q: %+v, want text %q", about, f, text)
		}
	}
	// The fee is given twice, exactly and hedged: one figure, both cited.
	if f := byAbout["fee for keeping deportees"]; len(f.Cites) != 2 {
		t.Errorf("fee cites %+v, want the heading and the quote", f.Cites)
	}
	// The sum of Venezuelans and Salvadorans is set against the counts of
	// Venezuelans through its Venezuelans, against the count of all through
	// its total, and the explanation says so.
	c, _ := findConflict(cs, "238 Venezuelans and 23 Salvadorans")
	for _, s := range []string{"238 Venezuelans fits 'hundreds' and 'over 200'", "261 in all fits 'around 250'"} {
		if !strings.Contains(c.Explanation, s) {
			t.Errorf("deportee explanation lacks %q: %s", s, c.Explanation)
		}
	}
	if strings.Contains(c.Explanation, "meet at") {
		t.Errorf("deportee explanation gives one range for counts of different people: %s", c.Explanation)
	}
}

// TestReadingOf checks that a sum is compared like with like: through the
// part that counts what the other figure counts, or through its total.
func TestReadingOf(t *testing.T) {
	one := func(sentence, text string) Mention {
		for _, m := range Extract(sentenceArticle(sentence)) {
			if m.Text == text {
				return m
			}
		}
		t.Fatalf("no mention %q in %q", text, sentence)
		return Mention{}
	}
	sum := one("García was among 238 Venezuelans and 23 Salvadorans deported to Cecot under a bilateral agreement.", "238 Venezuelans and 23 Salvadorans")
	tests := []struct {
		name     string
		other    Mention
		part     int
		low, hig float64
	}{
		{"Venezuelans", one("Since March, El Salvador has accepted over 200 Venezuelan immigrants from the U.S.", "over 200"), 0, 238, 238},
		{"Salvadorans", one("The US also deported some 20 Salvadorans to the prison.", "some 20"), 1, 23, 23},
		{"everyone", one("The Trump administration deported around 250 alleged Tren de Aragua members to El Salvador.", "around 250"), -1, 261, 261},
	}
	for _, tt := range tests {
		r := readingOf(sum, tt.other)
		if r.part != tt.part || r.low != tt.low || r.high != tt.hig {
			t.Errorf("%s: reading %+v, want part %d (%g–%g)", tt.name, r, tt.part, tt.low, tt.hig)
		}
	}
	// Against "over 200 Venezuelans" (200–250) the 261 in all would clash;
	// the 238 Venezuelans do not.
	if !compatible(sum, tests[0].other) {
		t.Errorf("238 Venezuelans and over 200 Venezuelans found incompatible")
	}
}

// checkCites checks that every cite of every figure points at words that
// hold the figure's number.
func checkCites(t *testing.T, arts []*parallax.Article, figs []parallax.Figure) {
	t.Helper()
	byID := map[string][]rune{}
	for _, a := range arts {
		byID[a.SourceID] = []rune(a.Text)
	}
	for _, f := range figs {
		if len(f.Cites) == 0 {
			t.Errorf("figure %q has no cite", f.Text)
		}
		for _, c := range f.Cites {
			r, ok := byID[c.Source]
			if !ok || c.Start < 0 || c.End > len(r) || c.Start >= c.End {
				t.Errorf("figure %q: bad cite %+v", f.Text, c)
				continue
			}
			if c == f.Cites[0] && string(r[c.Start:c.End]) != f.Text {
				t.Errorf("figure %q: first cite reads %q", f.Text, string(r[c.Start:c.End]))
			}
		}
	}
}

func explanations(cs []parallax.Conflict) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Explanation)
	}
	return out
}

func TestCompareECBPlus(t *testing.T) {
	// Greek riots of December 2008 (ECB+ topic 8): crowd sizes vary across
	// outlets but an outlet giving both numbers is never set against itself.
	arts := parallaxtest.Load(t, "testdata/ecbplus-8_ecbplus.jsonl")
	figs, cs := Compare(arts, ExtractAll(arts))
	if len(figs) < 20 {
		t.Errorf("only %d figures", len(figs))
	}
	checkCites(t, arts, figs)
	for _, c := range cs {
		if c.Kind != parallax.ConflictFigure || c.About == "" || len(c.Claims) < 2 {
			t.Errorf("malformed conflict %+v", c)
		}
		for _, cl := range c.Claims {
			if len(cl.Cites) == 0 || len(cl.Sources) == 0 {
				t.Errorf("claim without cite: %+v", cl)
			}
		}
	}
	// Esther Williams' age (ECB+ topic 4): all outlets say 91; nothing to
	// explain, one figure.
	arts = parallaxtest.Load(t, "testdata/ecbplus-4_ecbplus.jsonl")
	figs, cs = Compare(arts, ExtractAll(arts))
	if len(cs) != 0 {
		t.Errorf("conflicts on an agreed age: %v", explanations(cs))
	}
	ages := 0
	for _, f := range figs {
		if f.Value == 91 && f.Unit == UnitYears {
			ages++
			if len(f.Sources) < 3 {
				t.Errorf("age 91 from %v only", f.Sources)
			}
		}
	}
	if ages == 0 {
		t.Errorf("no age 91 among %+v", figs)
	}
}

func TestSameThing(t *testing.T) {
	ms := func(s string) []Mention { return Extract(sentenceArticle(s)) }
	pick := func(list []Mention, text string) Mention {
		for _, m := range list {
			if m.Text == text {
				return m
			}
		}
		t.Fatalf("no mention %q in %v", text, texts(list))
		return Mention{}
	}
	fee := pick(ms("The United States will pay $6 million fee for keeping deportees in El Salvador."), "$6 million")
	exports := pick(ms("El Salvador exported nearly $6.5 billion in goods in 2024, with $2.1 billion going to the US, mainly clothing, sugar, and coffee, per the central bank."), "nearly $6.5 billion")
	votes := pick(ms("He was re-elected for a second term in February 2024 in a landslide victory with 84% of the votes."), "84%")
	support := pick(ms("Some polls have put his support in El Salvador at over 90%."), "over 90%")
	age := pick(ms("Trump gave a warm welcome in the Oval Office to 43-year-old Bukele."), "43-year-old")
	deported := pick(ms("The Trump administration deported around 250 alleged Tren de Aragua members to El Salvador, where they were placed in the CECOT mega-prison."), "around 250")
	accepted := pick(ms("Since March, El Salvador has accepted over 200 Venezuelan immigrants from the U.S., placing them inside the country’s notorious high-security gang prison, Cecot."), "over 200")
	more := pick(ms("The US on Saturday deported 10 more people it alleges are gang members to El Salvador."), "10")
	tests := []struct {
		name string
		a, b Mention
		same bool
	}{
		{"fee and exports", fee, exports, false},
		{"votes and support", votes, support, false},
		{"age and head count", age, deported, false},
		{"increment and total", more, deported, false},
		{"deported and accepted", deported, accepted, true},
	}
	for _, tt := range tests {
		if got := sameThing(tt.a, tt.b); got != tt.same {
			t.Errorf("%s: sameThing = %v, want %v (%v / %v)", tt.name, got, tt.same, tt.a.Head, tt.b.Head)
		}
	}
}

type golden struct {
	Figures   []parallax.Figure   `json:"figures"`
	Conflicts []parallax.Conflict `json:"conflicts"`
}

func TestGolden(t *testing.T) {
	arts := parallaxtest.Load(t, "../../../examples")
	figs, cs := Compare(arts, ExtractAll(arts))
	got, err := json.MarshalIndent(golden{figs, cs}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	parallaxtest.Golden(t, filepath.Join("testdata", "examples.golden.json"), got, *update)
}

// story returns n articles made from the five examples.
func story(b *testing.B, n int) []*parallax.Article {
	b.Helper()
	return parallaxtest.Story(b, n)
}

func BenchmarkExtract(b *testing.B) {
	arts := story(b, 200)
	for b.Loop() {
		ExtractAll(arts)
	}
}

func BenchmarkCompare(b *testing.B) {
	arts := story(b, 200)
	ms := ExtractAll(arts)
	b.ResetTimer()
	for b.Loop() {
		Compare(arts, ms)
	}
}
