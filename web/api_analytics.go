package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

// Paging of the analytics API (/api/agencies, /api/figures, /api/charts):
// every answer is one page, a JSON array as before; when there is more, the
// Link header names the next page (rel="next", RFC 8288) and X-Next-URL
// repeats it; X-Total-Count gives the number of items when it is known
// without reading reports. The defaults keep every answer well under 2 MB
// at a thousand reports (BENCHMARKS.md).
const (
	// DefaultAgencyPage and MaxAgencyPage bound /api/agencies?limit=.
	DefaultAgencyPage, MaxAgencyPage = 50, 500
	// DefaultAgencyMeasures and MaxAgencyMeasures bound how many measure
	// IDs each agency of /api/agencies lists (?measures=); Total counts all.
	DefaultAgencyMeasures, MaxAgencyMeasures = 20, 1000
	// DefaultFigurePage and MaxFigurePage bound /api/figures?limit=.
	DefaultFigurePage, MaxFigurePage = 100, 1000
	// maxFigureReports is how many reports one /api/figures page reads at
	// most; a sparse filter then answers a short (even empty) page with a
	// next link rather than reading on.
	maxFigureReports = 16
	// DefaultChartPage and MaxChartPage bound /api/charts?limit=.
	DefaultChartPage, MaxChartPage = 10, 50
	// DefaultChartTop is how many categories a chart shows before the
	// smallest are summed into "Other" (?top=; 0 shows all); its CSV has
	// them all.
	DefaultChartTop = 30
	// DefaultChartSources is how many sources each chart of /api/charts
	// carries (?sources=, at most analytics.MaxChartSources).
	DefaultChartSources = 20
)

// intParam reads the integer query parameter name of c, def when absent,
// and checks it lies in [lo, hi].
func intParam(c *gin.Context, name string, def, lo, hi int) (int, error) {
	vs := c.QueryArray(name)
	switch {
	case len(vs) == 0 || (len(vs) == 1 && vs[0] == ""):
		return def, nil
	case len(vs) > 1:
		return 0, fmt.Errorf("%w: %s: given %d times, want at most once", errBadRequest, name, len(vs))
	}
	n, err := strconv.Atoi(vs[0])
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%w: %s: %q is not a number from %d to %d", errBadRequest, name, vs[0], lo, hi)
	}
	return n, nil
}

// setNext announces the next page: the request's URL with the query
// parameters of next changed.
func setNext(c *gin.Context, next url.Values) {
	q := cloneValues(c.Request.URL.Query())
	for k, vs := range next {
		q[k] = vs
	}
	u := c.Request.URL.Path + "?" + q.Encode()
	c.Header("Link", "<"+u+`>; rel="next"`)
	c.Header("X-Next-URL", u)
}

// set returns the non-empty values of query parameter name as a set, nil
// when there are none.
func set(c *gin.Context, name string) map[string]bool {
	var out map[string]bool
	for _, v := range c.QueryArray(name) {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				if out == nil {
					out = map[string]bool{}
				}
				out[p] = true
			}
		}
	}
	return out
}

// agencyJSON is an agency summary as /api/agencies lists it: at most
// ?measures= measure IDs, with the URLs of its page and of the search for
// all its measures.
type agencyJSON struct {
	analytics.AgencySummary
	URL         string `json:"url"`
	MeasuresURL string `json:"measures_url"`
}

