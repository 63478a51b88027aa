package web

import (
	"bytes"
	"compress/gzip"
	"embed"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed assets/*
var assetFiles embed.FS

// views is the one set of page templates, parsed once at start: every
// page is the layout with the page's own "content".
type views struct {
	pages map[string]*template.Template
}

// funcs returns the functions the templates call.
func funcs() template.FuncMap {
	return template.FuncMap{
		"date":       showDate,
		"datetime":   func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"storyURL":   storyURL,
		"articleURL": func(key string) string { return articleURL(key, "") },
		"join":       strings.Join,
		"add":        func(a, b int) int { return a + b },
		"plural":     plural,
		"snippet":    snippetHTML,
		"safeLink":   safeLink,
	}
}

// parseViews parses the layout and every page. It fails with EINTERNAL
// when a template does not parse.
func parseViews() (*views, error) {
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, parallax.Errorf(parallax.EINTERNAL, "web", "templates: %w", err)
	}
	base, err := template.New("layout.html").Funcs(funcs()).ParseFS(templateFiles, "templates/layout.html")
	if err != nil {
		return nil, parallax.Errorf(parallax.EINTERNAL, "web", "parse layout: %w", err)
	}
	v := &views{pages: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimPrefix(n, "templates/")
		if name == "layout.html" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFiles, n)
		if err != nil {
			return nil, parallax.Errorf(parallax.EINTERNAL, "web", "parse %s: %w", name, err)
		}
		v.pages[name] = t
	}
	return v, nil
}

// page is what the layout shows around a page's content.
type page struct {
	// Title is the page's title; Query fills the search box.
	Title, Query string
	// Atom is the address of the page's Atom feed, empty for none.
	Atom string
	// Refresh asks the browser to load the page again after this many
	// seconds (0 for never).
	Refresh int
	// Body is the page's own data.
	Body any
}

// render executes page name with p into w.
func (v *views) render(w io.Writer, name string, p page) error {
	t := v.pages[name]
	if t == nil {
		return parallax.Errorf(parallax.EINTERNAL, "web", "no page %s", name)
	}
	if err := t.ExecuteTemplate(w, "layout.html", p); err != nil {
		return parallax.Errorf(parallax.EINTERNAL, "web", "render %s: %w", name, err)
	}
	return nil
}

// show renders a page into a buffer and writes it only when it is whole,
// with status 200.
func (s *Server) show(w http.ResponseWriter, r *http.Request, name string, p page) error {
	body, err := s.page(name, p)
	if err != nil {
		return err
	}
	s.writePage(w, r, p, "", body)
	return nil
}

// page renders a page into bytes.
func (s *Server) page(name string, p page) ([]byte, error) {
	var buf bytes.Buffer
	if err := s.views.render(&buf, name, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writePage writes a rendered page with status 200. A page kept under
// key (empty for none) is sent compressed to a client that takes gzip,
// compressed once and kept under key too.
func (s *Server) writePage(w http.ResponseWriter, r *http.Request, p page, key string, body []byte) {
	if p.Refresh > 0 {
		w.Header().Set("Cache-Control", "no-store")
	}
	w.Header().Set("Vary", "Accept-Encoding")
	if key != "" && len(body) >= 1024 && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		if gz, err := s.cache.make("gzip/"+key, func() ([]byte, error) { return compress(body) }); err == nil {
			w.Header().Set("Content-Encoding", "gzip")
			body = gz
		}
	}
	writeBody(w, r, http.StatusOK, "text/html; charset=utf-8", body)
}

// compress returns body gzipped.
func compress(body []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(body); err != nil {
		return nil, err
	}
	err := zw.Close()
	return buf.Bytes(), err
}

// asset serves an embedded asset (the style sheet), to be cached a day.
func (s *Server) asset(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	body, err := assetFiles.ReadFile("assets/" + name)
	if err != nil || strings.Contains(name, "/") {
		return parallax.Errorf(parallax.ENOTFOUND, r.URL.Path, "no such asset")
	}
	ctype := "application/octet-stream"
	switch {
	case strings.HasSuffix(name, ".css"):
		ctype = "text/css; charset=utf-8"
	case strings.HasSuffix(name, ".svg"):
		ctype = "image/svg+xml"
	}
	w.Header().Set("Cache-Control", "public, max-age=86400")
	writeBody(w, r, http.StatusOK, ctype, body)
	return nil
}

// showDate shows a time as people read it, in UTC: "14 Apr 2025 16:05",
// "14 Apr 2025" at midnight, empty for the zero time.
func showDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	if t.Hour() == 0 && t.Minute() == 0 {
		return t.Format("2 Jan 2006")
	}
	return t.Format("2 Jan 2006 15:04")
}

// plural returns "1 article", "2 articles".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}

// storyURL is the page of story id.
func storyURL(id int) string { return "/stories/" + itoa(id) }

// articleURL is the page of the article of key, at the fragment frag
// (empty for none). The key, a URL or an ID, is one escaped path segment.
func articleURL(key, frag string) string {
	u := "/articles/" + url.PathEscape(key)
	if frag != "" {
		u += "#" + frag
	}
	return u
}

// safeLink returns raw when it is an absolute http or https address, the
// only links made of what articles say; empty otherwise (a javascript: or
// data: address is shown as text, never linked).
func safeLink(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return u.String()
}

// snippetHTML turns a search snippet into HTML: its text escaped, each
// match (between parallax.MarkStart and MarkEnd) in a <mark>.
func snippetHTML(s string) template.HTML {
	var b strings.Builder
	for s != "" {
		i := strings.Index(s, parallax.MarkStart)
		if i < 0 {
			b.WriteString(template.HTMLEscapeString(s))
			break
		}
		b.WriteString(template.HTMLEscapeString(s[:i]))
		s = s[i+len(parallax.MarkStart):]
		j := strings.Index(s, parallax.MarkEnd)
		if j < 0 {
			j = len(s)
		}
		b.WriteString("<mark>" + template.HTMLEscapeString(s[:j]) + "</mark>")
		s = strings.TrimPrefix(s[j:], parallax.MarkEnd)
	}
	return template.HTML(b.String())
}
