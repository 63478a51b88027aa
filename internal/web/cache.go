package web

import (
	"container/list"
	"sync"
)

// cache keeps rendered pages and documents by key, the least recently
// used let go first once their bytes pass a bound. A key names everything
// the bytes were made of (a story's number and version, its brief's
// version, the query), so that an entry is never stale: a change makes a
// new key, and the old entry ages out. It is safe for concurrent use.
type cache struct {
	mu    sync.Mutex
	max   int
	size  int
	order *list.List // of *entry, the most recently used first
	byKey map[string]*list.Element
}

type entry struct {
	key  string
	body []byte
}

func newCache(maxBytes int) *cache {
	return &cache{max: maxBytes, order: list.New(), byKey: map[string]*list.Element{}}
}

// get returns the bytes kept under key.
func (c *cache) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry).body, true
}

// put keeps body under key (not when it alone passes the bound) and lets
// the least recently used entries go until the bound holds.
func (c *cache) put(key string, body []byte) {
	if len(body) > c.max/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[key]; ok {
		c.size -= len(el.Value.(*entry).body)
		el.Value.(*entry).body = body
		c.size += len(body)
		c.order.MoveToFront(el)
	} else {
		c.byKey[key] = c.order.PushFront(&entry{key, body})
		c.size += len(body)
	}
	for c.size > c.max {
		old := c.order.Back()
		e := old.Value.(*entry)
		c.order.Remove(old)
		delete(c.byKey, e.key)
		c.size -= len(e.body)
	}
}

// make returns the bytes kept under key, else makes them, keeps them and
// returns them. A failure is returned and nothing kept.
func (c *cache) make(key string, fn func() ([]byte, error)) ([]byte, error) {
	if b, ok := c.get(key); ok {
		return b, nil
	}
	b, err := fn()
	if err != nil {
		return nil, err
	}
	c.put(key, b)
	return b, nil
}
