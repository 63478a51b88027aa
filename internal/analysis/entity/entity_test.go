package entity

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/parallaxtest"
)

// TestExamples checks the main entities of the example story: their kind,
// the aliases merged into them (spellings, titles, surnames), the
// descriptions outlets give them and the sources that mention them.
func TestExamples(t *testing.T) {
	ix := Extract(parallaxtest.Examples(t))
	tests := []struct {
		name, kind   string
		aliases      []string
		descriptions []string
		sources      []string
	}{
		{"Kilmar Abrego Garcia", parallax.EntityPerson, []string{"Abrego Garcia", "Mr Abrego Garcia", "Kilmar Abrego García", "García", "Kilmar"},
			[]string{"29", "Salvadoran"}, []string{"bbc", "guardian", "reuters", "afp", "004"}},
		{"Nayib Bukele", parallax.EntityPerson, []string{"Bukele", "Mr Bukele"},
			[]string{"El Salvador's President", "43-year-old"}, []string{"bbc", "guardian", "reuters", "afp", "004"}},
		{"Donald Trump", parallax.EntityPerson, []string{"Trump", "Mr Trump"}, []string{"78-year-old", "US President"}, nil},
		{"Stephen Miller", parallax.EntityPerson, []string{"Miller"}, []string{"White House deputy chief of staff", "deputy chief of staff"}, []string{"guardian", "reuters", "004"}},
		{"Marco Rubio", parallax.EntityPerson, []string{"Rubio"}, []string{"secretary of state"}, nil},
		{"Karoline Leavitt", parallax.EntityPerson, []string{"Leavitt"}, []string{"press secretary"}, []string{"004"}},
		{"Paula Xinis", parallax.EntityPerson, nil, []string{"judge"}, []string{"reuters"}},
		{"White House", parallax.EntityOrganization, nil, nil, nil},
		{"Supreme Court", parallax.EntityOrganization, nil, nil, nil},
		{"Alien Enemies Act", parallax.EntityLaw, nil, nil, []string{"reuters", "004"}},
		{"Oval Office", parallax.EntityFacility, nil, nil, []string{"bbc", "guardian", "reuters", "afp"}},
		{"Centre for Terrorism Confinement", parallax.EntityFacility, []string{"Terrorism Confinement Centre", "Cecot", "CECOT"}, nil,
			[]string{"bbc", "guardian", "reuters", "afp", "004"}},
		{"World War II", parallax.EntityEvent, nil, nil, []string{"004"}},
		{"Trump administration", parallax.EntityOrganization, nil, nil, nil},
		{"El Salvador", parallax.EntityPlace, nil, nil, nil},
		{"United States", parallax.EntityPlace, []string{"US", "U.S."}, nil, nil},
		{"Maryland", parallax.EntityPlace, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ok := ix.Lookup(tt.name)
			if !ok {
				t.Fatalf("entity %q not found", tt.name)
			}
			if e.Kind != tt.kind {
				t.Errorf("kind %q, want %q", e.Kind, tt.kind)
			}
			for _, a := range tt.aliases {
				if !containsFold(e.Aliases, a) {
					t.Errorf("alias %q missing from %q", a, e.Aliases)
				}
			}
			for _, d := range tt.descriptions {
				if !containsFold(e.Descriptions, d) {
					t.Errorf("description %q missing from %q", d, e.Descriptions)
				}
			}
			if tt.sources != nil {
				if diff := cmp.Diff(tt.sources, e.Sources); diff != "" {
					t.Errorf("sources mismatch (-want +got):\n%s", diff)
				}
			}
			for _, s := range e.Sources {
				if e.Mentions[s] == 0 {
					t.Errorf("source %q has no mentions", s)
				}
			}
			if len(e.Mentions) != len(e.Sources) {
				t.Errorf("mentions %v do not match sources %v", e.Mentions, e.Sources)
			}
		})
	}
	// Order: total mentions, descending.
	ents := ix.Entities()
	for i := 1; i < len(ents); i++ {
		if sum(ents[i].Mentions) > sum(ents[i-1].Mentions) {
			t.Errorf("%q (%d) after %q (%d)", ents[i].Name, sum(ents[i].Mentions), ents[i-1].Name, sum(ents[i-1].Mentions))
		}
	}
	// No entity is a bare title, month or pronoun.
	for _, e := range ents {
		switch strings.ToLower(e.Name) {
		case "president", "mr", "monday", "march", "he", "the", "summary":
			t.Errorf("spurious entity %q", e.Name)
		}
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if Fold(x) == Fold(s) {
			return true
		}
	}
	return false
}

// TestResolve checks that titles, surnames, spellings and possessives
// resolve to one canonical name.
func TestResolve(t *testing.T) {
	arts := parallaxtest.Examples(t)
	ix := Extract(arts)
	reuters := 2 // 002_…: Reuters
	tests := []struct {
		article int
		mention string
		want    string
		ok      bool
	}{
		{reuters, "Mr Abrego Garcia", "Kilmar Abrego Garcia", true},
		{reuters, "Garcia", "Kilmar Abrego Garcia", true},
		{1, "García’s", "Kilmar Abrego Garcia", true},
		{reuters, "Abrego-Garcia", "Kilmar Abrego Garcia", true},
		{reuters, "Mr Bukele", "Nayib Bukele", true},
		{3, "President Nayib Bukele", "Nayib Bukele", true},
		{reuters, "the White House", "White House", true},
		{reuters, "U.S.", "United States", true},
		{4, "Leavitt", "Karoline Leavitt", true},
		{reuters, "Zorro", "", false},
		{-1, "Miller", "Stephen Miller", true},
	}
	for _, tt := range tests {
		got, ok := ix.Resolve(tt.article, tt.mention)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Resolve(%d, %q) = %q, %v; want %q, %v", tt.article, tt.mention, got, ok, tt.want, tt.ok)
		}
	}
}

