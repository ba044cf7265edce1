// Package web serves Hesabat over HTTP with gin: HTML pages, the JSON API,
// charts rendered with go-echarts (package web/chart), and the embedded
// templates and assets.
//
// Pages (Azerbaijani by default, English with ?lang=en, remembered in a
// cookie):
//
//	GET /                          search: query, facets, hits, pagination; the URL holds the state
//	GET /measures/:report/:number  one measure: text, period, agencies, status and evidence, figures, references
//	GET /agencies                  every agency with its measures by status
//	GET /agencies/:id              one agency's scorecard and chart; its measures 100 a page (?page=)
//	GET /dashboard                 every standard chart with its embed snippet and downloads
//	GET /charts/:id                one chart with its data table and sources ("search" charts a search's facet)
//	GET /embed/charts/:id          the chart alone, for an <iframe> on any site
//	GET /help/search               the query syntax (words, quotes, -, OR), with examples
//
// API (JSON unless said; errors are {"error": "…"} with 400, 404, 413 or 503):
//
//	GET  /api/search               search.Result; format=csv for CSV
//	GET  /api/search.csv           the hits as CSV
//	GET  /api/suggest?q=&n=        search.Suggestions
//	GET  /api/measures/:report/:number
//	GET  /api/agencies             a page of analytics.AgencySummary (?limit=&offset=&agency=&report=&measures=)
//	GET  /api/figures              a page of figures, each with its measure's URL (?limit=&cursor=&report=&measure=&agency=&unit=)
//	GET  /api/charts               a page of the standard charts' data and URLs (?limit=&offset=&id=&top=&sources=)
//	GET  /api/charts/:id[.csv]     one chart's data as JSON (?top=) or CSV (every category)
//	POST /api/reports              add or replace a report (.txt/.docx/.pdf; Bearer token; off without one)
//
// The analytics the pages and the API show of all reports are read from
// the index generation (computed once, when it was built); a list answer is
// one page, a JSON array, with the next page in the Link header
// (rel="next") and X-Next-URL, and X-Total-Count when known. A chart of
// many categories shows the largest and sums the rest as "Other"; its CSV
// has them all.
//
// Operations: GET /healthz, GET /metrics (Prometheus text format), and the
// static files under /static (versioned URLs under /static/v-<hash>/).
//
// Every page carries a Content-Security-Policy whose scripts need the
// request's nonce; only /embed/ URLs may be framed by other sites; the read
// API answers CORS requests from any origin.
package web
