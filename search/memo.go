package search

import (
	"sync"
	"sync/atomic"
)

// memoSize bounds the entries of each memo of an index state.
const memoSize = 1 << 14

// memo remembers values by key for the life of an index state, up to
// memoSize entries; past that it stops adding, so queries cannot grow it
// without bound. It is safe for concurrent use; stored values are shared
// and must not be modified.
type memo[V any] struct {
	m sync.Map
	n atomic.Int64
}

// get returns the value stored under k.
func (c *memo[V]) get(k string) (V, bool) {
	v, ok := c.m.Load(k)
	if !ok {
		var zero V
		return zero, false
	}
	return v.(V), true
}

// put stores v under k unless the memo is full.
func (c *memo[V]) put(k string, v V) {
	if c.n.Load() >= memoSize {
		return
	}
	if _, loaded := c.m.LoadOrStore(k, v); !loaded {
		c.n.Add(1)
	}
}
