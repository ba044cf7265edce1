package chart

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/analytics"
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
	c.Series = append(c.Series, analytics.Series{Name: analytics.Text{AZ: "faiz", EN: "percent"}, Values: []float64{82, 18}, Unit: "percent"})
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
			feature := opt["toolbox"].(map[string]any)["feature"].(map[string]any)
			if _, ok := feature["saveAsImage"]; !ok {
				t.Error("toolbox has no saveAsImage")
			}
			if _, ok := feature["mySVG"]; !ok {
				t.Error("toolbox has no SVG download")
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

func TestToolbox(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want []string
	}{
		{name: "canvas saves PNG natively and SVG by script", opts: Options{}, want: []string{"mySVG", "saveAsImage:png"}},
		{name: "svg saves SVG natively and PNG by script", opts: Options{Renderer: RendererSVG}, want: []string{"myPNG", "saveAsImage:svg"}},
		{name: "hidden title saves both by script", opts: Options{HideTitle: true}, want: []string{"myPNG", "mySVG"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := Option(appeals(), "az", tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var opt struct {
				Title   struct{ Show *bool }
				Toolbox struct {
					Feature map[string]struct{ Type, Title string }
				}
			}
			if err := json.Unmarshal(raw, &opt); err != nil {
				t.Fatal(err)
			}
			var got []string
			for name, f := range opt.Toolbox.Feature {
				if f.Title == "" {
					t.Errorf("%s has no title", name)
				}
				if f.Type != "" {
					name += ":" + f.Type
				}
				got = append(got, name)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("toolbox features = %v, want %v", got, tt.want)
			}
			hidden := opt.Title.Show != nil && !*opt.Title.Show
			if hidden != tt.opts.HideTitle {
				t.Errorf("title hidden = %v, want %v", hidden, tt.opts.HideTitle)
			}
		})
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
			frag, err := Fragment(tt.chart, "az", Options{})
			if err != nil {
				t.Fatal(err)
			}
			hasMin := !strings.Contains(string(frag), "minHeight = 0,")
			if tt.want && tt.chart.Kind != analytics.KindHorizontalBar && !hasMin {
				t.Error("a sideways chart with many categories has no minimum height")
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

func TestPercentLabels(t *testing.T) {
	c := twoSeries(appeals())
	opt := decodeOption(t, c, "az")
	series := opt["series"].([]any)
	for i, want := range []string{"{c}", "{c}%"} {
		got := series[i].(map[string]any)["label"].(map[string]any)["formatter"]
		if got != want {
			t.Errorf("series %d label formatter = %v, want %s", i, got, want)
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
