package web

import (
	"fmt"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/search"
	"github.com/hesabat/hesabat/web/chart"
)

// facetTitles name each facet in both languages, for facet charts.
var facetTitles = map[string]analytics.Text{
	"section": {AZ: "Bölmə", EN: "Section"},
	"agency":  {AZ: "Qurum", EN: "Agency"},
	"year":    {AZ: "İl", EN: "Year"},
	"status":  {AZ: "İcra vəziyyəti", EN: "Status"},
	"report":  {AZ: "Hesabat", EN: "Report"},
}

// facetChart returns the counts of one facet of res as a chart (see
// chart.FromFacets), titled with the facet and the query.
func facetChart(res *search.Result, facet, query string) (analytics.Chart, error) {
	var values []search.FacetValue
	switch facet {
	case "section":
		values = res.Facets.Section
	case "agency":
		values = res.Facets.Agency
	case "year":
		values = res.Facets.Year
	case "status":
		values = res.Facets.Status
	case "report":
		values = res.Facets.Report
	default:
		return analytics.Chart{}, fmt.Errorf("%w: facet %q", errBadRequest, facet)
	}
	if len(values) == 0 {
		return analytics.Chart{}, fmt.Errorf("web: the search has no %s values to chart: %w", facet, errNotFound)
	}
	name := facetTitles[facet]
	ch := chart.FromFacets(searchChartID, analytics.Text{AZ: "Axtarış: tədbirlər — " + name.AZ, EN: "Search: measures by " + name.EN}, values)
	ch.XLabel = name
	if query != "" {
		ch.Subtitle = analytics.Text{AZ: "Sorğu: " + query, EN: "Query: " + query}
	}
	return ch, nil
}
