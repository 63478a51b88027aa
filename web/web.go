// Package web serves stories and their briefs over HTTP: an index of
// stories, one page per story (the HTML brief, whose citations link to the
// cited words) and a JSON API. Handlers return errors; one adapter turns an
// error into a response with the status of its kind (parallax.HTTPStatus),
// so that the mapping lives in one place.
package web

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/render"
)

//go:embed templates/*.html
var templates embed.FS

// Story is one story the server shows: its number, its brief and the
// articles the brief cites.
type Story struct {
	ID       int
	Brief    *parallax.Brief
	Articles []*parallax.Article
}

// Server serves a fixed set of stories. It is safe for concurrent use: it
// never changes after New.
type Server struct {
	stories []Story
	byID    map[int]int
	index   *template.Template
	log     *slog.Logger
}

// New returns a server of stories, shown in the order given. It fails if a
// story number repeats or the page templates do not parse. A nil logger
// discards the log.
func New(stories []Story, log *slog.Logger) (*Server, error) {
	t, err := template.ParseFS(templates, "templates/index.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse templates: %w", err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{stories: stories, byID: map[int]int{}, index: t, log: log}
	for i, st := range stories {
		if _, dup := s.byID[st.ID]; dup {
			return nil, parallax.Errorf(parallax.EINVALID, "web", "story %d given twice", st.ID)
		}
		s.byID[st.ID] = i
	}
	return s, nil
}

// Handler returns the routes of the server:
//
//	GET /                  the index of stories (HTML)
//	GET /stories/{id}      the brief of a story (HTML)
//	GET /api/stories       the stories: id, title, sources, articles (JSON)
//	GET /api/stories/{id}  the brief of a story (JSON, the brief contract)
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", s.handle(s.showIndex))
	mux.Handle("GET /stories/{id}", s.handle(s.showStory))
	mux.Handle("GET /api/stories", s.handle(s.listStories))
	mux.Handle("GET /api/stories/{id}", s.handle(s.getStory))
	mux.Handle("GET /", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return parallax.Errorf(parallax.ENOTFOUND, r.URL.Path, "no such page")
	}))
	return mux
}

// handlerFunc is a handler that returns its failure instead of writing it.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle adapts a handlerFunc: an error becomes a response with the status
// of its kind, as JSON under /api/ and as text elsewhere. Internal errors
// are logged and shown only as "internal error".
func (s *Server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		status := parallax.HTTPStatus(err)
		msg := err.Error()
		if status >= 500 {
			s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
			msg = "internal error"
		}
		if strings.HasPrefix(r.URL.Path, "/api/") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_ = json.NewEncoder(w).Encode(map[string]string{"error": msg})
			return
		}
		http.Error(w, msg, status)
	})
}

// story finds the story named by the request's {id}. It fails with EUSAGE
// for an id that is not a number and ENOTFOUND for an unknown one.
func (s *Server) story(r *http.Request) (*Story, error) {
	raw := r.PathValue("id")
	id, err := strconv.Atoi(raw)
	if err != nil {
		return nil, parallax.Errorf(parallax.EUSAGE, r.URL.Path, "story id %q is not a number", raw)
	}
	i, ok := s.byID[id]
	if !ok {
		return nil, parallax.Errorf(parallax.ENOTFOUND, r.URL.Path, "no story %d", id)
	}
	return &s.stories[i], nil
}

// summary is the JSON form of a story in the list of stories.
type summary struct {
	ID       int               `json:"id"`
	Title    string            `json:"title"`
	Sources  []parallax.Source `json:"sources"`
	Articles int               `json:"articles"`
}

func (s *Server) summaries() []summary {
	out := make([]summary, 0, len(s.stories))
	for _, st := range s.stories {
		out = append(out, summary{ID: st.ID, Title: st.Brief.Title, Sources: st.Brief.Sources, Articles: len(st.Articles)})
	}
	return out
}

func (s *Server) showIndex(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	return s.index.Execute(w, s.summaries())
}

func (s *Server) showStory(w http.ResponseWriter, r *http.Request) error {
	st, err := s.story(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	return render.HTML(w, []render.Page{{Brief: st.Brief, Articles: st.Articles}})
}

func (s *Server) listStories(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	return json.NewEncoder(w).Encode(s.summaries())
}

func (s *Server) getStory(w http.ResponseWriter, r *http.Request) error {
	st, err := s.story(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	if err := render.JSON(w, st.Brief); err != nil {
		return errors.Join(parallax.Errorf(parallax.EINTERNAL, r.URL.Path, "write brief"), err)
	}
	return nil
}
