package chart

import (
	"unicode/utf8"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/search"
)

// facetBarsMax is the number of facet values a vertical bar chart shows
// before FromFacets turns the bars sideways.
const facetBarsMax = 6

// FromFacets returns a chart of one facet's counts from a search result
// (e.g. search.Result.Facets.Agency): one category per facet value, labelled
// with its Label (already in the search's language, so both languages carry
// it), and one series of measure counts. Few short labels give a bar chart,
// many or long ones a horizontal bar chart. id names the chart (element ids,
// file names); it is not a standard chart's ID.
func FromFacets(id string, title analytics.Text, facet []search.FacetValue) analytics.Chart {
	c := analytics.Chart{
		ID:     id,
		Title:  title,
		Kind:   analytics.KindBar,
		XLabel: title,
		YLabel: analytics.Text{AZ: "Tədbirlər", EN: "Measures"},
	}
	values := make([]float64, 0, len(facet))
	long := false
	for _, f := range facet {
		label := f.Label
		if label == "" {
			label = f.Value
		}
		if utf8.RuneCountInString(label) > 16 {
			long = true
		}
		c.Categories = append(c.Categories, analytics.Text{AZ: label, EN: label})
		values = append(values, float64(f.Count))
	}
	if long || len(facet) > facetBarsMax {
		c.Kind = analytics.KindHorizontalBar
	}
	c.Series = []analytics.Series{{
		Name:   analytics.Text{AZ: "Tədbirlər", EN: "Measures"},
		Values: values,
		Unit:   "measures",
	}}
	return c
}
