package web

import (
	"encoding/xml"
	"net/http"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// atomFeed is an Atom feed (RFC 4287).
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID      string       `xml:"id"`
	Title   string       `xml:"title"`
	Updated string       `xml:"updated"`
	Link    atomLink     `xml:"link"`
	Summary *atomText    `xml:"summary,omitempty"`
	Authors []atomPerson `xml:"author,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// atomEntries is the number of entries of a feed.
const atomEntries = 50

// base is the absolute address of the server as the request reached it.
func base(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// storiesAtom is the Atom feed of the stories, the most recently updated
// first, filtered as the front page is (since, source, min).
func (s *Server) storiesAtom(w http.ResponseWriter, r *http.Request) error {
	lq, err := s.filterQuery(r)
	if err != nil {
		return err
	}
	lq.Limit = atomEntries
	list, _, err := s.stories(r, lq, false)
	if err != nil {
		return err
	}
	b := base(r)
	f := newAtom(b, "/feed.atom", "/", "Parallax: stories")
	for _, info := range list {
		e := atomEntry{ID: b + storyURL(info.ID), Title: entryTitle(info.Title, "Story "+itoa(info.ID)), Updated: atomTime(info.Updated),
			Link: atomLink{Rel: "alternate", Type: "text/html", Href: b + storyURL(info.ID)}}
		if c := s.card(r.Context(), info); c.Lead != "" {
			e.Summary = &atomText{Type: "text", Text: c.Lead}
		}
		f.add(e, info.Updated)
	}
	return writeAtom(w, r, f)
}

// searchAtom is the Atom feed of a search: the articles found, best first.
func (s *Server) searchAtom(w http.ResponseWriter, r *http.Request) error {
	q, hits, err := s.search(r, atomEntries)
	if err != nil {
		return err
	}
	if q.Text == "" {
		return parallax.Errorf(parallax.EUSAGE, "q", "a search feed needs a query: ?q=WORDS")
	}
	b := base(r)
	f := newAtom(b, "/search.atom?"+r.URL.Query().Encode(), "/search?"+r.URL.Query().Encode(), "Parallax: search for "+q.Text)
	for _, h := range hits {
		e := atomEntry{ID: b + articleURL(h.Key, ""), Title: entryTitle(h.Title, h.Key), Updated: atomTime(h.Published),
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: b + articleURL(h.Key, "")},
			Summary: &atomText{Type: "text", Text: strings.NewReplacer(parallax.MarkStart, "", parallax.MarkEnd, "").Replace(h.Snippet)}}
		if h.Source != "" {
			e.Authors = []atomPerson{{Name: h.Source}}
		}
		f.add(e, h.Published)
	}
	return writeAtom(w, r, f)
}

// newAtom starts a feed at self whose page for people is alt.
func newAtom(base, self, alt, title string) *atomFeed {
	return &atomFeed{ID: base + self, Title: title, Author: atomPerson{Name: "Parallax"},
		Updated: atomTime(time.Time{}),
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: base + self},
			{Rel: "alternate", Type: "text/html", Href: base + alt}}}
}

// add adds an entry; the feed is as new as its newest entry.
func (f *atomFeed) add(e atomEntry, at time.Time) {
	f.Entries = append(f.Entries, e)
	if t := atomTime(at); t > f.Updated {
		f.Updated = t
	}
}

// atomTime writes a time as Atom wants it (RFC 3339, UTC); the zero time is
// the Unix epoch, as a date is required.
func atomTime(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339)
}

// entryTitle is an entry's title, def when it has none.
func entryTitle(title, def string) string {
	if t := strings.TrimSpace(title); t != "" {
		return t
	}
	return def
}

func writeAtom(w http.ResponseWriter, r *http.Request, f *atomFeed) error {
	body, err := xml.MarshalIndent(f, "", " ")
	if err != nil {
		return parallax.Errorf(parallax.EINTERNAL, r.URL.Path, "encode feed: %w", err)
	}
	writeBody(w, r, http.StatusOK, "application/atom+xml; charset=utf-8", append([]byte(xml.Header), append(body, '\n')...))
	return nil
}
