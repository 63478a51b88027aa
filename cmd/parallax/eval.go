package main

import (
	"context"

	"github.com/parallax-news/parallax"
)

// runEval dispatches the evaluation subcommands.
func runEval(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 {
		return parallax.Errorf(parallax.EUSAGE, "eval", "name what to evaluate: summary or cluster")
	}
	switch args[0] {
	case "summary":
		return runEvalSummary(ctx, m, args[1:])
	case "cluster":
		return runEvalCluster(ctx, m, args[1:])
	}
	return parallax.Errorf(parallax.EUSAGE, "eval", "unknown evaluation %q (want summary or cluster)", args[0])
}
