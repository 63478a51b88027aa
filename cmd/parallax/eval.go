package main

import (
	"context"

	"github.com/parallax-news/parallax"
)

// runEval dispatches the evaluation subcommands.
func runEval(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 {
		return parallax.Errorf(parallax.EUSAGE, "eval", "name what to evaluate: summary, cluster or extract")
	}
	switch args[0] {
	case "summary":
		return runEvalSummary(ctx, m, args[1:])
	case "cluster":
		return runEvalCluster(ctx, m, args[1:])
	case "extract":
		return runEvalExtract(ctx, m, args[1:])
	}
	return parallax.Errorf(parallax.EUSAGE, "eval", "unknown evaluation %q (want summary, cluster or extract)", args[0])
}
