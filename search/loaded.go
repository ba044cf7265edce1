package search

import (
	"context"
	"sync"

	"github.com/hesabat/hesabat/corpus"
)

// loadedReports is how many reports read from the index a state keeps, for
// the measure pages of the same report that tend to follow each other.
const loadedReports = 4

// reportCache keeps the last few reports read from an index, by position.
// It is safe for concurrent use.
type reportCache struct {
	mu   sync.Mutex
	max  int
	keys []int // least recently used first
	byI  map[int]*corpus.Report
}

func newReportCache(n int) *reportCache {
	return &reportCache{max: n, byI: make(map[int]*corpus.Report, n)}
}

// get returns report i, from the cache or read with load.
func (c *reportCache) get(ctx context.Context, i int, load func(context.Context, int) (*corpus.Report, error)) (*corpus.Report, error) {
	c.mu.Lock()
	if r, ok := c.byI[i]; ok {
		c.touch(i)
		c.mu.Unlock()
		return r, nil
	}
	c.mu.Unlock()
	r, err := load(ctx, i) // outside the lock: reads take milliseconds
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.byI[i]; ok {
		c.touch(i)
		return old, nil
	}
	if len(c.keys) >= c.max {
		delete(c.byI, c.keys[0])
		c.keys = c.keys[1:]
	}
	c.byI[i] = r
	c.keys = append(c.keys, i)
	return r, nil
}

// touch makes i the most recently used key; c.mu is held.
func (c *reportCache) touch(i int) {
	for k, v := range c.keys {
		if v == i {
			c.keys = append(append(c.keys[:k:k], c.keys[k+1:]...), i)
			return
		}
	}
}
