package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
)

// apiRoutes returns the routes of the API as "METHOD /path" with the
// document's parameter names, from the mux's table.
func apiRoutes(s *Server) []string {
	var out []string
	for _, rt := range s.routes() {
		if strings.Contains(rt.pattern, " /api/") {
			out = append(out, rt.pattern)
		}
	}
	slices.Sort(out)
	return out
}

// documentRoutes returns the operations of the OpenAPI document as
// "METHOD /path".
func documentRoutes(t *testing.T) []string {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil || !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Fatalf("the document is not OpenAPI 3.1: %v", err)
	}
	var out []string
	for path, ops := range doc.Paths {
		for method := range ops {
			out = append(out, strings.ToUpper(method)+" "+path)
		}
	}
	slices.Sort(out)
	return out
}

// TestOpenAPIRoutes: every route of the API is in the document and every
// operation of the document is a route.
func TestOpenAPIRoutes(t *testing.T) {
	s, err := New(nil, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := apiRoutes(s), documentRoutes(t); !slices.Equal(got, want) {
		t.Errorf("routes %v\ndocument %v", got, want)
	}
}

// TestOpenAPIResponses walks every route of the API with real requests,
// answers and failures, and checks each request and its response (status,
// content type, headers and body) against the document.
func TestOpenAPIResponses(t *testing.T) {
	f := setup(t, Options{WriteBurst: 100, WriteRate: 100}, true, false)
	doc, err := libopenapi.NewDocument(openAPI)
	if err != nil {
		t.Fatal(err)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if ok, errs := v.ValidateDocument(); !ok {
		t.Fatalf("the document is not valid: %v", errs)
	}
	id := itoa(f.example)
	article := `{"id": "o-1", "title": "Bridge opens", "text": "A new bridge opened over the river on Friday, the city council said."}`
	reqs := []struct {
		route, method, path, body string
		token                     bool
	}{
		{"GET /api/v1/stories", "GET", "/api/v1/stories?limit=1&since=7d&source=BBC+News", "", false},
		{"GET /api/v1/stories", "GET", "/api/v1/stories?cursor=bad", "", false},
		{"GET /api/v1/stories/{id}", "GET", "/api/v1/stories/" + id, "", false},
		{"GET /api/v1/stories/{id}", "GET", "/api/v1/stories/999", "", false},
		{"GET /api/v1/stories/{id}/changes", "GET", "/api/v1/stories/" + id + "/changes?since=0", "", false},
		{"GET /api/v1/articles/{key}", "GET", "/api/v1/articles/hostile-1", "", false},
		{"GET /api/v1/articles/{key}", "GET", "/api/v1/articles/" + url.PathEscape("https://example.com/none"), "", false},
		{"GET /api/v1/search", "GET", "/api/v1/search?q=Bukele&limit=3", "", false},
		{"GET /api/v1/search", "GET", "/api/v1/search", "", false},
		{"GET /api/v1/feeds", "GET", "/api/v1/feeds", "", false},
		{"GET /api/v1/health", "GET", "/api/v1/health", "", false},
		{"GET /api/v1/openapi.json", "GET", "/api/v1/openapi.json", "", false},
		{"POST /api/v1/articles", "POST", "/api/v1/articles", article, true},
		{"POST /api/v1/articles", "POST", "/api/v1/articles", "[" + article + "]", true},
		{"POST /api/v1/articles", "POST", "/api/v1/articles", article, false},
		{"POST /api/v1/feeds", "POST", "/api/v1/feeds", `{"url": "https://example.com/feed.xml"}`, true},
		{"POST /api/v1/feeds", "POST", "/api/v1/feeds", `{"url": "https://example.com/feed.xml"}`, true},
		{"POST /api/v1/feeds", "POST", "/api/v1/feeds", `{"url": "ftp://example.com/feed.xml"}`, true},
	}
	walked := map[string]bool{}
	for _, r := range reqs {
		walked[r.route] = true
		t.Run(r.method+" "+r.path, func(t *testing.T) {
			a := f.do(t, r.method, r.path, r.body, r.token)
			req, _ := http.NewRequest(r.method, "http://localhost"+r.path, strings.NewReader(r.body))
			if r.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			if r.token {
				req.Header.Set("Authorization", "Bearer "+testToken)
			}
			resp := &http.Response{StatusCode: a.status, Header: a.header, Body: io.NopCloser(bytes.NewReader([]byte(a.body))), Request: req}
			ok, errs := v.ValidateHttpResponse(req, resp)
			if a.status < 400 {
				// The requests that fail are meant to break the document.
				ok2, errs2 := v.ValidateHttpRequest(req)
				ok, errs = ok && ok2, append(errs, errs2...)
			}
			if !ok {
				for _, e := range errs {
					t.Errorf("%d: %s: %s %v", a.status, e.Message, e.Reason, e.SchemaValidationErrors)
				}
			}
		})
	}
	for _, rt := range apiRoutes(f.s) {
		if !walked[rt] {
			t.Errorf("route %s is not walked", rt)
		}
	}
}
