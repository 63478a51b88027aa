// Package desk keeps the live stories of a running server. Articles arrive
// one at a time: each is cleaned, put into a story by the online clusterer
// (package cluster) and kept in the article store when there is one. A
// story's brief is written when Story asks for it, or in the background by
// Run (one at a time, the stories readers asked for first), and kept until
// the story changes; Latest gives the last brief written without waiting
// for a new one, so that a reader never waits for a brief when an earlier
// one exists.
package desk

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/library"
	"github.com/parallax-news/parallax/internal/parallel"
)

// Options configures a Desk.
type Options struct {
	// Cluster configures the clusterer; the zero value means
	// cluster.DefaultOptions.
	Cluster cluster.Options
	// Words is the word budget of each brief's summary; 0 means
	// brief.DefaultWords.
	Words int
	// Store, when not nil, keeps every article added.
	Store parallax.Store
	// Keep is the number of articles held in memory, the most recent; the
	// oldest are let go first, with their stories when none of their
	// articles is left (a store keeps them all). 0 keeps every article.
	Keep int
	// Log receives the failures of briefs written in the background; nil
	// discards them.
	Log *slog.Logger
}

// Desk keeps stories as articles arrive. It is safe for concurrent use.
type Desk struct {
	words   int
	store   parallax.Store
	cleaner *clean.Cleaner

	keep int
	log  *slog.Logger

	mu     sync.Mutex
	clu    *cluster.Clusterer
	arts   []*parallax.Article // in arrival order; nil once let go
	oldest int                 // arrival number of the oldest article held
	story  []int               // arrival → story the clusterer put it in (follow Root)
	seen   map[string]bool     // IDs added

	build  sync.Mutex       // one brief written at a time
	briefs map[int]*written // story → its brief, while the story is unchanged
	work   queue            // the briefs to write in the background (see Run)

	// gen counts the changes of the stories' members; members holds the
	// members as groups gave them at generation memberGen.
	gen, memberGen int
	members        map[int][]int

	// With a store, stories are known by the store's numbers, which
	// never change: ext maps the clusterer's story (a root) to the
	// store's number, num the other way, and kept to the story's version
	// in the store (whose brief the store keeps once written).
	ext, num map[int]int
	kept     map[int]version
}

// version is a story as the store holds it: its number, version and size.
type version struct{ id, version, articles int }

// written is a story's brief and the articles it was written from: copies,
// so that writing a brief never touches articles others read.
type written struct {
	size, last int // the story's size and latest arrival when written
	version    int // the story's version in the store (without one, its size)
	brief      *parallax.Brief
	arts       []*parallax.Article
	keys       []string // the articles' identities, in the brief's order
}

// current tells whether w was written from the story whose members are g.
func (w *written) current(g []int) bool {
	return w != nil && len(g) > 0 && w.size == len(g) && w.last == g[len(g)-1]
}

