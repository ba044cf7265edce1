package search

import (
	"context"

	"github.com/hesabat/hesabat/corpus"
)

// Engine is what a user interface needs of the search side: searches,
// completions, and the reports and measures being served. *Searcher
// implements it; web depends on Engine only, so its handler tests can use
// a small fake and only end-to-end tests build real indexes.
type Engine interface {
	// Search answers req (see Searcher.Search).
	Search(ctx context.Context, req Request) (*Result, error)
	// Suggest completes prefix with up to n terms and measures.
	Suggest(ctx context.Context, prefix string, n int) (*Suggestions, error)
	// Measure returns a measure of a served report, or an error
	// satisfying errors.Is(err, ErrNotFound).
	Measure(ctx context.Context, report, number string) (*corpus.Measure, error)
	// Report returns a served report, or an error satisfying
	// errors.Is(err, ErrNotFound).
	Report(ctx context.Context, id string) (*corpus.Report, error)
	// EachReport calls fn with every served report in order.
	EachReport(ctx context.Context, fn func(r *corpus.Report) error) error
	// Reports describes the served reports (label, year, plan) without
	// reading their measures.
	Reports() ([]ReportInfo, error)
	// NumReports and NumMeasures count what is served.
	NumReports() int
	NumMeasures() int
	// Generation changes whenever the served index changes; callers key
	// what they derive from the reports by it.
	Generation() any
	// Pin holds the served state for a request: calls with the returned
	// context see that one state until release (see Searcher.Pin).
	Pin(ctx context.Context) (_ context.Context, release func())
	// GenerationOf is Generation of the state ctx pins.
	GenerationOf(ctx context.Context) any
}

var _ Engine = (*Searcher)(nil)
