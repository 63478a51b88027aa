// Package library keeps a news library in a parallax.Store: it ingests
// articles in batches, one transaction each, regroups the stored articles
// into stories after each ingest (so that the stories of `ingest a; ingest
// b` are those of one `cluster a b`), and writes each story's brief once
// per story version, keeping it in the store.
package library

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/ingest"
)

// DefaultBatch is the number of articles written per transaction, and
// DefaultRegroupEvery the number stored between two regroupings.
const (
	DefaultBatch        = 500
	DefaultRegroupEvery = 10000
)

// Options configures an ingest.
type Options struct {
	// Cluster configures the grouping into stories; the zero value means
	// cluster.DefaultOptions.
	Cluster cluster.Options
	// Batch is the number of articles per transaction; 0 means
	// DefaultBatch.
	Batch int
	// RegroupEvery is the number of articles stored between two
	// regroupings while an ingest runs, so that a large import holds only
	// the live part of its stream; 0 means DefaultRegroupEvery.
	RegroupEvery int
	// Read tells how to read the inputs (standard input, the fetching of
	// addresses, where warnings go).
	Read ingest.Options
	// Progress, when not nil, is called after each batch is committed,
	// and once more as the stories are being regrouped.
	Progress func(Report)
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// Report counts what an ingest did. Every article counted as added,
// updated or unchanged is in the store.
type Report struct {
	// Read counts the articles read; Added, Updated and Unchanged the
	// articles committed to the store, new, as a new version, or already
	// stored as they were; Failed the inputs that could not be read.
	Read, Added, Updated, Unchanged, Failed int
	// Stories is the number of live stories in the store after
	// regrouping, and Regrouping is true while it runs.
	Stories    int
	Regrouping bool
}

// Ingest reads the articles of paths and stores them, opts.Batch per
// transaction, and regroups the store's articles into stories every
// opts.RegroupEvery articles stored and at the end. Memory does not grow
// with the inputs when they come in order of publication (a regrouping
// holds the live part of the stream only).
//
// When ctx is done, the batch being written is still committed, then
// Ingest stops without regrouping (the next ingest regroups) and returns
// ctx's error. The errors of the inputs that could not be read are
// returned joined; the other inputs are stored.
func Ingest(ctx context.Context, st parallax.Store, paths []string, opts Options) (Report, error) {
	if opts.Batch <= 0 {
		opts.Batch = DefaultBatch
	}
	if opts.RegroupEvery <= 0 {
		opts.RegroupEvery = DefaultRegroupEvery
	}
	var rep Report
	stored := 0 // new or changed articles since the last regrouping
	batch := make([]parallax.Document, 0, opts.Batch)
	// A batch begun is committed even when ctx is done, so that a stop
	// comes after the current transaction, not in it.
	commit := context.WithoutCancel(ctx)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := st.AddArticles(commit, batch)
		if err != nil {
			return err
		}
		rep.Added += res.Added
		rep.Updated += res.Updated
		rep.Unchanged += res.Unchanged
		batch = batch[:0]
		if opts.Progress != nil {
			opts.Progress(rep)
		}
		if stored += res.Added + res.Updated; stored >= opts.RegroupEvery && ctx.Err() == nil {
			stored = 0
			if _, err := Regroup(ctx, st, opts); err != nil && ctx.Err() == nil {
				return err
			}
		}
		return nil
	}
	var storeErr error
	readErr := ingest.Stream(ctx, paths, opts.Read, func(d parallax.Document) error {
		rep.Read++
		batch = append(batch, d)
		if len(batch) == opts.Batch {
			if err := flush(); err != nil {
				storeErr = err
				return err
			}
		}
		return ctx.Err()
	})
	if storeErr == nil {
		storeErr = flush()
	}
	if storeErr != nil {
		return rep, storeErr
	}
	failed := inputErrors(readErr)
	rep.Failed = len(failed)
	if err := ctx.Err(); err != nil {
		return rep, errors.Join(append(failed, err)...)
	}
	rep.Regrouping = true
	if opts.Progress != nil {
		opts.Progress(rep)
	}
	_, err := Regroup(ctx, st, opts)
	rep.Regrouping = false
	if err == nil {
		var live []parallax.StoryInfo
		live, err = st.Stories(ctx, parallax.StoryFilter{})
		rep.Stories = len(live)
	}
	return rep, errors.Join(readErr, err)
}

// inputErrors returns the errors joined in err that concern an input:
// without the stop of a cancelled context (reported once by the caller).
func inputErrors(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, inputErrors(e)...)
		}
		return out
	}
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return nil
	}
	return []error{err}
}

