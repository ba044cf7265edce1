package chart

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

//go:embed templates/*.html
var templateFiles embed.FS

// templates holds the fragment and embed-page templates; parsed once, read-only.
var templates = template.Must(template.ParseFS(templateFiles, "templates/*.html"))

// link is one link in an embed page's source line.
type link struct {
	URL   string
	Label string
}

type embedData struct {
	Lang        string
	Title       string
	Subtitle    string
	ElementID   string
	Table       Table
	Words       embedWords
	Nonce       string
	EChartsURL  string
	Fragment    template.HTML
	SourceLabel string
	Site        string
	ChartURL    string
	Measures    []link
}

// embedWords are the embed page's own labels.
type embedWords struct {
	DownloadPNG, DownloadSVG, DataTable string
}

// EChartsPath is the path, below the asset prefix, of the ECharts build the
// binary serves.
const EChartsPath = "/vendor/echarts.min.js"

// ChartPath returns the root-relative URL of a chart's page, "/charts/{id}",
// with ?lang=en for English.
func ChartPath(id, lang string) string {
	p := "/charts/" + url.PathEscape(id)
	if lang == corpus.LangEN {
		p += "?lang=en"
	}
	return p
}

// MeasurePath returns the root-relative URL of a measure's page given its
// archive-wide ID "<report>/<number>", with ?lang=en for English; ok is false
// for an ID without a report part.
func MeasurePath(measureID, lang string) (p string, ok bool) {
	report, number, found := strings.Cut(measureID, "/")
	if !found || report == "" || number == "" {
		return "", false
	}
	p = "/measures/" + url.PathEscape(report) + "/" + url.PathEscape(number)
	if lang == corpus.LangEN {
		p += "?lang=en"
	}
	return p, true
}

// EmbedPage returns a complete HTML page that shows only c, for an <iframe>
// on another site: no page chrome; the title as the page's heading; the
// chart fills the frame's width and the height left in it (at least the
// height its content needs) and follows its size; PNG and SVG download
// buttons; a source note linking back to the chart's page and the measures
// its numbers come from; and the chart's data as a collapsible table.
// ECharts is loaded from o.AssetPrefix + EChartsPath (never a CDN).
// o.Height, if set, fixes the chart's height instead.
func EmbedPage(c analytics.Chart, lang string, o Options) ([]byte, error) {
	s, err := resolve(c, lang, o)
	if err != nil {
		return nil, err
	}
	s.hideTitle = true // the page's <h1> carries it
	frag, err := fragment(c, s, s.height == "")
	if err != nil {
		return nil, err
	}
	w := dictionary(s.lang)
	d := embedData{
		Lang:        s.lang,
		Title:       pick(c.Title, s.lang),
		Subtitle:    pick(c.Subtitle, s.lang),
		ElementID:   s.elementID,
		Table:       DataTable(c, s.lang),
		Words:       embedWords{DownloadPNG: w.downloadPNG, DownloadSVG: w.downloadSVG, DataTable: w.dataTable},
		Nonce:       s.nonce,
		EChartsURL:  s.assetPrefix + EChartsPath,
		Fragment:    frag,
		SourceLabel: w.source,
		Site:        w.site,
		ChartURL:    s.baseURL + ChartPath(c.ID, s.lang),
	}
	seen := map[string]bool{}
	for _, src := range c.Sources {
		if seen[src.Measure] {
			continue
		}
		seen[src.Measure] = true
		p, ok := MeasurePath(src.Measure, s.lang)
		if !ok {
			continue
		}
		_, number, _ := strings.Cut(src.Measure, "/")
		d.Measures = append(d.Measures, link{URL: s.baseURL + p, Label: w.measure + " " + number})
	}
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, "embed.html", d); err != nil {
		return nil, fmt.Errorf("chart: chart %q: render embed page: %w", c.ID, err)
	}
	return buf.Bytes(), nil
}

// EmbedHeight returns the height in pixels an EmbedPage of c needs at the
// given width so that nothing in it is squeezed: its heading, the chart at
// its content's height, the buttons and source line. It estimates text
// widths from character counts; the page's script measures them (and the
// embed page never squeezes the chart: a frame too low scrolls).
func EmbedHeight(c analytics.Chart, lang string, width int) int {
	const charW, line = 7, 18
	perLine := max(1, (width-24)/charW)
	lines := func(s string) int { return 1 + utf8.RuneCountInString(s)/perLine }
	h := 12 + lines(pick(c.Title, lang))*20 + lines(pick(c.Subtitle, lang))*16
	cats := texts(c.Categories, lang)
	legend := 0
	if len(c.Series) > 1 || c.Kind == kindPie {
		names := 0
		for _, s := range c.Series {
			names += utf8.RuneCountInString(pick(s.Name, lang)) + 6
		}
		if c.Kind == kindPie {
			for _, t := range cats {
				names += utf8.RuneCountInString(t) + 6
			}
		}
		legend = (1+names/perLine)*20 + 12
	}
	switch {
	case c.Kind == kindPie:
		h += min(width-24, 340) + 52 + legend
	case sideways(c.Kind, cats):
		labelW := max(80, min(220, width/3)) / charW
		for _, t := range cats {
			h += max(28, (1+utf8.RuneCountInString(t)/labelW)*15+10)
		}
		h += 24 + 30 + 36 + legend
	default:
		h += 28 + max(200, min(320, width*45/100)) + 3*15 + 12 + 28 + legend
	}
	return h + 2*line + 24 // buttons and source line, the table's summary
}
