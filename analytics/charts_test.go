package analytics

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

// annotatedDefault parses the embedded report and annotates it.
func annotatedDefault(t testing.TB) *corpus.Report {
	t.Helper()
	r, err := corpus.Default()
	if err != nil {
		t.Fatalf("corpus.Default: %v", err)
	}
	if err := Annotate(r); err != nil {
		t.Fatalf("Annotate: %v", err)
	}
	return r
}

// annotatedText parses report text and annotates it.
func annotatedText(t testing.TB, text string) *corpus.Report {
	t.Helper()
	r, err := corpus.Parse("ogp-nap-2021-report.az.txt", []byte(text))
	if err != nil {
		t.Fatalf("corpus.Parse: %v", err)
	}
	if err := Annotate(r); err != nil {
		t.Fatalf("Annotate: %v", err)
	}
	return r
}

// seriesByEN returns the values of the series with the given English name.
func seriesByEN(t *testing.T, c Chart, en string) []float64 {
	t.Helper()
	for _, s := range c.Series {
		if s.Name.EN == en {
			if len(s.Values) != len(c.Categories) {
				t.Fatalf("%s: series %q has %d values for %d categories", c.ID, en, len(s.Values), len(c.Categories))
			}
			return s.Values
		}
	}
	t.Fatalf("%s: no series %q", c.ID, en)
	return nil
}

func sum(vs ...float64) float64 {
	var s float64
	for _, v := range vs {
		s += v
	}
	return s
}

// hotlineNumbers returns total, initial, repeat, sent, prosecutor, directorate.
func hotlineNumbers(t *testing.T, c Chart) [6]float64 {
	t.Helper()
	return [6]float64{
		seriesByEN(t, c, "All appeals")[0],
		seriesByEN(t, c, "Initial")[1],
		seriesByEN(t, c, "Repeat")[1],
		seriesByEN(t, c, "Sent to the ministries, committees and organisations concerned")[2],
		seriesByEN(t, c, "Examined by units of the Prosecutor's Office")[2],
		seriesByEN(t, c, "Examined by the Anti-Corruption Directorate")[2],
	}
}

func TestHotlineChart(t *testing.T) {
	r := annotatedDefault(t)
	c, err := ChartByID([]*corpus.Report{r}, ChartHotlineAppeals)
	if err != nil {
		t.Fatal(err)
	}
	n := hotlineNumbers(t, c)
	if n != [6]float64{5131, 4438, 693, 4265, 392, 474} {
		t.Fatalf("hotline numbers = %v, want 5131 4438 693 4265 392 474", n)
	}
	if n[0] != n[1]+n[2] {
		t.Errorf("total %v != initial %v + repeat %v", n[0], n[1], n[2])
	}
	if n[0] != n[3]+n[4]+n[5] {
		t.Errorf("total %v != %v + %v + %v", n[0], n[3], n[4], n[5])
	}
	// every category's stack sums to the total
	for i := range c.Categories {
		var s float64
		for _, ser := range c.Series {
			s += ser.Values[i]
		}
		if s != n[0] {
			t.Errorf("category %q sums to %v, want %v", c.Categories[i].EN, s, n[0])
		}
	}
	for _, src := range c.Sources {
		if src.Measure != "ogp-nap-2021-report/1.7" || !strings.Contains(src.Sentence, strings.TrimRight(src.Figure, "-iüs")) {
			t.Errorf("source %+v: want measure 1.7 and a sentence containing the figure", src)
		}
	}
}

func TestCoverageECourtASANCharts(t *testing.T) {
	r := annotatedDefault(t)
	reps := []*corpus.Report{r}
	tests := []struct {
		name   string
		id     string
		series string
		want   []float64
	}{
		{"coverage shares", ChartMunicipalCoverage, "Share of municipalities, %", []float64{73, 70, 61}},
		{"coverage counts (in the categories: one unit per axis)", ChartMunicipalCoverage, "", []float64{1044, 1002, 870}},
		{"e-court 77 of 117", ChartECourtRollout, "Courts", []float64{77, 117}},
		{"ASAN services", ChartASANIndex, "Services evaluated", []float64{227, 124, 48}},
		{"ASAN bodies (in the categories: one unit per axis)", ChartASANIndex, "", []float64{24, 13, 4}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ChartByID(reps, tc.id)
			if err != nil {
				t.Fatal(err)
			}
			var got []float64
			if tc.series == "" {
				got = categoryCounts(t, c)
			} else {
				got = seriesByEN(t, c, tc.series)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("%v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("%v, want %v", got, tc.want)
				}
			}
		})
	}
	c, _ := ChartByID(reps, ChartASANIndex)
	if !strings.Contains(c.Subtitle.AZ, "399") || sum(seriesByEN(t, c, "Services evaluated")...) != 399 {
		t.Errorf("ASAN chart: subtitle %q; services should sum to the stated 399", c.Subtitle.AZ)
	}
}

