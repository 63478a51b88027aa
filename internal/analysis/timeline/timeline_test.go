package timeline

import (
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/parallaxtest"
	"github.com/parallax-news/parallax/internal/text"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestFindDates(t *testing.T) {
	monday := time.Date(2025, 4, 14, 0, 0, 0, 0, time.UTC)
	friday := time.Date(2008, 12, 12, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		sentence string
		ref      time.Time
		want     []string // "date=expression as written"
	}{
		// The examples, dated Monday 14 April 2025.
		{"The US on Saturday deported 10 more people it alleges are gang members to El Salvador, said secretary of state Marco Rubio.", monday, []string{"2025-04-12=Saturday"}},
		{"El Salvador’s president Nayib Bukele said on Monday he had no plans to return a man mistakenly deported from the United States as he met US president Donald Trump at the White House.", monday, []string{"2025-04-14=Monday"}},
		{"Last month, after a judge said flights carrying migrants processed under the Alien Enemies Act should return to the US, Mr Bukele wrote “Oopsie ... Too late” on social media.", monday, []string{"2025-03=Last month"}},
		{"The case of Mr Abrego Garcia, who was sent to El Salvador’s so-called Terrorism Confinement Centre on March 15th despite an order protecting him from deportation, has drawn particular attention.", monday, []string{"2025-03-15=March 15th"}},
		{"Then in March, Trump invoked the Alien Enemies Act of 1798 against Tren de Aragua, a transnational criminal group from Venezuela's prisons.", monday, []string{"2025-03=March"}},
		{"A former mayor of his country's capital, San Salvador, Bukele first won his presidential run in 2019 on a pledge to create a \"new era\".", monday, []string{"2019=2019"}},
		{"Bukele secured a convincing victory in last year’s elections, with voters prioritizing security over concerns about democratic erosion.", monday, []string{"2024=last year’s"}},
		{"He was re-elected for a second term in February 2024 in a landslide victory with 84% of the votes.", monday, []string{"2024-02=February 2024"}},
		{"Mr Trump told reporters on Friday that his administration would bring the man back if the high court directed it to.", monday, []string{"2025-04-11=Friday"}},
		{"Shortly after Trump's inauguration to a second term, Bukele made a surprising offer to the new US leader — San Salvador can accept deportees from the US, for a fee.", monday, nil},
		{"The visit will begin with Bukele's arrival to the White House at approximately 1100 AM EST (1500 GMT).", monday, nil},
		// ECB+ (Cybulska & Vossen 2014), CC BY 3.0; the articles of topic 2
		// were written on Friday 12 December 2008.
		{"The ceremony will take place at the Kodak Theatre in Los Angeles on February 22.", friday, []string{"2009-02-22=February 22"}},
		{"Okay, so it's a bit of a stretch there, but regardless, today it was announced that one of our own, Hugh Jackman, will be the host of the ceremony, televised live on Sunday, February 22, 2009, from the Kodak Theatre.", friday, []string{"2008-12-12=today", "2009-02-22=February 22, 2009"}},
		{"He won a Tony Award in 2004 for his role in the musical \"The Boy from Oz.\"", time.Time{}, []string{"2004=2004"}},
		{"A friend of the actress told People she went to Promises on Tuesday and that her friends and family supported her decision.", time.Time{}, nil},
		{"Williams, whose experiences as a young swimming champion led to a career of Hollywood “ aqua - musicals ” designed just for her, died yesterday in Beverly Hills, California, at the age of 91.", time.Date(2013, 6, 7, 0, 0, 0, 0, time.UTC), []string{"2013-06-06=yesterday"}},
		{"Lohan was previously at Betty Ford from September 2010 to January 2011 after a probation violation in a prior drunk driving case.", time.Time{}, []string{"2010-09=September 2010", "2011-01=January 2011"}},
		{"Tennant was promoted to captain four years ago.", friday, []string{"2004=four years ago"}},
		// A dateline's weekday is the date's: "Tuesday 28 April 2009".
		{"Tuesday 28 April 2009 22:34 BST", friday, []string{"2009-04-28=28 April 2009"}},
		{"Between 1991 and 1998, Comeaux was in and out of prison on parole violations.", time.Time{}, []string{"1991=1991"}},
	}
	for _, tt := range tests {
		var got []string
		r := []rune(tt.sentence)
		g := text.SegOf(tt.sentence)
		for _, m := range findDates(&g, tt.ref) {
			got = append(got, m.d.String()+"="+string(r[m.from:m.to]))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.sentence, diff)
		}
	}
}

