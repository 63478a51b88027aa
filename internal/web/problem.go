package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax"
)

// handlerFunc is a handler that returns its failure instead of writing it.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle adapts a handlerFunc: its error is answered by fail.
func (s *Server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// Problem is a problem detail (RFC 9457), the body of every error under
// /api/: Type names the kind of error (its parallax error code), Title
// says it in words, Status is the HTTP status, Detail tells what went
// wrong with this request and Instance is the path asked for.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Instance string `json:"instance"`
}

// problemType is the URI of the type of problem of an error code.
func problemType(code string) string { return "urn:parallax:problem:" + code }

// fail answers err with the status of its kind (parallax.HTTPStatus): a
// problem detail under /api/, an HTML error page elsewhere. An internal
// error is logged and shown only as "internal error"; a request whose
// context ended (the client went away, or a deadline) is not answered.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		return
	}
	p := errProblem(r, err)
	if p.Status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="parallax"`)
	}
	s.write(w, r, p)
}

// errProblem is the problem detail of err, with the status of its kind;
// an internal error says only "internal error".
func errProblem(r *http.Request, err error) Problem {
	status := parallax.HTTPStatus(err)
	detail := err.Error()
	if status >= 500 {
		detail = "internal error"
	}
	return Problem{Type: problemType(parallax.ErrorCode(err)), Title: http.StatusText(status), Status: status, Detail: detail, Instance: r.URL.Path}
}

// methodNotAllowed answers a method that no route of the path takes: 405
// with the methods allowed.
func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request, allow []string) {
	s.fail(w, r, parallax.Errorf(parallax.EMETHOD, r.URL.Path, "%s is not allowed here (allowed: %s)", r.Method, strings.Join(allow, ", ")))
}

// write writes a problem detail under /api/ and an HTML error page
// elsewhere.
func (s *Server) write(w http.ResponseWriter, r *http.Request, p Problem) {
	if !strings.HasPrefix(r.URL.Path, "/api/") {
		s.errorPage(w, r, p)
		return
	}
	body, _ := json.Marshal(p) // a struct of strings and an int always encodes
	writeBody(w, r, p.Status, "application/problem+json", append(body, '\n'))
}

// errorPage writes the HTML page of a problem.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, p Problem) {
	var buf bytes.Buffer
	if err := s.views.render(&buf, "error.html", page{Title: p.Title, Body: p}); err != nil {
		s.log.Error("error page", "err", err)
		http.Error(w, p.Title+": "+p.Detail, p.Status)
		return
	}
	writeBody(w, r, p.Status, "text/html; charset=utf-8", buf.Bytes())
}

// writeBody writes a whole answer: status, type, length and body (none
// for HEAD).
func writeBody(w http.ResponseWriter, r *http.Request, status int, ctype string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}