// New returns an empty desk. It fails with EINVALID for clustering options
// out of range.
func New(opts Options) (*Desk, error) {
	if opts.Cluster == (cluster.Options{}) {
		opts.Cluster = cluster.DefaultOptions()
	}
	if opts.Words <= 0 {
		opts.Words = brief.DefaultWords
	}
	clu, err := cluster.New(opts.Cluster)
	if err != nil {
		return nil, err
	}
	c, err := clean.New()
	if err != nil {
		return nil, parallax.Errorf(parallax.EINTERNAL, "desk", "%w", err)
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	return &Desk{words: opts.Words, store: opts.Store, keep: opts.Keep, log: opts.Log, cleaner: c, clu: clu,
		seen: map[string]bool{}, briefs: map[int]*written{}, ext: map[int]int{}, num: map[int]int{}, kept: map[int]version{},
		work: newQueue(), memberGen: -1}, nil
}

// AddArticle puts an article into its story and, with a store, stores it
// (under its identity, its ID when it had none) and saves its story; it
// returns the number of the story. It fails with EINVALID for an article
// without text or already added, and with the store's error when storing
// fails: the article is then not added either.
func (d *Desk) AddArticle(ctx context.Context, doc parallax.Document) (int, error) {
	if doc.Text == "" {
		return 0, errEmpty(doc)
	}
	// Cleaning, the costly part, runs before the lock.
	return d.add(ctx, doc, d.cleaner.Clean(doc), d.store != nil)
}

func errEmpty(doc parallax.Document) error {
	return parallax.Errorf(parallax.EINVALID, cmp.Or(doc.ID, doc.Path, "article"), "empty article: no text")
}

// add adds an article and its cleaned form, storing it when store is true.
func (d *Desk) add(ctx context.Context, doc parallax.Document, art *parallax.Article, store bool) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	key := d.key(&doc)
	if key != "" && d.seen[key] {
		return 0, parallax.Errorf(parallax.EINVALID, doc.ID, "an article with this ID was already added")
	}
	if store {
		res, err := d.store.AddArticles(ctx, []parallax.Document{doc})
		if err != nil {
			return 0, err
		}
		if res.Unchanged > 0 {
			return 0, parallax.Errorf(parallax.EINVALID, doc.ID, "this article is already stored")
		}
	}
	if key != "" {
		d.seen[key] = true
	}
	a := d.clu.Add(&doc)
	d.gen++
	d.arts = append(d.arts, art)
	d.story = append(d.story, a.Story)
	for d.keep > 0 && len(d.arts)-d.oldest > d.keep {
		d.letGo()
	}
	root := d.clu.Root(a.Story)
	if store {
		if err := d.sync(ctx, d.groups(), []int{root}); err != nil {
			return 0, err
		}
	}
	return d.public(root), nil
}

// Sync saves every story in the store, as a server does once what it read
// at start is added and settled: each story takes the store's number of
// the stored story most of its articles are in (see parallax.Store). It
// does nothing without a store.
func (d *Desk) Sync(ctx context.Context) error {
	if d.store == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	groups := d.groups()
	roots := slices.Sorted(maps.Keys(groups))
	return d.sync(ctx, groups, roots)
}

// sync saves the stories roots, whose articles groups gives, and learns
// their numbers. The caller holds d.mu.
func (d *Desk) sync(ctx context.Context, groups map[int][]int, roots []int) error {
	sg := make([]parallax.StoryGroup, len(roots))
	for k, r := range roots {
		g := groups[r]
		docs := make([]*parallax.Document, len(g))
		keys := make([]string, len(g))
		for j, i := range g {
			docs[j] = &d.arts[i].Document
			keys[j] = parallax.Identity(docs[j])
		}
		sg[k] = library.Group(docs, keys)
	}
	ids, err := d.store.SaveStories(ctx, sg, time.Now())
	if err != nil {
		return err
	}
	for k, r := range roots {
		d.ext[r], d.num[ids[k]] = ids[k], r
		info, err := d.store.Story(ctx, ids[k])
		if err != nil {
			return err
		}
		d.kept[r] = version{id: info.ID, version: info.Version, articles: info.Articles}
	}
	return nil
}

// public returns the number a story is known by: the store's, with one.
// The caller holds d.mu.
func (d *Desk) public(root int) int {
	if d.store == nil {
		return root
	}
	return d.ext[root]
}

// internal returns the clusterer's story known by number id, false when
// there is none now. The caller holds d.mu.
func (d *Desk) internal(id int) (int, bool) {
	if d.store == nil {
		return id, true
	}
	r, ok := d.num[id]
	if !ok {
		return 0, false
	}
	r = d.clu.Root(r)
	return r, d.ext[r] == id
}

// letGo lets the oldest article held go: its text and its story's brief,
// and, every 1024 articles, the briefs of stories merged into others. The
// caller holds d.mu.
func (d *Desk) letGo() {
	i := d.oldest
	delete(d.briefs, d.clu.Root(d.story[i]))
	d.arts[i] = nil
	d.oldest++
	d.gen++
	d.clu.Forget(d.oldest)
	if d.oldest%1024 == 0 {
		groups := d.groups()
		for id := range d.briefs {
			if _, ok := groups[id]; !ok {
				delete(d.briefs, id)
			}
		}
	}
}

