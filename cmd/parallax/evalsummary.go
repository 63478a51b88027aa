package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
	"github.com/parallax-news/parallax/internal/clean"
	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/ingest"
)

// summarySet is one line of a summarization evaluation file.
type summarySet struct {
	ID         string            `json:"id"`
	Docs       []json.RawMessage `json:"docs"`
	References []string          `json:"references"`
}

// runEvalSummary scores the brief's summary of each set of FILE.jsonl with
// ROUGE-1, ROUGE-2 and ROUGE-L against the set's references and prints the
// per-set and mean scores. A broken line is reported and skipped.
func runEvalSummary(ctx context.Context, m *Main, args []string) error {
	fs := m.flags("eval summary")
	words := fs.Int("words", 250, "word budget of each summary")
	asJSON := fs.Bool("json", false, "print JSON lines instead of a table")
	path, err := evalFile(fs, args)
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return parallax.Errorf(parallax.ENOTFOUND, path, "cannot open: %w", err)
	}
	defer f.Close()
	c, err := clean.New()
	if err != nil {
		return err
	}
	var errs []error
	var sum eval.Rouge
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	if !*asJSON {
		fmt.Fprintf(m.Stdout, "%-24s %8s %8s %8s %8s %8s\n", "set", "R1-R", "R2-R", "R2-F", "RL-F", "words")
	}
	for line := 1; sc.Scan(); line++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw := strings.TrimSpace(sc.Text())
		if raw == "" {
			continue
		}
		input := fmt.Sprintf("%s:%d", path, line)
		var set summarySet
		if err := json.Unmarshal([]byte(raw), &set); err != nil {
			errs = append(errs, parallax.Errorf(parallax.EINVALID, input, "broken JSON: %w", err))
			continue
		}
		var arts []*parallax.Article
		for i, d := range set.Docs {
			doc, err := ingest.DecodeArticle(fmt.Sprintf("%s docs[%d]", input, i), d)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			arts = append(arts, c.Clean(doc))
		}
		if len(arts) == 0 || len(set.References) == 0 {
			errs = append(errs, parallax.Errorf(parallax.EINVALID, input, "set %q needs docs and references", set.ID))
			continue
		}
		b := brief.Build(arts, brief.Options{Words: *words})
		var cand []string
		for _, st := range b.Summary {
			cand = append(cand, st.Text)
		}
		text := strings.Join(cand, " ")
		r := eval.ScoreRouge(text, set.References)
		sum.R1.Recall += r.R1.Recall
		sum.R2.Recall += r.R2.Recall
		sum.R2.F1 += r.R2.F1
		sum.RL.F1 += r.RL.F1
		n++
		if *asJSON {
			if err := json.NewEncoder(m.Stdout).Encode(map[string]any{"id": set.ID, "rouge": r, "words": len(strings.Fields(text))}); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(m.Stdout, "%-24s %8.4f %8.4f %8.4f %8.4f %8d\n", set.ID, r.R1.Recall, r.R2.Recall, r.R2.F1, r.RL.F1, len(strings.Fields(text)))
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, parallax.Errorf(parallax.EINVALID, path, "cannot read: %w", err))
	}
	if n > 0 {
		k := float64(n)
		if *asJSON {
			_ = json.NewEncoder(m.Stdout).Encode(map[string]any{"id": "mean", "sets": n, "rouge1_recall": sum.R1.Recall / k, "rouge2_recall": sum.R2.Recall / k, "rouge2_f1": sum.R2.F1 / k, "rougeL_f1": sum.RL.F1 / k})
		} else {
			fmt.Fprintf(m.Stdout, "%-24s %8.4f %8.4f %8.4f %8.4f %8s\n", fmt.Sprintf("mean (%d sets)", n), sum.R1.Recall/k, sum.R2.Recall/k, sum.R2.F1/k, sum.RL.F1/k, "")
		}
	}
	return errors.Join(errs...)
}
