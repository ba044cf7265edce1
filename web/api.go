package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/search"
	"github.com/hesabat/hesabat/web/chart"
)

// DefaultSuggestions is the number of suggestions /api/suggest returns when
// n is not given.
const DefaultSuggestions = 8

// apiLang returns the language an API request asks for with ?lang=: "az"
// (the default) or "en".
func apiLang(c *gin.Context) (string, error) {
	vs := c.QueryArray("lang")
	switch {
	case len(vs) == 0:
		return corpus.LangAZ, nil
	case len(vs) > 1:
		return "", fmt.Errorf("%w: lang: given %d times, want at most once", errBadRequest, len(vs))
	case vs[0] == corpus.LangAZ || vs[0] == corpus.LangEN:
		return vs[0], nil
	case vs[0] == "":
		return corpus.LangAZ, nil
	default:
		return "", fmt.Errorf("%w: lang: %q is not az or en", errBadRequest, vs[0])
	}
}

// apiSearch answers GET /api/search with the search.Result JSON, or CSV
// with format=csv.
func (s *Server) apiSearch(c *gin.Context) {
	switch f := query(c)["format"]; {
	case len(f) == 0 || (len(f) == 1 && (f[0] == "json" || f[0] == "")):
	case len(f) == 1 && f[0] == "csv":
		s.apiSearchCSV(c)
		return
	default:
		s.fail(c, fmt.Errorf("%w: format: want json or csv", errBadRequest))
		return
	}
	res, _, err := s.runSearch(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-cache")
	s.writeSearchJSON(c, res)
}

// writeSearchJSON sends res as the JSON answer, marshalled whole and
// sent with its Content-Length (gin's c.JSON answers chunked when it is
// large). encoding/json replaced a hand-written encoder: over HTTP the
// hand-written one saved under 5 % of a request's CPU (BENCHMARKS.md,
// issue 18's bar was 10 %).
func (s *Server) writeSearchJSON(c *gin.Context, res *search.Result) {
	b, err := json.Marshal(res)
	if err != nil {
		s.fail(c, fmt.Errorf("web: encode search result: %w", err))
		return
	}
	c.Header("Content-Length", strconv.Itoa(len(b)))
	c.Data(http.StatusOK, "application/json; charset=utf-8", b)
}

// runSearch parses and runs the search in c's query parameters.
func (s *Server) runSearch(c *gin.Context) (*search.Result, search.Request, error) {
	req, err := search.ParseRequest(query(c))
	if err != nil {
		return nil, req, err
	}
	res, err := s.search(c.Request.Context(), req)
	return res, req, err
}

// apiSearchCSV answers GET /api/search.csv: the hits of a search as CSV.
func (s *Server) apiSearchCSV(c *gin.Context) {
	res, req, err := s.runSearch(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"id", "report", "number", "section", "title", "period", "years", "status", "agencies", "score", "url"})
	for _, h := range res.Hits {
		years := make([]string, len(h.Years))
		for i, y := range h.Years {
			years[i] = strconv.Itoa(y)
		}
		agencies := make([]string, len(h.Agencies))
		for i, a := range h.Agencies {
			agencies[i] = a.Name
		}
		_ = w.Write([]string{
			corpus.CSVCell(h.ID), corpus.CSVCell(h.Report), corpus.CSVCell(h.Number), strconv.Itoa(h.Section),
			corpus.CSVCell(h.Title), corpus.CSVCell(h.Period), strings.Join(years, " "),
			corpus.CSVCell(statusLabel(corpus.Status(h.Status), req.Lang)), corpus.CSVCell(strings.Join(agencies, "; ")),
			strconv.FormatFloat(h.Score, 'f', 4, 64), s.baseURL(c) + measureURL(h.Report, h.Number),
		})
	}
	w.Flush() // a bytes.Buffer does not fail
	c.Header("Content-Disposition", `attachment; filename="hesabat-search.csv"`)
	c.Header("Cache-Control", "no-cache")
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// apiSuggest answers GET /api/suggest?q=…&n=…: completions of what was typed.
func (s *Server) apiSuggest(c *gin.Context) {
	q := c.QueryArray("q")
	if len(q) > 1 {
		s.fail(c, fmt.Errorf("%w: q: given %d times, want at most once", errBadRequest, len(q)))
		return
	}
	n := DefaultSuggestions
	if ns := c.QueryArray("n"); len(ns) > 0 {
		v, err := strconv.Atoi(ns[0])
		if err != nil || len(ns) > 1 {
			s.fail(c, fmt.Errorf("%w: n: %q is not a number", errBadRequest, ns[0]))
			return
		}
		n = v
	}
	prefix := ""
	if len(q) == 1 {
		prefix = q[0]
	}
	sug, err := s.suggest(c.Request.Context(), prefix, n)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age=60")
	c.JSON(http.StatusOK, sug)
}

// apiMeasure answers GET /api/measures/:report/:number with the whole measure.
func (s *Server) apiMeasure(c *gin.Context) {
	m, err := s.cfg.Searcher.Measure(c.Request.Context(), c.Param("report"), c.Param("number"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, m)
}

// chartLinks are the URLs of a chart.
type chartLinks struct {
	Page  string `json:"page"`
	Embed string `json:"embed"`
	CSV   string `json:"csv"`
	JSON  string `json:"json"`
}

// chartJSON is a chart with its URLs.
type chartJSON struct {
	analytics.Chart
	Links chartLinks `json:"links"`
}

func (s *Server) chartJSON(c *gin.Context, ch analytics.Chart, q string) chartJSON {
	id := "/" + url.PathEscape(ch.ID)
	return chartJSON{Chart: ch, Links: chartLinks{
		Page:  "/charts" + id + q,
		Embed: s.baseURL(c) + "/embed/charts" + id + q,
		CSV:   "/api/charts" + id + ".csv" + q,
		JSON:  "/api/charts" + id + q,
	}}
}

// apiChart answers GET /api/charts/:id (JSON) and /api/charts/:id.csv.
func (s *Server) apiChart(c *gin.Context) {
	lang, err := apiLang(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	id := c.Param("id")
	id, asCSV := strings.CutSuffix(id, ".csv")
	params := c.Request.URL.Query()
	ch, err := s.chartByID(c.Request.Context(), id, params, lang)
	if err != nil {
		s.fail(c, err)
		return
	}
	if asCSV {
		c.Header("Content-Disposition", `attachment; filename="hesabat-`+chart.Slug(ch.ID)+`.csv"`)
		c.Data(http.StatusOK, "text/csv; charset=utf-8", ch.CSV())
		return
	}
	top, err := intParam(c, "top", DefaultChartTop, 0, 1<<20)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, s.chartJSON(c, ch.Top(top), chartQuery(ch.ID, params, lang)))
}