// AddAll adds documents in publication order (see cluster.ArrivalOrder), as
// a server does with what it reads at start, without storing them again;
// they are cleaned in parallel first. It returns the errors of the
// articles it could not add, joined; the others are added. It stops with
// ctx's error.
func (d *Desk) AddAll(ctx context.Context, docs []parallax.Document) error {
	arts := make([]*parallax.Article, len(docs))
	var errs []error
	err := parallel.Ordered(ctx, len(docs), 0, func(_ context.Context, _, i int) (*parallax.Article, error) {
		if docs[i].Text == "" {
			return nil, nil
		}
		return d.cleaner.Clean(docs[i]), nil
	}, func(i int, r parallel.Result[*parallax.Article]) error {
		arts[i] = r.Value
		if r.Err != nil {
			errs = append(errs, r.Err) // a panic while cleaning
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, i := range cluster.ArrivalOrder(docs) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if arts[i] == nil {
			if docs[i].Text == "" {
				errs = append(errs, errEmpty(docs[i]))
			}
			continue
		}
		if _, err := d.add(ctx, docs[i], arts[i], false); err != nil {
			errs = append(errs, err)
		}
		arts[i] = nil // held by the desk now, or let go
	}
	return errors.Join(errs...)
}

// Settle gives the small stories a last chance to join a larger one, as
// cluster.Cluster does at the end of its input (see Clusterer.Settle): a
// server calls it once what it read at start is added, so that it shows
// the stories `parallax cluster` and `digest` would.
func (d *Desk) Settle() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.clu.Settle()
	d.gen++
}

// groups returns the stories' members, by story number, in arrival order:
// worked out once per change of the stories, so that asking for a story
// does not walk every article. The caller holds d.mu and changes neither
// the map nor its slices.
func (d *Desk) groups() map[int][]int {
	if d.memberGen == d.gen {
		return d.members
	}
	g := map[int][]int{}
	for i := d.oldest; i < len(d.story); i++ {
		r := d.clu.Root(d.story[i])
		g[r] = append(g[r], i)
	}
	d.members, d.memberGen = g, d.gen
	return g
}

// Summary is a story of a desk in a list of stories.
type Summary struct {
	// ID numbers the story (the store's number when the desk has a store).
	ID int `json:"id"`
	// Title is the story's headline, empty when none is known.
	Title string `json:"title"`
	// Sources are the story's articles as its brief lists them.
	Sources []parallax.Source `json:"sources"`
	// Articles is the number of articles of the story.
	Articles int `json:"articles"`
}

// Stories lists the stories in the order of cluster.Order (the most
// articles first, then the oldest story). It does not fail.
func (d *Desk) Stories(ctx context.Context) ([]Summary, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	groups := d.groups()
	ids := listed(groups)
	out := make([]Summary, len(ids))
	for k, id := range ids {
		g := groups[id]
		arts := make([]*parallax.Article, len(g))
		for j, i := range g {
			arts[j] = d.arts[i]
		}
		docs := make([]*parallax.Document, len(g))
		for j := range arts {
			docs[j] = &arts[j].Document
		}
		out[k] = Summary{ID: d.public(id), Title: d.title(id, g, docs), Sources: brief.Sources(arts), Articles: len(g)}
	}
	return out, nil
}

// listed returns the numbers of the stories in the order they are listed
// (cluster.Order: the most articles first, then the oldest story).
func listed(groups map[int][]int) []int {
	ids := slices.Sorted(maps.Keys(groups))
	cluster.Order(ids, func(id int) int { return len(groups[id]) })
	return ids
}

// title is the story's headline: its brief's when written and current,
// else the title cluster.Title gives its articles, as the store does. The
// caller holds d.mu.
func (d *Desk) title(id int, g []int, docs []*parallax.Document) string {
	if w := d.briefs[id]; w.current(g) && w.brief.Title != "" {
		return w.brief.Title
	}
	return cluster.Title(docs)
}

// Story returns the brief of story id and the articles it cites, writing
// the brief when the story changed since it was last written. It fails
// with ENOTFOUND for a number that is not a story now (never started, or
// merged into another).
func (d *Desk) Story(ctx context.Context, id int) (*parallax.Brief, []*parallax.Article, error) {
	d.mu.Lock()
	root, ok := d.internal(id)
	g := d.groups()[root]
	d.mu.Unlock()
	if !ok {
		return nil, nil, parallax.Errorf(parallax.ENOTFOUND, "desk", "no story %d", id)
	}
	return d.write(ctx, root, g)
}

// write returns the brief of story id, whose articles were g (arrival
// numbers), and the articles it cites; it writes the brief unless the one
// kept was written from the same articles. Articles let go since g was
// taken are left out; with none left it fails with ENOTFOUND.
func (d *Desk) write(ctx context.Context, id int, g []int) (*parallax.Brief, []*parallax.Article, error) {
	d.mu.Lock()
	g = slices.DeleteFunc(slices.Clone(g), func(i int) bool { return i < d.oldest })
	if len(g) == 0 {
		d.mu.Unlock()
		return nil, nil, parallax.Errorf(parallax.ENOTFOUND, "desk", "no story %d", id)
	}
	if w := d.briefs[id]; w.current(g) {
		d.mu.Unlock()
		return w.brief, w.arts, nil
	}
	arts := make([]*parallax.Article, len(g))
	for k, i := range g {
		arts[k] = copyArticle(d.arts[i])
	}
	size, last := len(g), g[len(g)-1]
	kept, keep := d.kept[id], d.store != nil && d.words == brief.DefaultWords
	ver := size
	if d.store != nil {
		ver = kept.version
	}
	d.mu.Unlock()

	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	b := d.keptBrief(ctx, kept, keep && kept.articles == size, arts)
	if b == nil {
		// A brief that fails (a panic in an analysis, recovered) fails
		// this story's page only: the server and the other stories go on.
		d.build.Lock()
		var err error
		b, err = brief.Try(arts, brief.Options{Words: d.words})
		d.build.Unlock()
		if err != nil {
			return nil, nil, err
		}
		if keep && kept.articles == size {
			d.keepBrief(ctx, kept, b)
		}
	}

	d.mu.Lock()
	defer d.mu.Unlock()
	if w := d.briefs[id]; w == nil || w.last < last || w.size < size {
		d.briefs[id] = &written{size: size, last: last, version: ver, brief: b, arts: arts, keys: keys(arts)}
	}
	return b, arts, nil
}

// keptBrief returns the brief the store keeps for a story version, its
// articles named as the brief names them, or nil when there is none (or
// use is false).
func (d *Desk) keptBrief(ctx context.Context, v version, use bool, arts []*parallax.Article) *parallax.Brief {
	if !use {
		return nil
	}
	js, err := d.store.Brief(ctx, v.id, v.version)
	if err != nil {
		return nil
	}
	b, ok := library.Decode(js, arts)
	if !ok {
		return nil
	}
	return b
}

// keepBrief keeps a story version's brief in the store, as `parallax show`
// does; a failure is logged, the brief served anyway.
func (d *Desk) keepBrief(ctx context.Context, v version, b *parallax.Brief) {
	js, err := library.Encode(b)
	if err == nil {
		err = d.store.SaveBrief(ctx, v.id, v.version, b.Title, js)
	}
	if err != nil {
		d.log.Error("keep brief", "story", v.id, "err", err)
	}
}

// Has reports whether an article of the same identity was added.
func (d *Desk) Has(doc *parallax.Document) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.seen[d.key(doc)]
}

// key is what tells the desk's articles apart: their identity.
func (d *Desk) key(doc *parallax.Document) string { return parallax.Identity(doc) }

// Len returns the number of articles held.
func (d *Desk) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.arts) - d.oldest
}

// copyArticle returns a copy of a whose slices the brief may change
// without touching a.
func copyArticle(a *parallax.Article) *parallax.Article {
	c := *a
	c.Blocks = slices.Clone(a.Blocks)
	c.Sentences = slices.Clone(a.Sentences)
	c.Removed = slices.Clone(a.Removed)
	c.OffTopic = slices.Clone(a.OffTopic)
	return &c
}
