package desk

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/library"
)

// Written is a story's brief as the desk last wrote it, for a reader that
// must not wait for a new one (a web page).
type Written struct {
	// Story is the story's number; Version is the version of the story
	// the brief was written from: the store's, or without a store the
	// number of articles.
	Story, Version int
	// Brief is the brief, nil when none is written yet.
	Brief *parallax.Brief
	// Keys are the identities (parallax.Identity) of the articles the
	// brief was written from: Keys[i] is the article of Brief.Sources[i].
	Keys []string
	// Current is false when the story changed since the brief was written:
	// a new one is being written in the background (see Run).
	Current bool
}

// Latest returns the latest brief written of story id without writing one
// in the caller's goroutine: the brief in memory, else the one the store
// keeps for the story's version, else one the store keeps for an earlier
// version. When the brief is not current, a new one is queued for Run,
// before the briefs Run writes on its own. When no brief was ever written
// and wait is true, Latest waits for Run to write it until ctx is done and
// then fails with ctx's error; when wait is false it returns a Written
// whose Brief is nil. It fails with ENOTFOUND for a number that is not a
// story now.
func (d *Desk) Latest(ctx context.Context, id int, wait bool) (*Written, error) {
	w, root, err := d.latest(ctx, id)
	if err != nil || w.Current || w.Brief != nil || !wait {
		return w, err
	}
	select {
	case <-d.work.done(root):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	w, _, err = d.latest(ctx, id)
	return w, err
}

// latest is Latest without waiting; it also returns the clusterer's story.
func (d *Desk) latest(ctx context.Context, id int) (*Written, int, error) {
	d.mu.Lock()
	root, ok := d.internal(id)
	g := d.groups()[root]
	w := d.briefs[root]
	kept := d.kept[root]
	d.mu.Unlock()
	if !ok || len(g) == 0 {
		return nil, 0, parallax.Errorf(parallax.ENOTFOUND, "desk", "no story %d", id)
	}
	if w == nil && d.store != nil {
		w = d.loadKept(ctx, root, g, kept)
	}
	if w.current(g) {
		return w.public(id, true), root, nil
	}
	d.work.push(root, true)
	if w == nil {
		return &Written{Story: id}, root, nil
	}
	return w.public(id, false), root, nil
}

// public returns what a reader sees of w, a brief of story id.
func (w *written) public(id int, current bool) *Written {
	return &Written{Story: id, Version: w.version, Brief: w.brief, Keys: w.keys, Current: current}
}

// keys returns the identities of arts.
func keys(arts []*parallax.Article) []string {
	out := make([]string, len(arts))
	for i, a := range arts {
		out[i] = parallax.Identity(&a.Document)
	}
	return out
}

// olderVersions is how many earlier versions of a story loadKept looks at
// for a kept brief.
const olderVersions = 8

// loadKept returns the brief the store keeps of story root (whose members
// are g and stored version v), remembered as the story's brief: the one
// of its version when kept, else the latest kept of the few versions
// before (never current), else nil.
func (d *Desk) loadKept(ctx context.Context, root int, g []int, v version) *written {
	d.mu.Lock()
	arts := make([]*parallax.Article, 0, len(g))
	for _, i := range g {
		if i >= d.oldest {
			arts = append(arts, copyArticle(d.arts[i]))
		}
	}
	d.mu.Unlock()
	var w *written
	if b := d.keptBrief(ctx, v, v.articles == len(arts), arts); b != nil {
		w = &written{size: len(g), last: g[len(g)-1], version: v.version, brief: b, arts: arts, keys: keys(arts)}
	} else if w = d.earlierKept(ctx, v); w == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.briefs[root] == nil {
		d.briefs[root] = w
	}
	return d.briefs[root]
}

// earlierKept returns the latest brief the store keeps of one of the few
// versions of story v before v.version, with the keys of the articles of
// that version, or nil.
func (d *Desk) earlierKept(ctx context.Context, v version) *written {
	for ver := v.version - 1; ver >= 1 && ver >= v.version-olderVersions; ver-- {
		js, err := d.store.Brief(ctx, v.id, ver)
		if err != nil {
			continue
		}
		stored, err := d.store.StoryArticles(ctx, v.id, ver)
		if err != nil {
			return nil
		}
		docs := make([]parallax.Document, len(stored))
		for i := range stored {
			docs[i] = stored[i].Document
		}
		b, ok := library.Decode(js, nil)
		if !ok || len(b.Sources) != len(docs) {
			continue
		}
		ks := make([]string, 0, len(docs))
		for _, i := range cluster.ArrivalOrder(docs) {
			ks = append(ks, stored[i].Key)
		}
		return &written{version: ver, brief: b, keys: ks}
	}
	return nil
}

// Run writes in the background, one at a time, the briefs that Latest
// queued, and meanwhile those of every story whose brief is not current,
// the biggest stories first, so that readers seldom wait; it returns when
// ctx is done. A brief that takes longer than deadline (0 for no limit) is
// logged; it is left to finish, as a brief cannot be stopped halfway.
func (d *Desk) Run(ctx context.Context, deadline time.Duration) {
	d.mu.Lock()
	for _, root := range listed(d.groups()) {
		d.work.push(root, false)
	}
	d.mu.Unlock()
	began, written, warm := time.Now(), 0, true
	for {
		root, ok := d.work.pop(ctx)
		if !ok {
			return
		}
		d.mu.Lock()
		g := d.groups()[root]
		d.mu.Unlock()
		start := time.Now()
		if len(g) > 0 {
			if _, _, err := d.write(ctx, root, g); err != nil && ctx.Err() == nil {
				d.log.Error("brief failed", "story", d.publicOf(root), "err", err)
			}
		}
		if took := time.Since(start); deadline > 0 && took > deadline {
			d.log.Warn("brief over its deadline", "story", d.publicOf(root), "articles", len(g), "took", took, "deadline", deadline)
		}
		d.work.finish(root)
		written++
		if warm && d.work.idle() {
			warm = false
			d.log.Info("every story has its brief", "briefs", written, "took", time.Since(began).Round(time.Millisecond))
		}
	}
}

// publicOf is public under the lock.
func (d *Desk) publicOf(root int) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.public(root)
}

