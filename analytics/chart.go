package analytics

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"sync"

	"github.com/hesabat/hesabat/corpus"
)

// ErrNoChart reports a chart ID that no standard chart has.
var ErrNoChart = errors.New("analytics: no such chart")

// ErrNotFound reports that a sentence or figure a chart needs is not in the
// reports; the wrapping error names what was looked for.
var ErrNotFound = errors.New("analytics: not found in report text")

// The IDs of the standard charts, in the order Charts returns them.
const (
	ChartHotlineAppeals    = "hotline-appeals"
	ChartMunicipalCoverage = "municipal-coverage"
	ChartECourtRollout     = "ecourt-rollout"
	ChartASANIndex         = "asan-index"
	ChartMeasuresBySection = "measures-by-section"
	ChartMeasuresByPeriod  = "measures-by-period"
	ChartAgencyScorecard   = "agency-scorecard"
)

// The kinds of chart a Chart can be.
const (
	KindBar           = "bar"
	KindStackedBar    = "stacked_bar"
	KindHorizontalBar = "horizontal_bar"
	KindPie           = "pie"
	KindLine          = "line"
)

// Text is a label in Azerbaijani and English.
type Text struct {
	AZ string `json:"az"`
	EN string `json:"en"`
}

// Chart is the data of one chart: categories along one axis, one or more
// series of values (one value per category), and the sentences every number
// comes from. It says nothing about how the chart is drawn.
type Chart struct {
	// ID is the chart's stable identifier, e.g. "hotline-appeals".
	ID string `json:"id"`
	// Title and Subtitle are the chart's headings.
	Title    Text `json:"title"`
	Subtitle Text `json:"subtitle"`
	// Kind is "bar", "stacked_bar", "horizontal_bar", "pie" or "line".
	Kind string `json:"kind"`
	// XLabel names the category axis and YLabel the value axis, whichever
	// way the chart is drawn (horizontal bars put the categories on the
	// vertical axis, and their names with them).
	XLabel Text `json:"x_label"`
	YLabel Text `json:"y_label"`
	// Categories label the values of every series, in order.
	Categories []Text `json:"categories"`
	// CategoryStatus, when set, is the implementation status each category
	// stands for (a chart of measures per status), which colours it.
	CategoryStatus []corpus.Status `json:"category_status,omitempty"`
	// Series hold one value per category each.
	Series []Series `json:"series"`
	// Sources say where every number comes from.
	Sources []Source `json:"sources"`
	// SourcesTotal, when not zero, is how many sources the chart had
	// before Sources was cut to its first ones (see MaxChartSources).
	SourcesTotal int `json:"sources_total,omitempty"`
}

// Series is one named row of values of a chart, one per category.
type Series struct {
	Name   Text      `json:"name"`
	Values []float64 `json:"values"`
	// Unit is "count", "percent" or "measures". The series of a chart drawn
	// on axes share one unit.
	Unit string `json:"unit"`
	// Status, when set, is the implementation status the series counts
	// measures of, which colours it.
	Status corpus.Status `json:"status,omitempty"`
	// Stack groups series drawn on top of each other; empty for side by side.
	Stack string `json:"stack,omitempty"`
}

// Source is the sentence of a measure that states a number a chart shows.
type Source struct {
	// Measure is the measure's ID ("<report>/<number>").
	Measure string `json:"measure"`
	// Figure is the number as written ("5131", "73%-dək"), or for the charts
	// that count measures, the status the measure was counted under.
	Figure string `json:"figure"`
	// Sentence is the sentence stating it.
	Sentence string `json:"sentence"`
}

