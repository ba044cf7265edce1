package chart_test

import (
	"fmt"
	"strings"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/search"
	"github.com/hesabat/hesabat/web/chart"
)

func exampleChart() analytics.Chart {
	return analytics.Chart{
		ID:         "e-court",
		Title:      analytics.Text{AZ: "Elektron məhkəmə", EN: "E-court"},
		Kind:       analytics.KindBar,
		Categories: []analytics.Text{{AZ: "sistemə qoşulan", EN: "connected"}, {AZ: "qoşulmayan", EN: "not connected"}},
		Series:     []analytics.Series{{Name: analytics.Text{AZ: "məhkəmə", EN: "courts"}, Values: []float64{3, 2}, Unit: "count"}},
	}
}

func ExampleFragment() {
	frag, err := chart.Fragment(exampleChart(), "en", chart.Options{ElementID: "court-chart", Nonce: "r4nd0m"})
	if err != nil {
		fmt.Println(err)
		return
	}
	first, _, _ := strings.Cut(string(frag), "\n")
	fmt.Println(first)
	fmt.Println(strings.Contains(string(frag), `<script nonce="r4nd0m">`))
	// Output:
	// <div id="court-chart" class="hesabat-chart" data-chart="e-court" data-renderer="canvas" role="img" aria-label="E-court" aria-describedby="court-chart-desc"></div>
	// true
}

func ExampleEmbedPage() {
	page, err := chart.EmbedPage(exampleChart(), "az", chart.Options{AssetPrefix: "/static"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Contains(string(page), `<script src="/static/vendor/echarts.min.js"></script>`))
	fmt.Println(strings.Contains(string(page), `<a href="/charts/e-court" target="_blank" rel="noopener">Hesabat</a>`))
	// Output:
	// true
	// true
}

func ExampleOption() {
	c := exampleChart()
	c.Title.EN = "</script>"
	opt, err := chart.Option(c, "en", chart.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Contains(string(opt), `"text":"\u003c/script\u003e"`))
	// Output:
	// true
}

func ExampleFromFacets() {
	facet := []search.FacetValue{
		{Value: "completed", Label: "Completed", Count: 12},
		{Value: "in_progress", Label: "In progress", Count: 30},
	}
	c := chart.FromFacets("search-status", analytics.Text{AZ: "Status", EN: "Status"}, facet)
	fmt.Println(c.Kind, c.Categories[1].EN, c.Series[0].Values)
	// Output:
	// bar In progress [12 30]
}

func ExampleMeasurePath() {
	p, ok := chart.MeasurePath("ogp-nap-2021-report/9.1", "en")
	fmt.Println(p, ok)
	fmt.Println(chart.ChartPath("hotline-appeals", "az"))
	// Output:
	// /measures/ogp-nap-2021-report/9.1?lang=en true
	// /charts/hotline-appeals
}
