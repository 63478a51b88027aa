package web

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/desk"
	"github.com/parallax-news/parallax/internal/render"
)

//go:embed openapi.json
var openAPI []byte

// apiDocument serves the OpenAPI 3.1 document of /api/v1.
func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) error {
	writeBody(w, r, http.StatusOK, "application/json", openAPI)
	return nil
}

// writeJSON writes v as the JSON body of an answer.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return parallax.Errorf(parallax.EINTERNAL, r.URL.Path, "encode: %w", err)
	}
	writeBody(w, r, status, "application/json", append(body, '\n'))
	return nil
}

// storyList is a page of the list of stories, and the cursor of the next
// page (empty on the last).
type storyList struct {
	Stories []parallax.StoryInfo `json:"stories"`
	Next    string               `json:"next,omitempty"`
}

// apiStories lists the stories, the most recently updated first, a page
// at a time: cursor, limit (1 to 200, default 30), since and source. The
// next page's address is in the Link header too.
func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) error {
	lq, err := s.filterQuery(r)
	if err != nil {
		return err
	}
	if lq.Limit, err = intParam(r, "limit", perPage, 1); err != nil {
		return err
	}
	lq.Limit = min(lq.Limit, maxLimit)
	if lq.Offset, err = parseCursor(r.URL.Query().Get("cursor")); err != nil {
		return err
	}
	list, more, err := s.stories(r, lq, true)
	if err != nil {
		return err
	}
	out := storyList{Stories: list}
	if more {
		out.Next = cursor(lq.Offset + len(list))
		q := url.Values{}
		for k, v := range lq.Raw {
			q[k] = v
		}
		q.Set("cursor", out.Next)
		q.Set("limit", itoa(lq.Limit))
		w.Header().Set("Link", fmt.Sprintf(`</api/v1/stories?%s>; rel="next"`, q.Encode()))
	}
	return writeJSON(w, r, http.StatusOK, out)
}

// apiStory serves a story's latest brief, the contract of `brief --format
// json`. Its version and whether it is current are in the headers
// Parallax-Brief-Version and Parallax-Brief-Current. While the first brief
// is written it answers 503 with Retry-After.
func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) error {
	id, err := storyID(r)
	if err != nil {
		return err
	}
	wr, err := s.apiBrief(w, r, id)
	if err != nil || wr == nil {
		return err
	}
	body, err := s.cache.make(fmt.Sprintf("api/story/%d/%d/%t", id, wr.Version, wr.Current), func() ([]byte, error) {
		var buf bytes.Buffer
		err := render.JSON(&buf, wr.Brief)
		return buf.Bytes(), err
	})
	if err != nil {
		return parallax.Errorf(parallax.EINTERNAL, r.URL.Path, "encode brief: %w", err)
	}
	w.Header().Set("Parallax-Brief-Version", itoa(wr.Version))
	w.Header().Set("Parallax-Brief-Current", fmt.Sprint(wr.Current))
	writeBody(w, r, http.StatusOK, "application/json", body)
	return nil
}

// apiBrief returns story id's latest brief. While its first brief is
// written it answers 503 with Retry-After and returns nil.
func (s *Server) apiBrief(w http.ResponseWriter, r *http.Request, id int) (*desk.Written, error) {
	if _, err := s.storyInfo(r); err != nil {
		return nil, err
	}
	wr, err := s.brief(r, id)
	if err == nil && wr.Brief != nil {
		return wr, nil
	}
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return nil, err
	}
	w.Header().Set("Retry-After", "5")
	s.fail(w, r, parallax.Errorf(parallax.EUNAVAILABLE, r.URL.Path, "the brief of story %d is being written: try again in a few seconds", id))
	return nil, nil
}