// apiAgencies answers GET /api/agencies: a page of the agencies (most
// measures first) with their counts by status. Filters: agency= (IDs),
// report= (counts over those reports only, read for the request), role=
// (responsible by default, recipient, mentioned, any: which measures count).
func (s *Server) apiAgencies(c *gin.Context) {
	limit, err := intParam(c, "limit", DefaultAgencyPage, 1, MaxAgencyPage)
	if err != nil {
		s.fail(c, err)
		return
	}
	offset, err := intParam(c, "offset", 0, 0, 1<<30)
	if err != nil {
		s.fail(c, err)
		return
	}
	nMeasures, err := intParam(c, "measures", DefaultAgencyMeasures, 0, MaxAgencyMeasures)
	if err != nil {
		s.fail(c, err)
		return
	}
	role, err := roleParam(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	sums, err := s.filteredAgencies(c, role, set(c, "report"))
	if err != nil {
		s.fail(c, err)
		return
	}
	if ids := set(c, "agency"); ids != nil {
		sums = slices.DeleteFunc(slices.Clone(sums), func(a analytics.AgencySummary) bool { return !ids[a.Agency.ID] })
	}
	c.Header("X-Total-Count", strconv.Itoa(len(sums)))
	page := sums[min(offset, len(sums)):min(offset+limit, len(sums))]
	out := make([]agencyJSON, 0, len(page))
	for _, a := range page {
		a.Measures = a.Measures[:min(nMeasures, len(a.Measures))]
		out = append(out, agencyJSON{AgencySummary: a, URL: "/agencies/" + url.PathEscape(a.Agency.ID),
			MeasuresURL: "/api/search?" + url.Values{"agency": {a.Agency.ID}}.Encode()})
	}
	if offset+limit < len(sums) {
		setNext(c, url.Values{"offset": {strconv.Itoa(offset + limit)}})
	}
	c.JSON(http.StatusOK, out)
}

// maxAgencyReports is how many reports /api/agencies?report= may name.
const maxAgencyReports = 20

// filteredAgencies returns the agency summaries counting bodies in role
// over the reports named in reports (read for the request), or over all
// reports when it is empty.
func (s *Server) filteredAgencies(c *gin.Context, role string, reports map[string]bool) ([]analytics.AgencySummary, error) {
	if len(reports) == 0 {
		return s.agencySummariesIn(c.Request.Context(), role)
	}
	if len(reports) > maxAgencyReports {
		return nil, fmt.Errorf("%w: report: %d reports, at most %d", errBadRequest, len(reports), maxAgencyReports)
	}
	ids := make([]string, 0, len(reports))
	for id := range reports {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var rs []*corpus.Report
	for _, id := range ids {
		r, err := s.cfg.Searcher.Report(c.Request.Context(), id)
		if err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return analytics.AgenciesWithRoles(rs, roleOf(role)...), nil
}

// figureJSON is a figure with the URLs of its measure.
type figureJSON struct {
	corpus.Figure
	URL    string `json:"url"`
	APIURL string `json:"api_url"`
}

// figureFilter is what /api/figures keeps: nil sets keep everything.
type figureFilter struct {
	report, measure, agency, unit map[string]bool
}

// mayHold says whether a report described by rf may hold figures the filter keeps.
func (f figureFilter) mayHold(rf analytics.ReportFigures) bool {
	if rf.Figures == 0 || (f.report != nil && !f.report[rf.ID]) {
		return false
	}
	return (f.unit == nil || anyIn(f.unit, rf.Units)) && (f.agency == nil || anyIn(f.agency, rf.Agencies))
}

// keepsMeasure says whether the filter keeps figures of m (ignoring units).
func (f figureFilter) keepsMeasure(m *corpus.Measure) bool {
	if f.measure != nil && !f.measure[m.ID()] {
		return false
	}
	if f.agency == nil {
		return true
	}
	for _, a := range m.Agencies {
		if f.agency[a.ID] {
			return true
		}
	}
	return false
}

func anyIn(set map[string]bool, vs []string) bool {
	for _, v := range vs {
		if set[v] {
			return true
		}
	}
	return false
}

// apiFigures answers GET /api/figures: a page of the figures the reports
// state, in report and measure order, each linked to its measure. Filters:
// report=, measure= (IDs "<report>/<number>"), agency= (IDs: figures of
// the measures naming it), unit=. ?cursor= (from the next link) continues
// where the last page ended; a page reads only the reports it needs, which
// the analytics stored with the index name.
func (s *Server) apiFigures(c *gin.Context) {
	limit, err := intParam(c, "limit", DefaultFigurePage, 1, MaxFigurePage)
	if err != nil {
		s.fail(c, err)
		return
	}
	ri, fi, err := figureCursor(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	f := figureFilter{report: set(c, "report"), measure: set(c, "measure"), agency: set(c, "agency"), unit: set(c, "unit")}
	if f.report == nil && f.measure != nil {
		f.report = map[string]bool{}
		for id := range f.measure {
			if i := strings.LastIndexByte(id, '/'); i > 0 {
				f.report[id[:i]] = true
			}
		}
	}
	p, err := s.precomputed(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	if f.measure == nil && f.agency == nil && f.unit == nil {
		total := 0
		for _, rf := range p.Reports {
			if f.report == nil || f.report[rf.ID] {
				total += rf.Figures
			}
		}
		c.Header("X-Total-Count", strconv.Itoa(total))
	}
	out, ri, fi, err := s.figurePage(c.Request.Context(), p.Reports, f, ri, fi, limit)
	if err != nil {
		s.fail(c, err)
		return
	}
	if ri < len(p.Reports) {
		setNext(c, url.Values{"cursor": {strconv.Itoa(ri) + "." + strconv.Itoa(fi)}})
	}
	c.Header("Cache-Control", "no-cache")
	c.JSON(http.StatusOK, out)
}

// figureCursor reads ?cursor=R.F: figure F of report R (both from 0).
func figureCursor(c *gin.Context) (int, int, error) {
	v := c.Query("cursor")
	if v == "" {
		return 0, 0, nil
	}
	a, b, ok := strings.Cut(v, ".")
	ri, err1 := strconv.Atoi(a)
	fi, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || ri < 0 || fi < 0 {
		return 0, 0, fmt.Errorf("%w: cursor: %q is not a cursor from a next link", errBadRequest, v)
	}
	return ri, fi, nil
}

// figurePage collects up to limit figures that f keeps, starting at figure
// fi of report ri; it returns them and where the next page starts
// (ri = len(reports) when nothing is left).
func (s *Server) figurePage(ctx context.Context, reports []analytics.ReportFigures, f figureFilter, ri, fi, limit int) ([]figureJSON, int, int, error) {
	out := []figureJSON{}
	read := 0
	for ; ri < len(reports); ri, fi = ri+1, 0 {
		if !f.mayHold(reports[ri]) {
			continue
		}
		if read == maxFigureReports || len(out) == limit {
			return out, ri, fi, nil
		}
		read++
		r, err := s.cfg.Searcher.Report(ctx, reports[ri].ID)
		if err != nil {
			return nil, 0, 0, err
		}
		k := 0 // the figure's place among the report's figures
		for i := range r.Measures {
			m := &r.Measures[i]
			keep := f.keepsMeasure(m)
			for _, fig := range m.Figures {
				k++
				if k-1 < fi || !keep || (f.unit != nil && !f.unit[fig.Unit]) {
					continue
				}
				if len(out) == limit {
					return out, ri, k - 1, nil
				}
				u := measureIDURL(fig.Measure)
				fj := figureJSON{Figure: fig, URL: u}
				if u != "" {
					fj.APIURL = "/api" + u
				}
				out = append(out, fj)
			}
		}
	}
	return out, ri, 0, nil
}

// apiCharts answers GET /api/charts: a page of the standard charts' data
// (?id= picks charts), each with at most ?top= categories (the rest summed
// as "Other"; its CSV link has all) and ?sources= of its sources.
func (s *Server) apiCharts(c *gin.Context) {
	limit, err := intParam(c, "limit", DefaultChartPage, 1, MaxChartPage)
	if err != nil {
		s.fail(c, err)
		return
	}
	offset, err := intParam(c, "offset", 0, 0, 1<<30)
	if err != nil {
		s.fail(c, err)
		return
	}
	top, err := intParam(c, "top", DefaultChartTop, 0, 1<<20)
	if err != nil {
		s.fail(c, err)
		return
	}
	nSources, err := intParam(c, "sources", DefaultChartSources, 0, analytics.MaxChartSources)
	if err != nil {
		s.fail(c, err)
		return
	}
	charts, err := s.standardCharts(c.Request.Context())
	if err != nil {
		s.log.WarnContext(c.Request.Context(), "some charts could not be built", "err", err)
	}
	if ids := set(c, "id"); ids != nil {
		charts = slices.DeleteFunc(charts, func(ch analytics.Chart) bool { return !ids[ch.ID] })
	}
	c.Header("X-Total-Count", strconv.Itoa(len(charts)))
	page := charts[min(offset, len(charts)):min(offset+limit, len(charts))]
	out := make([]chartJSON, 0, len(page))
	for _, ch := range page {
		ch = ch.Top(top)
		if len(ch.Sources) > nSources {
			if ch.SourcesTotal == 0 {
				ch.SourcesTotal = len(ch.Sources)
			}
			ch.Sources = ch.Sources[:nSources]
		}
		out = append(out, s.chartJSON(c, ch, ""))
	}
	if offset+limit < len(charts) {
		setNext(c, url.Values{"offset": {strconv.Itoa(offset + limit)}})
	}
	c.JSON(http.StatusOK, out)
}