// TestMainDate: a sentence is dated by its main clause; a date in a
// relative clause, a parenthesis, an apposition, a quotation, an
// adverbial clause or a "since" inside a clause dates that part only.
// want is the date ("" for no entry); text the entry's text when it is not
// the whole sentence.
func TestMainDate(t *testing.T) {
	monday := time.Date(2025, 4, 14, 0, 0, 0, 0, time.UTC) // the examples
	dec15 := time.Date(2008, 12, 15, 0, 0, 0, 0, time.UTC) // a Monday
	june7 := time.Date(2013, 6, 7, 0, 0, 0, 0, time.UTC)   // a Friday
	tests := []struct {
		sentence string
		pub      time.Time
		want     string
		text     string
	}{
		// The examples (BBC, The Guardian, Reuters, 004).
		{`The US Supreme Court has ruled that the Trump administration must "facilitate" the return of Kilmar Abrego Garcia, who was granted protection from deportation by a court in 2019`, monday, "", ""},
		{"The administration acknowledged that García, a Salvadoran migrant living in Maryland with a valid work permit since 2019, was deported in March in violation of a judicial order blocking his removal.", monday, "2025-03", ""},
		{"The case of Mr Abrego Garcia, who was sent to El Salvador’s so-called Terrorism Confinement Centre on March 15th despite an order protecting him from deportation, has drawn particular attention.", monday, "", ""},
		{"The US on Saturday deported 10 more people it alleges are gang members to El Salvador, said secretary of state Marco Rubio, who called the alliance between Mr Trump and Mr Bukele “an example for security and prosperity in our hemisphere”.", monday, "2025-04-12",
			"The US on Saturday deported 10 more people it alleges are gang members to El Salvador, said secretary of state Marco Rubio"},
		{`Stephen Miller, a deputy chief of staff, told reporters at the White House on Monday morning that, "It's up to El Salvador and to the government and the people of El Salvador what the fate of their own citizens is. We can't extradite citizens of foreign countries to our country over the objection of those countries."`, monday, "2025-04-14", ""},
		{"Since March, El Salvador has accepted over 200 Venezuelan immigrants from the U.S., whom Trump administration officials have labeled gang members and violent criminals, placing them inside the country’s notorious high-security gang prison, Cecot, located just outside the capital, San Salvador.", monday, "2025-03",
			"Since March, El Salvador has accepted over 200 Venezuelan immigrants from the U.S."},
		{"Mr Trump told reporters on Friday that his administration would bring the man back if the high court directed it to.", monday, "2025-04-11", ""},
		{"Then in March, Trump invoked the Alien Enemies Act of 1798 against Tren de Aragua, a transnational criminal group from Venezuela's prisons, following the Salvadoran leader's proposal.", monday, "2025-03", ""},
		{"What's happening today?", monday, "", ""},
		// General news, written for the test.
		{"The man who was deported in March was returned to the United States on Monday.", monday, "2025-04-14", ""},
		{"Officials said on Tuesday that the bridge, which opened in 1998, would close for repairs.", monday, "2025-04-08", ""},
		{"The minister, a former banker who joined the government in 2019, resigned on Friday.", monday, "2025-04-11", ""},
		{"The senator, who was first elected in 2010, has announced her retirement.", monday, "", ""},
		{"Heavy rain, the worst since 1987, flooded the capital on Sunday.", monday, "2025-04-13", ""},
		{"The storm (the first of the season, which began in June) cut power to thousands of homes.", monday, "", ""},
		{"“We left the country in 2019,” she told reporters on Wednesday.", monday, "2025-04-09", ""},
		{"“We left the country in 2019,” she said.", monday, "", ""},
		{"The prosecutor said the defendant, who fled in 2005, was arrested on Tuesday.", monday, "2025-04-08", ""},
		{"Although the plant closed in 2015, the town still depends on it.", monday, "", ""},
		{"The striker scored twice on Saturday, while his team, which was relegated in 2022, climbed to third.", monday, "2025-04-12", ""},
		{"Published on Friday 27 September 2013", monday, "", ""},
		// ECB+ (Cybulska & Vossen 2014, CC BY 3.0), testdata/ecbplus-dev.jsonl.
		{"After she abruptly left a rehab facility in Newport Beach on Thursday, Lindsay Lohan has checked into the Betty Ford Center in Rancho Mirage.", dec15, "", ""},
		{"Rahman, a former heavyweight champion who shocked the world when he floored Lennox Lewis in 2001 for the title, showed absolutely no signs of life against Klitschko on Saturday.", dec15, "2008-12-13", ""},
		{"The remote prison, which opened in 1994, almost disappears into the same-color desert around it.", dec15, "", ""},
		{`He won an Emmy in 2005 for hosting the 58th annual Tony Awards in 2004, when he also took a best-actor Tony for his performance in the musical "The Boy From Oz."`, dec15, "2005", ""},
		{"The 41-year-old Bowe was fighting for the first time since 2005 and stepped into the ring for a professional bout for only the third time since 1996.", dec15, "", ""},
		{"A convicted child molester who was supposedly confined to a wheelchair overpowered two prison guards today, handcuffed them, stole their weapons and walked off wearing one of their uniforms.", dec15, "2008-12-15", ""},
		{"After more than three years and a tangled trail of frustrating legal delays, the man who killed four people in a brazen courthouse escape was sentenced Saturday to prison for life without parole and hundreds of years more.", dec15, "2008-12-13", ""},
		{"Page married twice: the first marriage to Navy man Billy Neal lasted from 1943 to 1947, and her second to Armond Walterson in 1958 to 1963.", dec15, "1943", ""},
		{"Her agent Mark Roesler said Page died yesterday at a Los Angeles hospital after suffering a heart attack on December 2.", dec15, "2008-12-14", ""},
		{"A spokesperson for The Los Angeles Superior Court confirmed to Access that a judge signed an order yesterday allowing the transfer to Cliffside.", june7, "2013-06-06", ""},
		{"Actor Leonardo DiCaprio, who on Thursday earned a Golden Globe nomination for his work in \"Revolutionary Road,\" said strike concerns are hitting everyone.", dec15, "", ""},
		{"Even still, however, Klitschko has won 16 fights in a row since losing to Lamon Brewster in April 2004.", dec15, "", ""},
		{"It was the worst violence to hit Greece since riots in 2008.", dec15, "", ""},
		{"Superior Court Judge James Bodiford sentenced Nichols to seven consecutive life sentences and four sentences of life without parole for the March 11, 2005, incident that left four people dead.", dec15, "", ""},
		{"In January 1955, she was the centerfold model in Hugh Hefner's fledgling Playboy magazine.", dec15, "1955-01", ""},
		// An undated article: "Saturday" dates the main clause, when is
		// unknown; the clause's other date is not the sentence's.
		{"Fulton Courthouse killer Brian Nichols was sentenced Saturday morning to seven life sentences for the crimes he committed on March 11, 2005.", time.Time{}, "", ""},
		{"He won a Tony Award in 2004 for his role in the musical \"The Boy from Oz.\"", time.Time{}, "2004", ""},
		// Pieces and lines that are no statements.
		{"The merchandise, including a clothing line, along with a film in 2005,", dec15, "", ""},
		{"The rest of the injury report for Wednesday is as follows:", dec15, "", ""},
		{"on April 30, 2008 at 4:31 AM, updated April 30, 2008 at 8:33 AM", dec15, "", ""},
		{"County Sheriff's Deputy Jerry Ortiz in June, 2005.", dec15, "", ""},
		{"6 billion pound) aid package unveiled on Sunday.", dec15, "", ""},
	}
	for _, tt := range tests {
		d, e := entryOf(tt.sentence, tt.pub)
		got, text := "", ""
		if e != nil {
			got, text = e.date, e.text
		}
		want := tt.text
		if want == "" && tt.want != "" {
			want = tt.sentence
		}
		if got != tt.want || text != want {
			t.Errorf("%q:\n got %s %q\nwant %s %q", tt.sentence, got, text, tt.want, want)
		}
		if e != nil && string(d.Runes[e.cite.Start:e.cite.End]) != e.text {
			t.Errorf("%q: cite %v reads %q", tt.sentence, e.cite, string(d.Runes[e.cite.Start:e.cite.End]))
		}
	}
}

