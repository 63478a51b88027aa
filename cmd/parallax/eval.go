package main

import (
	"context"
	"flag"

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

// evalFile parses the flags of an evaluation command, which takes one
// FILE.jsonl, and returns that file. It fails with EUSAGE for bad flags or
// not exactly one file.
func evalFile(fs *flag.FlagSet, args []string) (string, error) {
	if err := parse(fs, args); err != nil {
		return "", err
	}
	if fs.NArg() != 1 {
		return "", parallax.Errorf(parallax.EUSAGE, fs.Name(), "want one FILE.jsonl")
	}
	return fs.Arg(0), nil
}
