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
	// means the height of the chart's content for Fragment, and the whole
	// frame (at least the content's height) for EmbedPage.
	Height string
	// Renderer is RendererCanvas (default) or RendererSVG; downloads offer
	// both PNG and SVG either way.
	Renderer string
	// HideTitle hides the title and subtitle drawn inside the chart, for
	// pages that show them as HTML headings already (EmbedPage always does).
	// Downloads (PNG, SVG) still carry them.
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
// as many finite values in every series as there are categories, and (but
// for pies) one unit for all series, as they share one value axis.
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
	if n := len(c.CategoryStatus); n != 0 && n != len(c.Categories) {
		return fmt.Errorf("chart: chart %q: %d category statuses for %d categories: %w", c.ID, n, len(c.Categories), ErrInvalidChart)
	}
	for i, s := range c.Series {
		if c.Kind != kindPie && s.Unit != c.Series[0].Unit {
			// One value axis, one unit: 73 % and 1044 municipalities on one
			// 0–1200 axis says nothing true about either.
			return fmt.Errorf("chart: chart %q: series %d (%q) is in %q, series 0 in %q; one axis takes one unit: %w",
				c.ID, i, s.Name.AZ, s.Unit, c.Series[0].Unit, ErrInvalidChart)
		}
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
	ID      string
	ChartID string
	Label   string
	// Description is read by screen readers (aria-describedby).
	Description string
	// Height is a fixed CSS height; empty means the height of the content.
	Height string
	// Fill makes the chart take the height its container gives it, at
	// least that of its content (embed pages).
	Fill     bool
	Renderer string
	Nonce    string
	Option   template.JS
	Units    []string
	FileName string
	// Export is the text PNG and SVG exports carry: the title and
	// subtitle, the source line and the date's label.
	Export    exportText
	HideTitle bool
}

// exportText is what a PNG or SVG export writes around the chart.
type exportText struct {
	Title    string `json:"title"`
	Subtitle string `json:"subtitle"`
	Source   string `json:"source"`
	Date     string `json:"date"`
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
	w := dictionary(s.lang)
	d := fragmentData{
		ID:          s.elementID,
		ChartID:     c.ID,
		Label:       pick(c.Title, s.lang),
		Description: Describe(c, s.lang),
		Height:      s.height,
		Fill:        fill,
		Renderer:    s.renderer,
		Nonce:       s.nonce,
		Option:      template.JS(opt),
		Units:       units,
		FileName:    "hesabat-" + Slug(c.ID),
		Export:      exportText{Title: pick(c.Title, s.lang), Subtitle: pick(c.Subtitle, s.lang), Source: sourceLine(c, s.lang), Date: w.date},
		HideTitle:   s.hideTitle,
	}
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, "fragment.html", d); err != nil {
		return "", fmt.Errorf("chart: chart %q: render fragment: %w", c.ID, err)
	}
	return template.HTML(buf.String()), nil
}

// Fragment returns a container <div> and a <script> that draws c with
// ECharts in lang ("az", "en"; "" means "az"), with a description for screen
// readers in lang. The chart fills the container's width, follows window and
// container resizes, and takes the height its content needs (titles, legend
// and labels wrapped to the width, every category label shown) unless
// Options.Height fixes it. Buttons elsewhere on the page with
// data-download="png" or "svg" and data-target set to the container's id
// save it, with its title, source line and date. Bar charts whose category
// labels are long are drawn with horizontal bars. The page must load ECharts
// before DOMContentLoaded (a plain or deferred <script> from AssetPrefix).
func Fragment(c analytics.Chart, lang string, o Options) (template.HTML, error) {
	s, err := resolve(c, lang, o)
	if err != nil {
		return "", err
	}
	return fragment(c, s, false)
}
