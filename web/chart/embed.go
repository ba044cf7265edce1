package chart

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/url"
	"strings"

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
	Nonce       string
	EChartsURL  string
	Fragment    template.HTML
	SourceLabel string
	Site        string
	ChartURL    string
	Measures    []link
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
// on another site: no page chrome, the chart fills the frame and follows its
// size, ECharts is loaded from o.AssetPrefix + EChartsPath (never a CDN), and
// a one-line source note links back to the chart's page and the measures its
// numbers come from. o.Height, if set, fixes the chart's height instead.
func EmbedPage(c analytics.Chart, lang string, o Options) ([]byte, error) {
	s, err := resolve(c, lang, o)
	if err != nil {
		return nil, err
	}
	frag, err := fragment(c, s, true)
	if err != nil {
		return nil, err
	}
	w := dictionary[s.lang]
	d := embedData{
		Lang:        s.lang,
		Title:       pick(c.Title, s.lang),
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