func TestChartsFollowTheText(t *testing.T) {
	base := corpus.DefaultText()
	tests := []struct {
		name  string
		edits []string // old, new pairs
		id    string
		check func(t *testing.T, c Chart)
	}{
		{"hotline total and initial", []string{"5131", "6131", "4438-i", "5438-i"}, ChartHotlineAppeals, func(t *testing.T, c Chart) {
			n := hotlineNumbers(t, c)
			if n[0] != 6131 || n[1] != 5438 || n[2] != 693 {
				t.Errorf("hotline after edit = %v, want total 6131, initial 5438, repeat 693", n)
			}
			if !strings.Contains(c.Subtitle.EN, "6131") {
				t.Errorf("subtitle %q does not follow the text", c.Subtitle.EN)
			}
		}},
		{"hotline destinations", []string{"392-si", "492-si", "474-ü", "574-ü"}, ChartHotlineAppeals, func(t *testing.T, c Chart) {
			if n := hotlineNumbers(t, c); n[4] != 492 || n[5] != 574 || n[3] != 4265 {
				t.Errorf("destinations after edit = %v", n[3:])
			}
		}},
		{"coverage", []string{"73%-dək (ümumilikdə 1044", "75%-dək (ümumilikdə 1100", "870 (61%)", "900 (63%)"}, ChartMunicipalCoverage, func(t *testing.T, c Chart) {
			p, n := seriesByEN(t, c, "Share of municipalities, %"), categoryCounts(t, c)
			if p[0] != 75 || n[0] != 1100 || p[2] != 63 || n[2] != 900 || p[1] != 70 {
				t.Errorf("coverage after edit = %v %v", p, n)
			}
		}},
		{"e-court", []string{"117 məhkəmənin 77-də", "118 məhkəmənin 90-da"}, ChartECourtRollout, func(t *testing.T, c Chart) {
			if v := seriesByEN(t, c, "Courts"); v[0] != 90 || v[1] != 118 {
				t.Errorf("e-court after edit = %v, want [90 118]", v)
			}
		}},
		{"ASAN index", []string{"227 xidməti", "230 xidməti", "399 xidmətin", "402 xidmətin"}, ChartASANIndex, func(t *testing.T, c Chart) {
			if v := seriesByEN(t, c, "Services evaluated"); v[0] != 230 || !strings.Contains(c.Subtitle.EN, "402") {
				t.Errorf("ASAN after edit = %v, subtitle %q", v, c.Subtitle.EN)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := base
			for i := 0; i < len(tc.edits); i += 2 {
				if !strings.Contains(text, tc.edits[i]) {
					t.Fatalf("the report no longer contains %q", tc.edits[i])
				}
				text = strings.ReplaceAll(text, tc.edits[i], tc.edits[i+1])
			}
			c, err := ChartByID([]*corpus.Report{annotatedText(t, text)}, tc.id)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, c)
		})
	}
}

