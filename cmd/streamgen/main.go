// Command streamgen builds a large synthetic article stream from labelled
// articles (by default the ECB+ development set in testdata/) and
// either writes it as JSON Lines or clusters it in memory and reports speed,
// memory and quality.
//
// Usage:
//
//	streamgen [-source FILE.jsonl] [-n 100000] [-seed 1] -o stream.jsonl
//	streamgen [-source FILE.jsonl] [-n 100000] [-seed 1] -run [-sizes 10000,100000]
//
// With -run it clusters the first k articles of the stream for each size k
// of -sizes (each run from scratch) and prints, per run, the articles per
// second, the wall and CPU time per article (the CPU time, summed over
// threads, does not depend on what else the machine runs), the B-cubed and pairwise F1 against the
// stream's event labels, the live heap after the run and, at the end, the
// peak resident memory of the process (VmHWM), generation included.
//
// The written stream is read by `parallax cluster` and `parallax eval
// cluster` like any JSON Lines input: id, title, text, label, source and
// published (RFC 3339).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/cluster/streamgen"
	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/ingest"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "streamgen:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("streamgen", flag.ContinueOnError)
	source := fs.String("source", "testdata/ecbplus-dev.jsonl", "labelled source articles (JSON Lines)")
	n := fs.Int("n", 100000, "number of articles")
	seed := fs.Uint64("seed", 1, "generator seed")
	out := fs.String("o", "", "write the stream to this JSON Lines file")
	doRun := fs.Bool("run", false, "cluster the stream in memory and report speed, memory and quality")
	sizes := fs.String("sizes", "", "with -run: comma-separated prefix sizes to cluster (default: -n)")
	cpuprofile := fs.String("cpuprofile", "", "with -run: write a CPU profile of the clustering runs to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" && !*doRun {
		return errors.New("need -o FILE or -run")
	}
	src, err := ingest.Read(context.Background(), []string{*source}, ingest.Options{})
	if len(src) == 0 {
		return fmt.Errorf("read source: %w", err)
	}
	opts := streamgen.DefaultOptions(*n)
	opts.Seed = *seed
	t0 := time.Now()
	docs, err := streamgen.Generate(src, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "generated %d articles in %.1fs\n", len(docs), time.Since(t0).Seconds())
	if *out != "" {
		if err := write(*out, docs); err != nil {
			return err
		}
	}
	if !*doRun {
		return nil
	}
	ks := []int{len(docs)}
	if *sizes != "" {
		ks = nil
		for _, f := range strings.Split(*sizes, ",") {
			k, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || k < 1 || k > len(docs) {
				return fmt.Errorf("bad size %q", f)
			}
			ks = append(ks, k)
		}
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	for _, k := range ks {
		part := docs[:k]
		runtime.GC()
		cpu0 := cpuTime()
		t := time.Now()
		as, err := cluster.Cluster(context.Background(), part, cluster.DefaultOptions())
		if err != nil {
			return err
		}
		el := time.Since(t)
		cpu := cpuTime() - cpu0
		gold := make([]string, k)
		pred := make([]string, k)
		copies := 0
		for i, a := range as {
			gold[i] = part[i].Label
			pred[i] = strconv.Itoa(a.Story)
			if a.DuplicateOf != "" {
				copies++
			}
		}
		sc, err := eval.ScoreClusters(gold, pred)
		if err != nil {
			return err
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Fprintf(stdout, "%7d articles: %.1fs, %.0f articles/s, %.0f µs/article (CPU %.0f µs/article), B3 F1 %.3f (P %.3f R %.3f), pairwise F1 %.3f, stories %d (gold %d), copies %d, live heap after %d MB\n",
			k, el.Seconds(), float64(k)/el.Seconds(), float64(el.Microseconds())/float64(k), float64(cpu.Microseconds())/float64(k), sc.BCubedF1, sc.BCubedPrecision, sc.BCubedRecall, sc.PairF1,
			sc.Stories, sc.GoldStories, copies, ms.HeapAlloc>>20)
		runtime.KeepAlive(as)
	}
	fmt.Fprintf(stdout, "peak RSS (VmHWM) %s\n", vmHWM())
	return nil
}

// write writes docs as JSON Lines.
func write(path string, docs []parallax.Document) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, d := range docs {
		rec := struct {
			ID        string `json:"id"`
			Title     string `json:"title"`
			Text      string `json:"text"`
			Label     string `json:"label"`
			Source    string `json:"source"`
			Published string `json:"published"`
		}{d.ID, d.Title, d.Text, d.Label, d.Source, d.Published.Format(time.RFC3339)}
		if err := enc.Encode(rec); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// cpuTime returns the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// vmHWM returns the process's peak resident memory as /proc reports it.
func vmHWM() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
