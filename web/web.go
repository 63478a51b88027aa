// Package web serves stories and their briefs over HTTP: an index of
// stories, one page per story (the HTML brief, whose citations link to the
// cited words) and a JSON API, through which new articles also arrive. Handlers return errors; one adapter turns an
// error into a response with the status of its kind (parallax.HTTPStatus),
// so that the mapping lives in one place.
package web

import (
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/render"
)

//go:embed templates/*.html
var templates embed.FS

// Server serves the stories of a parallax.StoryService (package desk) and
// takes new articles into it. It is safe for concurrent use as far as the
// service is.
type Server struct {
	stories parallax.StoryService
	index   *template.Template
	log     *slog.Logger
	key     string
}

// Options configures a Server.
type Options struct {
	// Log receives the failures; nil discards them.
	Log *slog.Logger
	// WriteKey is the key a client must send to write (POST), as
	// "Authorization: Bearer KEY"; empty refuses every write.
	WriteKey string
}

// maxArticle is the largest article a client may post, in bytes.
const maxArticle = 10 << 20

// New returns a server of the stories of svc. It fails if the page
// templates do not parse.
func New(svc parallax.StoryService, opts Options) (*Server, error) {
	log := opts.Log
	t, err := template.ParseFS(templates, "templates/index.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse templates: %w", err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Server{stories: svc, index: t, log: log, key: opts.WriteKey}, nil
}

// Handler returns the routes of the server:
//
//	GET /                  the index of stories (HTML)
//	GET /stories/{id}      the brief of a story (HTML)
//	GET /api/stories       the stories: id, title, sources, articles (JSON)
//	GET /api/stories/{id}  the brief of a story (JSON, the brief contract)
//	POST /api/articles     add an article (one JSON record, as in JSON Lines
//	                       input); answers 201 with {"id", "story"}
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /api/articles", s.handle(s.writes(s.addArticle)))
	mux.Handle("GET /{$}", s.handle(s.showIndex))
	mux.Handle("GET /stories/{id}", s.handle(s.showStory))
	mux.Handle("GET /api/stories", s.handle(s.listStories))
	mux.Handle("GET /api/stories/{id}", s.handle(s.getStory))
	mux.Handle("GET /", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return parallax.Errorf(parallax.ENOTFOUND, r.URL.Path, "no such page")
	}))
	return secure(mux)
}

// secure sets the headers every answer carries: no script, no framing, no
// sniffing of types, no referrer sent on.
func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

// writes lets a request through only with the write key, sent as
// "Authorization: Bearer KEY" (a cross-site form cannot send it): 401
// without it or with another, 403 when the server has no key.
func (s *Server) writes(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if s.key == "" {
			return parallax.Errorf(parallax.EFORBIDDEN, r.URL.Path, "writes are off: start the server with a key in $PARALLAX_KEY")
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.key)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="parallax"`)
			return parallax.Errorf(parallax.EUNAUTHORIZED, r.URL.Path, "a write needs the key: send Authorization: Bearer KEY")
		}
		return h(w, r)
	}
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

// story returns the brief and articles of the story named by the request's
// {id}. It fails with EUSAGE for an id that is not a number and ENOTFOUND
// for an unknown one.
func (s *Server) story(r *http.Request) (*parallax.Brief, []*parallax.Article, error) {
	raw := r.PathValue("id")
	id, err := strconv.Atoi(raw)
	if err != nil {
		return nil, nil, parallax.Errorf(parallax.EUSAGE, r.URL.Path, "story id %q is not a number", raw)
	}
	b, arts, err := s.stories.Story(r.Context(), id)
	if parallax.ErrorCode(err) == parallax.ENOTFOUND {
		return nil, nil, parallax.Errorf(parallax.ENOTFOUND, r.URL.Path, "no story %d", id)
	}
	return b, arts, err
}

func (s *Server) showIndex(w http.ResponseWriter, r *http.Request) error {
	list, err := s.stories.Stories(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	return s.index.Execute(w, list)
}

func (s *Server) showStory(w http.ResponseWriter, r *http.Request) error {
	b, arts, err := s.story(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	return render.HTML(w, []render.Page{{Brief: b, Articles: arts}})
}

func (s *Server) listStories(w http.ResponseWriter, r *http.Request) error {
	list, err := s.stories.Stories(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	return json.NewEncoder(w).Encode(list)
}

func (s *Server) getStory(w http.ResponseWriter, r *http.Request) error {
	b, _, err := s.story(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	if err := render.JSON(w, b); err != nil {
		return errors.Join(parallax.Errorf(parallax.EINTERNAL, r.URL.Path, "write brief"), err)
	}
	return nil
}

// addArticle takes one article, a JSON record as in JSON Lines input
// (ingest.DecodeArticle), into its story. It fails with ETOOLARGE for a
// body over maxArticle and with EINVALID for a record that is not an
// article or is already added.
func (s *Server) addArticle(w http.ResponseWriter, r *http.Request) error {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxArticle))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return parallax.Errorf(parallax.ETOOLARGE, r.URL.Path, "article over %d bytes", maxArticle)
		}
		return parallax.Errorf(parallax.EINVALID, r.URL.Path, "read body: %w", err)
	}
	doc, err := ingest.DecodeArticle(r.URL.Path, raw)
	if err != nil {
		return err
	}
	story, err := s.stories.AddArticle(r.Context(), doc)
	if err != nil {
		return err
	}
	key := parallax.Identity(&doc) // its id when it has one, else its URL or text
	s.log.Info("article added", "key", key, "story", story)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Location", "/api/stories/"+strconv.Itoa(story))
	w.WriteHeader(http.StatusCreated)
	return json.NewEncoder(w).Encode(map[string]any{"id": key, "story": story})
}
