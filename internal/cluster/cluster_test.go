package cluster_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/ingest"
)

// subsetPath holds ECB+ topics 1, 7 and 12 (see testdata/README.md).
const subsetPath = "testdata/ecbplus-1-7-12.jsonl"

func readSubset(t testing.TB) []parallax.Document {
	t.Helper()
	docs, err := ingest.Read(context.Background(), []string{subsetPath}, ingest.Options{})
	if err != nil || len(docs) != 90 {
		t.Fatalf("read %d articles: %v", len(docs), err)
	}
	return docs
}

// explained clusters docs with the default options and explanations.
func explained(t *testing.T, docs []parallax.Document) []cluster.Assignment {
	t.Helper()
	opts := cluster.DefaultOptions()
	opts.Explain = true
	as, err := cluster.Cluster(context.Background(), docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	return as
}

func labels(as []cluster.Assignment) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = strconv.Itoa(a.Story)
	}
	return out
}

func score(t testing.TB, docs []parallax.Document, opts cluster.Options) eval.ClusterScores {
	t.Helper()
	as, err := cluster.Cluster(context.Background(), docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	gold := make([]string, len(docs))
	for i, d := range docs {
		gold[i] = d.Label
	}
	s, err := eval.ScoreClusters(gold, labels(as))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestDevFloor guards the quality reached on the ECB+ development topics
// 1–25: B-cubed F1 0.943 in the input order, mean 0.919 and minimum 0.907
// over five shuffled orders with the defaults as fixed now (0.951, 0.917
// and 0.901 before the year of the event and the main names; the main
// names cost the input order one event split in two, 12_ecb, whose first
// reports name the navy's spokesman and a later one the ship).
func TestDevFloor(t *testing.T) {
	docs := readDev(t)
	run := func(ds []parallax.Document) ([]string, error) {
		as, err := cluster.Cluster(context.Background(), ds, cluster.DefaultOptions())
		return labels(as), err
	}
	rep, err := eval.EvaluateOrders(docs, 3, run)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("dev: B3 F1 %.3f (P %.3f R %.3f), pairwise F1 %.3f, %d stories for %d; shuffled B3 F1 %.3f ± %.3f",
		rep.Input.BCubedF1, rep.Input.BCubedPrecision, rep.Input.BCubedRecall, rep.Input.PairF1, rep.Input.Stories, rep.Input.GoldStories,
		rep.BCubedF1.Mean, rep.BCubedF1.Std)
	if rep.Input.BCubedF1 < 0.94 {
		t.Errorf("dev B-cubed F1 %.3f < 0.94", rep.Input.BCubedF1)
	}
	if rep.BCubedF1.Min < 0.90 {
		t.Errorf("dev B-cubed F1 over shuffled orders fell to %.3f < 0.90", rep.BCubedF1.Min)
	}
}

// TestMerge checks on the ECB+ development topics, in the input order, that
// stories are merged (an article joining a story also scores high with a
// one-article story split earlier, as with the reports of the charge in the
// 1967 ice-cream shop slayings in topic 22) and that every merge joins two
// stories of one gold event.
func TestMerge(t *testing.T) {
	docs := readDev(t)
	opts := cluster.DefaultOptions()
	opts.Explain = true
	c, err := cluster.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	added := map[string]cluster.Assignment{}
	label := map[string]string{}
	var merged [][2]string // article that merged, article that started the story merged
	for i := range docs {
		a := c.Add(&docs[i])
		added[a.ID], label[a.ID] = a, docs[i].Label
		for _, m := range a.Why.Merged {
			merged = append(merged, [2]string{a.ID, m})
		}
	}
	for _, m := range merged {
		if label[m[0]] != label[m[1]] {
			t.Errorf("%s (%s) merged the story of %s (%s)", m[0], label[m[0]], m[1], label[m[1]])
		}
		if r0, r1 := c.Root(added[m[0]].Story), c.Root(added[m[1]].Story); r0 != r1 {
			t.Errorf("%s merged the story of %s, yet they are in stories %d and %d", m[0], m[1], r0, r1)
		}
	}
	merges := len(merged)
	if merges < 5 {
		t.Errorf("%d merges on the dev set, want at least 5", merges)
	}
}

// TestSettle checks on the ECB+ development topics, in the input order, that
// small stories are settled at the end of the stream: fewer stories, every
// settled story went into a story of its own gold event, and recall rises
// while precision holds. One case is named: a report of Tara Reid's
// check-in (1_12ecb) that scored just under the threshold on arrival and
// ends in the story of the first report (1_10ecb), its explanation saying
// so.
func TestSettle(t *testing.T) {
	docs := readDev(t)
	off := cluster.DefaultOptions()
	off.SettleScore = 0
	without, with := score(t, docs, off), score(t, docs, cluster.DefaultOptions())
	t.Logf("without settling: %d stories, B3 P %.3f R %.3f; with: %d stories, P %.3f R %.3f",
		without.Stories, without.BCubedPrecision, without.BCubedRecall, with.Stories, with.BCubedPrecision, with.BCubedRecall)
	if with.Stories >= without.Stories || with.BCubedRecall <= without.BCubedRecall || with.BCubedPrecision < without.BCubedPrecision-0.005 {
		t.Errorf("settling gave %d stories, B3 P %.3f R %.3f; without: %d stories, P %.3f R %.3f",
			with.Stories, with.BCubedPrecision, with.BCubedRecall, without.Stories, without.BCubedPrecision, without.BCubedRecall)
	}
	as := explained(t, docs)
	byID := map[string]cluster.Assignment{}
	first := map[int]string{} // story → gold label of the article that started it
	for i, a := range as {
		byID[a.ID] = a
		if a.Why.Decision == "new" && a.Why.MergedInto == 0 {
			first[a.Story] = docs[i].Label
		}
	}
	settled, wrong := 0, 0
	for i, a := range as {
		if a.Why.MergedInto == 0 {
			continue
		}
		settled++
		if a.Why.MergedInto != a.Story {
			t.Errorf("%s: merged into story %d, yet in story %d", a.ID, a.Why.MergedInto, a.Story)
		}
		if l := first[a.Story]; l != docs[i].Label {
			t.Logf("%s (%s) was merged into a story started by a report of %s", a.ID, docs[i].Label, l)
			wrong++
		}
	}
	// The one wrong merge when the defaults were fixed went into the
	// story that already mixed Maurice Cheeks's hiring and firing.
	if settled < 5 || wrong*10 > settled {
		t.Errorf("%d stories merged or settled, %d of them into another event's story; want at least 5, under 10%% wrong", settled, wrong)
	}
	reid, lead := byID["1_12ecb"], byID["1_10ecb"]
	if reid.Story != lead.Story || reid.Why.Decision != "new" || reid.Why.MergedInto != lead.Story ||
		!strings.Contains(reid.Why.String(), fmt.Sprintf("later merged into story %d", lead.Story)) {
		t.Errorf("1_12ecb: story %d (1_10ecb's: %d), explained %q", reid.Story, lead.Story, reid.Why)
	}
}

// TestSameKindEvents checks on three ECB+ topics that events of the same
// kind stay apart: no story mixes the two rehab check-ins, the two title
// defences or the two piracy operations.
func TestSameKindEvents(t *testing.T) {
	docs := readSubset(t)
	as, err := cluster.Cluster(context.Background(), docs, cluster.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range cluster.Stories(as) {
		events := map[string]int{}
		for _, i := range g {
			events[docs[i].Label]++
		}
		if len(events) > 1 {
			t.Errorf("story %d mixes events %v", as[g[0]].Story, events)
		}
	}
	s := score(t, docs, cluster.DefaultOptions())
	if s.BCubedF1 < 0.9 || s.Stories > 12 {
		t.Errorf("subset: B-cubed F1 %.3f, %d stories for %d events", s.BCubedF1, s.Stories, s.GoldStories)
	}
}

// TestDeterministic checks that the same input order gives the same
// assignments, whatever the number of workers, and that Cluster and a
// Clusterer fed one article at a time agree.
func TestDeterministic(t *testing.T) {
	docs := readSubset(t)
	var runs [][]cluster.Assignment
	for _, workers := range []int{1, 2, 3} {
		opts := cluster.DefaultOptions()
		opts.Workers, opts.Explain = workers, true
		as, err := cluster.Cluster(context.Background(), docs, opts)
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, as)
	}
	for _, r := range runs[1:] {
		if diff := cmp.Diff(runs[0], r); diff != "" {
			t.Fatalf("runs differ (-first +other):\n%s", diff)
		}
	}
	opts := cluster.DefaultOptions()
	opts.Explain = true
	c, err := cluster.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	added := make([]cluster.Assignment, len(docs))
	for i := range docs {
		added[i] = c.Add(&docs[i])
	}
	c.Settle() // as Cluster does at the end of the stream
	// Cluster numbers the stories left after merges in order; Add's
	// stories, followed through merges, must be the same stories.
	story, root := map[int]int{}, map[int]int{}
	for i, a := range added {
		r, want := c.Root(a.Story), runs[0][i].Story
		if a.Score != runs[0][i].Score {
			t.Errorf("%s: Add scored %.3f, Cluster %.3f", docs[i].ID, a.Score, runs[0][i].Score)
		}
		if s, ok := story[r]; ok && s != want {
			t.Errorf("%s: Add put it in story %d with Cluster's story %d, Cluster in %d", docs[i].ID, r, s, want)
		}
		if x, ok := root[want]; ok && x != r {
			t.Errorf("%s: Cluster put it in story %d with Add's story %d, Add in %d", docs[i].ID, want, x, r)
		}
		story[r], root[want] = want, r
	}
}

// TestExplain checks what --explain tells: for a report of Lindsay Lohan's
// check-in that joins the story of the earlier ones, the shared names; for
// the first report of an event, that it started a story.
func TestExplain(t *testing.T) {
	docs := readSubset(t)
	as := explained(t, docs)
	byID := map[string]cluster.Assignment{}
	for _, a := range as {
		byID[a.ID] = a
	}
	first := byID["1_10ecb"].Why
	if first.Decision != "new" || !strings.HasPrefix(first.String(), "started a new story") {
		t.Errorf("first article: %s", first)
	}
	lohan := byID["1_11ecbplus"].Why
	if lohan.Decision != "joined" || lohan.Score < cluster.DefaultOptions().Threshold {
		t.Fatalf("1_11ecbplus: %s", lohan)
	}
	for _, name := range []string{"lohan", "lindsay lohan"} {
		if !contains(lohan.Names, name) {
			t.Errorf("1_11ecbplus: shared names %v lack %q", lohan.Names, name)
		}
	}
	if contains(lohan.Names, "tara reid") {
		t.Errorf("1_11ecbplus shares Tara Reid with its story: %v", lohan.Names)
	}
	if lohan.RunnerUp == lohan.Story || lohan.RunnerUp != 0 && lohan.RunnerUpScore > lohan.Score {
		t.Errorf("1_11ecbplus: runner-up %d scored %.3f against %.3f", lohan.RunnerUp, lohan.RunnerUpScore, lohan.Score)
	}
	for _, w := range []string{"joined story", "shared names: ", "lohan", "runner-up"} {
		if !strings.Contains(lohan.String(), w) {
			t.Errorf("explanation %q lacks %q", lohan, w)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestCopies checks that a wire copy joins its original's story and points
// to it, whatever its headline.
func TestCopies(t *testing.T) {
	docs := readSubset(t)
	orig := docs[0]
	cp := orig
	cp.ID, cp.Title = "copy", "Tara Reid enters rehab"
	lines := strings.Split(orig.Text, "\n")
	cp.Text = strings.Join(lines[:len(lines)-1], "\n")
	docs = append(docs, cp)
	as, err := cluster.Cluster(context.Background(), docs, cluster.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	a := as[len(as)-1]
	if a.DuplicateOf != orig.ID || a.Original != 0 || a.Story != as[0].Story {
		t.Fatalf("copy: %+v", a)
	}
	if diff := cmp.Diff([]string{lines[len(lines)-1]}, a.Copy.Diff.Cut); diff != "" || len(a.Copy.Diff.Added) != 0 {
		t.Errorf("copy diff: %+v", a.Copy.Diff)
	}
}

// TestWindow checks that a story closes after its quiet window: the same
// report a year later starts a new story, a day later joins.
func TestWindow(t *testing.T) {
	var docs []parallax.Document // three reports of Tara Reid's check-in
	for _, d := range readSubset(t) {
		if d.Label == "1_ecb" && len(docs) < 3 {
			docs = append(docs, d)
		}
	}
	day := time.Date(2008, 12, 2, 0, 0, 0, 0, time.UTC)
	opts := cluster.DefaultOptions()
	opts.Dedup = false
	for _, tt := range []struct {
		gap  time.Duration
		same bool
	}{{24 * time.Hour, true}, {365 * 24 * time.Hour, false}} {
		ds := append([]parallax.Document(nil), docs...)
		ds[0].Published, ds[1].Published = day, day
		ds[2].Published = day.Add(tt.gap)
		// Unrelated articles in between.
		filler := readSubset(t)[40:]
		for i := range filler {
			filler[i].Published = day.Add(tt.gap / 2)
		}
		ds = append(ds, filler...)
		as, err := cluster.Cluster(context.Background(), ds, opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := as[2].Story == as[0].Story; got != tt.same {
			t.Errorf("gap %v: same story = %v, want %v", tt.gap, got, tt.same)
		}
	}
}

// TestArrivalOrder checks that articles are taken in publication order,
// an undated article with the one before it in the input.
func TestArrivalOrder(t *testing.T) {
	docs := readSubset(t)[:4]
	d := func(day int) time.Time { return time.Date(2008, 12, day, 0, 0, 0, 0, time.UTC) }
	docs[0].Published, docs[1].Published, docs[2].Published = d(3), d(1), time.Time{}
	docs[3].Published = d(2)
	as, err := cluster.Cluster(context.Background(), docs, cluster.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, a := range as {
		got = append(got, a.Arrival)
	}
	// docs[1] (1 Dec), docs[2] (undated, after docs[1]), docs[3] (2 Dec), docs[0] (3 Dec)
	if diff := cmp.Diff([]int{3, 0, 1, 2}, got); diff != "" {
		t.Errorf("arrival order mismatch (-want +got):\n%s", diff)
	}
}

func TestValidate(t *testing.T) {
	for name, mod := range map[string]func(*cluster.Options){
		"threshold": func(o *cluster.Options) { o.Threshold = 2 },
		"topk":      func(o *cluster.Options) { o.TopK = 0 },
		"window":    func(o *cluster.Options) { o.Window = 0 },
		"dedup":     func(o *cluster.Options) { o.DedupOptions.Rows = 0 },
	} {
		o := cluster.DefaultOptions()
		mod(&o)
		if _, err := cluster.New(o); parallax.ErrorCode(err) != parallax.EINVALID {
			t.Errorf("%s: error %v, want EINVALID", name, err)
		}
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := cluster.Cluster(ctx, readSubset(t), cluster.DefaultOptions()); err == nil {
		t.Error("no error from a cancelled context")
	}
}
