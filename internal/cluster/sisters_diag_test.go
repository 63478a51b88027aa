package cluster_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/eval"
)

var sisters = flag.String("sisters", "", "JSON list of option overrides: score them on synthetic sister events made from the dev set")

// synthSisters makes a sister of every dev event: half its articles (every
// second by ID) with its most named person renamed throughout to an
// invented one, as another event of the same kind with another main
// participant.
func synthSisters(docs []parallax.Document) []parallax.Document {
	run := regexp.MustCompile(`\b([A-Z][a-z]+) ([A-Z][A-Za-z]+)\b`)
	byLabel := map[string][]parallax.Document{}
	var labels []string
	for _, d := range docs {
		if _, ok := byLabel[d.Label]; !ok {
			labels = append(labels, d.Label)
		}
		byLabel[d.Label] = append(byLabel[d.Label], d)
	}
	first := []string{"Nadia", "Oskar", "Priya", "Tomas", "Ilse", "Marek", "Yuki", "Rafael"}
	last := []string{"Vandermeer", "Okonkwo", "Lindqvist", "Moravec", "Castellano", "Haddad", "Brannigan", "Sorensen"}
	var out []parallax.Document
	for k, l := range labels {
		ds := byLabel[l]
		df := map[string]int{}
		for _, d := range ds {
			seen := map[string]bool{}
			for _, m := range run.FindAllString(d.Title+"\n"+d.Text, -1) {
				if !seen[m] {
					seen[m] = true
					df[m]++
				}
			}
		}
		top, n := "", 0
		for m, c := range df {
			if c > n || c == n && m < top {
				top, n = m, c
			}
		}
		words := strings.Fields(top)
		for i, d := range ds {
			if i%2 == 0 || len(words) != 2 {
				out = append(out, d)
				continue
			}
			r := strings.NewReplacer(words[0], first[k%len(first)], words[1], last[(k/len(first)+k)%len(last)])
			d.ID, d.Label = d.ID+"'", d.Label+"'"
			d.Title, d.Text = r.Replace(d.Title), r.Replace(d.Text)
			out = append(out, d)
		}
	}
	return out
}

func TestSynthSisters(t *testing.T) {
	if *sisters == "" {
		t.Skip("no -sisters")
	}
	docs := synthSisters(readDev(t))
	var overrides []map[string]any
	if err := json.Unmarshal([]byte(*sisters), &overrides); err != nil {
		t.Fatal(err)
	}
	for _, ov := range overrides {
		opts := cluster.DefaultOptions()
		b, _ := json.Marshal(ov)
		if err := json.Unmarshal(b, &opts); err != nil {
			t.Fatal(err)
		}
		run := func(ds []parallax.Document) ([]string, error) {
			as, err := cluster.Cluster(context.Background(), ds, opts)
			out := make([]string, len(as))
			for i, a := range as {
				out[i] = strconv.Itoa(a.Story)
			}
			return out, err
		}
		rep, err := eval.EvaluateOrders(docs, *tuneRuns, run)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("%s | sisters B3 %.3f (P %.3f R %.3f) n=%d/%d sh %.3f±%.3f [%.3f]\n", b, rep.Input.BCubedF1, rep.Input.BCubedPrecision, rep.Input.BCubedRecall, rep.Input.Stories, rep.Input.GoldStories, rep.BCubedF1.Mean, rep.BCubedF1.Std, rep.BCubedF1.Min)
	}
	_ = slices.Sort[[]string]
}