// entryOf returns the entry a one-sentence article published on pub gives.
func entryOf(sentence string, pub time.Time) (*text.Doc, *dated) {
	n := text.RuneLen(sentence)
	a := &parallax.Article{SourceID: "t", Blocks: []parallax.Block{{Span: parallax.Span{End: n}, Text: sentence}},
		Sentences: []parallax.Sentence{{Span: parallax.Span{End: n}, Text: sentence}}}
	a.Text, a.Published = sentence, pub
	d := text.Analyse([]*parallax.Article{a})[0]
	return d, dateSentence(d, 0, pub, pub)
}

// find returns the first event of a date whose text holds s.
func find(evs []parallax.Event, date, s string) (parallax.Event, bool) {
	for _, e := range evs {
		if e.Date == date && strings.Contains(e.Text, s) {
			return e, true
		}
	}
	return parallax.Event{}, false
}

func TestBuildExamples(t *testing.T) {
	arts := parallaxtest.Load(t, "../../../examples")
	evs := Build(arts)
	checkEvents(t, arts, evs)
	tests := []struct {
		date, text string
		sources    []string
	}{
		{"2025-04-12", "10 more people", []string{"reuters"}},
		{"2024-02", "February 2024", []string{"bbc"}},
		{"2024", "last year’s elections", []string{"guardian"}},
		{"2025-03", "Last month", []string{"reuters"}},
		{"2025-03", "was deported in March", []string{"guardian"}},
		{"2019", "won his presidential run in 2019", []string{"bbc"}},
		// The meeting on Monday, told by three outlets: one entry, credited
		// as the brief's summary credits it.
		{"2025-04-14", "return a man mistakenly deported", []string{"reuters", "bbc", "afp"}},
	}
	for _, tt := range tests {
		e, ok := find(evs, tt.date, tt.text)
		if !ok {
			t.Errorf("no event %s %q", tt.date, tt.text)
			continue
		}
		if !cmp.Equal(e.Sources, tt.sources) {
			t.Errorf("event %s %q: sources %v, want %v", tt.date, tt.text, e.Sources, tt.sources)
		}
	}
	for _, e := range evs {
		for _, s := range []string{
			"Shortly after Trump's inauguration", // no date
			"Supreme Court has ruled",            // 2019 dates the protection, not the ruling
			"March 15th",                         // the deportation's date, in a relative clause
			"White House waits for Bukele",       // live-blog headings
			"Who is Nayib Bukele",
			"What's happening today",
		} {
			if strings.Contains(e.Text, s) {
				t.Errorf("%q is no entry: %+v", s, e)
			}
		}
	}
}

