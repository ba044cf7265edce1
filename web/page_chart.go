package web

import (
	"context"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/search"
	"github.com/hesabat/hesabat/web/chart"
)

// searchChartID is the chart of a search's facet counts; its URL carries the
// search's parameters (and facet=section|agency|year|status|report).
const searchChartID = "search"

// sourceView is one source sentence of a chart.
type sourceView struct {
	analytics.Source
	URL    string
	Number string
}

// chartView is a chart as the dashboard and the chart page show it.
type chartView struct {
	ID string
	// ElementID is the id of the chart's container.
	ElementID string
	Title     string
	Subtitle  string
	Fragment  template.HTML
	// Embed is the <iframe> snippet that shows the chart on another site,
	// EmbedHeight its height in pixels (at embedDefaultWidth; the page's
	// script recomputes it for the size picked).
	Embed       string
	EmbedHeight int
	PageURL     string
	// ShareURL is PageURL with the site's address, to share.
	ShareURL string
	EmbedURL string
	CSVURL   string
	JSONURL  string
	Table    chart.Table
	Sources  []sourceView
}

// dashboardPage is the data of /dashboard.
type dashboardPage struct {
	Charts []chartView
}

// chartPage is the data of /charts/:id.
type chartPage struct {
	Chart chartView
	// Facets, for the search chart, link to the same search charted by
	// each facet; SearchURL goes back to the search.
	Facets    []facetLink
	SearchURL string
	// BuilderURL opens the chart in the chart builder (one-series charts).
	BuilderURL string
	// Builder is the chart builder's form (the builder's page only); HasChart
	// is false while the form describes no chart yet.
	Builder  *builderForm
	HasChart bool
}

// facetLink links to the search chart of one facet.
type facetLink struct {
	Label   string
	URL     string
	Current bool
}

// baseURL returns the site's public URL, Config.BaseURL without its
// trailing slash, or "" when none is configured: links are then relative.
// It is never built from the request's Host header, which a client chooses
// (issue 16 finding 7: "Host: evil.example" went into embed snippets).
func (s *Server) baseURL(*gin.Context) string {
	return strings.TrimRight(s.cfg.BaseURL, "/")
}

// chartQuery is the query string a chart's URLs carry: the language, and
// for the search chart the search's parameters.
func chartQuery(id string, params url.Values, lang string) string {
	v := url.Values{}
	switch id {
	case searchChartID:
		for k, vs := range params {
			switch k {
			case "q", "section", "agency", "year", "status", "report", "facet":
				v[k] = vs
			}
		}
	case builderChartID:
		for _, k := range builderParams {
			if vs, ok := params[k]; ok {
				v[k] = vs
			}
		}
	}
	v.Set("lang", lang)
	return "?" + v.Encode()
}

// newChartView prepares ch for a page. params are the request's query
// parameters, which the search chart's links keep.
func (s *Server) newChartView(c *gin.Context, ch analytics.Chart, lang string, params url.Values, elementID string) (chartView, error) {
	if elementID == "" {
		elementID = "chart-" + chart.Slug(ch.ID)
	}
	// Many categories are drawn as the largest and "Other"; the CSV has all.
	ch = ch.Top(DefaultChartTop)
	// The page shows the title as a heading; downloads still carry it.
	frag, err := chart.Fragment(ch, lang, chart.Options{Nonce: nonce(c), ElementID: elementID, HideTitle: true})
	if err != nil {
		return chartView{}, err
	}
	id := url.PathEscape(ch.ID)
	q := chartQuery(ch.ID, params, lang)
	v := chartView{
		ID:        ch.ID,
		ElementID: elementID,
		Title:     pick(ch.Title, lang),
		Subtitle:  pick(ch.Subtitle, lang),
		Fragment:  frag,
		PageURL:   "/charts/" + id + q,
		ShareURL:  s.baseURL(c) + "/charts/" + id + q,
		EmbedURL:  s.baseURL(c) + "/embed/charts/" + id + q,
		CSVURL:    "/api/charts/" + id + ".csv" + q,
		JSONURL:   "/api/charts/" + id + q,
		Table:     chart.DataTable(ch, lang),
	}
	v.EmbedHeight = chart.EmbedHeight(ch, lang, embedDefaultWidth)
	v.Embed = embedCode(v.EmbedURL, v.Title, "100%", v.EmbedHeight)
	for _, src := range ch.Sources {
		sv := sourceView{Source: src, URL: measureIDURL(src.Measure)}
		if _, n, ok := strings.Cut(src.Measure, "/"); ok {
			sv.Number = n
		}
		v.Sources = append(v.Sources, sv)
	}
	return v, nil
}

