package parallel_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/parallel"
)

// TestOrdered: results come in order, a job that panics is that job's
// error, and the others are still done.
func TestOrdered(t *testing.T) {
	var got []int
	var failed []int
	err := parallel.Ordered(context.Background(), 50, 3, func(_ context.Context, _, i int) (int, error) {
		if i == 17 {
			var s []int
			return s[i], nil // a real index panic
		}
		if i == 23 {
			return 0, errors.New("plain failure")
		}
		time.Sleep(time.Duration(50-i) * 100 * time.Microsecond) // later jobs finish first
		return i * i, nil
	}, func(i int, r parallel.Result[int]) error {
		if r.Err != nil {
			failed = append(failed, i)
			return nil
		}
		got = append(got, r.Value)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(failed, []int{17, 23}) || len(got) != 48 || got[0] != 0 || got[47] != 49*49 || !slices.IsSorted(got) {
		t.Errorf("failed %v, %d results: %v", failed, len(got), got)
	}
	// An emit error stops the run and is returned.
	stop := errors.New("stop")
	n := 0
	err = parallel.Ordered(context.Background(), 1000, 2, func(_ context.Context, _, i int) (int, error) { return i, nil },
		func(i int, r parallel.Result[int]) error {
			n++
			if i == 9 {
				return stop
			}
			return nil
		})
	if !errors.Is(err, stop) || n != 10 {
		t.Errorf("stopped after %d: %v", n, err)
	}
}
