package web

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search"
)

// derived holds what pages show about all served reports, for one index
// state of the searcher: the analytics the index stored with its
// generation (analytics.Precomputed), or, for an index built without them,
// the same data computed by one pass over every report.
type derived struct {
	// gen is the searcher's generation they were computed for.
	gen any

	mu  sync.Mutex
	pre *analytics.Precomputed
	// byRole are the agency summaries counting other roles (recipient,
	// mentioned, any), by search role name.
	byRole [3]lazy[[]analytics.AgencySummary]
}

// lazy is a value computed once from a walk over the served reports.
type lazy[T any] struct {
	mu sync.Mutex
	v  T
	ok bool
}

// get returns the value, built over the reports by build the first time.
// The walk finishes even if this request gives up: the next one uses it.
func (l *lazy[T]) get(ctx context.Context, s *Server, what string, build func(iter.Seq[*corpus.Report]) T) (T, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ok {
		return l.v, nil
	}
	seq, walkErr := s.eachReport(context.WithoutCancel(ctx))
	v := build(seq)
	if err := walkErr(); err != nil {
		var zero T
		return zero, fmt.Errorf("web: %s: %w", what, err)
	}
	l.v, l.ok = v, true
	return v, nil
}

// derivedCache keeps the derived data of the current index state.
type derivedCache struct {
	mu  sync.Mutex
	cur *derived
}

// derived returns the derived data of the index state the request holds
// (search.Searcher.Pin), starting afresh after a swap.
func (s *Server) derived(ctx context.Context) *derived {
	gen := s.cfg.Searcher.GenerationOf(ctx)
	s.derivedCache.mu.Lock()
	defer s.derivedCache.mu.Unlock()
	if d := s.derivedCache.cur; d != nil && d.gen == gen {
		return d
	}
	d := &derived{gen: gen}
	s.derivedCache.cur = d
	return d
}

// derivedSource is an engine that serves an index generation with data
// derived at build time (search.Searcher.Derived).
type derivedSource interface {
	Derived(ctx context.Context, name string) ([]byte, any, error)
}

// precomputed returns the analytics of the served reports: read from the
// index generation when it stores them, else computed in one pass over the
// reports (which finishes even if this request gives up: the next one
// uses it). They are shared: callers must not modify them.
func (s *Server) precomputed(ctx context.Context) (*analytics.Precomputed, error) {
	d := s.derived(ctx)
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.pre != nil {
		return d.pre, nil
	}
	err := fmt.Errorf("web: the engine stores no analytics: %w", indexer.ErrNoDerived)
	var data []byte
	if ds, ok := s.cfg.Searcher.(derivedSource); ok {
		data, _, err = ds.Derived(ctx, analytics.PrecomputedName)
	}
	if err == nil {
		p, derr := analytics.DecodePrecomputed(data)
		if derr == nil {
			d.pre = p
			return p, nil
		}
		err = derr
	}
	if !errors.Is(err, indexer.ErrNoDerived) && !errors.Is(err, analytics.ErrPrecomputedVersion) {
		return nil, fmt.Errorf("web: analytics: %w", err)
	}
	seq, walkErr := s.eachReport(context.WithoutCancel(ctx))
	p, err := analytics.PrecomputeOf(context.WithoutCancel(ctx), seq)
	if err == nil {
		err = walkErr()
	}
	if err != nil {
		return nil, fmt.Errorf("web: analytics: %w", err)
	}
	d.pre = p
	return p, nil
}

// Warm reads (or computes) the analytics of the served reports, so that
// the first page that shows them does not wait; a server calls it in the
// background after start-up.
func (s *Server) Warm(ctx context.Context) error {
	_, err := s.precomputed(ctx)
	return err
}

// errStopWalk ends a walk over the reports early; it never leaves eachReport.
var errStopWalk = errors.New("web: stop")

// eachReport returns the served reports as a sequence, read one at a time,
// and a function that returns the error that ended the walk, if any.
func (s *Server) eachReport(ctx context.Context) (iter.Seq[*corpus.Report], func() error) {
	var err error
	seq := func(yield func(*corpus.Report) bool) {
		err = s.cfg.Searcher.EachReport(ctx, func(r *corpus.Report) error {
			if !yield(r) {
				return errStopWalk
			}
			return nil
		})
		if errors.Is(err, errStopWalk) {
			err = nil
		}
	}
	return seq, func() error { return err }
}

// agencySummaries returns the summaries of the agencies the served reports
// name (analytics.Agencies), computed once per index state. The summaries
// are shared: callers must not modify them.
func (s *Server) agencySummaries(ctx context.Context) ([]analytics.AgencySummary, error) {
	p, err := s.precomputed(ctx)
	if err != nil {
		return nil, err
	}
	return p.Agencies, nil
}

// agencySummariesIn returns the agency summaries counting bodies in role (a
// search.Role* value; "" and responsible give agencySummaries).
//
// The other roles' summaries are not stored with the index: they are
// computed by one walk over the reports, once per index state.
func (s *Server) agencySummariesIn(ctx context.Context, role string) ([]analytics.AgencySummary, error) {
	var i int
	switch role {
	case search.RoleRecipient:
		i = 0
	case search.RoleMentioned:
		i = 1
	case search.RoleAny:
		i = 2
	default:
		return s.agencySummaries(ctx)
	}
	roles := roleOf(role)
	return s.derived(ctx).byRole[i].get(ctx, s, "agencies ("+role+")", func(seq iter.Seq[*corpus.Report]) []analytics.AgencySummary {
		return analytics.AgenciesOfRoles(seq, roles...)
	})
}

// roleOf returns the roles analytics counts for role (a search.Role*
// value): none for any (every role), responsible for "".
func roleOf(role string) []corpus.Role {
	switch role {
	case search.RoleRecipient:
		return []corpus.Role{corpus.RoleRecipient}
	case search.RoleMentioned:
		return []corpus.Role{corpus.RoleMentioned}
	case search.RoleAny:
		return nil
	}
	return []corpus.Role{corpus.RoleResponsible}
}

// chartResults returns the standard charts of the served reports (or why
// each could not be built), computed once per index state, their sources
// cut to analytics.MaxChartSources.
func (s *Server) chartResults(ctx context.Context) ([]analytics.ChartResult, error) {
	p, err := s.precomputed(ctx)
	if err != nil {
		return nil, err
	}
	return p.ChartResults(), nil
}

// standardCharts returns the standard charts of the served reports that
// could be built; err joins the errors of the others.
func (s *Server) standardCharts(ctx context.Context) ([]analytics.Chart, error) {
	results, err := s.chartResults(ctx)
	if err != nil {
		return nil, err
	}
	return analytics.JoinCharts(results)
}

// standardChart returns the standard chart id of the served reports, or
// analytics' error saying why it is unknown or could not be built.
func (s *Server) standardChart(ctx context.Context, id string) (analytics.Chart, error) {
	results, err := s.chartResults(ctx)
	if err != nil {
		return analytics.Chart{}, err
	}
	for _, r := range results {
		if r.ID == id {
			return r.Chart, r.Err
		}
	}
	return analytics.Chart{}, fmt.Errorf("%w: %q", analytics.ErrNoChart, id)
}