// queue is the stories whose brief is to be written: the urgent ones (a
// reader asked) before the others, each story once, with a channel closed
// when its brief is written.
type queue struct {
	mu             sync.Mutex
	urgent, others []int
	waiting        map[int]chan struct{}
	wake           chan struct{}
}

func newQueue() queue {
	return queue{waiting: map[int]chan struct{}{}, wake: make(chan struct{}, 1)}
}

// push queues story root; an urgent push of a story already queued moves
// it to the urgent ones.
func (q *queue) push(root int, urgent bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if _, ok := q.waiting[root]; ok {
		if !urgent || slices.Contains(q.urgent, root) {
			return
		}
		q.others = slices.DeleteFunc(q.others, func(r int) bool { return r == root })
	} else {
		q.waiting[root] = make(chan struct{})
	}
	if urgent {
		q.urgent = append(q.urgent, root)
	} else {
		q.others = append(q.others, root)
	}
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// done returns the channel closed when story root's queued brief is
// written, one already closed when none is queued.
func (q *queue) done(root int) <-chan struct{} {
	q.mu.Lock()
	defer q.mu.Unlock()
	if ch, ok := q.waiting[root]; ok {
		return ch
	}
	ch := make(chan struct{})
	close(ch)
	return ch
}

// pop takes the next story, waiting for one until ctx is done (false).
// The story stays waited for until finish.
func (q *queue) pop(ctx context.Context) (int, bool) {
	for {
		q.mu.Lock()
		var root int
		switch {
		case len(q.urgent) > 0:
			root, q.urgent = q.urgent[0], q.urgent[1:]
		case len(q.others) > 0:
			root, q.others = q.others[0], q.others[1:]
		default:
			root = -1
		}
		q.mu.Unlock()
		if root >= 0 {
			return root, true
		}
		select {
		case <-q.wake:
		case <-ctx.Done():
			return 0, false
		}
	}
}

// idle tells whether no story is queued.
func (q *queue) idle() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.urgent)+len(q.others) == 0
}

// finish marks story root's brief written: its waiters go on, and a later
// push queues it again.
func (q *queue) finish(root int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if ch, ok := q.waiting[root]; ok && !slices.Contains(q.urgent, root) && !slices.Contains(q.others, root) {
		close(ch)
		delete(q.waiting, root)
	}
}

// Load puts every article of the store into the desk, as a server does at
// start: they are added in publication order, the small stories settled
// and every story saved in the store (see Sync). It returns the errors of
// the articles it could not add, joined (the others are added); it fails
// with the store's error when the store cannot be read or written, and
// with EINVALID without a store.
func (d *Desk) Load(ctx context.Context) (skipped, err error) {
	if d.store == nil {
		return nil, parallax.Errorf(parallax.EINVALID, "desk", "no store to load")
	}
	var docs []parallax.Document
	if err := d.store.Articles(ctx, 0, func(a parallax.StoredArticle) error {
		docs = append(docs, a.Document)
		return nil
	}); err != nil {
		return nil, err
	}
	skipped = d.AddAll(ctx, docs)
	if err := ctx.Err(); err != nil {
		return skipped, err
	}
	d.Settle()
	return skipped, d.Sync(ctx)
}

// Generation counts the changes of the desk's stories: it grows each time
// an article joins a story, so that a reader may keep what it made of the
// stories until it grows.
func (d *Desk) Generation() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.gen
}
