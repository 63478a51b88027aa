package clean_test

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/ingest"
)

func newCleaner(tb testing.TB) *clean.Cleaner {
	tb.Helper()
	c, err := clean.New()
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

type cut struct{ Reason, Text string }

// TestRules runs each cleaning rule on lines taken from real reports.
func TestRules(t *testing.T) {
	c := newCleaner(t)
	tests := []struct {
		name      string
		doc       parallax.Document
		removed   []cut
		sentences []string
		outlet    string
		title     string // the article's title, when the document has one
		published string // the article's day, YYYY-MM-DD, when one is expected
	}{
		{
			name: "caption glued to credit",
			doc:  parallax.Document{Path: "x.txt", Text: "Exterior of the White HousdeImage source, Bernd Debusmann Jr/BBC News\n\nI arrived here at the White House a short while ago."},
			removed: []cut{
				{parallax.ReasonCaption, "Exterior of the White Housde"},
				{parallax.ReasonCredit, "Image source, Bernd Debusmann Jr/BBC News"},
			},
			sentences: []string{"I arrived here at the White House a short while ago."},
			outlet:    "BBC News",
		},
		{
			name: "caption blocks",
			doc:  parallax.Document{Path: "x.txt", Text: "Media caption,\n\nKey immigration moments from Trump and Bukele meeting\n\nImage caption,\n\nPrisoners at El Salvador's Cecot\n\nWe'll be watching shortly as El Salvador's President Nayib Bukele meets US President Donald Trump."},
			removed: []cut{
				{parallax.ReasonCaption, "Media caption,"},
				{parallax.ReasonCaption, "Key immigration moments from Trump and Bukele meeting"},
				{parallax.ReasonCaption, "Image caption,"},
				{parallax.ReasonCaption, "Prisoners at El Salvador's Cecot"},
			},
			sentences: []string{"We'll be watching shortly as El Salvador's President Nayib Bukele meets US President Donald Trump."},
		},
		{
			name: "live-blog post with byline",
			doc: parallax.Document{Path: "x.txt", Published: time.Date(2025, 4, 14, 0, 0, 0, 0, time.UTC),
				Text: "  1. White House waits for Bukelepublished at 15:21 British Summer Time 14 April\n\n    Bernd Debusmann Jr\n    Reporting from the White House\n\n    The visit will begin with Bukele's arrival to the White House.\n\n    Stick with us."},
			removed: []cut{
				{parallax.ReasonPostStamp, "published at 15:21 British Summer Time 14 April"},
				{parallax.ReasonByline, "Bernd Debusmann Jr"},
				{parallax.ReasonByline, "Reporting from the White House"},
				{parallax.ReasonChatter, "Stick with us."},
			},
			sentences: []string{"The visit will begin with Bukele's arrival to the White House."},
		},
		{
			name: "caption with photograph credit",
			doc:  parallax.Document{Path: "x.txt", Text: "El Salvador's president Nayib Bukele meets US president Donald Trump in the Oval Office on Monday. Photograph: Win McNamee/Getty Images\n\nEl Salvador’s president Nayib Bukele said on Monday he had no plans to return a man. – Reuters"},
			removed: []cut{
				{parallax.ReasonCaption, "El Salvador's president Nayib Bukele meets US president Donald Trump in the Oval Office on Monday."},
				{parallax.ReasonCredit, "Photograph: Win McNamee/Getty Images"},
				{parallax.ReasonAgencyTail, "– Reuters"},
			},
			sentences: []string{"El Salvador’s president Nayib Bukele said on Monday he had no plans to return a man."},
			outlet:    "Reuters",
		},
		{
			name: "copyright credit and dateline",
			doc:  parallax.Document{Path: "x.txt", Text: "Washington DC - El Salvador's President Nayib Bukele assured Donald Trump on Monday that he would not return a man mistakenly deported from the US.\n\nUS President Donald Trump (r.) meets with President Nayib Bukele (l.) of El Salvador in the Oval Office. © WIN MCNAMEE / GETTY IMAGES NORTH AMERICA / Getty Images via AFP"},
			removed: []cut{
				{parallax.ReasonDateline, "Washington DC -"},
				{parallax.ReasonCaption, "US President Donald Trump (r.) meets with President Nayib Bukele (l.) of El Salvador in the Oval Office."},
				{parallax.ReasonCredit, "© WIN MCNAMEE / GETTY IMAGES NORTH AMERICA / Getty Images via AFP"},
			},
			sentences: []string{"El Salvador's President Nayib Bukele assured Donald Trump on Monday that he would not return a man mistakenly deported from the US."},
			outlet:    "AFP",
		},
		{
			name: "agency dateline",
			doc:  parallax.Document{Path: "x.txt", Text: "SAN SALVADOR (Reuters) - El Salvador's President Nayib Bukele said on Monday he would not return the man to the United States."},
			removed: []cut{
				{parallax.ReasonDateline, "SAN SALVADOR (Reuters) -"},
			},
			sentences: []string{"El Salvador's President Nayib Bukele said on Monday he would not return the man to the United States."},
			outlet:    "Reuters",
		},
		{
			name: "scraper's image source glued to a sentence",
			doc:  parallax.Document{Path: "x.txt", Text: "Zelenskyy of Ukraine has also reached out to invite Trump.image source from:https://www.theguardian.com/us-news/live/2025/apr/14/live"},
			removed: []cut{
				{parallax.ReasonImageSource, "image source from:https://www.theguardian.com/us-news/live/2025/apr/14/live"},
			},
			sentences: []string{"Zelenskyy of Ukraine has also reached out to invite Trump."},
			outlet:    "The Guardian",
		},
		{
			name: "byline line and hard-wrapped paragraph",
			doc:  parallax.Document{Path: "guardian-copy.txt", Text: "By Bernd Debusmann Jr\n\nTrump reiterated his stance, indicating that past administrations enabled a free influx of migrants from prisons in Venezuela and others,\nstating that hundreds of thousands entered the U.S.\n\nAdvertisement"},
			removed: []cut{
				{parallax.ReasonByline, "By Bernd Debusmann Jr"},
				{parallax.ReasonNavigation, "Advertisement"},
			},
			sentences: []string{"Trump reiterated his stance, indicating that past administrations enabled a free influx of migrants from prisons in Venezuela and others, stating that hundreds of thousands entered the U.S."},
			outlet:    "guardian-copy",
		},
		{
			name: "page time stamps",
			doc:  parallax.Document{Path: "x.txt", Text: "May 03, 2013\n\nUpdated: May 24, 2005, 3:23 PM ET\n\nLindsay Lohan has checked into the Betty Ford Center.\n\nAktualisiert am 3. März 2022, 14:05 Uhr\n\n27.01.2022\n\nShe was ordered to spend 90 days in rehab on March 18."},
			removed: []cut{
				{parallax.ReasonMetadata, "May 03, 2013"},
				{parallax.ReasonMetadata, "Updated: May 24, 2005, 3:23 PM ET"},
				{parallax.ReasonMetadata, "Aktualisiert am 3. März 2022, 14:05 Uhr"},
				{parallax.ReasonMetadata, "27.01.2022"},
			},
			sentences: []string{"Lindsay Lohan has checked into the Betty Ford Center.", "She was ordered to spend 90 days in rehab on March 18."},
			published: "2013-05-03",
		},
		{
			name: "a day-month-year stamp dates the article",
			doc:  parallax.Document{Path: "x.txt", Text: "Updated: 9 September 2013, 14:08\n\nFour men rammed their car into a jewellery store in central Paris on Monday."},
			removed: []cut{
				{parallax.ReasonMetadata, "Updated: 9 September 2013, 14:08"},
			},
			sentences: []string{"Four men rammed their car into a jewellery store in central Paris on Monday."},
			published: "2013-09-09",
		},
		{
			name:      "a time stamp taken for the title",
			doc:       parallax.Document{Path: "x.txt", Title: "May 2, 2013, 1: 12 PM", Text: "Lindsay Lohan has checked into a rehab facility, her lawyer said."},
			sentences: []string{"Lindsay Lohan has checked into a rehab facility, her lawyer said."},
		},
		{
			name: "wire typesetting codes and syndication footers",
			doc: parallax.Document{Path: "nyt.txt", Text: "&QL; &UR; The city council approved the budget on Tuesday after a long debate, officials said. &QC;\n\n" +
				"&HT; The vote was 7 to 2, with AT&AMP;T's local office among the critics.\n\n(STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS.)\n\n" +
				"The mayor said the plan would be revised next year.\n\nEDITORS: Visit the New York Times News Service Syndicate Web site for more information.\n\n" +
				"NONSUBSCRIBERS: To publish this story, call (212) 556-1927.\n\nFor information, contact Jane Doe at (212) 556-4204.\n\nEND OF STORY\n\nNYT-12-03-98 1412EST"},
			removed: []cut{
				{parallax.ReasonWireCode, "&QL;"},
				{parallax.ReasonWireCode, "&UR;"},
				{parallax.ReasonWireCode, "&QC;"},
				{parallax.ReasonWireCode, "&HT;"},
				{parallax.ReasonSyndication, "(STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS.)"},
				{parallax.ReasonSyndication, "EDITORS: Visit the New York Times News Service Syndicate Web site for more information."},
				{parallax.ReasonSyndication, "NONSUBSCRIBERS: To publish this story, call (212) 556-1927."},
				{parallax.ReasonSyndication, "For information, contact Jane Doe at (212) 556-4204."},
				{parallax.ReasonSyndication, "END OF STORY"},
				{parallax.ReasonSyndication, "NYT-12-03-98 1412EST"},
			},
			sentences: []string{"The city council approved the budget on Tuesday after a long debate, officials said.", "The vote was 7 to 2, with AT&AMP;T's local office among the critics.", "The mayor said the plan would be revised next year."},
		},
		{
			name: "related-article and sharing furniture",
			doc:  parallax.Document{Path: "x.txt", Text: "The Thames barrier was closed twice on Sunday.\n\nYou may also like\n\nAuch interessant\n\nÀ lire aussi : la crue de la Seine\n\n1,192 followers\n\nLe puede interesar\n\nTags: floods, London\n\nThe barrier has been closed 221 times since 1982."},
			removed: []cut{
				{parallax.ReasonNavigation, "You may also like"},
				{parallax.ReasonNavigation, "Auch interessant"},
				{parallax.ReasonNavigation, "À lire aussi : la crue de la Seine"},
				{parallax.ReasonNavigation, "1,192 followers"},
				{parallax.ReasonNavigation, "Le puede interesar"},
				{parallax.ReasonNavigation, "Tags: floods, London"},
			},
			sentences: []string{"The Thames barrier was closed twice on Sunday.", "The barrier has been closed 221 times since 1982."},
		},
		{
			name: "a name and a dash are no dateline; a long paragraph ending in a credit is no caption",
			doc:  parallax.Document{Path: "x.txt", Text: "Dee Dee Myers — a White House press secretary for Bill Clinton — is joining Warner Bros. as an executive vice president, the studio said on Monday, after a career in politics.\n\n" + strings.Repeat("The collaboration ran for a year across two continents. ", 6) + "© 2018. All rights reserved."},
			sentences: append([]string{"Dee Dee Myers — a White House press secretary for Bill Clinton — is joining Warner Bros. as an executive vice president, the studio said on Monday, after a career in politics."},
				"The collaboration ran for a year across two continents.", "The collaboration ran for a year across two continents.", "The collaboration ran for a year across two continents.",
				"The collaboration ran for a year across two continents.", "The collaboration ran for a year across two continents.", "The collaboration ran for a year across two continents.",
				"© 2018. All rights reserved."),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := c.Clean(tt.doc)
			runes := []rune(tt.doc.Text)
			var got []cut
			for _, r := range a.Removed {
				got = append(got, cut{r.Reason, r.Text})
				if string(runes[r.Start:r.End]) != r.Text {
					t.Errorf("removal %q has offsets %d:%d pointing at %q", r.Text, r.Start, r.End, string(runes[r.Start:r.End]))
				}
			}
			if diff := cmp.Diff(tt.removed, got); diff != "" {
				t.Errorf("removed (-want +got):\n%s", diff)
			}
			var sents []string
			for _, s := range a.Sentences {
				sents = append(sents, s.Text)
				if strings.ReplaceAll(string(runes[s.Start:s.End]), "\n", " ") != s.Text {
					t.Errorf("sentence %q has offsets %d:%d pointing at %q", s.Text, s.Start, s.End, string(runes[s.Start:s.End]))
				}
			}
			if diff := cmp.Diff(tt.sentences, sents); diff != "" {
				t.Errorf("sentences (-want +got):\n%s", diff)
			}
			if tt.published != "" && a.Published.Format("2006-01-02") != tt.published {
				t.Errorf("published = %v, want %s", a.Published, tt.published)
			}
			if tt.doc.Title != "" && a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			if tt.outlet != "" && a.Outlet != tt.outlet {
				t.Errorf("outlet = %q, want %q", a.Outlet, tt.outlet)
			}
		})
	}
}