// apiChanges says what changed in a story since a version (since, 0 for
// everything), the contract of `show --changes-since --format json`.
func (s *Server) apiChanges(w http.ResponseWriter, r *http.Request) error {
	id, err := storyID(r)
	if err != nil {
		return err
	}
	since, err := intParam(r, "since", 0, 0)
	if err != nil {
		return err
	}
	wr, err := s.apiBrief(w, r, id)
	if err != nil || wr == nil {
		return err
	}
	ch, _, err := s.changes(r.Context(), wr, since)
	if err != nil {
		return err
	}
	return writeJSON(w, r, http.StatusOK, ch)
}

// articleJSON is a stored article as the API gives it.
type articleJSON struct {
	Key       string    `json:"key"`
	ID        string    `json:"id,omitempty"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title"`
	Source    string    `json:"source,omitempty"`
	Outlet    string    `json:"outlet,omitempty"`
	Author    string    `json:"author,omitempty"`
	Lang      string    `json:"lang,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Text      string    `json:"text"`
	Story     int       `json:"story"`
	Version   int       `json:"version"`
	Added     time.Time `json:"added"`
	Updated   time.Time `json:"updated"`
}

// apiArticle serves a stored article by key.
func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) error {
	a, err := s.article(r)
	if err != nil {
		return err
	}
	return writeJSON(w, r, http.StatusOK, articleJSON{Key: a.Key, ID: a.ID, URL: a.URL, Title: a.Title, Source: a.Source,
		Outlet: a.Outlet, Author: a.Author, Lang: a.Lang, Published: a.Published, Text: a.Text, Story: a.Story,
		Version: a.Version, Added: a.Added, Updated: a.Updated})
}

// apiSearch finds articles: q, since, source, limit (1 to 200, default 20).
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	limit, err := intParam(r, "limit", 20, 1)
	if err != nil {
		return err
	}
	if strings.TrimSpace(r.URL.Query().Get("q")) == "" {
		return parallax.Errorf(parallax.EUSAGE, "q", "a search needs a query: ?q=WORDS")
	}
	_, hits, err := s.search(r, min(limit, maxLimit))
	if err != nil {
		return err
	}
	return writeJSON(w, r, http.StatusOK, map[string][]parallax.SearchHit{"hits": hits})
}

// apiFeeds lists the feeds followed with their health.
func (s *Server) apiFeeds(w http.ResponseWriter, r *http.Request) error {
	feeds, err := s.store.Feeds(r.Context())
	if err != nil {
		return err
	}
	if feeds == nil {
		feeds = []parallax.Feed{}
	}
	return writeJSON(w, r, http.StatusOK, map[string][]parallax.Feed{"feeds": feeds})
}

// apiHealth says the server is up and how many articles its store holds.
func (s *Server) apiHealth(w http.ResponseWriter, r *http.Request) error {
	n, err := s.store.Count(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, r, http.StatusOK, map[string]any{"status": "ok", "articles": n})
}

// apiAddFeed follows a feed: {"url": "https://…"}. It answers 201 with
// the feed, 409 when it is followed already, 422 for an address that is
// not http or https.
func (s *Server) apiAddFeed(w http.ResponseWriter, r *http.Request) error {
	raw, err := s.readBody(w, r)
	if err != nil {
		return err
	}
	var in struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(raw, &in); err != nil {
		return parallax.Errorf(parallax.EINVALID, r.URL.Path, "want {\"url\": \"https://…\"}: %w", err)
	}
	u := strings.TrimSpace(in.URL)
	if safeLink(u) == "" {
		return parallax.Errorf(parallax.EINVALID, "url", "want an http:// or https:// address, got %q", in.URL)
	}
	at := s.now().UTC()
	if err := s.store.AddFeed(r.Context(), u, at); err != nil {
		if parallax.ErrorCode(err) == parallax.ECONFLICT {
			return parallax.Errorf(parallax.ECONFLICT, u, "this feed is followed already")
		}
		return err
	}
	w.Header().Set("Location", "/api/v1/feeds")
	return writeJSON(w, r, http.StatusCreated, parallax.Feed{URL: u, Added: at})
}