// chartByID returns the chart id: a standard chart, or the facet chart of
// the search in params.
func (s *Server) chartByID(ctx context.Context, id string, params url.Values, lang string) (analytics.Chart, error) {
	switch id {
	case searchChartID:
		return s.searchChart(ctx, params, lang)
	case builderChartID:
		_, ch, err := parseBuilder(params, lang)
		return ch, err
	}
	return s.standardChart(ctx, id)
}

// searchFacets are the facets a search chart can show.
var searchFacets = []string{"status", "section", "agency", "year", "report"}

// searchChart returns the chart of one facet's counts for the search in
// params; facet= picks the facet (status by default).
func (s *Server) searchChart(ctx context.Context, params url.Values, lang string) (analytics.Chart, error) {
	facet := params.Get("facet")
	if facet == "" {
		facet = "status"
	}
	known := false
	for _, f := range searchFacets {
		known = known || f == facet
	}
	if !known || len(params["facet"]) > 1 {
		return analytics.Chart{}, fmt.Errorf("%w: facet: %q is not one of %s", errBadRequest, facet, strings.Join(searchFacets, ", "))
	}
	v := url.Values{}
	for k, vs := range params {
		switch k {
		case "q", "section", "agency", "year", "status", "report":
			v[k] = vs
		}
	}
	v.Set("lang", lang)
	v.Set("size", "1")
	req, err := search.ParseRequest(v)
	if err != nil {
		return analytics.Chart{}, err
	}
	res, err := s.search(ctx, req)
	if err != nil {
		return analytics.Chart{}, err
	}
	return facetChart(res, facet, req.Query)
}

// dashboardPage answers /dashboard: every standard chart with its embed
// snippet and downloads.
func (s *Server) dashboardPage(c *gin.Context) {
	lang := chooseLang(c)
	charts, err := s.standardCharts(c.Request.Context())
	if err != nil {
		// A report may lack the sentences some charts need; show the others.
		s.log.WarnContext(c.Request.Context(), "some charts could not be built", "err", err)
	}
	p := dashboardPage{}
	for _, ch := range charts {
		v, err := s.newChartView(c, ch, lang, nil, "")
		if err != nil {
			s.fail(c, err)
			return
		}
		p.Charts = append(p.Charts, v)
	}
	b := s.newBase(c, lang, words[lang]["dashboard_title"], "dashboard")
	b.Charts = true
	s.render(c, http.StatusOK, "dashboard", view{base: b, Page: p})
}

// chartPage answers /charts/:id: one chart with its data, sources, embed
// snippet and downloads.
func (s *Server) chartPage(c *gin.Context) {
	lang := chooseLang(c)
	params := c.Request.URL.Query()
	if c.Param("id") == builderChartID {
		s.builderPage(c, params, lang)
		return
	}
	ch, err := s.chartByID(c.Request.Context(), c.Param("id"), params, lang)
	if err != nil {
		s.fail(c, err)
		return
	}
	v, err := s.newChartView(c, ch, lang, params, "")
	if err != nil {
		s.fail(c, err)
		return
	}
	p := chartPage{Chart: v, BuilderURL: chartBuilderURL(ch, lang)}
	if ch.ID == searchChartID {
		cur := params.Get("facet")
		if cur == "" {
			cur = "status"
		}
		for _, f := range searchFacets {
			q := cloneValues(params)
			q.Set("facet", f)
			q.Set("lang", lang)
			p.Facets = append(p.Facets, facetLink{Label: words[lang]["facet_"+f], URL: "/charts/search?" + q.Encode(), Current: f == cur})
		}
		q := cloneValues(params)
		q.Del("facet")
		q.Set("lang", lang)
		p.SearchURL = "/?" + q.Encode()
	}
	b := s.newBase(c, lang, v.Title, "dashboard")
	b.Charts = true
	s.render(c, http.StatusOK, "chart", view{base: b, Page: p})
}

