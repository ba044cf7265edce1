package search

import (
	"container/list"
	"sync"
)

// impactCache remembers the decoded postings (impacts) of the terms
// searched most recently, up to a budget of bytes, least recently used
// first out. Decoding a postings list costs tens of nanoseconds a posting,
// most of a query's time on a large index; a remembered list is read at
// memory speed. Lists are immutable once remembered and shared by
// concurrent queries. Each executor (one index snapshot) has its own: the
// scores depend on the snapshot's statistics.
type impactCache struct {
	mu     sync.Mutex
	budget int
	// min is the shortest list remembered.
	min     int
	used    int
	entries map[string]*list.Element
	order   *list.List // front: most recently used
	// seen holds the keys of lists searched once, not yet remembered
	// (at most maxSeen; then it starts again).
	seen map[string]struct{}
}

// short reports whether a list of n postings is too short to remember
// (decoding it costs less than deciding).
func (c *impactCache) short(n uint64) bool {
	return c == nil || n < uint64(c.min)
}

// maxSeen bounds the keys an impact cache keeps of lists searched once.
const maxSeen = 16384

// admit reports whether the list under key was searched before, and
// notes that it is now: a list is remembered from its second search, so
// one-off searches do not push out the lists searched often. Without a
// cache every list is admitted.
func (c *impactCache) admit(key string) bool {
	if c == nil {
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.seen[key]; ok {
		delete(c.seen, key)
		return true
	}
	if c.seen == nil || len(c.seen) >= maxSeen {
		c.seen = make(map[string]struct{})
	}
	c.seen[key] = struct{}{}
	return false
}

// cacheEntry is one remembered list.
type cacheEntry struct {
	key string
	imp *impacts
}

// Budget of the impact cache, and the smallest list worth remembering
// (shorter ones decode in microseconds).
const (
	impactCacheBytes = 16 << 20
	minCachedImpacts = 512
)

// newImpactCache returns a cache holding at most budget bytes of impacts,
// of lists of at least min postings.
func newImpactCache(budget, min int) *impactCache {
	return &impactCache{budget: budget, min: min, entries: make(map[string]*list.Element), order: list.New()}
}

// get returns the impacts remembered under key, or nil.
func (c *impactCache) get(key string) *impacts {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return nil
	}
	c.order.MoveToFront(e)
	return e.Value.(*cacheEntry).imp
}

// put remembers imp under key, if it is long enough to be worth it and
// short enough for a quarter of the budget, forgetting the least recently
// used lists to make room.
func (c *impactCache) put(key string, imp *impacts) {
	if c == nil || len(imp.docs) < c.min || imp.size() > c.budget/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; ok {
		return
	}
	c.entries[key] = c.order.PushFront(&cacheEntry{key, imp})
	c.used += imp.size()
	for c.used > c.budget {
		last := c.order.Back()
		ce := last.Value.(*cacheEntry)
		c.order.Remove(last)
		delete(c.entries, ce.key)
		c.used -= ce.imp.size()
	}
}

// bytes returns the bytes of impacts remembered.
func (c *impactCache) bytes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used
}

// clear forgets every list.
func (c *impactCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.entries)
	clear(c.seen)
	c.order.Init()
	c.used = 0
}
