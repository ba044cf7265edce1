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
//	GET /agencies/:id              one agency's scorecard and chart
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
//	GET  /api/agencies             analytics.AgencySummary list
//	GET  /api/figures              figures, each with its measure's URL
//	GET  /api/charts               every standard chart's data and URLs
//	GET  /api/charts/:id[.csv]     one chart's data as JSON or CSV
//	POST /api/reports              add or replace a report (.txt/.docx/.pdf; Bearer token; off without one)
//
// Operations: GET /healthz, GET /metrics (Prometheus text format), and the
// static files under /static (versioned URLs under /static/v-<hash>/).
//
// Every page carries a Content-Security-Policy whose scripts need the
// request's nonce; only /embed/ URLs may be framed by other sites; the read
// API answers CORS requests from any origin.
package web
