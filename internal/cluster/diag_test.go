package cluster_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cluster"
)

var (
	diag     = flag.Bool("diag", false, "print the clustering errors on the dev set in the input order and the five shuffled orders of the eval")
	diagOpts = flag.String("diag-opts", "{}", "JSON option overrides for -diag")
)

// diagRuns returns the options of -diag-opts and the dev set in the input
// order and in the five shuffled orders of eval.EvaluateOrders (run i
// shuffled with seed i+1), after skipping the test unless -diag is set.
func diagRuns(t *testing.T) (cluster.Options, [][]parallax.Document) {
	if !*diag {
		t.Skip("no -diag")
	}
	opts := cluster.DefaultOptions()
	if err := json.Unmarshal([]byte(*diagOpts), &opts); err != nil {
		t.Fatal(err)
	}
	docs := readDev(t)
	runs := [][]parallax.Document{docs}
	for run := range 5 {
		rng := rand.New(rand.NewPCG(uint64(run+1), 0x5eed))
		ds := make([]parallax.Document, len(docs))
		for i, j := range rng.Perm(len(docs)) {
			ds[i] = docs[j]
		}
		runs = append(runs, ds)
	}
	return opts, runs
}

// TestDiagnose is the error report behind the tuning, skipped unless
// -diag: for the input order and each shuffled order it prints each story
// that mixes gold events, with the count of each, and each event split
// over stories, with the size of each part:
//
//	go test ./internal/cluster -run 'TestDiagnose$' -v -diag -diag-opts '{"MainWeight": 0}'
func TestDiagnose(t *testing.T) {
	opts, runs := diagRuns(t)
	for run, ds := range runs {
		as, err := cluster.Cluster(context.Background(), ds, opts)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("== order %d (0: input)\n", run)
		parts := map[string][]int{} // event → sizes of its parts
		for _, g := range cluster.Stories(as) {
			events := map[string]int{}
			var ids []string
			for _, i := range g {
				events[ds[i].Label]++
				ids = append(ids, ds[i].ID)
			}
			var es []string
			for e, n := range events {
				es = append(es, fmt.Sprintf("%s×%d", e, n))
				parts[e] = append(parts[e], n)
			}
			sort.Strings(es)
			if len(events) > 1 {
				slices.Sort(ids)
				fmt.Printf("  mixed: %s  [%s]\n", strings.Join(es, " + "), strings.Join(ids, " "))
			}
		}
		var evs []string
		for e, p := range parts {
			if len(p) > 1 {
				evs = append(evs, e)
			}
		}
		sort.Strings(evs)
		for _, e := range evs {
			fmt.Printf("  split: %s %v\n", e, parts[e])
		}
	}
}

// TestDiagnoseJoins is the decision report behind the tuning, skipped
// unless -diag: for each order it prints, with its explanation, each
// article that joined a story whose articles so far are mostly of another
// gold event, and each that started a story although the best candidate,
// scoring above 0.18, held articles of its own event.
func TestDiagnoseJoins(t *testing.T) {
	opts, runs := diagRuns(t)
	opts.Explain = true
	for run, ds := range runs {
		fmt.Printf("== order %d (0: input)\n", run)
		c, err := cluster.New(opts)
		if err != nil {
			t.Fatal(err)
		}
		members := map[int][]string{} // story, followed through merges → gold labels
		for i := range ds {
			a := c.Add(&ds[i])
			r := c.Root(a.Story)
			for s, ls := range members {
				if s != r && c.Root(s) == r {
					members[r] = append(members[r], ls...)
					delete(members, s)
				}
			}
			switch {
			case a.Why.Decision == "joined":
				own := 0
				for _, l := range members[r] {
					if l == ds[i].Label {
						own++
					}
				}
				if 2*own < len(members[r]) {
					fmt.Printf("  %s (%s) joined a story of %v: %s\n", ds[i].ID, ds[i].Label, members[r], a.Why)
				}
			case a.Why.Decision == "new" && a.Why.Story != 0 && a.Why.Score > 0.18:
				if slices.Contains(members[c.Root(a.Why.Story)], ds[i].Label) {
					fmt.Printf("  %s (%s) started a story: %s\n", ds[i].ID, ds[i].Label, a.Why)
				}
			}
			members[r] = append(members[r], ds[i].Label)
		}
	}
}
