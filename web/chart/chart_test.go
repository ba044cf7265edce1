package chart

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

// appeals is a small two-language chart in the shape analytics produces.
func appeals() analytics.Chart {
	return analytics.Chart{
		ID:       "hotline-appeals",
		Title:    analytics.Text{AZ: "Qaynar xəttə müraciətlər", EN: "Hotline appeals"},
		Subtitle: analytics.Text{AZ: "İlkin və təkrar", EN: "Initial and repeat"},
		Kind:     analytics.KindBar,
		XLabel:   analytics.Text{AZ: "Növ", EN: "Kind"},
		YLabel:   analytics.Text{AZ: "Müraciət", EN: "Appeals"},
		Categories: []analytics.Text{
			{AZ: "ilkin", EN: "initial"},
			{AZ: "təkrar", EN: "repeat"},
		},
		Series: []analytics.Series{
			{Name: analytics.Text{AZ: "müraciətlər", EN: "appeals"}, Values: []float64{40, 9}, Unit: "count"},
		},
		Sources: []analytics.Source{{Measure: "ogp-nap-2021-report/2.4", Figure: "40", Sentence: "40 müraciət"}},
	}
}

func withKind(c analytics.Chart, kind string) analytics.Chart {
	c.Kind = kind
	return c
}

func twoSeries(c analytics.Chart) analytics.Chart {
	c.Series = append(c.Series, analytics.Series{Name: analytics.Text{AZ: "zənglər", EN: "calls"}, Values: []float64{82, 18}, Unit: "count"})
	return c
}

func TestFragmentGolden(t *testing.T) {
	tests := []struct {
		name  string
		chart analytics.Chart
		lang  string
		opts  Options
	}{
		{name: "bar_az", chart: appeals(), lang: "az"},
		{name: "bar_en_svg_nonce", chart: appeals(), lang: "en", opts: Options{Renderer: RendererSVG, Nonce: "n0nce", ElementID: "c1", Height: "50vh"}},
		{name: "stacked_bar_en", chart: twoSeries(withKind(appeals(), analytics.KindStackedBar)), lang: "en"},
		{name: "horizontal_bar_az", chart: withKind(appeals(), analytics.KindHorizontalBar), lang: ""},
		{name: "pie_two_series_en", chart: twoSeries(withKind(appeals(), analytics.KindPie)), lang: "en"},
		{name: "line_az", chart: withKind(appeals(), analytics.KindLine), lang: "az"},
		{name: "hidden_title_az", chart: appeals(), lang: "az", opts: Options{HideTitle: true}},
		{name: "sideways_many_categories_en", chart: manyCategories(), lang: "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Fragment(tt.chart, tt.lang, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "fragment_"+tt.name+".html", []byte(got))
		})
	}
}

func TestEmbedPageGolden(t *testing.T) {
	tests := []struct {
		name string
		lang string
		opts Options
	}{
		{name: "az", lang: "az"},
		{name: "en_prefix_base", lang: "en", opts: Options{AssetPrefix: "/hesabat/static/", BaseURL: "https://hesabat.example.org/", Nonce: "abc123"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := EmbedPage(appeals(), tt.lang, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "embed_"+tt.name+".html", got)
		})
	}
}