// WriteCSV writes the chart as CSV: a header row (category_az, category_en,
// then one column per series named "<az> / <en>") and one row per category.
func (c Chart) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := []string{"category_az", "category_en"}
	for _, s := range c.Series {
		header = append(header, corpus.CSVCell(s.Name.AZ+" / "+s.Name.EN))
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("analytics: write csv %s: %w", c.ID, err)
	}
	for i, cat := range c.Categories {
		row := []string{corpus.CSVCell(cat.AZ), corpus.CSVCell(cat.EN)}
		for _, s := range c.Series {
			v := ""
			if i < len(s.Values) {
				v = strconv.FormatFloat(s.Values[i], 'f', -1, 64)
			}
			row = append(row, v)
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("analytics: write csv %s: %w", c.ID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("analytics: write csv %s: %w", c.ID, err)
	}
	return nil
}

// CSV returns the chart as CSV, as WriteCSV writes it.
func (c Chart) CSV() []byte {
	var b bytes.Buffer
	_ = c.WriteCSV(&b) // a bytes.Buffer does not fail
	return b.Bytes()
}

// chartBuilder builds one standard chart from reports.
type chartBuilder struct {
	id string
	// build reads the reports at most once (they may be streamed).
	build func(reports iter.Seq[*corpus.Report]) (Chart, error)
}

// standardCharts lists the standard charts in their stable order.
func standardCharts() []chartBuilder {
	return []chartBuilder{
		{ChartHotlineAppeals, hotlineChart},
		{ChartMunicipalCoverage, municipalCoverageChart},
		{ChartECourtRollout, eCourtChart},
		{ChartASANIndex, asanIndexChart},
		{ChartMeasuresBySection, measuresBySectionChart},
		{ChartMeasuresByPeriod, measuresByPeriodChart},
		{ChartAgencyScorecard, agencyScorecardChart},
	}
}

// ChartIDs returns the IDs of the standard charts in the order Charts returns them.
func ChartIDs() []string {
	var ids []string
	for _, b := range standardCharts() {
		ids = append(ids, b.id)
	}
	return ids
}

// Charts builds every standard chart from the reports, in a stable order.
// The reports should have been annotated (Annotate) for the charts that count
// measures by status. It fails, naming what is missing, when a sentence a
// chart needs is not in the reports (errors.Is(err, ErrNotFound)).
func Charts(reports []*corpus.Report) ([]Chart, error) {
	var results []ChartResult
	for _, b := range standardCharts() {
		c, err := b.build(slices.Values(reports))
		results = append(results, ChartResult{ID: b.id, Chart: c, Err: err})
	}
	return JoinCharts(results)
}

// ChartResult is one standard chart, or the error of building it.
type ChartResult struct {
	ID    string
	Chart Chart
	Err   error
}

// JoinCharts returns the charts of results that were built and the errors
// of the others, joined.
func JoinCharts(results []ChartResult) ([]Chart, error) {
	var charts []Chart
	var errs []error
	for _, r := range results {
		if r.Err != nil {
			errs = append(errs, r.Err)
			continue
		}
		charts = append(charts, r.Chart)
	}
	if len(errs) > 0 {
		return charts, errors.Join(errs...)
	}
	return charts, nil
}

// BuildCharts builds every standard chart (or its error), in the order of
// ChartIDs, from the reports that each yields, in one pass over them: each
// report is handed to all chart builders in turn and can be dropped once they
// have seen it, so the reports can be read from disk one at a time. Charts
// keep copies of the sentences they quote, never the reports.
func BuildCharts(each iter.Seq[*corpus.Report]) []ChartResult {
	bs := standardCharts()
	out := make([]ChartResult, len(bs))
	chans := make([]chan *corpus.Report, len(bs))
	var wg sync.WaitGroup
	for i, b := range bs {
		ch := make(chan *corpus.Report, 1)
		chans[i] = ch
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := b.build(func(yield func(*corpus.Report) bool) {
				for r := range ch {
					if !yield(r) {
						return
					}
				}
			})
			for range ch { // a builder that stopped early lets the others go on
			}
			out[i] = ChartResult{ID: b.id, Chart: c, Err: err}
		}()
	}
	for r := range each {
		for _, ch := range chans {
			ch <- r
		}
	}
	for _, ch := range chans {
		close(ch)
	}
	wg.Wait()
	return out
}

// ChartByID builds the standard chart with the given ID. An unknown ID gives
// an error that matches ErrNoChart.
func ChartByID(reports []*corpus.Report, id string) (Chart, error) {
	for _, b := range standardCharts() {
		if b.id == id {
			return b.build(slices.Values(reports))
		}
	}
	return Chart{}, fmt.Errorf("%w: %q", ErrNoChart, id)
}
