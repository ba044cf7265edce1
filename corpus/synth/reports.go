package synth

import (
	"context"
	"fmt"

	"github.com/hesabat/hesabat/corpus"
)

// Report parses report i for seed with corpus.Parse.
func (g *Generator) Report(seed int64, i int) (*corpus.Report, error) {
	name := g.Name(seed, i)
	r, err := corpus.Parse(name, g.Text(seed, i))
	if err != nil {
		return nil, fmt.Errorf("synth: report %d: %w", i, err)
	}
	return r, nil
}

// Reports returns reports 0 … n-1 for seed, parsed with corpus.Parse. Report
// 0 is the base report, so Reports(ctx, 1, seed) is the base report alone.
func (g *Generator) Reports(ctx context.Context, n int, seed int64) ([]*corpus.Report, error) {
	if n < 0 {
		return nil, fmt.Errorf("synth: negative report count %d", n)
	}
	out := make([]*corpus.Report, 0, n)
	for i := range n {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("synth: %w", err)
		}
		r, err := g.Report(seed, i)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Default returns a Generator over the embedded default report.
func Default() (*Generator, error) {
	return New(corpus.DefaultName, []byte(corpus.DefaultText()))
}
