// Package chart renders analytics charts in the browser with ECharts: it
// builds each chart's ECharts option with go-echarts, writes it into HTML
// that is safe for report text, and exports a chart's data as CSV and JSON.
//
// Every string that comes from a report (titles, labels, categories, series
// names) reaches the page only as JSON escaped for a <script> element
// (json.Marshal turns <, > and & into \u003c, \u003e and \u0026) or through
// html/template, so a report line such as </script><script>alert(1)</script>
// stays text. The package does not use go-echarts' own page templates, which
// write the option JSON into <script> unescaped.
//
// Pages that use Fragment must load ECharts first (or with defer) from the
// binary's own assets, e.g. <script src="/static/vendor/echarts.min.js">.
package chart

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

// The chart kinds Fragment draws are analytics' (analytics.KindBar …).
const (
	kindBar           = analytics.KindBar
	kindStackedBar    = analytics.KindStackedBar
	kindHorizontalBar = analytics.KindHorizontalBar
	kindPie           = analytics.KindPie
	kindLine          = analytics.KindLine
)

// The renderers ECharts can draw with (Options.Renderer).
const (
	RendererCanvas = "canvas"
	RendererSVG    = "svg"
)

// DefaultHeight is the chart height Fragment uses when Options.Height is empty.
const DefaultHeight = "400px"

// DefaultAssetPrefix is the URL prefix under which the binary serves its
// static files; ECharts is loaded from DefaultAssetPrefix + "/vendor/echarts.min.js".
const DefaultAssetPrefix = "/static"

// ContainerClass is the CSS class of every chart container Fragment writes.
// Once ECharts has drawn the chart, the container holds a <canvas> or <svg>
// and carries the attribute data-rendered="true".
const ContainerClass = "hesabat-chart"

var (
	// ErrInvalidChart is returned for a chart that cannot be drawn: unknown
	// kind, no series, or series whose values don't match the categories.
	ErrInvalidChart = errors.New("invalid chart")
	// ErrLanguage is returned for a language other than "az", "en" or "".
	ErrLanguage = errors.New("unsupported language")
	// ErrOptions is returned for Options that cannot be used safely.
	ErrOptions = errors.New("invalid options")
)

// Options says how a chart is placed on a page.
type Options struct {
	// ElementID is the id of the chart's container element; it must start
	// with a letter and contain only letters, digits, '-' and '_'. Empty
	// means "chart-" followed by the chart's ID made safe.
	ElementID string
	// Height is the container's CSS height ("400px", "60vh", "100%"); empty
	// means DefaultHeight for Fragment and the whole frame for EmbedPage.
	Height string
	// Renderer is RendererCanvas (default) or RendererSVG. The toolbox always
	// offers both PNG and SVG downloads.
	Renderer string
	// HideTitle hides the title and subtitle drawn inside the chart, for
	// pages that show them as HTML headings already. Downloads (PNG, SVG)
	// still carry them.
	HideTitle bool
	// Nonce, if set, is written as the nonce attribute of every <script> and
	// <style> element, for a Content-Security-Policy with script nonces.
	Nonce string
	// AssetPrefix is the URL prefix of the static files (EmbedPage only);
	// empty means DefaultAssetPrefix.
	AssetPrefix string
	// BaseURL is prepended to the links EmbedPage writes back to Hesabat
	// (e.g. "https://hesabat.example.org"); empty means root-relative links.
	BaseURL string
}