// Regroup groups the stored articles into stories as `parallax cluster`
// groups them read in the order they were stored, and saves the stories:
// each keeps the number of the stored story most of its articles were in.
// It replays the live part of the stream only: from the first article new
// to its story (or changed since), back as far as a story stays open (the
// clustering window, in time and in articles); the articles before keep
// their stories. It returns the number of stories saved.
func Regroup(ctx context.Context, st parallax.Store, opts Options) (int, error) {
	var stamps []parallax.Stamp
	if err := st.Stamps(ctx, func(s parallax.Stamp) error {
		stamps = append(stamps, s)
		return nil
	}); err != nil {
		return 0, err
	}
	copts := opts.Cluster
	if copts == (cluster.Options{}) {
		copts = cluster.DefaultOptions()
	}
	learn, replay := live(stamps, copts)
	if len(replay) == 0 {
		return 0, nil
	}
	c, err := cluster.New(copts)
	if err != nil {
		return 0, err
	}
	// The articles before the live part are learned as they are read (the
	// clusterer weighs terms as over the whole stream), the live part
	// kept: one read, from the first of either on.
	role := map[int64]byte{}
	first := stamps[replay[0]].Seq
	for _, i := range learn {
		role[stamps[i].Seq] = 'l'
		first = min(first, stamps[i].Seq)
	}
	for _, i := range replay {
		role[stamps[i].Seq] = 'r'
	}
	var docs []parallax.Document
	var keys []string
	if err := st.Articles(ctx, first, func(a parallax.StoredArticle) error {
		switch role[a.Seq] {
		case 'l':
			c.Learn(&a.Document)
		case 'r':
			docs = append(docs, a.Document)
			keys = append(keys, a.Key)
		}
		return ctx.Err()
	}); err != nil {
		return 0, err
	}
	as, err := c.Cluster(ctx, docs)
	if err != nil {
		return 0, err
	}
	groups := Groups(docs, keys, as)
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	if _, err := st.SaveStories(ctx, groups, now()); err != nil {
		return 0, err
	}
	return len(groups), nil
}

// live returns the positions of the articles to replay, in the order they
// were stored: none when no article is new to its story or changed since;
// else, in arrival order (see cluster.ArrivalOrder), every article from
// the first such one back to the oldest whose story could still be open
// then (within opts.Window of it and at most opts.WindowArticles before
// it). It also returns the positions of the opts.WindowArticles articles
// before those, whose terms the clusterer learns.
func live(stamps []parallax.Stamp, opts cluster.Options) (learn, replay []int) {
	dates := make([]time.Time, len(stamps))
	for i, s := range stamps {
		dates[i] = s.Published
	}
	order, at := cluster.Arrivals(dates)
	first := slices.IndexFunc(order, func(i int) bool { return stamps[i].Grouped != stamps[i].Version })
	if first < 0 {
		return nil, nil
	}
	from := first
	for from > 0 && first-(from-1) <= opts.WindowArticles &&
		(at[order[first]].IsZero() || at[order[from-1]].IsZero() || at[order[first]].Sub(at[order[from-1]]) <= opts.Window) {
		from--
	}
	replay = slices.Clone(order[from:])
	slices.Sort(replay)
	learn = slices.Clone(order[max(0, from-opts.WindowArticles):from])
	return learn, replay
}

// Groups turns assignments into story groups: each story's articles (by
// key, keys[i] that of docs[i]) in arrival order with their outlets and
// the story's title, the stories in the order of their first article's
// arrival.
func Groups(docs []parallax.Document, keys []string, as []cluster.Assignment) []parallax.StoryGroup {
	stories := cluster.Stories(as)
	out := make([]parallax.StoryGroup, len(stories))
	for k, g := range stories {
		g = cluster.ByArrival(as, g)
		members := make([]*parallax.Document, len(g))
		mkeys := make([]string, len(g))
		for j, i := range g {
			members[j], mkeys[j] = &docs[i], keys[i]
		}
		out[k] = Group(members, mkeys)
	}
	return out
}

// Group is the story group of one story's articles (in arrival order) and
// their keys: the outlet of each (clean.Outlet) and the story's title
// (cluster.Title). It is how a story is saved, wherever it was grouped.
func Group(docs []*parallax.Document, keys []string) parallax.StoryGroup {
	g := parallax.StoryGroup{Articles: keys, Outlets: make([]string, len(docs)), Title: cluster.Title(docs)}
	for j, d := range docs {
		g.Outlets[j] = clean.Outlet(d)
	}
	return g
}

// String returns the report's closing line.
func (r Report) String() string {
	s := fmt.Sprintf("%d articles read: %d added, %d updated, %d already stored", r.Read, r.Added, r.Updated, r.Unchanged)
	if r.Failed > 0 {
		s += fmt.Sprintf(", %d inputs failed", r.Failed)
	}
	if lost := r.Read - r.Added - r.Updated - r.Unchanged; lost > 0 {
		s += fmt.Sprintf(", %d not stored", lost)
	}
	if r.Stories > 0 {
		s += fmt.Sprintf("; %d stories", r.Stories)
	}
	return s
}
