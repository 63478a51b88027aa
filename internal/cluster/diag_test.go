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

var diagOpts = flag.String("diag-opts", "{}", "JSON option overrides for -diag")

func diagOptions(t *testing.T) cluster.Options {
	opts := cluster.DefaultOptions()
	if err := json.Unmarshal([]byte(*diagOpts), &opts); err != nil {
		t.Fatal(err)
	}
	return opts
}

var diagSynth = flag.Bool("diag-synth", false, "diagnose the synthetic sister events instead of the dev set")

var diag = flag.Bool("diag", false, "print the stories that mix gold events and the events split over stories, on the dev set in the input order and five shuffled orders")

// TestDiagnose is the error report behind the tuning, skipped unless -diag:
// for the input order and the five shuffled orders of eval.EvaluateOrders
// it prints each story that mixes gold events (with the count of each) and
// each event split over stories (with the size of each part).
func TestDiagnose(t *testing.T) {
	if !*diag {
		t.Skip("no -diag")
	}
	docs := readDev(t)
	if *diagSynth {
		docs = synthSisters(docs)
	}
	opts := diagOptions(t)
	for run := -1; run < 5; run++ {
		ds := docs
		name := "input"
		if run >= 0 {
			rng := rand.New(rand.NewPCG(uint64(run+1), 0x5eed))
			ds = make([]parallax.Document, len(docs))
			for i, j := range rng.Perm(len(docs)) {
				ds[i] = docs[j]
			}
			name = fmt.Sprintf("shuffle %d", run+1)
		}
		as, err := cluster.Cluster(context.Background(), ds, opts)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("== %s\n", name)
		parts := map[string][]int{} // event → sizes of its parts
		for _, g := range cluster.Stories(as) {
			events := map[string]int{}
			for _, i := range g {
				events[ds[i].Label]++
			}
			var es []string
			for e, n := range events {
				es = append(es, fmt.Sprintf("%s×%d", e, n))
				parts[e] = append(parts[e], n)
			}
			sort.Strings(es)
			if len(events) > 1 {
				var ids []string
				for _, i := range g {
					ids = append(ids, ds[i].ID)
				}
				slices.Sort(ids)
				fmt.Printf("  mixed: %s  [%s]\n", strings.Join(es, " + "), strings.Join(ids, " "))
			}
		}
		var evs []string
		for e := range parts {
			evs = append(evs, e)
		}
		sort.Strings(evs)
		for _, e := range evs {
			if len(parts[e]) > 1 {
				fmt.Printf("  split: %s %v\n", e, parts[e])
			}
		}
	}
}

// TestDiagnoseJoins prints, unless -diag is unset, each article of the dev
// set (input order) that joined a story whose articles so far are mostly of
// another gold event, with its explanation.
func TestDiagnoseJoins(t *testing.T) {
	if !*diag {
		t.Skip("no -diag")
	}
	docs := readDev(t)
	if *diagSynth {
		docs = synthSisters(docs)
	}
	for run := -1; run < 5; run++ {
		ds := docs
		if run >= 0 {
			rng := rand.New(rand.NewPCG(uint64(run+1), 0x5eed))
			ds = make([]parallax.Document, len(docs))
			for i, j := range rng.Perm(len(docs)) {
				ds[i] = docs[j]
			}
		}
		fmt.Printf("== run %d\n", run+1)
		opts := diagOptions(t)
		opts.Explain = true
		c, err := cluster.New(opts)
		if err != nil {
			t.Fatal(err)
		}
		members := map[int][]string{} // root story → labels
		for i := range ds {
			a := c.Add(&ds[i])
			r := c.Root(a.Story)
			// fold merged stories
			for s, ls := range members {
				if s != r && c.Root(s) == r {
					members[r] = append(members[r], ls...)
					delete(members, s)
				}
			}
			if a.Why != nil && a.Why.Decision != "new" {
				n, own := len(members[r]), 0
				for _, l := range members[r] {
					if l == ds[i].Label {
						own++
					}
				}
				if own*2 < n {
					fmt.Printf("  %s (%s) joined story of %v: %s\n", ds[i].ID, ds[i].Label, members[r], a.Why)
				}
			}
			if a.Why != nil && a.Why.Decision == "new" && a.Why.Story != 0 && a.Why.Score > 0.18 {
				same := false
				for _, l := range members[c.Root(a.Why.Story)] {
					same = same || l == ds[i].Label
				}
				if same {
					fmt.Printf("  %s (%s) started a story: %s\n", ds[i].ID, ds[i].Label, a.Why)
				}
			}
			members[r] = append(members[r], ds[i].Label)
		}
	}
}
