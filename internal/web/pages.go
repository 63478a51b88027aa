package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/desk"
	"github.com/parallax-news/parallax/internal/library"
	"github.com/parallax-news/parallax/internal/render"
)

// card is a story on the front page.
type card struct {
	Info parallax.StoryInfo
	// Lead is the first sentence of the summary, empty while no brief is
	// written.
	Lead string
	// Names are the story's most mentioned people and organisations.
	Names []string
	// Disputes counts the disagreements between its sources.
	Disputes int
	// Outlets are the first outlets' names, More the rest counted.
	Outlets []string
	More    int
}

// frontView is the front page.
type frontView struct {
	Cards       []card
	Filter      listQuery
	Page        int
	Prev, Next  string
	SinceChoice []choice
	MinChoice   []choice
}

// choice is one option of a select of the filter form.
type choice struct {
	Value, Label string
	Selected     bool
}

func choices(current string, pairs ...string) []choice {
	var out []choice
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, choice{Value: pairs[i], Label: pairs[i+1], Selected: pairs[i] == current})
	}
	return out
}

// frontPage shows the stories, the most recently updated first, a page
// at a time, with the filter form and the search box. A page is rendered
// once for all the readers of a moment (see recent).
func (s *Server) frontPage(w http.ResponseWriter, r *http.Request) error {
	lq, err := s.filterQuery(r)
	if err != nil {
		return err
	}
	pg, err := intParam(r, "page", 1, 1)
	if err != nil {
		return err
	}
	lq.Offset, lq.Limit = (pg-1)*perPage, perPage
	key := "front?" + lq.Raw.Encode() + "&page=" + itoa(pg)
	gen := s.desk.Generation()
	made, err := s.fronts.get(key, gen, s.now(), func() (rendered, error) {
		v, err := s.front(r, lq, pg)
		if err != nil {
			return rendered{}, err
		}
		body, err := s.page("front.html", page{Title: "Stories", Atom: "/feed.atom", Body: v})
		return rendered{body, s.now().UnixNano()}, err
	})
	if err != nil {
		return err
	}
	s.writePage(w, r, page{}, fmt.Sprintf("%s/%d/%d", key, gen, made.at), made.body)
	return nil
}

// rendered is a page rendered at a time (Unix nanoseconds), which names
// it in the cache.
type rendered struct {
	body []byte
	at   int64
}

// front makes page pg of the front page.
func (s *Server) front(r *http.Request, lq listQuery, pg int) (*frontView, error) {
	list, more, err := s.stories(r, lq, false)
	if err != nil {
		return nil, err
	}
	v := &frontView{Filter: lq, Page: pg,
		SinceChoice: choices(lq.Raw.Get("since"), "", "any time", "24h", "the last 24 hours", "7d", "the last 7 days", "30d", "the last 30 days"),
		MinChoice:   choices(lq.Raw.Get("min"), "", "any size", "2", "2 articles or more", "5", "5 articles or more", "10", "10 articles or more")}
	for _, info := range list {
		v.Cards = append(v.Cards, s.card(r.Context(), info))
	}
	if pg > 1 {
		v.Prev = pageLink("/", lq.Raw, "page", pg-1)
	}
	if more {
		v.Next = pageLink("/", lq.Raw, "page", pg+1)
	}
	return v, nil
}

// pageLink is the address of another page of a list.
func pageLink(path string, raw url.Values, param string, n int) string {
	q := url.Values(maps.Clone(raw))
	q.Set(param, itoa(n))
	return path + "?" + q.Encode()
}

// card makes the front-page card of a story from its latest brief, if any:
// it never waits for one.
func (s *Server) card(ctx context.Context, info parallax.StoryInfo) card {
	c := card{Info: info}
	c.Outlets, c.More = firstNames(info.Sources, 5)
	w, err := s.desk.Latest(ctx, info.ID, false)
	if err != nil || w.Brief == nil {
		return c
	}
	b := w.Brief
	if len(b.Summary) > 0 {
		c.Lead = b.Summary[0].Text
	}
	c.Outlets, c.More = firstNames(outletNames(b.Sources), 5)
	for _, x := range b.Conflicts {
		if !x.Consistent {
			c.Disputes++
		}
	}
	c.Names = topNames(b.Entities, 3)
	return c
}

// firstNames returns the first n names and how many more there are.
func firstNames(names []string, n int) ([]string, int) {
	shown, rest := fold(names, n)
	return shown, len(rest)
}

// outletNames returns the names of the outlets of sources, each once.
func outletNames(sources []parallax.Source) []string {
	var out []string
	for _, s := range sources {
		if s.Name != "" && !slices.Contains(out, s.Name) {
			out = append(out, s.Name)
		}
	}
	return out
}