// decodeOption returns the ECharts option of a chart as a generic object.
func decodeOption(t *testing.T, c analytics.Chart, lang string) map[string]any {
	t.Helper()
	raw, err := Option(c, lang, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var opt map[string]any
	if err := json.Unmarshal(raw, &opt); err != nil {
		t.Fatalf("option is not JSON: %v\n%s", err, raw)
	}
	return opt
}

func TestOptionCarriesTheChart(t *testing.T) {
	tests := []struct {
		name      string
		chart     analytics.Chart
		lang      string
		title     string
		catAxis   string // axis holding the categories; "" for pie
		catNames  []string
		seriesTyp string
		stack     string
		values    []float64
	}{
		{name: "bar in Azerbaijani", chart: appeals(), lang: "az", title: "Qaynar xəttə müraciətlər", catAxis: "xAxis", catNames: []string{"ilkin", "təkrar"}, seriesTyp: "bar", values: []float64{40, 9}},
		{name: "bar in English", chart: appeals(), lang: "en", title: "Hotline appeals", catAxis: "xAxis", catNames: []string{"initial", "repeat"}, seriesTyp: "bar", values: []float64{40, 9}},
		{name: "horizontal bar puts categories on y", chart: withKind(appeals(), analytics.KindHorizontalBar), lang: "en", title: "Hotline appeals", catAxis: "yAxis", catNames: []string{"initial", "repeat"}, seriesTyp: "bar", values: []float64{40, 9}},
		{name: "stacked bar stacks", chart: withKind(appeals(), analytics.KindStackedBar), lang: "az", title: "Qaynar xəttə müraciətlər", catAxis: "xAxis", catNames: []string{"ilkin", "təkrar"}, seriesTyp: "bar", stack: "total", values: []float64{40, 9}},
		{name: "line", chart: withKind(appeals(), analytics.KindLine), lang: "az", title: "Qaynar xəttə müraciətlər", catAxis: "xAxis", catNames: []string{"ilkin", "təkrar"}, seriesTyp: "line", values: []float64{40, 9}},
		{name: "pie names its slices", chart: withKind(appeals(), analytics.KindPie), lang: "en", title: "Hotline appeals", catNames: []string{"initial", "repeat"}, seriesTyp: "pie", values: []float64{40, 9}},
		{name: "English falls back to Azerbaijani", chart: func() analytics.Chart {
			c := appeals()
			c.Title.EN, c.Categories[1].EN = "", ""
			return c
		}(), lang: "en", title: "Qaynar xəttə müraciətlər", catAxis: "xAxis", catNames: []string{"initial", "təkrar"}, seriesTyp: "bar", values: []float64{40, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := decodeOption(t, tt.chart, tt.lang)
			if got := opt["title"].(map[string]any)["text"]; got != tt.title {
				t.Errorf("title = %q, want %q", got, tt.title)
			}
			series := opt["series"].([]any)
			s0 := series[0].(map[string]any)
			if s0["type"] != tt.seriesTyp {
				t.Errorf("series type = %v, want %s", s0["type"], tt.seriesTyp)
			}
			if got, _ := s0["stack"].(string); got != tt.stack {
				t.Errorf("stack = %q, want %q", got, tt.stack)
			}
			data := s0["data"].([]any)
			if len(data) != len(tt.values) {
				t.Fatalf("%d data points, want %d", len(data), len(tt.values))
			}
			for i, d := range data {
				m := d.(map[string]any)
				if m["value"] != tt.values[i] {
					t.Errorf("value %d = %v, want %v", i, m["value"], tt.values[i])
				}
				if tt.catAxis == "" && m["name"] != tt.catNames[i] {
					t.Errorf("slice %d name = %v, want %s", i, m["name"], tt.catNames[i])
				}
			}
			if tt.catAxis != "" {
				ax := opt[tt.catAxis].([]any)[0].(map[string]any)
				if ax["type"] != "category" {
					t.Errorf("%s type = %v, want category", tt.catAxis, ax["type"])
				}
				cats := ax["data"].([]any)
				for i, want := range tt.catNames {
					if cats[i] != want {
						t.Errorf("category %d = %v, want %s", i, cats[i], want)
					}
				}
			}
			if _, ok := opt["toolbox"]; ok {
				t.Error("the option has a toolbox: downloads are buttons outside the canvas")
			}
			if aria, _ := opt["aria"].(map[string]any); aria["enabled"] != false {
				t.Errorf("aria = %v: ECharts' own English description must be off", aria)
			}
		})
	}
}

// manyCategories is a bar chart with long labels, drawn sideways.
func manyCategories() analytics.Chart {
	c := appeals()
	c.Categories, c.Series[0].Values = nil, nil
	for i := range 12 {
		c.Categories = append(c.Categories, analytics.Text{AZ: fmt.Sprintf("Uzun adlı dövlət qurumu nömrə %d", i), EN: fmt.Sprintf("A body with a long name, number %d", i)})
		c.Series[0].Values = append(c.Series[0].Values, float64(i))
	}
	return c
}

func TestNoToolboxTitleHidden(t *testing.T) {
	// Downloads are buttons outside the canvas (keyboard reachable), so the
	// option has no toolbox; HideTitle hides the title on screen only.
	for _, hide := range []bool{false, true} {
		raw, err := Option(appeals(), "az", Options{HideTitle: hide})
		if err != nil {
			t.Fatal(err)
		}
		var opt struct {
			Title   struct{ Show *bool }
			Toolbox any
		}
		if err := json.Unmarshal(raw, &opt); err != nil {
			t.Fatal(err)
		}
		if opt.Toolbox != nil {
			t.Errorf("hide=%v: toolbox %v, want none", hide, opt.Toolbox)
		}
		hidden := opt.Title.Show != nil && !*opt.Title.Show
		if hidden != hide {
			t.Errorf("title hidden = %v, want %v", hidden, hide)
		}
	}
}

func TestSideways(t *testing.T) {
	tests := []struct {
		name  string
		chart analytics.Chart
		want  bool
	}{
		{name: "short labels stay upright", chart: appeals(), want: false},
		{name: "long labels turn bars sideways", chart: manyCategories(), want: true},
		{name: "horizontal bars are sideways", chart: withKind(appeals(), analytics.KindHorizontalBar), want: true},
		{name: "lines never turn", chart: withKind(manyCategories(), analytics.KindLine), want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := decodeOption(t, tt.chart, "az")
			y := opt["yAxis"].([]any)[0].(map[string]any)
			if got := y["type"] == "category"; got != tt.want {
				t.Errorf("categories on the y axis = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestOptionFollowsTheData(t *testing.T) {
	// The option is built from the chart, not from anything fixed: change a
	// value and a category and the option changes with them.
	c := appeals()
	c.Series[0].Values[1] = 1234
	c.Categories[1].AZ = "dəyişdirilmiş"
	opt := decodeOption(t, c, "az")
	data := opt["series"].([]any)[0].(map[string]any)["data"].([]any)
	if got := data[1].(map[string]any)["value"]; got != 1234.0 {
		t.Errorf("value = %v, want 1234", got)
	}
	if got := opt["xAxis"].([]any)[0].(map[string]any)["data"].([]any)[1]; got != "dəyişdirilmiş" {
		t.Errorf("category = %v", got)
	}
}

func TestValueAxis(t *testing.T) {
	pct := appeals()
	pct.Series[0].Unit = analytics.UnitPercent
	tests := []struct {
		name  string
		chart analytics.Chart
		want  map[string]any // on the value axis
	}{
		{name: "counts step by whole numbers", chart: appeals(), want: map[string]any{"minInterval": 1.0, "name": "Müraciət"}},
		{name: "percent runs to 100", chart: pct, want: map[string]any{"max": 100.0}},
		{name: "sideways: the value axis is x and keeps its name", chart: withKind(appeals(), analytics.KindHorizontalBar), want: map[string]any{"minInterval": 1.0, "name": "Müraciət"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := decodeOption(t, tt.chart, "az")
			key, catKey := "yAxis", "xAxis"
			if tt.chart.Kind == analytics.KindHorizontalBar {
				key, catKey = "xAxis", "yAxis"
			}
			ax := opt[key].([]any)[0].(map[string]any)
			for k, v := range tt.want {
				if ax[k] != v {
					t.Errorf("%s.%s = %v, want %v", key, k, ax[k], v)
				}
			}
			cat := opt[catKey].([]any)[0].(map[string]any)
			if cat["name"] != "Növ" {
				t.Errorf("%s name = %v, want the categories' name Növ", catKey, cat["name"])
			}
			label := cat["axisLabel"].(map[string]any)
			if label["overflow"] != "break" || label["interval"] != 0.0 || label["hideOverlap"] != false {
				t.Errorf("category labels %v: want every label shown, wrapped not cut", label)
			}
			if l := opt["legend"].(map[string]any); l["type"] != "plain" {
				t.Errorf("legend type %v, want plain (never paged)", l["type"])
			}
		})
	}
}

func TestOneUnitPerAxis(t *testing.T) {
	c := appeals()
	c.Series = append(c.Series, analytics.Series{Name: analytics.Text{AZ: "faiz", EN: "percent"}, Values: []float64{82, 18}, Unit: analytics.UnitPercent})
	if err := Validate(c); !errors.Is(err, ErrInvalidChart) {
		t.Errorf("counts and percent on one axis: err = %v, want ErrInvalidChart", err)
	}
	if err := Validate(withKind(c, analytics.KindPie)); err != nil {
		t.Errorf("pies have no shared axis: %v", err)
	}
}

func TestStatusColors(t *testing.T) {
	// Status series and status categories take the status's colour, and the
	// value labels drawn on them have at least 4.5:1 contrast.
	c := appeals()
	c.Kind = analytics.KindStackedBar
	c.Series = nil
	for _, st := range analytics.Statuses() {
		c.Series = append(c.Series, analytics.Series{Name: analytics.StatusLabel(st), Values: []float64{1, 2}, Unit: "measures", Stack: "s", Status: st})
	}
	opt := decodeOption(t, c, "az")
	for i, x := range opt["series"].([]any) {
		m := x.(map[string]any)
		want := StatusColor(analytics.Statuses()[i])
		if got := m["itemStyle"].(map[string]any)["color"]; got != want {
			t.Errorf("series %d colour %v, want %s", i, got, want)
		}
		fg := m["label"].(map[string]any)["color"].(string)
		if r := Contrast(want, fg); r < 4.5 {
			t.Errorf("series %d: label %s on %s is %.2f:1", i, fg, want, r)
		}
	}
	for _, col := range SeriesColors() {
		if r := Contrast(col, TextOn(col)); r < 4.5 {
			t.Errorf("palette colour %s: best text contrast %.2f:1", col, r)
		}
	}
	pie := withKind(appeals(), analytics.KindPie)
	pie.CategoryStatus = []corpus.Status{corpus.StatusCompleted, corpus.StatusNotImplemented}
	opt = decodeOption(t, pie, "az")
	data := opt["series"].([]any)[0].(map[string]any)["data"].([]any)
	for i, st := range pie.CategoryStatus {
		if got := data[i].(map[string]any)["itemStyle"].(map[string]any)["color"]; got != StatusColor(st) {
			t.Errorf("slice %d colour %v, want %s's %s", i, got, st, StatusColor(st))
		}
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name  string
		chart analytics.Chart
		lang  string
		opts  Options
		want  error
	}{
		{name: "unknown kind", chart: withKind(appeals(), "radar"), want: ErrInvalidChart},
		{name: "no series", chart: func() analytics.Chart { c := appeals(); c.Series = nil; return c }(), want: ErrInvalidChart},
		{name: "no categories", chart: func() analytics.Chart { c := appeals(); c.Categories = nil; return c }(), want: ErrInvalidChart},
		{name: "values don't match categories", chart: func() analytics.Chart { c := appeals(); c.Series[0].Values = []float64{1}; return c }(), want: ErrInvalidChart},
		{name: "NaN value", chart: func() analytics.Chart { c := appeals(); c.Series[0].Values[0] = nan(); return c }(), want: ErrInvalidChart},
		{name: "unknown language", chart: appeals(), lang: "ru", want: ErrLanguage},
		{name: "element id with a quote", chart: appeals(), opts: Options{ElementID: `x"onload="a`}, want: ErrOptions},
		{name: "element id starting with a digit", chart: appeals(), opts: Options{ElementID: "1x"}, want: ErrOptions},
		{name: "height that is CSS injection", chart: appeals(), opts: Options{Height: "1px;background:url(x)"}, want: ErrOptions},
		{name: "unknown renderer", chart: appeals(), opts: Options{Renderer: "webgl"}, want: ErrOptions},
		{name: "nonce with a quote", chart: appeals(), opts: Options{Nonce: `a"b`}, want: ErrOptions},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Fragment(tt.chart, tt.lang, tt.opts); !errors.Is(err, tt.want) {
				t.Errorf("Fragment error = %v, want %v", err, tt.want)
			}
			if _, err := EmbedPage(tt.chart, tt.lang, tt.opts); !errors.Is(err, tt.want) {
				t.Errorf("EmbedPage error = %v, want %v", err, tt.want)
			}
			if _, err := Option(tt.chart, tt.lang, tt.opts); !errors.Is(err, tt.want) {
				t.Errorf("Option error = %v, want %v", err, tt.want)
			}
		})
	}
}

func nan() float64 {
	zero := 0.0
	return zero / zero
}

func TestSlug(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{name: "plain", in: "hotline-appeals", want: "hotline-appeals"},
		{name: "slashes and dots", in: "ogp-nap-2021/9.1", want: "ogp-nap-2021-9-1"},
		{name: "markup", in: `"><script>`, want: "script"},
		{name: "nothing left", in: "əəə", want: "chart"},
		{name: "empty", in: "", want: "chart"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slug(tt.in); got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDefaultElementIDsDiffer(t *testing.T) {
	a, err := Fragment(appeals(), "az", Options{})
	if err != nil {
		t.Fatal(err)
	}
	other := appeals()
	other.ID = "coverage"
	b, err := Fragment(other, "az", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(a), `id="chart-hotline-appeals"`) || !strings.Contains(string(b), `id="chart-coverage"`) {
		t.Errorf("default ids not derived from chart IDs:\n%s\n%s", a[:120], b[:120])
	}
}