func TestChartsMissingSentence(t *testing.T) {
	base := corpus.DefaultText()
	tests := []struct {
		name   string
		remove string // a phrase whose sentence figures disappear
		with   string
		id     string
		want   string // words the error must contain
	}{
		{"hotline total", "cəmi 5131 müraciət", "bir çox müraciət", ChartHotlineAppeals, "total appeals"},
		{"hotline destinations", "392-si Prokurorluğun", "bəziləri Prokurorluğun", ChartHotlineAppeals, "Prosecutor's Office"},
		{"computers", "73%-dək (ümumilikdə 1044 bələdiyyə)", "xeyli", ChartMunicipalCoverage, "computers"},
		{"portal", "870 (61%) bələdiyyə", "bir sıra bələdiyyə", ChartMunicipalCoverage, "portal"},
		{"e-court", "117 məhkəmənin 77-də", "bir çox məhkəmədə", ChartECourtRollout, "Elektron məhkəmə"},
		{"ASAN", "ümumilikdə 399 xidmətin", "bir çox xidmətin", ChartASANIndex, "ASAN xidmət indeksi"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(base, tc.remove) {
				t.Fatalf("the report no longer contains %q", tc.remove)
			}
			r := annotatedText(t, strings.ReplaceAll(base, tc.remove, tc.with))
			_, err := ChartByID([]*corpus.Report{r}, tc.id)
			if !errors.Is(err, ErrNotFound) {
				t.Fatalf("err = %v, want ErrNotFound", err)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.id) {
				t.Errorf("error %q should name the chart and %q", err, tc.want)
			}
			all, err := Charts([]*corpus.Report{r})
			if !errors.Is(err, ErrNotFound) {
				t.Errorf("Charts err = %v, want ErrNotFound", err)
			}
			if len(all) != len(ChartIDs())-1 {
				t.Errorf("Charts gave %d charts, want the %d others", len(all), len(ChartIDs())-1)
			}
		})
	}
}

func TestChartsStableOrderAndShape(t *testing.T) {
	r := annotatedDefault(t)
	cs, err := Charts([]*corpus.Report{r})
	if err != nil {
		t.Fatal(err)
	}
	ids := ChartIDs()
	want := []string{"hotline-appeals", "municipal-coverage", "ecourt-rollout", "asan-index", "measures-by-section", "measures-by-period", "agency-scorecard"}
	if strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Fatalf("ChartIDs = %v, want %v", ids, want)
	}
	kinds := map[string]bool{KindBar: true, KindStackedBar: true, KindHorizontalBar: true, KindPie: true, KindLine: true}
	for i, c := range cs {
		t.Run(c.ID, func(t *testing.T) {
			if c.ID != want[i] {
				t.Fatalf("chart %d is %q, want %q", i, c.ID, want[i])
			}
			if !kinds[c.Kind] {
				t.Errorf("kind %q", c.Kind)
			}
			for _, tx := range append([]Text{c.Title, c.Subtitle, c.XLabel, c.YLabel}, c.Categories...) {
				if tx.AZ == "" || tx.EN == "" {
					t.Errorf("label without both languages: %+v", tx)
				}
			}
			if len(c.Categories) == 0 || len(c.Series) == 0 || len(c.Sources) == 0 {
				t.Fatalf("empty chart: %d categories, %d series, %d sources", len(c.Categories), len(c.Series), len(c.Sources))
			}
			for _, s := range c.Series {
				if len(s.Values) != len(c.Categories) {
					t.Errorf("series %q: %d values for %d categories", s.Name.EN, len(s.Values), len(c.Categories))
				}
			}
			for _, src := range c.Sources {
				if i < 4 && !strings.Contains(src.Sentence, src.Figure) {
					t.Errorf("source figure %q is not in its sentence %q", src.Figure, src.Sentence)
				}
				if !strings.HasPrefix(src.Measure, r.ID+"/") {
					t.Errorf("source measure %q", src.Measure)
				}
			}
			rows, err := csv.NewReader(bytes.NewReader(c.CSV())).ReadAll()
			if err != nil {
				t.Fatalf("CSV does not parse: %v", err)
			}
			if len(rows) != len(c.Categories)+1 || len(rows[0]) != 2+len(c.Series) {
				t.Errorf("CSV has %d rows of %d columns, want %d of %d", len(rows), len(rows[0]), len(c.Categories)+1, 2+len(c.Series))
			}
		})
	}
	// measure counts add up to the 64 measures
	for _, id := range []string{ChartMeasuresBySection, ChartMeasuresByPeriod} {
		c, _ := ChartByID([]*corpus.Report{r}, id)
		var total float64
		for _, s := range c.Series {
			total += sum(s.Values...)
		}
		if total != 64 || len(c.Sources) != 64 {
			t.Errorf("%s counts %v measures with %d sources, want 64", id, total, len(c.Sources))
		}
	}
	c, _ := ChartByID([]*corpus.Report{r}, ChartMeasuresBySection)
	if len(c.Categories) != 9 {
		t.Errorf("measures-by-section has %d sections, want 9", len(c.Categories))
	}
}