// TestBound: a story of many articles gives at most maxEntries entries,
// the most reported kept, in the same order each time.
func TestBound(t *testing.T) {
	var arts []*parallax.Article
	pub := time.Date(2025, 4, 14, 0, 0, 0, 0, time.UTC)
	add := func(s string) {
		n := text.RuneLen(s)
		arts = append(arts, &parallax.Article{Document: parallax.Document{Text: s, Published: pub}, SourceID: fmt.Sprintf("s%d", len(arts)+1),
			Blocks: []parallax.Block{{Span: parallax.Span{End: n}, Text: s}}, Sentences: []parallax.Sentence{{Span: parallax.Span{End: n}, Text: s}}})
	}
	for i := range 3 * maxEntries {
		add(fmt.Sprintf("The council%d approved plan%d for district%d on Monday.", i, i, i))
	}
	for range 3 {
		add("Floods forced thousands from their homes in the northern province on Sunday.")
	}
	evs := Build(arts)
	if len(evs) != maxEntries {
		t.Fatalf("%d entries, want %d", len(evs), maxEntries)
	}
	if e, ok := find(evs, "2025-04-13", "Floods"); !ok || len(e.Sources) != 3 {
		t.Errorf("the event three sources report is left out or not merged: %+v", e)
	}
	if again := Build(arts); !cmp.Equal(evs, again) {
		t.Errorf("two runs differ")
	}
}

