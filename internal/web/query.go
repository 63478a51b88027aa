package web

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// perPage is the number of stories of a page of the front page, and the
// default of the API's list.
const perPage = 30

// maxLimit is the largest page of the API's lists.
const maxLimit = 200

// listQuery is what a list of stories asks for: the filter, where the page
// starts and its length.
type listQuery struct {
	Since  time.Time
	Source string
	Min    int
	Offset int
	Limit  int
	// Raw are the filter's parameters as given, for links to other pages.
	Raw url.Values
}

// parseSince reads a point in time: a duration back from now ("24h",
// "7d") or a date or time ("2025-04-14", RFC 3339); empty is the zero
// time. It fails with EUSAGE naming the parameter.
func parseSince(name, s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if n, ok := strings.CutSuffix(s, "d"); ok {
		if days, err := strconv.Atoi(n); err == nil && days >= 0 {
			return now.AddDate(0, 0, -days).Truncate(time.Second), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d).Truncate(time.Second), nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, parallax.Errorf(parallax.EUSAGE, name, "want a duration such as 24h or 7d, or a date such as 2025-04-14, got %q", s)
}

// intParam reads an integer parameter of at least min, def when absent.
// It fails with EUSAGE naming the parameter.
func intParam(r *http.Request, name string, def, min int) (int, error) {
	raw := strings.TrimSpace(r.URL.Query().Get(name))
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < min {
		return 0, parallax.Errorf(parallax.EUSAGE, name, "want a whole number of at least %d, got %q", min, raw)
	}
	return n, nil
}

// filterQuery reads the filter of a list of stories: since, source and
// min (the fewest articles).
func (s *Server) filterQuery(r *http.Request) (listQuery, error) {
	q := r.URL.Query()
	var lq listQuery
	var err error
	if lq.Since, err = parseSince("since", q.Get("since"), s.now()); err != nil {
		return lq, err
	}
	if lq.Min, err = intParam(r, "min", 0, 0); err != nil {
		return lq, err
	}
	lq.Source = strings.TrimSpace(q.Get("source"))
	lq.Raw = url.Values{}
	for _, k := range []string{"since", "source", "min"} {
		if v := strings.TrimSpace(q.Get(k)); v != "" {
			lq.Raw.Set(k, v)
		}
	}
	return lq, nil
}

// stories returns a page of the stories the query selects, the most
// recently updated first, and whether more follow. The list is kept a
// moment (see lists) unless fresh is true.
func (s *Server) stories(r *http.Request, lq listQuery, fresh bool) ([]parallax.StoryInfo, bool, error) {
	f := parallax.StoryFilter{Since: lq.Since, Source: lq.Source, MinArticles: lq.Min, Offset: lq.Offset, Limit: lq.Limit + 1}
	var list []parallax.StoryInfo
	var err error
	if fresh {
		list, err = s.store.Stories(r.Context(), f)
	} else {
		key := fmt.Sprintf("%d|%s|%d|%d|%d", f.Since.UnixNano(), f.Source, f.MinArticles, f.Offset, f.Limit)
		list, err = s.lists.get(key, s.desk.Generation(), s.now(), func() ([]parallax.StoryInfo, error) {
			return s.store.Stories(r.Context(), f)
		})
	}
	if err != nil {
		return nil, false, err
	}
	if len(list) > lq.Limit {
		return list[:lq.Limit], true, nil
	}
	return list, false, nil
}

// cursor is the opaque token of the page that starts at offset.
func cursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o" + strconv.Itoa(offset)))
}

// parseCursor reads a cursor (empty is the first page). It fails with
// EUSAGE for a token that no page gave.
func parseCursor(raw string) (int, error) {
	if raw == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err == nil {
		if n, ok := strings.CutPrefix(string(b), "o"); ok {
			if off, err := strconv.Atoi(n); err == nil && off >= 0 {
				return off, nil
			}
		}
	}
	return 0, parallax.Errorf(parallax.EUSAGE, "cursor", "not a cursor of this list: %q", raw)
}

// now is the server's clock.
func (s *Server) now() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
}

// storyID reads the {id} of a story's path. It fails with EUSAGE for an
// id that is not a number.
func storyID(r *http.Request) (int, error) {
	raw := r.PathValue("id")
	id, err := strconv.Atoi(raw)
	if err != nil || id <= 0 {
		return 0, parallax.Errorf(parallax.EUSAGE, r.URL.Path, "story id %q is not a number", raw)
	}
	return id, nil
}

// itoa is strconv.Itoa.
func itoa(n int) string { return strconv.Itoa(n) }
