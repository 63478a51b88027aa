// Package web serves the stories of a store and their briefs over HTTP:
// pages for people (the front page of stories, a page per story, per
// article, search, feeds, Atom feeds) and a JSON API under /api/v1, through
// which articles and feeds are also added.
//
// Stories, articles, search hits and feeds are read from the store; briefs
// come from the desk, which writes them in the background and keeps them in
// the store, so that a page is served from the last brief written while a
// new one is under way. Handlers return errors; one adapter turns an error
// into a response with the status of its kind (parallax.HTTPStatus): a
// problem detail (RFC 9457) under /api/, an HTML page elsewhere.
package web

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/desk"
)

// Store is what the server reads from the article store, and the one
// thing it writes there itself: the feeds followed. Every parallax.Store
// implements it.
type Store interface {
	Stories(ctx context.Context, f parallax.StoryFilter) ([]parallax.StoryInfo, error)
	Story(ctx context.Context, id int) (parallax.StoryInfo, error)
	StoryVersions(ctx context.Context, id int) ([]parallax.StoryVersion, error)
	Brief(ctx context.Context, id, version int) ([]byte, error)
	Article(ctx context.Context, key string) (parallax.StoredArticle, error)
	Count(ctx context.Context) (int, error)
	Search(ctx context.Context, q parallax.SearchQuery) ([]parallax.SearchHit, error)
	Feeds(ctx context.Context) ([]parallax.Feed, error)
	AddFeed(ctx context.Context, url string, at time.Time) error
}

// Desk is what the server needs from the desk (package desk): the latest
// brief of a story without writing one in the request, and a way in for
// new articles.
type Desk interface {
	// Latest returns the latest brief written of a story (see
	// desk.Desk.Latest).
	Latest(ctx context.Context, id int, wait bool) (*desk.Written, error)
	// AddArticle puts an article into its story, stores it and returns the
	// story's number.
	AddArticle(ctx context.Context, doc parallax.Document) (int, error)
	// Generation grows each time the desk's stories change.
	Generation() int
}

// Options configures a Server. Zero values take the defaults named.
type Options struct {
	// Log receives the failures; nil discards them.
	Log *slog.Logger
	// Token is what a client must send to write (every POST), as
	// "Authorization: Bearer TOKEN"; empty refuses every write.
	Token string
	// WriteRate is the writes a client (a remote address) may make per
	// second on average, WriteBurst how many at once: default 2 and 10.
	WriteRate  float64
	WriteBurst int
	// MaxBody bounds a request's body, in bytes: default 10 MiB.
	MaxBody int64
	// BodyTimeout bounds the time to read a request's body: default 30 s.
	BodyTimeout time.Duration
	// BriefWait is how long a page waits for a story's first brief before
	// it says that the brief is being written: default 5 s.
	BriefWait time.Duration
	// AnalysisWait is how long a posted article waits for its turn to be
	// analysed (one at a time) before it is refused with 429: default 30 s.
	AnalysisWait time.Duration
	// ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout are
	// those of the http.Server of Serve: default 10 s, 60 s, 2 min, 2 min.
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	// MaxConns caps the connections Serve keeps open at once: default 512.
	MaxConns int
	// CacheBytes bounds the memory of rendered pages kept: default 64 MiB.
	CacheBytes int
	// Now is the clock of durations such as since=24h; nil is time.Now.
	Now func() time.Time
}

// withDefaults returns o with every zero value set to its default.
func (o Options) withDefaults() Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.BodyTimeout, 30*time.Second)
	def(&o.BriefWait, 5*time.Second)
	def(&o.AnalysisWait, 30*time.Second)
	def(&o.ReadHeaderTimeout, 10*time.Second)
	def(&o.ReadTimeout, time.Minute)
	def(&o.WriteTimeout, 2*time.Minute)
	def(&o.IdleTimeout, 2*time.Minute)
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.WriteRate <= 0 {
		o.WriteRate = 2
	}
	if o.WriteBurst <= 0 {
		o.WriteBurst = 10
	}
	if o.MaxBody <= 0 {
		o.MaxBody = 10 << 20
	}
	if o.MaxConns <= 0 {
		o.MaxConns = 512
	}
	if o.CacheBytes <= 0 {
		o.CacheBytes = 64 << 20
	}
	return o
}