// embedChart answers /embed/charts/:id: the chart alone, for an <iframe>
// on any site.
func (s *Server) embedChart(c *gin.Context) {
	lang := chooseLang(c)
	ch, err := s.chartByID(c.Request.Context(), c.Param("id"), c.Request.URL.Query(), lang)
	if err != nil {
		s.fail(c, err)
		return
	}
	page, err := chart.EmbedPage(ch.Top(DefaultChartTop), lang, chart.Options{Nonce: nonce(c), AssetPrefix: s.assetPrefix(), BaseURL: s.baseURL(c)})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-cache")
	c.Header("Vary", "Cookie")
	c.Data(http.StatusOK, "text/html; charset=utf-8", page)
}

// embedDefaultWidth is the width (px) the default embed code is sized for.
const embedDefaultWidth = 640

// embedCode returns the <iframe> snippet that embeds a chart: width is a CSS
// length ("100%", "640"), height in pixels.
func embedCode(src, title, width string, height int) string {
	return fmt.Sprintf(`<iframe src="%s" title="%s" width="%s" height="%d" style="border:0;max-width:100%%" loading="lazy"></iframe>`,
		html.EscapeString(src), html.EscapeString(title), html.EscapeString(width), height)
}

// builderPage answers /charts/build: the chart builder's form, and the chart
// its URL describes with everything a chart page has (data, embed code,
// downloads). Without a chart yet (or with a mistake in the form) it shows
// the form and what to fix.
func (s *Server) builderPage(c *gin.Context, params url.Values, lang string) {
	form, ch, err := parseBuilder(params, lang)
	p := chartPage{Builder: &form}
	status := http.StatusOK
	if err == nil {
		v, err := s.newChartView(c, ch, lang, params, "")
		if err != nil {
			s.fail(c, err)
			return
		}
		p.Chart, p.HasChart = v, true
	} else if len(params["l"])+len(params["v"]) > 0 {
		status = http.StatusBadRequest
	} else {
		form.Err = "" // an empty form is no mistake
		p.Builder = &form
	}
	b := s.newBase(c, lang, words[lang]["builder_title"], "dashboard")
	b.Charts = p.HasChart
	s.render(c, status, "chart", view{base: b, Page: p})
}

// chartBuilderURL opens a one-series chart in the chart builder, to change
// its values, labels or type; "" for other charts.
func chartBuilderURL(ch analytics.Chart, lang string) string {
	if len(ch.Series) != 1 || ch.ID == builderChartID {
		return ""
	}
	labels := make([]string, len(ch.Categories))
	for i, t := range ch.Categories {
		labels[i] = pick(t, lang)
	}
	kind := ch.Kind
	if kind != analytics.KindPie && kind != analytics.KindLine {
		kind = analytics.KindBar
	}
	unit := ch.Series[0].Unit
	if unit != analytics.UnitPercent {
		unit = analytics.UnitCount
	}
	var sources []string
	seen := map[string]bool{}
	for _, src := range ch.Sources {
		if !seen[src.Measure] && len(sources) < builderMaxRows {
			seen[src.Measure] = true
			sources = append(sources, src.Measure)
		}
	}
	if len(labels) > builderMaxRows {
		return ""
	}
	return builderURL(kind, pick(ch.Title, lang), unit, labels, ch.Series[0].Values, sources, lang)
}
