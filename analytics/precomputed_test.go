package analytics

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

// TestPrecomputedRoundTrip checks that the stored analytics decode to what
// the walks over the reports give: the agency summaries, the charts (sources
// cut to MaxChartSources, with their total) and each report's figures.
func TestPrecomputedRoundTrip(t *testing.T) {
	r := annotatedDefault(t)
	reports := []*corpus.Report{r}
	data, err := PrecomputeJSON(context.Background(), reports)
	if err != nil {
		t.Fatal(err)
	}
	p, err := DecodePrecomputed(data)
	if err != nil {
		t.Fatal(err)
	}
	if want := Agencies(reports); !reflect.DeepEqual(p.Agencies, want) {
		t.Errorf("agencies differ from Agencies: %d vs %d summaries", len(p.Agencies), len(want))
	}
	want := BuildCharts(func(yield func(*corpus.Report) bool) { yield(r) })
	got := p.ChartResults()
	if len(got) != len(want) {
		t.Fatalf("%d charts, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.ID != w.ID || (g.Err == nil) != (w.Err == nil) {
			t.Errorf("chart %d: %s err=%v, want %s err=%v", i, g.ID, g.Err, w.ID, w.Err)
			continue
		}
		if w.Err != nil && errors.Is(w.Err, ErrNotFound) != errors.Is(g.Err, ErrNotFound) {
			t.Errorf("%s: stored error does not match ErrNotFound as the original does", g.ID)
		}
		if !reflect.DeepEqual(g.Chart.Series, w.Chart.Series) || !reflect.DeepEqual(g.Chart.Categories, w.Chart.Categories) {
			t.Errorf("%s: series or categories differ", g.ID)
		}
		n := len(w.Chart.Sources)
		switch {
		case n > MaxChartSources && (len(g.Chart.Sources) != MaxChartSources || g.Chart.SourcesTotal != n):
			t.Errorf("%s: %d sources (total %d), want %d of %d", g.ID, len(g.Chart.Sources), g.Chart.SourcesTotal, MaxChartSources, n)
		case n <= MaxChartSources && (len(g.Chart.Sources) != n || g.Chart.SourcesTotal != 0):
			t.Errorf("%s: %d sources (total %d), want all %d", g.ID, len(g.Chart.Sources), g.Chart.SourcesTotal, n)
		}
	}
	if len(p.Reports) != 1 || p.Reports[0].ID != r.ID || p.Reports[0].Figures != len(Figures(reports)) {
		t.Errorf("reports = %+v, want one for %s with %d figures", p.Reports, r.ID, len(Figures(reports)))
	}
}

// TestDecodePrecomputedVersion checks that data of another version is refused.
func TestDecodePrecomputedVersion(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		want error
	}{
		{"other version", `{"version":0}`, ErrPrecomputedVersion},
		{"future version", `{"version":99,"agencies":[]}`, ErrPrecomputedVersion},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := DecodePrecomputed([]byte(tc.data)); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	if _, err := DecodePrecomputed([]byte(`{"version":`)); err == nil {
		t.Error("truncated JSON decoded without error")
	}
}

// TestTop checks that a chart keeps its largest categories in place and
// sums the others into "Other", and that lines and percentages are left alone.
func TestTop(t *testing.T) {
	bar := Chart{Kind: KindStackedBar,
		Categories: []Text{{"a", "a"}, {"b", "b"}, {"c", "c"}, {"d", "d"}},
		Series: []Series{
			{Values: []float64{1, 10, 2, 5}, Unit: "measures"},
			{Values: []float64{1, 0, 3, 0}, Unit: "measures"},
		}}
	for _, tc := range []struct {
		name      string
		chart     Chart
		n         int
		wantCats  []string
		wantFirst []float64
	}{
		{"folds the smallest", bar, 3, []string{"b", "c", "Other (2)"}, []float64{10, 2, 6}},
		{"fits", bar, 4, []string{"a", "b", "c", "d"}, []float64{1, 10, 2, 5}},
		{"zero shows all", bar, 0, []string{"a", "b", "c", "d"}, []float64{1, 10, 2, 5}},
		{"line left alone", func() Chart { c := bar; c.Kind = KindLine; return c }(), 2, []string{"a", "b", "c", "d"}, []float64{1, 10, 2, 5}},
		{"percent left alone", func() Chart {
			c := bar
			c.Series = []Series{{Values: []float64{1, 10, 2, 5}, Unit: "percent"}}
			return c
		}(), 2, []string{"a", "b", "c", "d"}, []float64{1, 10, 2, 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.chart.Top(tc.n)
			var cats []string
			for _, c := range got.Categories {
				cats = append(cats, c.EN)
			}
			if !reflect.DeepEqual(cats, tc.wantCats) || !reflect.DeepEqual(got.Series[0].Values, tc.wantFirst) {
				t.Errorf("Top(%d) = %v %v, want %v %v", tc.n, cats, got.Series[0].Values, tc.wantCats, tc.wantFirst)
			}
		})
	}
	if got := bar.Top(3); !reflect.DeepEqual(got.Series[1].Values, []float64{0, 3, 1}) {
		t.Errorf("second series = %v, want [0 3 1]", got.Series[1].Values)
	}
	if len(bar.Categories) != 4 {
		t.Error("Top modified its chart")
	}
}