// checkEvents checks order, cites and the text of the first cite.
func checkEvents(t *testing.T, arts []*parallax.Article, evs []parallax.Event) {
	t.Helper()
	if !sort.SliceIsSorted(evs, func(i, j int) bool {
		if evs[i].Date != evs[j].Date {
			return evs[i].Date < evs[j].Date
		}
		return evs[i].Time < evs[j].Time
	}) {
		t.Errorf("events not ordered by date and time")
	}
	seen := map[parallax.Cite]bool{}
	for _, e := range evs {
		for _, c := range e.Cites {
			if seen[parallax.Cite{Source: c.Source, Start: c.Start}] {
				t.Errorf("the sentence at %s %d is cited twice: %+v", c.Source, c.Start, e)
			}
			seen[parallax.Cite{Source: c.Source, Start: c.Start}] = true
		}
		words := strings.Fields(e.Text)
		if last := strings.ToLower(strings.Trim(words[len(words)-1], ",;:")); dangling[last] || strings.HasSuffix(e.Text, ",") {
			t.Errorf("entry ends on a dangling word: %q", e.Text)
		}
		if strings.HasSuffix(strings.TrimRight(e.Text, "\"”’ "), "?") {
			t.Errorf("a question is no event: %q", e.Text)
		}
	}
	byID := map[string][]rune{}
	for _, a := range arts {
		byID[a.SourceID] = []rune(a.Text)
	}
	for _, e := range evs {
		if len(e.Cites) == 0 || len(e.Sources) == 0 {
			t.Errorf("event without cite: %+v", e)
			continue
		}
		c := e.Cites[0]
		r := byID[c.Source]
		if c.Start < 0 || c.End > len(r) || c.Start >= c.End {
			t.Errorf("bad cite %+v", c)
			continue
		}
		if got := string(r[c.Start:c.End]); got != e.Text && strings.ReplaceAll(got, "\n", " ") != e.Text {
			t.Errorf("event text %q, first cite reads %q", e.Text, got)
		}
	}
}

func TestBuildECBPlus(t *testing.T) {
	// Esther Williams died on Thursday 6 June 2013: the outlets say
	// "Thursday", "yesterday", "on 6th June"; their datelines date them.
	arts := parallaxtest.Load(t, "testdata/ecbplus-4_ecbplus.jsonl")
	evs := Build(arts)
	checkEvents(t, arts, evs)
	n := 0
	for _, e := range evs {
		if e.Date == "2013-06-06" {
			n += len(e.Sources)
		}
	}
	if n < 3 {
		t.Errorf("the death on 2013-06-06 is dated by %d outlets only: %+v", n, evs)
	}
	// Hugh Jackman to host the Oscars (ECB+ topic 2): undated articles give
	// only their absolute dates, and only when the main clause has no
	// relative one.
	arts = parallaxtest.Load(t, "testdata/ecbplus-2_ecb.jsonl")
	evs = Build(arts)
	checkEvents(t, arts, evs)
	// "… today it was announced that … Hugh Jackman will be the host of the
	// ceremony, televised live on Sunday, February 22, 2009, …": dated by
	// its "today", unknown in an undated article, so no entry.
	for _, e := range evs {
		if strings.Contains(e.Text, "today it was announced") {
			t.Errorf("an undated announcement given a date: %+v", e)
		}
	}
	if _, ok := find(evs, "2004", "Tony Award in 2004"); !ok {
		t.Errorf("no event in 2004: %+v", evs)
	}
	// "He won an Emmy in 2005 for hosting the 58th annual Tony Awards in
	// 2004, …": the Emmy's year, once.
	if _, ok := find(evs, "2005", "won an Emmy in 2005"); !ok {
		t.Errorf("the Emmy not under 2005: %+v", evs)
	}
	if e, ok := find(evs, "2004", "won an Emmy in 2005"); ok {
		t.Errorf("the Emmy also under 2004: %+v", e)
	}
}

func TestGolden(t *testing.T) {
	arts := parallaxtest.Load(t, "../../../examples")
	got, err := json.MarshalIndent(Build(arts), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	parallaxtest.Golden(t, filepath.Join("testdata", "examples.golden.json"), got, *update)
}

func BenchmarkBuild(b *testing.B) {
	arts := parallaxtest.Story(b, 200)
	for b.Loop() {
		Build(arts)
	}
}