// Server serves a store's stories and the desk's briefs. It is safe for
// concurrent use.
type Server struct {
	store  Store
	desk   Desk
	opts   Options
	log    *slog.Logger
	views  *views
	cache  *cache
	limit  *limiter
	lists  *recent[[]parallax.StoryInfo]
	fronts *recent[rendered]
	// analysis admits one posted article at a time into the desk.
	analysis chan struct{}
	mux      *http.ServeMux
}

// New returns a server of the stories of st and the briefs of d. It fails
// with EINTERNAL if the page templates or the API document do not parse.
func New(st Store, d Desk, opts Options) (*Server, error) {
	opts = opts.withDefaults()
	v, err := parseViews()
	if err != nil {
		return nil, err
	}
	s := &Server{store: st, desk: d, opts: opts, log: opts.Log, views: v, cache: newCache(opts.CacheBytes),
		limit: newLimiter(opts.WriteRate, opts.WriteBurst), lists: newRecent[[]parallax.StoryInfo](), fronts: newRecent[rendered](), analysis: make(chan struct{}, 1)}
	s.mux = http.NewServeMux()
	for _, rt := range s.routes() {
		s.mux.Handle(rt.pattern, s.handle(rt.h))
	}
	return s, nil
}

// route is one pattern of the mux and its handler.
type route struct {
	pattern string
	h       handlerFunc
}

// routes is the table of every route served.
func (s *Server) routes() []route {
	return []route{
		{"GET /{$}", s.frontPage},
		{"GET /stories/{id}", s.storyPage},
		{"GET /articles/{key}", s.articlePage},
		{"GET /search", s.searchPage},
		{"GET /feeds", s.feedsPage},
		{"GET /feed.atom", s.storiesAtom},
		{"GET /search.atom", s.searchAtom},
		{"GET /assets/{name}", s.asset},
		{"GET /api/v1/stories", s.apiStories},
		{"GET /api/v1/stories/{id}", s.apiStory},
		{"GET /api/v1/stories/{id}/changes", s.apiChanges},
		{"GET /api/v1/articles/{key}", s.apiArticle},
		{"POST /api/v1/articles", s.writes(s.apiAddArticles)},
		{"GET /api/v1/search", s.apiSearch},
		{"GET /api/v1/feeds", s.apiFeeds},
		{"POST /api/v1/feeds", s.writes(s.apiAddFeed)},
		{"GET /api/v1/health", s.apiHealth},
		{"GET /api/v1/openapi.json", s.apiDocument},
	}
}

// Handler returns the server's routes (see routes) behind the headers
// every answer carries and the recovery of panics. A path no route
// matches is answered 404, or 405 with Allow when another method would
// match.
func (s *Server) Handler() http.Handler {
	return s.secure(s.recover(http.HandlerFunc(s.dispatch)))
}

// dispatch serves a request by its route, or answers 404 or 405.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.mux.Handler(r); pattern != "" {
		s.mux.ServeHTTP(w, r)
		return
	}
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, p := s.mux.Handler(probe); p != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		if allow[0] == http.MethodGet {
			allow = append(allow, http.MethodHead)
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.methodNotAllowed(w, r, allow)
		return
	}
	s.fail(w, r, parallax.Errorf(parallax.ENOTFOUND, r.URL.Path, "no such page"))
}

// Serve serves the handler on ln, at most MaxConns connections at once,
// with the server's time-outs, until ctx is done; it then shuts down,
// waiting up to 5 s for the requests under way. It returns nil after a
// shutdown, else the error that stopped it.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.HTTPServer()
	stop := context.AfterFunc(ctx, func() {
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(shutdown)
	})
	defer stop()
	err := hs.Serve(limitListener(ln, s.opts.MaxConns))
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return parallax.Errorf(parallax.EINTERNAL, "serve", "%w", err)
}

// HTTPServer returns an http.Server of the handler with the server's
// time-outs: a slow client is cut off.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{Handler: s.Handler(), ReadHeaderTimeout: s.opts.ReadHeaderTimeout,
		ReadTimeout: s.opts.ReadTimeout, WriteTimeout: s.opts.WriteTimeout, IdleTimeout: s.opts.IdleTimeout,
		MaxHeaderBytes: 64 << 10, ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelWarn)}
}
