package fetch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// retryable reports whether an answer with status may change if asked
// again: a time-out, too many requests, or a server failing for now.
func retryable(status int) bool {
	switch status {
	case http.StatusRequestTimeout, http.StatusTooManyRequests,
		http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// transient reports whether a failed exchange may succeed if tried again:
// a network failure, but not a refused address, a final failure, the end
// of ctx, or a time-out (a server that slow is asked again at the next
// poll, not made to cost the caller several time-outs now).
func transient(ctx context.Context, err error) bool {
	var final *parallax.Error
	return ctx.Err() == nil && !errors.Is(err, errRefused) && !errors.As(err, &final) && !timedOut(err)
}

// timedOut reports whether err is the end of a time-out.
func timedOut(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// failure is the error of a request for input that failed with err after
// tries tries: err itself when final, the end of ctx, or as by Error.
func (f *Fetcher) failure(ctx context.Context, input string, err error, tries int) error {
	var final *parallax.Error
	if errors.As(err, &final) {
		return err
	}
	if ctx.Err() != nil {
		return Error(input, ctx.Err())
	}
	if timedOut(err) {
		err = fmt.Errorf("no full answer within the time-out of %s: %w", f.opts.Timeout, err)
	}
	if tries > 1 {
		err = fmt.Errorf("after %d tries: %w", tries, err)
	}
	return Error(input, err)
}

// backoff returns the wait before try attempt+2: a random duration up to
// BackoffBase doubled attempt times, at most MaxBackoff ("full jitter").
func (f *Fetcher) backoff(attempt int) time.Duration {
	ceiling := f.opts.MaxBackoff
	if attempt < 32 {
		ceiling = min(ceiling, f.opts.BackoffBase<<attempt)
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

// sleep waits for d, or until ctx is done, returning its error then.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// retryAfter returns the time named by the Retry-After header of h,
// counting a number of seconds from now.
func retryAfter(h http.Header, now time.Time) (time.Time, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return time.Time{}, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil && s >= 0 {
		return now.Add(time.Duration(min(s, 1<<32)) * time.Second), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// waitError is the time a server asked to be left alone until.
type waitError struct {
	until time.Time
}

// Error says until when, and for how long from now.
func (e *waitError) Error() string {
	return fmt.Sprintf("asked to wait until %s (%s)", e.until.UTC().Format(time.RFC3339), time.Until(e.until).Round(time.Second))
}

// RetryAfter returns the time a server asked to wait until before the next
// request (its Retry-After), when err is a failure that carries one: an
// answer such as 429 or 503 whose Retry-After was over MaxRetryAfter or
// outlived the retries, or a request not sent because its host had asked
// so. A poller should not fetch that address again before then.
func RetryAfter(err error) (time.Time, bool) {
	var w *waitError
	if errors.As(err, &w) {
		return w.until, true
	}
	return time.Time{}, false
}
