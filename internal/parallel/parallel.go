// Package parallel runs jobs on every core and hands their results over in
// order: the one worker pool of the pipeline (clustering's feature
// extraction, cleaning, briefs).
package parallel

import (
	"context"
	"runtime"
	"strconv"
	"sync"

	"github.com/parallax-news/parallax"
)

// Result is the outcome of one job.
type Result[T any] struct {
	Value T
	Err   error
}

// Ordered runs job(ctx, w, 0) … job(ctx, w, n-1) on workers goroutines (0
// means one per CPU; w numbers the goroutine running the job, for state of
// its own) and calls emit with each result in order as soon as it and those
// before it are done, holding at most two results per worker that emit has
// not taken. A panic in a job is recovered as that job's EINTERNAL error.
// It stops when emit returns an error or ctx is done, and returns that
// error; the jobs running then are waited for.
func Ordered[T any](ctx context.Context, n, workers int, job func(ctx context.Context, w, i int) (T, error), emit func(i int, r Result[T]) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	defer wg.Wait() // after cancel below, so that the workers can stop
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make([]chan Result[T], n)
	for i := range results {
		results[i] = make(chan Result[T], 1)
	}
	ahead := make(chan struct{}, 2*workers)
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range n {
			select {
			case ahead <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for w := range workers {
		wg.Go(func() {
			for i := range next {
				results[i] <- run(ctx, w, i, job)
			}
		})
	}
	for i := range n {
		select {
		case r := <-results[i]:
			<-ahead
			if err := emit(i, r); err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// run runs one job, recovering a panic as its error.
func run[T any](ctx context.Context, w, i int, job func(ctx context.Context, w, i int) (T, error)) (r Result[T]) {
	defer func() {
		if p := recover(); p != nil {
			r.Err = parallax.Errorf(parallax.EINTERNAL, "job "+strconv.Itoa(i), "panic: %v", p)
		}
	}()
	v, err := job(ctx, w, i)
	return Result[T]{Value: v, Err: err}
}
