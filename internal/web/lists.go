package web

import (
	"sync"
	"time"
)

// recentTTL is how long a list of stories, or a page made of one, is kept
// while the desk's stories did not change: what others write to the store
// (another process's ingest) or a brief written since shows after at most
// this long.
const recentTTL = 2 * time.Second

// maxRecent is the number of values a recent keeps at most.
const maxRecent = 1024

// recent keeps values made of the store's lists of stories (the lists,
// the front pages) for a moment, so that a page asked for by many readers
// at once asks the store and renders once. A value is kept while the
// desk's generation is the same and for at most recentTTL. It is safe for
// concurrent use.
type recent[T any] struct {
	mu   sync.Mutex
	kept map[string]keptValue[T]
}

type keptValue[T any] struct {
	gen int
	at  time.Time
	v   T
}

func newRecent[T any]() *recent[T] { return &recent[T]{kept: map[string]keptValue[T]{}} }

// get returns the value of key kept at generation gen less than recentTTL
// before now, else makes it with fn and keeps it.
func (r *recent[T]) get(key string, gen int, now time.Time, fn func() (T, error)) (T, error) {
	r.mu.Lock()
	k, ok := r.kept[key]
	r.mu.Unlock()
	if age := now.Sub(k.at); ok && k.gen == gen && age < recentTTL && age >= 0 {
		return k.v, nil
	}
	v, err := fn()
	if err != nil {
		return v, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.kept) >= maxRecent {
		clear(r.kept)
	}
	r.kept[key] = keptValue[T]{gen: gen, at: now, v: v}
	return v, nil
}
