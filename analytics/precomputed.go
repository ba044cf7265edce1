package analytics

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sort"

	"github.com/hesabat/hesabat/corpus"
)

// PrecomputedName is the name under which the index stores Precomputed
// with each generation (indexer.WithDerived).
const PrecomputedName = "analytics"

// precomputedVersion changes whenever Precomputed changes shape or meaning;
// data of another version is not used.
const precomputedVersion = 1

// MaxChartSources is how many sources Precompute keeps of each chart, the
// first ones in report order; Chart.SourcesTotal says how many there were.
// A chart that counts measures quotes one sentence per measure (64,000 at a
// thousand reports, tens of megabytes), more than a page or an API
// response should carry; each measure's page shows its own.
const MaxChartSources = 100

// ErrPrecomputedVersion reports data written by another version of Precompute.
var ErrPrecomputedVersion = errors.New("analytics: precomputed data of another version")

// Precomputed is what the pages and the API show about all reports of an
// index generation, computed once when the index is built (Precompute) and
// stored with it, so that serving never walks every report.
type Precomputed struct {
	Version int `json:"version"`
	// Agencies are the agency summaries (AgenciesOf), in their order.
	Agencies []AgencySummary `json:"agencies"`
	// Charts are the standard charts (BuildCharts), sources cut to MaxChartSources.
	Charts []PrecomputedChart `json:"charts"`
	// Reports describe the figures of each report, in report order, so
	// that a page of figures reads only the reports it shows.
	Reports []ReportFigures `json:"reports"`
}

// PrecomputedChart is one standard chart, or why it could not be built.
type PrecomputedChart struct {
	ID    string `json:"id"`
	Chart Chart  `json:"chart"`
	// Err is the error's text; NotFound says it matched ErrNotFound.
	Err      string `json:"err,omitempty"`
	NotFound bool   `json:"not_found,omitempty"`
}

// ReportFigures says what figures one report states.
type ReportFigures struct {
	ID string `json:"id"`
	// Figures is the number of its figures (Figures of the report alone).
	Figures int `json:"figures"`
	// Units are the distinct units of its figures, sorted.
	Units []string `json:"units,omitempty"`
	// Agencies are the distinct IDs of the agencies named by its measures
	// that state figures, sorted.
	Agencies []string `json:"agencies,omitempty"`
}

// Precompute computes the Precomputed data of annotated reports. It reads
// the reports and does not modify them.
func Precompute(ctx context.Context, reports []*corpus.Report) (*Precomputed, error) {
	return PrecomputeOf(ctx, slices.Values(reports))
}

// PrecomputeOf is Precompute over reports given one at a time, in one pass:
// it keeps none of them, so they can be read from disk one by one.
func PrecomputeOf(ctx context.Context, reports iter.Seq[*corpus.Report]) (*Precomputed, error) {
	p := &Precomputed{Version: precomputedVersion}
	ag := agencyCounter{roles: []corpus.Role{corpus.RoleResponsible}} // as AgenciesOf counts
	var err error
	tee := func(yield func(*corpus.Report) bool) {
		for r := range reports {
			if r == nil {
				continue
			}
			if err = ctx.Err(); err != nil {
				return
			}
			ag.add(r)
			p.Reports = append(p.Reports, reportFigures(r))
			if !yield(r) {
				return
			}
		}
	}
	results := BuildCharts(tee)
	if err != nil {
		return nil, fmt.Errorf("analytics: precompute: %w", err)
	}
	p.Agencies = ag.summaries()
	for _, r := range results {
		pc := PrecomputedChart{ID: r.ID, Chart: r.Chart}
		if r.Err != nil {
			pc.Err, pc.NotFound = r.Err.Error(), errors.Is(r.Err, ErrNotFound)
		}
		if n := len(pc.Chart.Sources); n > MaxChartSources {
			pc.Chart.Sources = pc.Chart.Sources[:MaxChartSources:MaxChartSources]
			pc.Chart.SourcesTotal = n
		}
		p.Charts = append(p.Charts, pc)
	}
	return p, nil
}

// reportFigures describes the figures of r.
func reportFigures(r *corpus.Report) ReportFigures {
	rf := ReportFigures{ID: r.ID}
	units, agencies := map[string]bool{}, map[string]bool{}
	for _, m := range r.Measures {
		rf.Figures += len(m.Figures)
		for _, f := range m.Figures {
			units[f.Unit] = true
		}
		if len(m.Figures) > 0 {
			for _, a := range m.Agencies {
				agencies[a.ID] = true
			}
		}
	}
	rf.Units, rf.Agencies = setKeys(units), setKeys(agencies)
	return rf
}

// setKeys returns the keys of m, sorted.
func setKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// PrecomputeJSON is Precompute encoded as JSON, the form the index stores
// (it has the signature of indexer.DeriveFunc).
func PrecomputeJSON(ctx context.Context, reports []*corpus.Report) ([]byte, error) {
	p, err := Precompute(ctx, reports)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("analytics: precompute: %w", err)
	}
	return b, nil
}

// DecodePrecomputed decodes what PrecomputeJSON encoded. Data of another
// version fails with ErrPrecomputedVersion.
func DecodePrecomputed(data []byte) (*Precomputed, error) {
	var p Precomputed
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("analytics: decode precomputed data: %w", err)
	}
	if p.Version != precomputedVersion {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrPrecomputedVersion, p.Version, precomputedVersion)
	}
	return &p, nil
}

// ChartResults returns the charts as BuildCharts returned them (but for
// the sources cut to MaxChartSources); an error matches ErrNotFound when
// the original did.
func (p *Precomputed) ChartResults() []ChartResult {
	out := make([]ChartResult, 0, len(p.Charts))
	for _, c := range p.Charts {
		r := ChartResult{ID: c.ID, Chart: c.Chart}
		if c.Err != "" {
			r.Err = storedError{msg: c.Err, notFound: c.NotFound}
		}
		out = append(out, r)
	}
	return out
}

// storedError is an error read back from precomputed data.
type storedError struct {
	msg      string
	notFound bool
}

func (e storedError) Error() string { return e.msg }

// Is makes a stored error match ErrNotFound when the original did.
func (e storedError) Is(target error) bool { return e.notFound && target == ErrNotFound }
