package search

import (
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"
)

// memoSize bounds the entries of each memo of an index state.
const memoSize = 1 << 14

// memo remembers values by key for the life of an index state, the
// memoSize used most recently (github.com/hashicorp/golang-lru, the cache
// indexer/az's stemmer uses too), so queries cannot grow it without bound
// and new words still get remembered once it is full. Its zero value is
// ready to use; it is safe for concurrent use; stored values are shared
// and must not be modified.
type memo[V any] struct {
	once  sync.Once
	cache *lru.Cache[string, V]
}

// lru returns m's cache, made on first use (nil if it cannot be made,
// which a positive memoSize rules out: then nothing is remembered).
func (m *memo[V]) lru() *lru.Cache[string, V] {
	m.once.Do(func() {
		m.cache, _ = lru.New[string, V](memoSize)
	})
	return m.cache
}

// get returns the value stored under k.
func (m *memo[V]) get(k string) (V, bool) {
	if c := m.lru(); c != nil {
		return c.Get(k)
	}
	var zero V
	return zero, false
}

// put stores v under k, forgetting the least recently used entry when full.
func (m *memo[V]) put(k string, v V) {
	if c := m.lru(); c != nil {
		c.Add(k, v)
	}
}
