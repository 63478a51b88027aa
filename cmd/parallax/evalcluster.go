package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/render"
)

// runEvalCluster clusters the articles of a JSON Lines file whose records
// carry a gold story `label` and prints B-cubed and pairwise precision,
// recall and F1, the numbers of stories, and the spread of B-cubed F1 over
// shuffled arrival orders. Records that cannot be read are reported (exit
// status 1) and left out of the scores.
func runEvalCluster(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("eval cluster")
	runs := fs.Int("runs", 5, "number of shuffled arrival orders (deterministic seeds 1..N)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	path, err := evalFile(fs, args)
	if err != nil {
		return err
	}
	if *runs < 0 {
		return parallax.Errorf(parallax.EUSAGE, "--runs", "must not be negative, got %d", *runs)
	}
	docs, readErr := ingest.Read(ctx, []string{path}, ingest.Options{Stdin: m.Stdin})
	if len(docs) == 0 {
		return errNoneRead(path, readErr)
	}
	for _, d := range docs {
		if d.Label == "" {
			return errors.Join(readErr, parallax.Errorf(parallax.EINVALID, d.Path, "no gold label: eval cluster needs a \"label\" on every record"))
		}
	}
	run := func(ds []parallax.Document) ([]string, error) {
		as, err := cluster.Cluster(ctx, ds, cluster.DefaultOptions())
		if err != nil {
			return nil, err
		}
		pred := make([]string, len(as))
		for i, a := range as {
			pred[i] = strconv.Itoa(a.Story)
		}
		return pred, nil
	}
	rep, err := eval.EvaluateOrders(docs, *runs, run)
	if err != nil {
		return errors.Join(readErr, err)
	}
	if *asJSON {
		err = render.JSON(m.Stdout, rep)
	} else {
		s := rep.Input
		_, err = fmt.Fprintf(m.Stdout, "%s: %d articles, %d gold stories, %d predicted\n"+
			"B-cubed   precision %.3f  recall %.3f  F1 %.3f\n"+
			"pairwise  precision %.3f  recall %.3f  F1 %.3f\n"+
			"B-cubed F1 over %d shuffled orders: mean %.3f  std %.3f  min %.3f  max %.3f\n",
			path, s.Articles, s.GoldStories, s.Stories,
			s.BCubedPrecision, s.BCubedRecall, s.BCubedF1,
			s.PairPrecision, s.PairRecall, s.PairF1,
			rep.BCubedF1.Runs, rep.BCubedF1.Mean, rep.BCubedF1.Std, rep.BCubedF1.Min, rep.BCubedF1.Max)
	}
	if err != nil {
		return errors.Join(readErr, parallax.Errorf(parallax.EINTERNAL, "stdout", "write report: %w", err))
	}
	return readErr
}
