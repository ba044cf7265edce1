package main

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/hesabat/hesabat/indexer"
)

// watchInterval is how often "serve" looks whether another process (such
// as "hesabat index") made another generation of its index current.
const watchInterval = time.Second

// generation returns the name of the served generation ("" in memory).
func (s *served) generation() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur.Generation()
}

// watch starts following PATH/current of a persistent index: when another
// process makes another generation current, the server opens it and serves
// it from then on (issue 16 finding 5: the server never noticed, and its
// next upload rolled the disk back). It returns a function that stops
// watching and waits for the watcher to end.
func (s *served) watch(ctx context.Context, every time.Duration) (stop func()) {
	if s.indexPath == "" {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				s.follow(ctx)
			}
		}
	}()
	return func() {
		cancel()
		wg.Wait()
	}
}

// follow switches to the current generation if it is not the served one.
func (s *served) follow(ctx context.Context) {
	cur, err := indexer.Current(s.indexPath)
	if err != nil || cur == s.generation() {
		return
	}
	s.swapMu.Lock()
	defer s.swapMu.Unlock()
	idx, err := indexer.Open(ctx, s.indexPath)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			// Removed or replaced again meanwhile: the next tick tries again.
			s.logger.Warn("open the index another process built", "index", s.indexPath, "err", err)
		}
		return
	}
	if idx.Generation() == s.generation() {
		idx.Close()
		return
	}
	from := s.generation()
	s.serve(ctx, idx, nil)
	s.logger.Info("serving a generation another process built", "index", s.indexPath,
		"from", from, "to", idx.Generation(), "measures", s.searcher.NumMeasures())
}
