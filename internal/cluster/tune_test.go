package cluster_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/eval"
)

var tuneRuns = flag.Int("tune-runs", 5, "shuffled orders per option set for -tune")

var tune = flag.String("tune", "", "JSON list of option overrides to evaluate on the dev set, e.g. '[{\"Threshold\":0.2}]'")

// topic returns the ECB+ topic of a gold label ("12_ecbplus" → 12).
func topic(d parallax.Document) int {
	n, _ := strconv.Atoi(strings.SplitN(d.Label, "_", 2)[0])
	return n
}

// TestTune is the tuning tool behind DefaultOptions, skipped unless -tune
// names option sets. For each it prints the B-cubed and pairwise F1 on the
// ECB+ dev topics 1–25 in the input order, and the mean, spread and
// minimum of B-cubed F1 over five shuffled orders, for all topics and for
// topics 1–12 and 13–25 apart (tune on one half, check on the other):
//
//	go test ./internal/cluster -run TestTune -v -tune '[{}, {"Threshold": 0.22}]'
//
// -tune-runs sets the number of shuffled orders (20 or more tell options
// apart that five cannot; the first five are those of the eval).
func TestTune(t *testing.T) {
	if *tune == "" {
		t.Skip("no -tune")
	}
	docs := readDev(t)
	var overrides []map[string]any
	if err := json.Unmarshal([]byte(*tune), &overrides); err != nil {
		t.Fatal(err)
	}
	subsets := map[string]func(int) bool{"all": func(int) bool { return true }, "1-12": func(n int) bool { return n <= 12 }, "13-25": func(n int) bool { return n > 12 }}
	for _, ov := range overrides {
		opts := cluster.DefaultOptions()
		b, _ := json.Marshal(ov)
		if err := json.Unmarshal(b, &opts); err != nil {
			t.Fatal(err)
		}
		run := func(ds []parallax.Document) ([]string, error) {
			as, err := cluster.Cluster(context.Background(), ds, opts)
			if err != nil {
				return nil, err
			}
			out := make([]string, len(as))
			for i, a := range as {
				out[i] = strconv.Itoa(a.Story)
			}
			return out, nil
		}
		line := string(b)
		for _, name := range []string{"all", "1-12", "13-25"} {
			var sub []parallax.Document
			for _, d := range docs {
				if subsets[name](topic(d)) {
					sub = append(sub, d)
				}
			}
			rep, err := eval.EvaluateOrders(sub, *tuneRuns, run)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Input.Articles != len(sub) {
				t.Fatalf("%s: scored %d articles of %d", name, rep.Input.Articles, len(sub))
			}
			line += fmt.Sprintf(" | %s B3 %.3f pw %.3f n=%d/%d sh %.3f±%.3f [%.3f]", name, rep.Input.BCubedF1, rep.Input.PairF1, rep.Input.Stories, rep.Input.GoldStories, rep.BCubedF1.Mean, rep.BCubedF1.Std, rep.BCubedF1.Min)
		}
		fmt.Println(line)
	}
}
