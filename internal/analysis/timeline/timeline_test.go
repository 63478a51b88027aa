package timeline

import (
	"encoding/json"
	"flag"
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
		{"2025-03-15", "on March 15th", []string{"reuters"}},
		{"2025-04-12", "10 more people", []string{"reuters"}},
		{"2024-02", "February 2024", []string{"bbc"}},
		{"2024", "last year’s elections", []string{"guardian"}},
		{"2025-03", "Last month", []string{"reuters"}},
		{"2019", "won his presidential run in 2019", []string{"bbc"}},
	}
	for _, tt := range tests {
		e, ok := find(evs, tt.date, tt.text)
		if !ok {
			t.Errorf("no event %s %q", tt.date, tt.text)
			continue
		}
		for _, s := range tt.sources {
			if !contains(e.Sources, s) {
				t.Errorf("event %s %q lacks source %s: %v", tt.date, tt.text, s, e.Sources)
			}
		}
	}
	// The meeting on Monday is told by several outlets: one event.
	e, ok := find(evs, "2025-04-14", "return a man mistakenly deported")
	if !ok || len(e.Sources) < 2 || len(e.Cites) < 2 {
		t.Errorf("Monday's refusal is not merged across outlets: %+v", e)
	}
	// Live-blog posts carry their time.
	if e, ok := find(evs, "2025-04-14", "White House waits for Bukele"); !ok || e.Time != "15:21" {
		t.Errorf("post at 15:21 missing or wrong: %+v", e)
	}
	for _, e := range evs {
		if strings.Contains(e.Text, "Shortly after Trump's inauguration") {
			t.Errorf("undated event given a date: %+v", e)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
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
	// only their absolute dates.
	arts = parallaxtest.Load(t, "testdata/ecbplus-2_ecb.jsonl")
	evs = Build(arts)
	checkEvents(t, arts, evs)
	if _, ok := find(evs, "2009-02-22", "February 22, 2009"); !ok {
		t.Errorf("no event on 2009-02-22: %+v", evs)
	}
	if e, ok := find(evs, "2004", "Tony Award in 2004"); !ok || len(e.Sources) < 2 {
		t.Errorf("the 2004 Tony Award not merged across articles: %+v", e)
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
