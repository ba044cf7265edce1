package search

import (
	"context"
	"fmt"

	"github.com/hesabat/hesabat/indexer"
)

// Derived returns the data the served index generation stores under name
// (indexer.WithDerived), with the generation it belongs to (see
// Generation), so that callers can key what they decode from it. It fails
// with an error matching indexer.ErrNoDerived when the generation has none,
// or when the Searcher serves reports other than those stored in a
// persistent index (New over an opened index): the data would describe
// the index's reports, not the served ones.
func (s *Searcher) Derived(ctx context.Context, name string) ([]byte, any, error) {
	st, err := s.acquireCtx(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer st.release()
	if st.reports != nil && st.idx.Dir() != "" {
		return nil, st, fmt.Errorf("search: derived %s: the served reports are not the index's: %w", name, indexer.ErrNoDerived)
	}
	b, err := st.idx.Derived(ctx, name)
	if err != nil {
		return nil, st, fmt.Errorf("search: %w", err)
	}
	return b, st, nil
}