// topNames returns the n people and organisations most mentioned.
func topNames(es []parallax.Entity, n int) []string {
	type named struct {
		name  string
		count int
	}
	var ns []named
	for _, e := range es {
		if e.Kind != parallax.EntityPerson && e.Kind != parallax.EntityOrganization {
			continue
		}
		total := 0
		for _, m := range e.Mentions {
			total += m
		}
		ns = append(ns, named{e.Name, total})
	}
	slices.SortStableFunc(ns, func(a, b named) int { return cmp.Compare(b.count, a.count) })
	var out []string
	for _, x := range ns[:min(n, len(ns))] {
		out = append(out, x.name)
	}
	return out
}

// storyPage shows a story's latest brief, and what changed since a version
// when ?since=V asks. A story merged into another sends the reader there.
// While the story's first brief is written, a page says so and reloads.
func (s *Server) storyPage(w http.ResponseWriter, r *http.Request) error {
	info, err := s.storyInfo(r)
	if err != nil {
		return err
	}
	if info.MergedInto != 0 {
		http.Redirect(w, r, storyURL(info.MergedInto), http.StatusMovedPermanently)
		return nil
	}
	since, err := intParam(r, "since", 0, 0)
	if err != nil {
		return err
	}
	all := r.URL.Query().Get("all") != ""
	wr, err := s.brief(r, info.ID)
	if err != nil || wr.Brief == nil {
		if err != nil && !errors.Is(err, context.DeadlineExceeded) && parallax.ErrorCode(err) != parallax.ENOTFOUND {
			return err
		}
		return s.show(w, r, "pending.html", page{Title: cmp.Or(info.Title, "Story "+itoa(info.ID)), Refresh: 5, Body: info})
	}
	key := fmt.Sprintf("story/%d/%d/%d/%t/%d/%t", info.ID, info.Version, wr.Version, wr.Current, since, all)
	body, err := s.cache.make(key, func() ([]byte, error) {
		v := newStoryView(info, wr, all)
		v.Since = since
		if v.Versions, err = s.store.StoryVersions(r.Context(), info.ID); err != nil {
			return nil, err
		}
		if since > 0 {
			ch, compared, err := s.changes(r.Context(), wr, since)
			if err != nil {
				return nil, err
			}
			v.Changes = newCiter(wr).changes(ch, compared)
		}
		return s.page("story.html", page{Title: cmp.Or(wr.Brief.Title, info.Title), Body: v})
	})
	if err != nil {
		return err
	}
	s.writePage(w, r, page{}, key, body)
	return nil
}

// storyInfo reads the story the request's {id} names from the store. It
// fails with EUSAGE for an id that is not a number and ENOTFOUND for an
// unknown one.
func (s *Server) storyInfo(r *http.Request) (parallax.StoryInfo, error) {
	id, err := storyID(r)
	if err != nil {
		return parallax.StoryInfo{}, err
	}
	info, err := s.store.Story(r.Context(), id)
	if parallax.ErrorCode(err) == parallax.ENOTFOUND {
		return info, parallax.Errorf(parallax.ENOTFOUND, r.URL.Path, "no story %d", id)
	}
	return info, err
}

// brief returns a story's latest brief, waiting at most BriefWait for the
// first one.
func (s *Server) brief(r *http.Request, id int) (*desk.Written, error) {
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.BriefWait)
	defer cancel()
	return s.desk.Latest(ctx, id, true)
}

// maxBack is how many versions before the one asked for changes looks at
// for a kept brief.
const maxBack = 20

// changes compares the brief w with the brief the store keeps of version
// since, else of the nearest version before it that has one (compared is
// the version compared with). It fails with ENOTFOUND when none is kept.
func (s *Server) changes(ctx context.Context, w *desk.Written, since int) (*library.Changes, int, error) {
	switch {
	case since == 0:
		return library.Compare(w.Story, 0, w.Version, nil, w.Brief), 0, nil
	case since >= w.Version:
		return library.Compare(w.Story, since, w.Version, w.Brief, w.Brief), w.Version, nil
	}
	for v := since; v >= 1 && v > since-maxBack; v-- {
		js, err := s.store.Brief(ctx, w.Story, v)
		if parallax.ErrorCode(err) == parallax.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, 0, err
		}
		if old, ok := library.Decode(js, nil); ok {
			return library.Compare(w.Story, since, w.Version, old, w.Brief), v, nil
		}
	}
	return nil, 0, parallax.Errorf(parallax.ENOTFOUND, "since", "no brief of story %d is kept for version %d or the few before it", w.Story, since)
}

// articleView is the article page.
type articleView struct {
	Article    parallax.StoredArticle
	Title      string
	Outlet     string
	Link       string
	StoryTitle string
	Nodes      []*node
	Cited      int
	Removed    int
	Marked     bool
}

