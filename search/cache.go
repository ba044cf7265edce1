package search

import (
	"container/list"
	"slices"
	"strings"
	"sync"
)

// Options tunes a Searcher. The zero value is valid: no facet cache.
type Options struct {
	// FacetCacheEntries is the most facet-count results kept per index
	// state, like Elasticsearch's shard request cache for size=0
	// aggregations; 0 disables the cache. Hits are never cached: every
	// search runs its query, only the facet counting is saved.
	FacetCacheEntries int
	// FacetCacheBytes bounds the estimated memory of the cached counts;
	// 0 means DefaultFacetCacheBytes.
	FacetCacheBytes int
}

// DefaultFacetCacheBytes is the memory bound of the facet cache when
// Options.FacetCacheBytes is 0.
const DefaultFacetCacheBytes = 8 << 20

// CacheStats counts the look-ups of a Searcher's facet cache since its
// index state was made (a Swap starts a new, empty cache).
type CacheStats struct {
	// Hits and Misses count look-ups; Evictions counts entries dropped to stay within the bounds.
	Hits, Misses, Evictions uint64
	// Entries and Bytes are the current number of entries and their estimated size.
	Entries, Bytes int
}

// facetCache is a bounded LRU map from a normalised facet request to its
// counts. Cached counts are shared and must not be modified. It is safe for
// concurrent use; a nil *facetCache caches nothing.
type facetCache struct {
	mu         sync.Mutex
	maxEntries int
	maxBytes   int
	bytes      int
	ll         *list.List // of *cacheEntry, most recently used first
	byKey      map[string]*list.Element
	hits       uint64
	misses     uint64
	evictions  uint64
}

// cacheEntry is one cached facet result.
type cacheEntry struct {
	key    string
	counts map[string]map[string]int
	size   int
}

// newFacetCache returns a cache bounded by o, or nil when o disables it.
func newFacetCache(o Options) *facetCache {
	if o.FacetCacheEntries <= 0 {
		return nil
	}
	maxBytes := o.FacetCacheBytes
	if maxBytes <= 0 {
		maxBytes = DefaultFacetCacheBytes
	}
	return &facetCache{
		maxEntries: o.FacetCacheEntries,
		maxBytes:   maxBytes,
		ll:         list.New(),
		byKey:      make(map[string]*list.Element),
	}
}

// get returns the counts cached under key.
func (c *facetCache) get(key string) (map[string]map[string]int, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[key]
	if !ok {
		c.misses++
		return nil, false
	}
	c.hits++
	c.ll.MoveToFront(e)
	return e.Value.(*cacheEntry).counts, true
}

// put caches counts under key, evicting the least recently used entries to
// stay within the bounds. Counts larger than the byte bound are not cached.
func (c *facetCache) put(key string, counts map[string]map[string]int) {
	if c == nil {
		return
	}
	size := entrySize(key, counts)
	if size > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[key]; ok {
		old := e.Value.(*cacheEntry)
		c.bytes += size - old.size
		old.counts, old.size = counts, size
		c.ll.MoveToFront(e)
	} else {
		c.byKey[key] = c.ll.PushFront(&cacheEntry{key: key, counts: counts, size: size})
		c.bytes += size
	}
	for c.ll.Len() > c.maxEntries || c.bytes > c.maxBytes {
		last := c.ll.Back()
		old := last.Value.(*cacheEntry)
		c.ll.Remove(last)
		delete(c.byKey, old.key)
		c.bytes -= old.size
		c.evictions++
	}
}

// stats returns the cache's counters.
func (c *facetCache) stats() CacheStats {
	if c == nil {
		return CacheStats{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{Hits: c.hits, Misses: c.misses, Evictions: c.evictions, Entries: c.ll.Len(), Bytes: c.bytes}
}

// entrySize estimates the memory an entry holds: the key, and per counted
// value its term, a map slot and the count.
func entrySize(key string, counts map[string]map[string]int) int {
	const perEntry, perMap, perValue = 160, 64, 40
	n := perEntry + len(key)
	for name, vals := range counts {
		n += perMap + len(name)
		for v := range vals {
			n += perValue + len(v)
		}
	}
	return n
}

// facetKey returns the cache key of counting facets for pq under filters,
// with the filters of skip left out ("" for the main request). Requests that
// parse to the same clauses with the same filter sets share a key.
func facetKey(pq parsedQuery, filters map[string][]string, skip string) string {
	var b strings.Builder
	b.WriteString(skip)
	b.WriteByte(0)
	for _, c := range pq.clauses {
		switch {
		case c.exclude && c.kind == clausePhrase:
			b.WriteString("-p")
		case c.exclude:
			b.WriteString("-w")
		case c.kind == clausePhrase:
			b.WriteString("+p")
		default:
			b.WriteString("+w")
		}
		b.WriteString(c.text)
		b.WriteByte(0)
	}
	for _, f := range facetSpecs() {
		vals := filters[f.name]
		if len(vals) == 0 || f.name == skip {
			continue
		}
		b.WriteByte(1)
		b.WriteString(f.name)
		sorted := slices.Clone(vals)
		slices.Sort(sorted)
		for _, v := range sorted {
			b.WriteByte(0)
			b.WriteString(v)
		}
	}
	return b.String()
}