var (
	elementIDPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,127}$`)
	heightPattern    = regexp.MustCompile(`^(?:[0-9]{1,5}(?:\.[0-9]{1,3})?(?:px|%|vh|vw|em|rem)|auto)$`)
	unsafeIDChars    = regexp.MustCompile(`[^A-Za-z0-9_-]+`)
)

// settings is Options checked and with defaults filled in.
type settings struct {
	hideTitle   bool
	lang        string
	elementID   string
	height      string
	renderer    string
	nonce       string
	assetPrefix string
	baseURL     string
}

func resolve(c analytics.Chart, lang string, o Options) (settings, error) {
	s := settings{nonce: o.Nonce, baseURL: strings.TrimRight(o.BaseURL, "/"), hideTitle: o.HideTitle}
	switch lang {
	case "", corpus.LangAZ:
		s.lang = corpus.LangAZ
	case corpus.LangEN:
		s.lang = corpus.LangEN
	default:
		return s, fmt.Errorf("chart: language %q: %w", lang, ErrLanguage)
	}
	s.elementID = o.ElementID
	if s.elementID == "" {
		s.elementID = "chart-" + Slug(c.ID)
	}
	if !elementIDPattern.MatchString(s.elementID) {
		return s, fmt.Errorf("chart: element id %q: %w", s.elementID, ErrOptions)
	}
	s.height = o.Height
	if s.height != "" && !heightPattern.MatchString(s.height) {
		return s, fmt.Errorf("chart: height %q: %w", s.height, ErrOptions)
	}
	switch o.Renderer {
	case "", RendererCanvas:
		s.renderer = RendererCanvas
	case RendererSVG:
		s.renderer = RendererSVG
	default:
		return s, fmt.Errorf("chart: renderer %q: %w", o.Renderer, ErrOptions)
	}
	if strings.ContainsAny(o.Nonce, "\"'<>& \t\r\n") {
		return s, fmt.Errorf("chart: nonce %q: %w", o.Nonce, ErrOptions)
	}
	s.assetPrefix = strings.TrimRight(o.AssetPrefix, "/")
	if o.AssetPrefix == "" {
		s.assetPrefix = DefaultAssetPrefix
	}
	return s, nil
}

// Slug returns id with every run of characters other than ASCII letters,
// digits, '-' and '_' replaced by '-', for use in element ids and file names.
// An empty result becomes "chart".
func Slug(id string) string {
	s := strings.Trim(unsafeIDChars.ReplaceAllString(id, "-"), "-")
	if s == "" {
		return "chart"
	}
	return s
}

// pick returns t in lang, falling back to Azerbaijani where the English is missing.
func pick(t analytics.Text, lang string) string {
	if lang == corpus.LangEN && strings.TrimSpace(t.EN) != "" {
		return t.EN
	}
	return t.AZ
}

// Validate reports whether c can be drawn: a known kind, at least one series,
// and as many finite values in every series as there are categories.
func Validate(c analytics.Chart) error {
	switch c.Kind {
	case kindBar, kindStackedBar, kindHorizontalBar, kindPie, kindLine:
	default:
		return fmt.Errorf("chart: chart %q: kind %q: %w", c.ID, c.Kind, ErrInvalidChart)
	}
	if len(c.Categories) == 0 {
		return fmt.Errorf("chart: chart %q: no categories: %w", c.ID, ErrInvalidChart)
	}
	if len(c.Series) == 0 {
		return fmt.Errorf("chart: chart %q: no series: %w", c.ID, ErrInvalidChart)
	}
	for i, s := range c.Series {
		if len(s.Values) != len(c.Categories) {
			return fmt.Errorf("chart: chart %q: series %d (%q) has %d values for %d categories: %w",
				c.ID, i, s.Name.AZ, len(s.Values), len(c.Categories), ErrInvalidChart)
		}
		for j, v := range s.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("chart: chart %q: series %d value %d is %v: %w", c.ID, i, j, v, ErrInvalidChart)
			}
		}
	}
	return nil
}

// words are the interface strings charts show, by language.
type words struct {
	savePNG, saveSVG, source, measure, site string
}

var dictionary = map[string]words{
	corpus.LangAZ: {savePNG: "PNG kimi yüklə", saveSVG: "SVG kimi yüklə", source: "Mənbə", measure: "tədbir", site: "Hesabat"},
	corpus.LangEN: {savePNG: "Download PNG", saveSVG: "Download SVG", source: "Source", measure: "measure", site: "Hesabat"},
}

// icons are the toolbox icons of the download buttons the page's script
// handles: an arrow into a tray, with a frame (PNG) or an open tray (SVG).
var icons = map[string]string{
	"myPNG": "path://M11,2h2v9l3-3l1.4,1.4L12,14.8L6.6,9.4L8,8l3,3z M2,16h20v6H2z M4,18v2h16v-2z",
	"mySVG": "path://M11,2h2v11l4-4l1.4,1.4L12,16.8L5.6,10.4L7,9l4,4z M3,15h2v4h14v-4h2v6H3z",
}

// Option returns the ECharts option for c in lang as JSON that is safe to
// write into a <script> element: <, >, &, U+2028 and U+2029 are escaped.
// It is built with go-echarts; the page's script adds the behaviour that
// JSON cannot carry (the download buttons ECharts lacks, value formatting,
// title wrapping).
func Option(c analytics.Chart, lang string, o Options) ([]byte, error) {
	s, err := resolve(c, lang, o)
	if err != nil {
		return nil, err
	}
	obj, err := option(c, s)
	if err != nil {
		return nil, err
	}
	return marshalScriptSafe(obj)
}

// option builds the option object for c.
func option(c analytics.Chart, s settings) (map[string]any, error) {
	if err := Validate(c); err != nil {
		return nil, err
	}
	w := dictionary[s.lang]
	cats := make([]string, len(c.Categories))
	for i, t := range c.Categories {
		cats[i] = pick(t, s.lang)
	}
	fileName := "hesabat-" + Slug(c.ID)
	// ECharts' own saveAsImage saves what is on screen, in the renderer's
	// format; the page's script adds the other format (and both, when the
	// title is hidden on screen but belongs in the file).
	feature := &opts.ToolBoxFeature{}
	custom := map[string]string{"myPNG": w.savePNG, "mySVG": w.saveSVG}
	if !s.hideTitle {
		native, title := "png", w.savePNG
		if s.renderer == RendererSVG {
			native, title = "svg", w.saveSVG
		}
		feature.SaveAsImage = &opts.ToolBoxFeatureSaveAsImage{Show: opts.Bool(true), Type: native, Name: fileName, Title: title}
		delete(custom, "my"+strings.ToUpper(native))
	}
	global := []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: s.elementID, Renderer: s.renderer, AssetsHost: "/"}),
		charts.WithTitleOpts(opts.Title{Title: pick(c.Title, s.lang), Subtitle: pick(c.Subtitle, s.lang), Left: "8", Top: "4"}),
		charts.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(true), Right: "12", Top: "4", Feature: feature}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(c.Series) > 1 || c.Kind == kindPie), Type: "scroll", Bottom: "0"}),
	}
	trigger := "axis"
	if c.Kind == kindPie {
		trigger = "item"
	}
	global = append(global, charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: trigger}))

	var obj map[string]any
	switch c.Kind {
	case kindPie:
		p := charts.NewPie()
		p.SetGlobalOptions(global...)
		n := len(c.Series)
		for i, ser := range c.Series {
			data := make([]opts.PieData, len(cats))
			for j, v := range ser.Values {
				data[j] = opts.PieData{Name: cats[j], Value: v}
			}
			radius := fmt.Sprintf("%d%%", min(50, 120/(n+1)))
			center := []string{fmt.Sprintf("%.4g%%", 100*(2*float64(i)+1)/(2*float64(n))), "55%"}
			p.AddSeries(pick(ser.Name, s.lang), data,
				charts.WithPieChartOpts(opts.PieChart{Radius: radius, Center: center}),
				charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: valueFormat(ser.Unit, "{b}: {c}")}))
		}
		p.Validate()
		obj = p.JSON()
	case kindLine:
		l := charts.NewLine()
		l.SetGlobalOptions(append(global,
			charts.WithXAxisOpts(opts.XAxis{Type: "category", Name: pick(c.XLabel, s.lang)}),
			charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: pick(c.YLabel, s.lang)}))...)
		l.SetXAxis(cats)
		for _, ser := range c.Series {
			data := make([]opts.LineData, len(ser.Values))
			for j, v := range ser.Values {
				data[j] = opts.LineData{Value: v}
			}
			l.AddSeries(pick(ser.Name, s.lang), data,
				charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Formatter: valueFormat(ser.Unit, "{c}")}))
		}
		l.Validate()
		obj = l.JSON()
	default: // the bar kinds
		b := charts.NewBar()
		horizontal := sideways(c.Kind, cats)
		category := opts.XAxis{Type: "category", Name: pick(c.XLabel, s.lang)}
		value := opts.YAxis{Type: "value", Name: pick(c.YLabel, s.lang)}
		if horizontal {
			// XYReversal moves the categories to the y axis; the axis names follow them.
			b.SetGlobalOptions(append(global,
				charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: value.Name}),
				charts.WithYAxisOpts(opts.YAxis{Type: "category", Name: category.Name, Inverse: opts.Bool(true)}))...)
		} else {
			b.SetGlobalOptions(append(global, charts.WithXAxisOpts(category), charts.WithYAxisOpts(value))...)
		}
		b.SetXAxis(cats)
		for _, ser := range c.Series {
			data := make([]opts.BarData, len(ser.Values))
			for j, v := range ser.Values {
				data[j] = opts.BarData{Value: v}
			}
			stack := ser.Stack
			if stack == "" && c.Kind == kindStackedBar {
				stack = "total"
			}
			pos := "top"
			switch {
			case stack != "":
				pos = "inside"
			case horizontal:
				pos = "right"
			}
			b.AddSeries(pick(ser.Name, s.lang), data,
				charts.WithBarChartOpts(opts.BarChart{Stack: stack}),
				charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: pos, Formatter: valueFormat(ser.Unit, "{c}")}))
		}
		if horizontal {
			b.XYReversal()
		}
		b.Validate()
		obj = b.JSON()
	}
	// Round-trip through JSON so the extras below can be set on plain maps.
	raw, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("chart: chart %q: encode option: %w", c.ID, err)
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("chart: chart %q: decode option: %w", c.ID, err)
	}
	out["aria"] = map[string]any{"enabled": true}
	if series, ok := out["series"].([]any); ok {
		for _, ser := range series {
			if m, ok := ser.(map[string]any); ok && m["type"] == "bar" {
				m["barMaxWidth"] = 64 // few categories: bars, not walls
			}
		}
	}
	// The page's script wraps the title to the container's width and moves
	// the plot below it; these are the sizes it counts with.
	if t, ok := out["title"].(map[string]any); ok {
		t["textStyle"] = map[string]any{"fontSize": 16, "lineHeight": 20}
		t["subtextStyle"] = map[string]any{"fontSize": 12, "lineHeight": 16}
		t["itemGap"] = 8
	}
	top := 56
	if pick(c.Subtitle, s.lang) != "" {
		top = 76
	}
	bottom := 16
	if len(c.Series) > 1 {
		bottom = 40
	}
	if c.Kind != kindPie {
		// The bottom axis names itself at its right end: leave room there.
		right := 28
		if ax := firstAxis(out, "xAxis"); ax != nil {
			if name, _ := ax["name"].(string); name != "" {
				w := min(120, 7*utf8.RuneCountInString(name))
				right = 20 + w
				ax["nameTextStyle"] = map[string]any{"width": w, "overflow": "truncate"}
			}
		}
		out["grid"] = map[string]any{"top": top, "left": 12, "right": right, "bottom": bottom, "containLabel": true}
		labelAxis := "xAxis"
		labelStyle := map[string]any{"width": 96, "overflow": "break", "hideOverlap": true, "interval": 0}
		if sideways(c.Kind, cats) {
			labelAxis = "yAxis"
			labelStyle = map[string]any{"width": 180, "overflow": "truncate"}
			if ax := firstAxis(out, "yAxis"); ax != nil {
				ax["nameLocation"] = "start" // on top, as the axis is inverted
			}
		}
		if ax := firstAxis(out, labelAxis); ax != nil {
			ax["axisLabel"] = labelStyle
		}
		if ax := firstAxis(out, "yAxis"); ax != nil && labelAxis == "xAxis" {
			// The value axis names itself above its top end; start the name
			// at the axis so that it isn't cut at the chart's left edge.
			ax["nameTextStyle"] = map[string]any{"align": "left"}
		}
	}
	if tb, ok := out["toolbox"].(map[string]any); ok {
		f, ok := tb["feature"].(map[string]any)
		if !ok {
			f = map[string]any{}
			tb["feature"] = f
		}
		for name, title := range custom {
			// The onclick handlers are attached by the page's script.
			f[name] = map[string]any{"show": true, "title": title, "icon": icons[name]}
		}
	}
	if s.hideTitle {
		if t, ok := out["title"].(map[string]any); ok {
			t["show"] = false
		}
	}
	return out, nil
}

// longLabel is the length in characters beyond which category labels don't
// fit under vertical bars.
const longLabel = 24

// sideways reports whether a chart of the kind is drawn with horizontal bars:
// horizontal_bar charts, and bar or stacked_bar charts with a category label
// longer than longLabel characters, which would not fit under the bars.
func sideways(kind string, categories []string) bool {
	switch kind {
	case kindHorizontalBar:
		return true
	case kindBar, kindStackedBar:
		for _, c := range categories {
			if utf8.RuneCountInString(c) > longLabel {
				return true
			}
		}
	}
	return false
}

// firstAxis returns the first axis of the given kind in an option object.
func firstAxis(option map[string]any, key string) map[string]any {
	axes, ok := option[key].([]any)
	if !ok || len(axes) == 0 {
		return nil
	}
	ax, _ := axes[0].(map[string]any)
	return ax
}

// valueFormat returns a label formatter that shows values with their unit.
func valueFormat(unit, base string) string {
	if unit == "percent" {
		return strings.ReplaceAll(base, "{c}", "{c}%")
	}
	return base
}

// marshalScriptSafe encodes v as JSON that cannot end a <script> element or
// open an HTML comment: encoding/json escapes <, >, &, U+2028 and U+2029.
func marshalScriptSafe(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("chart: encode option: %w", err)
	}
	if bytes.ContainsAny(b, "<>") {
		// encoding/json never lets these through; refuse rather than trust it blindly.
		return nil, fmt.Errorf("chart: option JSON contains raw angle brackets: %w", ErrInvalidChart)
	}
	return b, nil
}

// fragmentData feeds templates/fragment.html.
type fragmentData struct {
	ID       string
	ChartID  string
	Label    string
	Height   string
	Renderer string
	Nonce    string
	Option   template.JS
	Units    []string
	FileName string
	// MinHeight (px) gives every category of a sideways bar chart room.
	MinHeight int
	HideTitle bool
}

func fragment(c analytics.Chart, s settings, fill bool) (template.HTML, error) {
	obj, err := option(c, s)
	if err != nil {
		return "", err
	}
	opt, err := marshalScriptSafe(obj)
	if err != nil {
		return "", err
	}
	units := make([]string, len(c.Series))
	for i, ser := range c.Series {
		units[i] = ser.Unit
	}
	height := s.height
	if height == "" && !fill {
		height = DefaultHeight
	}
	d := fragmentData{
		ID:        s.elementID,
		ChartID:   c.ID,
		Label:     pick(c.Title, s.lang),
		Height:    height,
		Renderer:  s.renderer,
		Nonce:     s.nonce,
		Option:    template.JS(opt),
		Units:     units,
		FileName:  "hesabat-" + Slug(c.ID),
		HideTitle: s.hideTitle,
	}
	cats := make([]string, len(c.Categories))
	for i, t := range c.Categories {
		cats[i] = pick(t, s.lang)
	}
	if !fill && sideways(c.Kind, cats) {
		// 22px a category, plus the title, axis and legend.
		d.MinHeight = 22*len(cats) + 160
	}
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, "fragment.html", d); err != nil {
		return "", fmt.Errorf("chart: chart %q: render fragment: %w", c.ID, err)
	}
	return template.HTML(buf.String()), nil
}

// Fragment returns a container <div> and a <script> that draws c with
// ECharts in lang ("az", "en"; "" means "az"). The chart fills the
// container's width, follows window and container resizes, and has a toolbox
// with PNG and SVG downloads. Bar charts whose category labels are long are
// drawn with horizontal bars. The page must load ECharts before
// DOMContentLoaded (a plain or deferred <script> from AssetPrefix).
func Fragment(c analytics.Chart, lang string, o Options) (template.HTML, error) {
	s, err := resolve(c, lang, o)
	if err != nil {
		return "", err
	}
	return fragment(c, s, false)
}