func TestChartByIDUnknown(t *testing.T) {
	_, err := ChartByID(nil, "no-such-chart")
	if !errors.Is(err, ErrNoChart) || !strings.Contains(err.Error(), "no-such-chart") {
		t.Fatalf("err = %v, want ErrNoChart naming the id", err)
	}
	if _, err := Charts(nil); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Charts(nil) err = %v, want ErrNotFound", err)
	}
}

func TestChartCSV(t *testing.T) {
	c := Chart{
		ID:         "x",
		Categories: []Text{{AZ: "Bir, iki", EN: "One, two"}, {AZ: "Üç", EN: "Three"}},
		Series:     []Series{{Name: Text{AZ: "Say", EN: "Count"}, Values: []float64{1.5, 2}}},
	}
	want := "category_az,category_en,Say / Count\n\"Bir, iki\",\"One, two\",1.5\nÜç,Three,2\n"
	if got := string(c.CSV()); got != want {
		t.Errorf("CSV =\n%s\nwant\n%s", got, want)
	}
}

func TestChartsSeveralReports(t *testing.T) {
	a, b := annotatedDefault(t), annotatedDefault(t)
	b.ID = "copy"
	for i := range b.Measures {
		b.Measures[i].Report = "copy"
	}
	c, err := ChartByID([]*corpus.Report{a, b}, ChartMeasuresBySection)
	if err != nil {
		t.Fatal(err)
	}
	var total float64
	for _, s := range c.Series {
		total += sum(s.Values...)
	}
	if len(c.Categories) != 9 || total != 128 {
		t.Errorf("two editions: %d sections, %v measures; want 9 shared sections, 128 measures", len(c.Categories), total)
	}
	sums := Agencies([]*corpus.Report{a, b})
	one := Agencies([]*corpus.Report{a})
	if sums[0].Total != 2*one[0].Total {
		t.Errorf("two copies: top agency total %d, want %d", sums[0].Total, 2*one[0].Total)
	}
}

// TestBuildChartsMatchesCharts proves that building the charts in one pass
// over streamed reports gives what Charts gives over the slice, chart by
// chart, errors included.
func TestBuildChartsMatchesCharts(t *testing.T) {
	a, b := annotatedDefault(t), annotatedDefault(t)
	b.ID = "copy"
	for i := range b.Measures {
		b.Measures[i].Report = "copy"
	}
	empty := &corpus.Report{ID: "empty"}
	cases := []struct {
		name    string
		reports []*corpus.Report
	}{
		{"one report", []*corpus.Report{a}},
		{"two editions", []*corpus.Report{a, b}},
		{"no measures", []*corpus.Report{empty}},
		{"none", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want, wantErr := Charts(c.reports)
			results := BuildCharts(func(yield func(*corpus.Report) bool) {
				for _, r := range c.reports {
					if !yield(r) {
						return
					}
				}
			})
			if len(results) != len(ChartIDs()) {
				t.Fatalf("%d results, want %d", len(results), len(ChartIDs()))
			}
			got, gotErr := JoinCharts(results)
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Errorf("error %v, want %v", gotErr, wantErr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("charts differ from Charts")
			}
			for i, r := range results {
				if r.ID != ChartIDs()[i] {
					t.Errorf("result %d is %s, want %s", i, r.ID, ChartIDs()[i])
				}
				if one, err := ChartByID(c.reports, r.ID); fmt.Sprint(err) != fmt.Sprint(r.Err) || (err == nil && !reflect.DeepEqual(one, r.Chart)) {
					t.Errorf("%s differs from ChartByID: %v vs %v", r.ID, r.Err, err)
				}
			}
		})
	}
}

// categoryCounts returns the number each English category label ends with in
// parentheses ("With internet access (1002 municipalities)").
func categoryCounts(t *testing.T, c Chart) []float64 {
	t.Helper()
	var out []float64
	for _, cat := range c.Categories {
		i := strings.LastIndex(cat.EN, " (")
		rest, ok := cat.EN[i+2:], i >= 0
		if !ok {
			t.Fatalf("%s: category %q names no count", c.ID, cat.EN)
		}
		n, _, _ := strings.Cut(rest, " ")
		v, err := strconv.ParseFloat(n, 64)
		if err != nil {
			t.Fatalf("%s: category %q: %v", c.ID, cat.EN, err)
		}
		out = append(out, v)
	}
	return out
}
