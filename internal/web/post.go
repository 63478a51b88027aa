package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
)

// maxPosted is the number of articles one post may carry.
const maxPosted = 1000

// added is what became of one posted article: its key (its identity,
// parallax.Identity) and its story, or the problem that kept it out.
type added struct {
	Key     string   `json:"key"`
	Story   int      `json:"story,omitempty"`
	Problem *Problem `json:"problem,omitempty"`
}

// apiAddArticles takes one article object or an array of them, each a
// record as in JSON Lines input (ingest.DecodeArticle), into their
// stories. Every record is read before any is added: one that is not an
// article refuses the post (422). The articles are analysed one post at a
// time: a post that waits longer than AnalysisWait for its turn is
// refused with 429. It answers 201 with the key and story of each article
// (and the problem of those refused, an article already stored for one)
// when any was added, else the problem of the first.
func (s *Server) apiAddArticles(w http.ResponseWriter, r *http.Request) error {
	raw, err := s.readBody(w, r)
	if err != nil {
		return err
	}
	docs, err := decodeArticles(r.URL.Path, raw)
	if err != nil {
		return err
	}
	release, err := s.analyse(r)
	if err != nil {
		return err
	}
	defer release()
	out := make([]added, len(docs))
	var first error
	n := 0
	for i := range docs {
		out[i].Key = parallax.Identity(&docs[i])
		story, err := s.desk.AddArticle(r.Context(), docs[i])
		if err != nil {
			first = cmpErr(first, err)
			p := errProblem(r, err)
			out[i].Problem = &p
			continue
		}
		out[i].Story = story
		n++
		s.log.Info("article added", "key", out[i].Key, "story", story)
	}
	if n == 0 {
		return first
	}
	if len(docs) == 1 {
		w.Header().Set("Location", "/api/v1/stories/"+itoa(out[0].Story))
	}
	return writeJSON(w, r, http.StatusCreated, map[string][]added{"articles": out})
}

// cmpErr keeps the first error.
func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// decodeArticles reads one article object or an array of them. It fails
// with EINVALID naming the record that is not an article.
func decodeArticles(input string, raw []byte) ([]parallax.Document, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '[' {
		doc, err := ingest.DecodeArticle(input, raw)
		if err != nil {
			return nil, err
		}
		return []parallax.Document{doc}, nil
	}
	var recs []json.RawMessage
	if err := json.Unmarshal(raw, &recs); err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, input, "broken JSON array: %w", err)
	}
	if len(recs) == 0 || len(recs) > maxPosted {
		return nil, parallax.Errorf(parallax.EINVALID, input, "want 1 to %d articles, got %d", maxPosted, len(recs))
	}
	docs := make([]parallax.Document, len(recs))
	for i, rec := range recs {
		doc, err := ingest.DecodeArticle(input+"["+itoa(i)+"]", rec)
		if err != nil {
			return nil, err
		}
		docs[i] = doc
	}
	return docs, nil
}

// analyse waits for the turn of a post to be analysed, one at a time, at
// most AnalysisWait; it returns the function that ends the turn. It fails
// with ETOOMANY when the turn does not come in time.
func (s *Server) analyse(r *http.Request) (func(), error) {
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.AnalysisWait)
	defer cancel()
	select {
	case s.analysis <- struct{}{}:
		return func() { <-s.analysis }, nil
	case <-ctx.Done():
		if r.Context().Err() != nil {
			return nil, r.Context().Err()
		}
		return nil, parallax.Errorf(parallax.ETOOMANY, r.URL.Path, "the server is busy with other articles: try again in %s", time.Duration(s.opts.AnalysisWait).Round(time.Second))
	}
}
