package library

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"sync"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/render"
)

// Story is a story with its brief and the articles the brief cites.
type Story struct {
	Info parallax.StoryInfo
	// Version is the version the brief was written from.
	Version int
	Brief   *parallax.Brief
	// JSON is the brief as kept in the store.
	JSON     []byte
	Articles []*parallax.Article
	// From is the story asked for when it was merged into Info.ID, else 0.
	From int
}

// Briefer writes the briefs of a store's stories and keeps them there,
// one per story version, so that a brief is written once.
type Briefer struct {
	Store parallax.Store
	// Words is the word budget of each summary.
	Words int
	// ReadOnly is true when the store cannot keep new briefs: they are
	// written and not kept.
	ReadOnly bool

	once    sync.Once
	cleaner *clean.Cleaner
	err     error
}

func (b *Briefer) clean(docs []parallax.StoredArticle) ([]*parallax.Article, error) {
	b.once.Do(func() { b.cleaner, b.err = clean.New() })
	if b.err != nil {
		return nil, b.err
	}
	arts := make([]*parallax.Article, len(docs))
	for i := range docs {
		arts[i] = b.cleaner.Clean(docs[i].Document)
	}
	return arts, nil
}

// Show returns story id's brief at a version (0 for the latest): the one
// kept when there is one, else written and kept. A story merged into
// another shows the story it was merged into. withArticles also returns
// the cleaned articles (for pages that show the cited words).
func (b *Briefer) Show(ctx context.Context, id, version int, withArticles bool) (*Story, error) {
	info, err := b.Store.Story(ctx, id)
	if err != nil {
		return nil, err
	}
	from := 0
	for hops := 0; info.MergedInto != 0 && hops < 100; hops++ {
		from = id
		if info, err = b.Store.Story(ctx, info.MergedInto); err != nil {
			return nil, err
		}
	}
	if version <= 0 || version > info.Version {
		version = info.Version
	}
	out := &Story{Info: info, Version: version, From: from}
	kept, err := b.Store.Brief(ctx, info.ID, version)
	if err != nil && parallax.ErrorCode(err) != parallax.ENOTFOUND {
		return nil, err
	}
	if br, ok := Decode(kept, nil); ok && !withArticles {
		out.Brief, out.JSON = br, kept
		return out, nil
	}
	docs, err := b.Store.StoryArticles(ctx, info.ID, version)
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, parallax.Errorf(parallax.ENOTFOUND, "story "+strconv.Itoa(info.ID), "version %d has no article", version)
	}
	arts, err := b.clean(byArrival(docs))
	if err != nil {
		return nil, err
	}
	out.Articles = arts
	if br, ok := Decode(kept, arts); ok {
		out.Brief, out.JSON = br, kept
		return out, nil
	}
	br, err := brief.Try(arts, brief.Options{Words: b.Words})
	if err != nil {
		return nil, err
	}
	js, err := Encode(br)
	if err != nil {
		return nil, parallax.Errorf(parallax.EINTERNAL, "story "+strconv.Itoa(info.ID), "encode brief: %w", err)
	}
	out.Brief, out.JSON = br, js
	if !b.ReadOnly {
		if err := b.Store.SaveBrief(ctx, info.ID, version, br.Title, js); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Decode reads a kept brief (false for none or one that does not decode).
// Given the articles it was written from, it names them as the brief does
// (their SourceID, see brief.Sources), and is false when the brief lists
// other articles.
func Decode(js []byte, arts []*parallax.Article) (*parallax.Brief, bool) {
	if js == nil {
		return nil, false
	}
	b := new(parallax.Brief)
	if json.Unmarshal(js, b) != nil || arts != nil && len(b.Sources) != len(arts) {
		return nil, false
	}
	for i := range arts {
		arts[i].SourceID = b.Sources[i].ID
	}
	return b, true
}

// Encode writes a brief as it is kept: as `parallax brief --format json`
// writes it (render.JSON), so that a kept brief is shown byte for byte.
func Encode(b *parallax.Brief) ([]byte, error) {
	var buf bytes.Buffer
	err := render.JSON(&buf, b)
	return buf.Bytes(), err
}

// byArrival returns a story's articles in the order `parallax cluster` and
// `digest` read them: by date (see cluster.ArrivalOrder).
func byArrival(docs []parallax.StoredArticle) []parallax.StoredArticle {
	ds := make([]parallax.Document, len(docs))
	for i := range docs {
		ds[i] = docs[i].Document
	}
	out := make([]parallax.StoredArticle, len(docs))
	for k, i := range cluster.ArrivalOrder(ds) {
		out[k] = docs[i]
	}
	return out
}
