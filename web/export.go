package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/search"
)

// ExportMax is the most matches a search export writes; a search with more
// gets the first ExportMax and a note saying so (a CSV's last row, a JSON
// field, and an X-Hesabat-Truncated header).
const ExportMax = 10000

// utf8BOM starts every CSV export: without it Excel on Windows reads the
// file as ANSI and garbles ə, ş, ğ.
const utf8BOM = "\ufeff"

// exportLimit returns the cap of an export: ?max= (1 to ExportMax), or ExportMax.
func exportLimit(params url.Values) (int, error) {
	m := params.Get("max")
	if m == "" {
		return ExportMax, nil
	}
	n, err := strconv.Atoi(m)
	if err != nil || n < 1 || n > ExportMax {
		return 0, fmt.Errorf("%w: max: %q is not a number from 1 to %d", errBadRequest, m, ExportMax)
	}
	return n, nil
}

// eachMatch calls fn with every match of the search in params, in result
// order, a page of search.MaxSize at a time, until limit matches or the
// end. It returns the total the search found.
func (s *Server) eachMatch(ctx context.Context, params url.Values, limit int, fn func(search.Hit) error) (uint64, error) {
	v := url.Values{}
	for k, vs := range params {
		switch k {
		case "q", "section", "agency", "year", "status", "report", "lang":
			v[k] = vs
		}
	}
	var total uint64
	for from := 0; from < limit; from += search.MaxSize {
		v.Set("size", strconv.Itoa(min(search.MaxSize, limit-from)))
		req, err := search.ParseRequest(v)
		if err != nil {
			return 0, err
		}
		req.From, req.Size = from, min(search.MaxSize, limit-from)
		res, err := s.cfg.Searcher.Search(ctx, req)
		if err != nil {
			return 0, err
		}
		total = res.Total
		for _, h := range res.Hits {
			if err := fn(h); err != nil {
				return total, err
			}
		}
		if len(res.Hits) < req.Size || uint64(from+len(res.Hits)) >= total {
			break
		}
	}
	return total, nil
}

// exportRow is one match as the exports write it.
func (s *Server) exportRow(c *gin.Context, h search.Hit, lang string) []string {
	years := make([]string, len(h.Years))
	for i, y := range h.Years {
		years[i] = strconv.Itoa(y)
	}
	agencies := make([]string, len(h.Agencies))
	for i, a := range h.Agencies {
		agencies[i] = a.Name
	}
	return []string{
		h.ID, h.Report, h.Number, strconv.Itoa(h.Section), h.Title, h.Period, strings.Join(years, " "),
		statusLabel(corpus.Status(h.Status), lang), strings.Join(agencies, "; "),
		strconv.FormatFloat(h.Score, 'f', 4, 64), s.baseURL(c) + measureURL(h.Report, h.Number),
	}
}

// exportHeader names the columns of exportRow.
var exportHeader = []string{"id", "report", "number", "section", "title", "period", "years", "status", "agencies", "score", "url"}

// exportSearchCSV answers /export/search.csv: every match of the search
// (up to ExportMax, or ?max=), streamed as CSV with a UTF-8 byte order mark.
func (s *Server) exportSearchCSV(c *gin.Context) {
	lang := chooseLang(c)
	limit, err := exportLimit(c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="hesabat-search-all.csv"`)
	c.Header("Cache-Control", "no-cache")
	c.Status(http.StatusOK)
	_, _ = c.Writer.WriteString(utf8BOM)
	w := csv.NewWriter(c.Writer)
	_ = w.Write(exportHeader)
	n := 0
	total, err := s.eachMatch(c.Request.Context(), c.Request.URL.Query(), limit, func(h search.Hit) error {
		row := s.exportRow(c, h, lang)
		for i := range row {
			row[i] = corpus.CSVCell(row[i])
		}
		n++
		return w.Write(row)
	})
	if err != nil && n == 0 {
		c.Writer.Header().Del("Content-Disposition")
		s.fail(c, err)
		return
	}
	if err != nil || uint64(n) < total {
		// The note is the last row, in the first column, where a reader sees it.
		_ = w.Write([]string{fmt.Sprintf(words[lang]["export_capped"], n, total)})
	}
	w.Flush()
}

// exportSearchJSON answers /export/search.json: every match of the search
// (up to ExportMax), streamed as one JSON object {query, total, exported,
// truncated, note, hits}.
func (s *Server) exportSearchJSON(c *gin.Context) {
	lang := chooseLang(c)
	params := c.Request.URL.Query()
	limit, err := exportLimit(params)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Type", "application/json; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="hesabat-search-all.json"`)
	c.Header("Cache-Control", "no-cache")
	c.Status(http.StatusOK)
	q, _ := json.Marshal(params.Get("q"))
	fmt.Fprintf(c.Writer, `{"query":%s,"hits":[`, q)
	enc := json.NewEncoder(c.Writer)
	n := 0
	total, err := s.eachMatch(c.Request.Context(), params, limit, func(h search.Hit) error {
		if n > 0 {
			_, _ = c.Writer.WriteString(",")
		}
		n++
		h.Snippets = nil // HTML for the page; the export carries data
		return enc.Encode(h)
	})
	note := ""
	if err != nil || uint64(n) < total {
		note = fmt.Sprintf(words[lang]["export_capped"], n, total)
	}
	noteJSON, _ := json.Marshal(note)
	fmt.Fprintf(c.Writer, `],"total":%d,"exported":%d,"truncated":%t,"note":%s}`, total, n, note != "", noteJSON)
}