// TestTitles checks person names split from titles and organisations on
// real ECB+ sentences.
func TestTitles(t *testing.T) {
	tests := []struct {
		in   string
		want map[string]string // name → kind
		desc map[string]string // name → a description
	}{
		{`"A man who apparently had just been let go from his job there came in, shot and killed another man," Police Constable Tim Fanning said.`,
			map[string]string{"Tim Fanning": parallax.EntityPerson}, map[string]string{"Tim Fanning": "Police Constable"}},
		{`"I'm giving you the maximum -- every day I could give you," Superior Court Judge James Bodiford said, in the same court where the killing occurred.`,
			map[string]string{"James Bodiford": parallax.EntityPerson, "Superior Court": parallax.EntityOrganization}, map[string]string{"James Bodiford": "Superior Court Judge"}},
		{`He was subsequently tased by police," said Bloomington Police Sgt. Marty Earley.`,
			map[string]string{"Marty Earley": parallax.EntityPerson, "Bloomington Police": parallax.EntityOrganization}, nil},
		{`Turkmenistan voted Sunday in an election for 288 candidates, all of whom support the policies of President Gurbanguly Berdymukhamedov in the ex-Soviet republic. Berdymukhamedov said the vote was fair.`,
			map[string]string{"Gurbanguly Berdymukhamedov": parallax.EntityPerson, "Turkmenistan": parallax.EntityPlace}, map[string]string{"Gurbanguly Berdymukhamedov": "President"}},
		{`The Justice Department and the Department of Homeland Security said they would look into it. DHS declined to comment.`,
			map[string]string{"Justice Department": parallax.EntityOrganization, "Department of Homeland Security": parallax.EntityOrganization}, nil},
		{`"I attach hopes for the better to these elections, especially for our children," Valentina Redzhepova, an official at one of Ashgabat's voting precincts, told AFP.`,
			map[string]string{"Valentina Redzhepova": parallax.EntityPerson, "AFP": parallax.EntityOrganization}, map[string]string{"Valentina Redzhepova": "official at one of Ashgabat's voting precincts"}},
	}
	// A name without its middle name is the same person; a title of
	// several words is a description, not part of the name.
	tests = append(tests, struct {
		in   string
		want map[string]string
		desc map[string]string
	}{
		`Attorney Mark Jay Heller told the judge that Lohan had checked in. "She's in rehab right now," Mark Heller said. City Attorney Terry White said he was "completely blindsided" by the move.`,
		map[string]string{"Mark Jay Heller": parallax.EntityPerson, "Mark Heller": "", "Terry White": parallax.EntityPerson, "City Attorney Terry White": ""},
		map[string]string{"Terry White": "City Attorney"},
	})
	for _, tt := range tests {
		ix := Extract([]*parallax.Article{parallaxtest.Article(t, tt.in)})
		got := map[string]string{}
		for _, e := range ix.Entities() {
			got[e.Name] = e.Kind
		}
		for name, kind := range tt.want {
			if got[name] != kind {
				t.Errorf("%q: entity %q kind %q, want %q (all: %v)", clip(tt.in), name, got[name], kind, got)
			}
		}
		for name, d := range tt.desc {
			e, _ := ix.Lookup(name)
			if !containsFold(e.Descriptions, d) {
				t.Errorf("%q: %q descriptions %q lack %q", clip(tt.in), name, e.Descriptions, d)
			}
		}
	}
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// TestMentionOffsets checks that every mention's text is the article's
// text at its span and that the full span holds it.
func TestMentionOffsets(t *testing.T) {
	arts := parallaxtest.Examples(t)
	ix := Extract(arts)
	n := 0
	for i, a := range arts {
		r := []rune(a.Text)
		for _, m := range ix.Mentions(i) {
			n++
			if got := string(r[m.Start:m.End]); got != m.Text {
				t.Errorf("%s: mention text %q at %d-%d, want %q", a.Path, got, m.Start, m.End, m.Text)
			}
			if m.Full.Start > m.Start || m.Full.End < m.End {
				t.Errorf("%s: full span %v does not hold %v", a.Path, m.Full, m.Span)
			}
			if _, ok := ix.Lookup(m.Name); !ok {
				t.Errorf("%s: mention of unknown entity %q", a.Path, m.Name)
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d mentions in the examples", n)
	}
	if ix.Mentions(-1) != nil || ix.Mentions(len(arts)) != nil {
		t.Error("Mentions out of range returned mentions")
	}
}

// TestDemonym checks demonyms, singular and plural.
func TestDemonym(t *testing.T) {
	tests := map[string]string{"Salvadoran": "El Salvador", "Venezuelans": "Venezuela", "American": "United States", "Salvadorean": "El Salvador"}
	for in, want := range tests {
		if got, ok := Demonym(in); !ok || got != want {
			t.Errorf("Demonym(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := Demonym("Bukele"); ok {
		t.Error(`Demonym("Bukele") found a place`)
	}
}

// TestNil checks that a nil index answers empty.
func TestNil(t *testing.T) {
	var ix *Index
	if ix.Entities() != nil || ix.Mentions(0) != nil || ix.Gender("x") != "" {
		t.Error("nil index answered")
	}
	if _, ok := ix.Resolve(0, "Bukele"); ok {
		t.Error("nil index resolved a name")
	}
	if got := Extract(nil).Entities(); len(got) != 0 {
		t.Errorf("Extract(nil) = %v", got)
	}
}

// BenchmarkExtract measures entity extraction over the five examples.
func BenchmarkExtract(b *testing.B) {
	arts := parallaxtest.Examples(b)
	for b.Loop() {
		Extract(arts)
	}
}