func TestPostTime(t *testing.T) {
	c := newCleaner(t)
	a := c.Clean(parallax.Document{Path: "bbc.txt", Published: time.Date(2025, 4, 14, 0, 0, 0, 0, time.UTC),
		Text: "  2. Who is Nayib Bukele? A crucial ally to Trumppublished at 15:15 British Summer Time 14 April\n\n    Nayib Bukele of El Salvador is arguably Latin America’s most popular leader.\n"})
	if len(a.Blocks) != 2 {
		t.Fatalf("got %d blocks, want heading and paragraph: %+v", len(a.Blocks), a.Blocks)
	}
	h := a.Blocks[0]
	if !h.Heading || h.Text != "Who is Nayib Bukele? A crucial ally to Trump" || h.Post != 1 {
		t.Errorf("heading = %+v", h)
	}
	want := time.Date(2025, 4, 14, 14, 15, 0, 0, time.UTC)
	if !a.Blocks[1].Time.Equal(want) {
		t.Errorf("post time = %v, want %v", a.Blocks[1].Time, want)
	}
}

// TestExamples checks the cleaning of the five example reports as a whole:
// offsets exact, nothing of a caption or credit left in a sentence.
func TestExamples(t *testing.T) {
	docs, err := ingest.Read(context.Background(), []string{"../../examples"}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := newCleaner(t)
	wantOutlets := []string{"BBC News", "The Guardian", "Reuters", "AFP", "unnamed outlet (004)"}
	for i, d := range docs {
		a := c.Clean(d)
		if a.Outlet != wantOutlets[i] {
			t.Errorf("%s: outlet %q, want %q", d.Path, a.Outlet, wantOutlets[i])
		}
		runes := []rune(d.Text)
		for _, s := range a.Sentences {
			if strings.ReplaceAll(string(runes[s.Start:s.End]), "\n", " ") != s.Text {
				t.Errorf("%s: sentence offsets %d:%d wrong for %q", d.Path, s.Start, s.End, s.Text)
			}
			for _, bad := range []string{"Image source", "Photograph:", "published at", "©", "image source from", "Stick with us", "date 2025"} {
				if strings.Contains(s.Text, bad) {
					t.Errorf("%s: sentence keeps %q: %q", d.Path, bad, s.Text)
				}
			}
		}
	}
}

func BenchmarkClean(b *testing.B) {
	docs, err := ingest.Read(context.Background(), []string{"../../examples"}, ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	c := newCleaner(b)
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, d := range docs {
			c.Clean(d)
		}
	}
}

// TestHardWrapped reads a newswire story wrapped at 70 columns, as archives
// such as the DUC and TDT corpora keep them: lines are joined into
// paragraphs, sentences run across line breaks, the dateline is cut.
func TestHardWrapped(t *testing.T) {
	text := `   WASHINGTON (AP) _ El Salvador's President Nayib Bukele said on Monday
he had no plans to return a man mistakenly deported from the United
States as he met U.S. President Donald Trump at the White House.
   The Trump administration has deported hundreds of people, mostly
Venezuelans, to El Salvador under the 1798 Alien Enemies Act, including
a Maryland resident it has acknowledged deporting by mistake.
   Mr. Bukele said he did not have the power to return Salvadoran Kilmar
Abrego Garcia to the United States.
`
	a := newCleaner(t).Clean(parallax.Document{Path: "apw.txt", Text: text})
	var got []string
	for _, s := range a.Sentences {
		got = append(got, s.Text)
	}
	want := []string{
		"El Salvador's President Nayib Bukele said on Monday he had no plans to return a man mistakenly deported from the United States as he met U.S. President Donald Trump at the White House.",
		"The Trump administration has deported hundreds of people, mostly Venezuelans, to El Salvador under the 1798 Alien Enemies Act, including a Maryland resident it has acknowledged deporting by mistake.",
		"Mr. Bukele said he did not have the power to return Salvadoran Kilmar Abrego Garcia to the United States.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
	if a.Outlet != "Associated Press" {
		t.Errorf("outlet = %q", a.Outlet)
	}
}

func TestOutletNames(t *testing.T) {
	c := newCleaner(t)
	text := "Mr Bukele said he did not have the power to return him."
	tests := []struct {
		doc      parallax.Document
		id, name string
	}{
		{parallax.Document{Path: "a.rss#1", Source: "World news | The Guardian", URL: "https://www.theguardian.com/world/x"}, "guardian", "The Guardian"},
		{parallax.Document{Path: "a.rss#1", Source: "World news | The Guardian"}, "guardian", "The Guardian"},
		{parallax.Document{Path: "a.jsonl:1", Source: "Reuters"}, "reuters", "Reuters"},
		{parallax.Document{Path: "a.jsonl:1", Source: "El Faro"}, "el-faro", "El Faro"},
		{parallax.Document{Path: "a.html", URL: "https://news.example.org/2025/04/14/bukele"}, "example", "Example"},
		{parallax.Document{Path: "a.html", URL: "https://edition.somepaper.co.uk/world/bukele"}, "somepaper", "Somepaper"},
		{parallax.Document{Path: "a.html", URL: "http://uk.eonline.com/news/414523/lindsay-lohan"}, "eonline", "E! News"},
		{parallax.Document{Path: "a.html", URL: "http://music.yahoo.com/news/lawyer-lindsay-lohan"}, "yahoo", "Yahoo"},
		{parallax.Document{Path: "a.html", URL: "http://nypost.com/2013/05/02/lindsay-lohan"}, "nypost", "New York Post"},
		{parallax.Document{Path: "a.html", URL: "https://www.bbc.co.uk/news/live/c4g0"}, "bbc", "BBC News"},
		{parallax.Document{Path: "dir/002_a2dff19a86e212a7.txt"}, "002", "unnamed outlet (002)"},
		{parallax.Document{Path: "dir/17.txt"}, "17", "unnamed outlet (17)"},
		{parallax.Document{Path: "a.jsonl:7", ID: "13_4ecb"}, "13-4ecb", "13_4ecb"},
	}
	for _, tt := range tests {
		tt.doc.Text = text
		a := c.Clean(tt.doc)
		if a.SourceID != tt.id || a.Outlet != tt.name {
			t.Errorf("%+v: got %q %q, want %q %q", tt.doc, a.SourceID, a.Outlet, tt.id, tt.name)
		}
		if got := clean.Outlet(&tt.doc); got != tt.name {
			t.Errorf("%+v: Outlet = %q, want %q", tt.doc, got, tt.name)
		}
	}
	// Without cleaning, the examples' outlets are named as cleaning names
	// them: agency tails and datelines included.
	docs, err := ingest.Read(context.Background(), []string{"../../examples", "../cluster/testdata/ecbplus-1-7-12.jsonl"}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if got, want := clean.Outlet(&d), c.Clean(d).Outlet; got != want {
			t.Errorf("%s: Outlet = %q, Clean names %q", d.Path, got, want)
		}
	}
}

// FuzzClean checks that any text cleans without panic into blocks,
// sentences and removals whose offsets are in range and whose texts are
// the words at those offsets.
func FuzzClean(f *testing.F) {
	for _, s := range []string{
		" date 2025-04-14 El Salvador's president meets Trump. Photograph: Win McNamee/Getty Images\n\nHe said “no.” – Reuters",
		"  1. White House waits for Bukelepublished at 15:21 British Summer Time 14 April\n\n    Bernd Debusmann Jr\n    Reporting from the White House\n",
		"Exterior of the White HousdeImage source, Bernd Debusmann Jr/BBC News\nMedia caption,\n\nx",
		"WASHINGTON (AP) _ a\nb\nc. ” “ … \u00a0\r\n",
	} {
		f.Add(s)
	}
	c, err := clean.New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		a := c.Clean(parallax.Document{Path: "fuzz.txt", Text: s})
		runes := []rune(s)
		for _, r := range a.Removed {
			if r.Start < 0 || r.End > len(runes) || r.Start >= r.End || string(runes[r.Start:r.End]) != r.Text {
				t.Fatalf("bad removal %+v of %q", r, s)
			}
		}
		for _, b := range a.Blocks {
			if b.Start < 0 || b.End > len(runes) || b.Start >= b.End || string(runes[b.Start:b.End]) != b.Text {
				t.Fatalf("bad block %+v of %q", b, s)
			}
		}
		for _, st := range a.Sentences {
			if st.Start < 0 || st.End > len(runes) || st.Start >= st.End {
				t.Fatalf("bad sentence %+v of %q", st, s)
			}
		}
	})
}

// TestHeadlineOnly: an article that is a headline alone keeps it as its
// one sentence.
func TestHeadlineOnly(t *testing.T) {
	c := newCleaner(t)
	for _, d := range []parallax.Document{
		{Title: "Council approves the harbour plan", Text: "Council approves the harbour plan"},
		{Text: "Council approves the harbour plan"},
	} {
		a := c.Clean(d)
		if len(a.Sentences) != 1 || a.Sentences[0].Text != "Council approves the harbour plan" {
			t.Errorf("%+v: sentences %+v", d, a.Sentences)
		}
	}
}