// articlePage shows an article's text with the words its story's brief
// cites marked (each citation's anchor is c-START-END) and what cleaning
// cut shown struck through.
func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) error {
	a, err := s.article(r)
	if err != nil {
		return err
	}
	var wr *desk.Written
	if a.Story != 0 {
		wr, _ = s.desk.Latest(r.Context(), a.Story, false) // without a brief the text is shown unmarked
	}
	bv := 0
	if wr != nil && wr.Brief != nil {
		bv = wr.Version
	}
	key := fmt.Sprintf("article/%s/%d/%d/%d", a.Key, a.Version, a.Story, bv)
	body, err := s.cache.make(key, func() ([]byte, error) {
		v := s.articleView(r.Context(), a, wr)
		return s.page("article.html", page{Title: v.Title, Body: v})
	})
	if err != nil {
		return err
	}
	s.writePage(w, r, page{}, key, body)
	return nil
}

// article reads the article the request's {key} names. It fails with
// ENOTFOUND.
func (s *Server) article(r *http.Request) (parallax.StoredArticle, error) {
	key := r.PathValue("key")
	a, err := s.store.Article(r.Context(), key)
	if parallax.ErrorCode(err) == parallax.ENOTFOUND {
		return a, parallax.Errorf(parallax.ENOTFOUND, r.URL.Path, "no article %q", key)
	}
	return a, err
}

func (s *Server) articleView(ctx context.Context, a parallax.StoredArticle, wr *desk.Written) articleView {
	v := articleView{Article: a, Outlet: cmp.Or(a.Outlet, a.Source), Link: safeLink(a.URL)}
	v.Title = cmp.Or(strings.TrimSpace(a.Title), strings.TrimSpace(v.Outlet+" article"))
	if a.Story != 0 {
		if info, err := s.store.Story(ctx, a.Story); err == nil {
			v.StoryTitle = cmp.Or(info.Title, "Story "+itoa(a.Story))
		}
	}
	var marks []render.Mark
	if wr != nil && wr.Brief != nil {
		for i, k := range wr.Keys {
			if k == a.Key && i < len(wr.Brief.Sources) {
				marks = render.Marks(wr.Brief, wr.Brief.Sources[i].ID)
				v.Marked = true
			}
		}
	}
	for _, m := range marks {
		switch m.Kind {
		case render.MarkCite:
			v.Cited++
		case render.MarkRemoved:
			v.Removed++
		}
	}
	v.Nodes = nest([]rune(a.Text), marks)
	return v
}

// searchView is the search page.
type searchView struct {
	Query  string
	Source string
	Since  string
	Hits   []parallax.SearchHit
	Asked  bool
}

// searchPage finds articles: q in the query language of package search,
// since and source as on the front page.
func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) error {
	q, hits, err := s.search(r, perPage)
	if err != nil {
		return err
	}
	v := searchView{Query: q.Text, Source: q.Source, Since: r.URL.Query().Get("since"), Hits: hits, Asked: q.Text != ""}
	p := page{Title: "Search", Query: q.Text, Body: v}
	if q.Text != "" {
		p.Title = "Search: " + q.Text
		p.Atom = "/search.atom?" + r.URL.Query().Encode()
	}
	return s.show(w, r, "search.html", p)
}

// search runs the request's search (none for an empty q).
func (s *Server) search(r *http.Request, limit int) (parallax.SearchQuery, []parallax.SearchHit, error) {
	qs := r.URL.Query()
	q := parallax.SearchQuery{Text: strings.TrimSpace(qs.Get("q")), Source: strings.TrimSpace(qs.Get("source")), Limit: limit}
	var err error
	if q.Since, err = parseSince("since", qs.Get("since"), s.now()); err != nil {
		return q, nil, err
	}
	if q.Text == "" {
		return q, []parallax.SearchHit{}, nil
	}
	hits, err := s.store.Search(r.Context(), q)
	if parallax.ErrorCode(err) == parallax.EUSAGE {
		return q, nil, parallax.Errorf(parallax.EUSAGE, "q", "%w", err)
	}
	return q, hits, err
}

// feedView is a feed with its health in words.
type feedView struct {
	parallax.Feed
	Link   string
	Health string // "ok", "failing" or "new"
}

// feedsPage lists the feeds followed with their health.
func (s *Server) feedsPage(w http.ResponseWriter, r *http.Request) error {
	feeds, err := s.store.Feeds(r.Context())
	if err != nil {
		return err
	}
	vs := make([]feedView, len(feeds))
	for i, f := range feeds {
		vs[i] = feedView{Feed: f, Link: safeLink(f.URL), Health: health(f)}
	}
	return s.show(w, r, "feeds.html", page{Title: "Feeds", Body: vs})
}

// health says how a feed is doing.
func health(f parallax.Feed) string {
	switch {
	case f.Failures > 0:
		return "failing"
	case f.LastSuccess.IsZero():
		return "new"
	}
	return "ok"
}
