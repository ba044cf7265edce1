package web

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

// builderChartID is the chart the chart builder draws: the whole chart is in
// its URL (no server state), so the URL can be shared, embedded and exported
// like any chart's.
const builderChartID = "build"

// The chart builder's limits.
const (
	builderMaxRows  = 40
	builderMaxLabel = 120
	builderMaxTitle = 200
)

// builderParams are the query parameters a builder chart's URL carries.
var builderParams = []string{"type", "title", "unit", "l", "v", "src"}

// builderForm is the chart builder's form: what the URL says, row by row,
// with a few empty rows to add values in.
type builderForm struct {
	Type, Title, Unit string
	Rows              []builderRow
	Sources           []string
	Err               string
}

// builderRow is one label and value of the builder's form.
type builderRow struct {
	N            int
	Label, Value string
}

// parseBuilder reads the builder's parameters into its form and, when they
// describe a chart, the chart. l and v pair up in order; rows with neither
// are skipped; a row with only one of them, a value that is not a finite
// number, or fewer than two rows is an error the form shows.
func parseBuilder(params url.Values, lang string) (builderForm, analytics.Chart, error) {
	f := builderForm{Type: params.Get("type"), Title: strings.TrimSpace(params.Get("title")), Unit: params.Get("unit"), Sources: params["src"]}
	if f.Type == "" {
		f.Type = analytics.KindBar
	}
	if f.Unit == "" {
		f.Unit = analytics.UnitCount
	}
	ls, vs := params["l"], params["v"]
	n := max(len(ls), len(vs))
	for i := range n {
		r := builderRow{N: len(f.Rows) + 1}
		if i < len(ls) {
			r.Label = strings.TrimSpace(ls[i])
		}
		if i < len(vs) {
			r.Value = strings.TrimSpace(vs[i])
		}
		if r.Label != "" || r.Value != "" {
			f.Rows = append(f.Rows, r)
		}
	}
	c, err := builderChart(f, lang)
	for len(f.Rows) < 3 || (len(f.Rows) < builderMaxRows && len(f.Rows) < n+2) {
		f.Rows = append(f.Rows, builderRow{N: len(f.Rows) + 1})
	}
	if err != nil {
		f.Err = err.Error()
	}
	return f, c, err
}

// builderChart checks the form and makes its chart.
func builderChart(f builderForm, lang string) (analytics.Chart, error) {
	bad := func(format string, a ...any) (analytics.Chart, error) {
		return analytics.Chart{}, fmt.Errorf("%w: %s", errBadRequest, fmt.Sprintf(format, a...))
	}
	switch f.Type {
	case analytics.KindBar, analytics.KindLine, analytics.KindPie:
	default:
		return bad(words[lang]["builder_err_type"], f.Type)
	}
	if f.Unit != analytics.UnitCount && f.Unit != analytics.UnitPercent {
		return bad(words[lang]["builder_err_unit"], f.Unit)
	}
	if utf8.RuneCountInString(f.Title) > builderMaxTitle {
		return bad(words[lang]["builder_err_title"], builderMaxTitle)
	}
	if len(f.Rows) > builderMaxRows {
		return bad(words[lang]["builder_err_rows"], builderMaxRows)
	}
	c := analytics.Chart{
		ID: builderChartID, Kind: f.Type,
		XLabel: analytics.Text{AZ: words[corpus.LangAZ]["builder_label"], EN: words[corpus.LangEN]["builder_label"]},
		Title:  analytics.Text{AZ: f.Title, EN: f.Title},
		YLabel: analytics.Text{AZ: words[corpus.LangAZ]["builder_value"], EN: words[corpus.LangEN]["builder_value"]},
		Series: []analytics.Series{{Name: analytics.Text{AZ: words[corpus.LangAZ]["builder_value"], EN: words[corpus.LangEN]["builder_value"]}, Unit: f.Unit}},
	}
	if c.Title.AZ == "" {
		c.Title = analytics.Text{AZ: words[corpus.LangAZ]["builder_untitled"], EN: words[corpus.LangEN]["builder_untitled"]}
	}
	for _, r := range f.Rows {
		v, err := strconv.ParseFloat(strings.ReplaceAll(r.Value, ",", "."), 64)
		switch {
		case r.Label == "" || r.Value == "":
			return bad(words[lang]["builder_err_pair"], r.N)
		case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
			return bad(words[lang]["builder_err_value"], r.N, r.Value)
		case utf8.RuneCountInString(r.Label) > builderMaxLabel:
			return bad(words[lang]["builder_err_label"], r.N, builderMaxLabel)
		}
		c.Categories = append(c.Categories, analytics.Text{AZ: r.Label, EN: r.Label})
		c.Series[0].Values = append(c.Series[0].Values, v)
	}
	if len(c.Categories) < 2 {
		return bad("%s", words[lang]["builder_err_few"])
	}
	for _, id := range f.Sources {
		if strings.Contains(id, "/") && len(c.Sources) < builderMaxRows {
			c.Sources = append(c.Sources, analytics.Source{Measure: id})
		}
	}
	return c, nil
}

// builderURL returns the builder's URL for a chart of the labels and values.
func builderURL(kind, title, unit string, labels []string, values []float64, sources []string, lang string) string {
	v := url.Values{"type": {kind}, "title": {title}, "unit": {unit}, "lang": {lang}}
	for i, l := range labels {
		v.Add("l", l)
		v.Add("v", strconv.FormatFloat(values[i], 'f', -1, 64))
	}
	v["src"] = sources
	return "/charts/" + builderChartID + "?" + v.Encode()
}

// measureBuilderURL charts a measure's figures in the builder: the figures
// of the unit it states most often (counts or percentages), each labelled by
// what it counts, when there are two or more; else "".
func measureBuilderURL(m *corpus.Measure, lang string) string {
	byUnit := map[string][]corpus.Figure{}
	for _, f := range m.Figures {
		if f.Unit == analytics.UnitCount || f.Unit == analytics.UnitPercent {
			byUnit[f.Unit] = append(byUnit[f.Unit], f)
		}
	}
	unit := analytics.UnitCount
	if len(byUnit[analytics.UnitPercent]) > len(byUnit[unit]) {
		unit = analytics.UnitPercent
	}
	figs := byUnit[unit]
	if len(figs) < 2 {
		return ""
	}
	var labels []string
	var values []float64
	for i, f := range figs {
		if i == builderMaxRows {
			break
		}
		label := strings.TrimSpace(f.Text)
		if f.Counts != "" {
			label += " " + f.Counts
		}
		labels = append(labels, label)
		values = append(values, f.Value)
	}
	return builderURL(analytics.KindBar, m.Number+" "+m.Title, unit, labels, values, []string{m.ID()}, lang)
}
