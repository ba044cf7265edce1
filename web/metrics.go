package web

import (
	"crypto/subtle"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// latencyBuckets are the upper bounds, in seconds, of the request latency
// histogram.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// metrics holds the server's Prometheus collectors in a registry of its own
// (no package-level state), with the standard Go and process collectors.
// Every label value comes from a closed set: the method from knownMethods
// (else "other"), the route from gin's route patterns (else "unmatched"),
// the status as its class ("2xx"), so that no client can grow the label set.
// client_golang gathers into memory under its locks and writes to the
// socket after releasing them: a scraper that never reads blocks nobody.
type metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	inFlight  prometheus.Gauge
	searches  *prometheus.CounterVec
	throttled prometheus.Counter
	swaps     prometheus.Counter
	handler   http.Handler
}

// knownMethods are the HTTP methods counted under their own name.
var knownMethods = map[string]string{
	http.MethodGet: http.MethodGet, http.MethodHead: http.MethodHead, http.MethodPost: http.MethodPost,
	http.MethodPut: http.MethodPut, http.MethodPatch: http.MethodPatch, http.MethodDelete: http.MethodDelete,
	http.MethodOptions: http.MethodOptions, http.MethodConnect: http.MethodConnect, http.MethodTrace: http.MethodTrace,
}

// methodLabel returns m if it is a known method, else "other".
func methodLabel(m string) string {
	if v, ok := knownMethods[m]; ok {
		return v
	}
	return "other"
}

// statusClasses are the label values of status codes 0xx–5xx.
var statusClasses = [...]string{"0xx", "1xx", "2xx", "3xx", "4xx", "5xx"}

// statusClass returns the class of status code, e.g. "4xx".
func statusClass(code int) string {
	if i := code / 100; i >= 0 && i < len(statusClasses) {
		return statusClasses[i]
	}
	return "other"
}

// newMetrics registers the collectors; the gauges call the server back for
// the served index's size and counts at scrape time.
func newMetrics(s *Server) *metrics {
	reg := prometheus.NewRegistry()
	m := &metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hesabat_http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status class.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "hesabat_http_request_duration_seconds",
			Help:    "Time from receiving a request to answering it, by route pattern.",
			Buckets: latencyBuckets,
		}, []string{"route"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "hesabat_http_requests_in_flight", Help: "Requests being answered now.",
		}),
		searches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hesabat_searches_total",
			Help: "Requests that went through search admission control, by outcome (admitted, shed, timeout).",
		}, []string{"outcome"}),
		throttled: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hesabat_admin_auth_throttled_total", Help: "Admin requests refused because their client sent too many wrong tokens.",
		}),
		swaps: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hesabat_index_swaps_total", Help: "Times the served index was replaced (uploads and generations built by other processes).",
		}),
	}
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.requests, m.latency, m.inFlight, m.searches, m.throttled, m.swaps,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "hesabat_index_documents", Help: "Measures (index documents) being served.",
		}, func() float64 { return float64(s.cfg.Searcher.NumMeasures()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "hesabat_reports", Help: "Reports being served.",
		}, func() float64 { return float64(s.cfg.Searcher.NumReports()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "hesabat_uptime_seconds", Help: "Seconds since the server started.",
		}, func(start time.Time) func() float64 {
			return func() float64 { return time.Since(start).Seconds() }
		}(time.Now())),
	)
	if s.cfg.IndexSize != nil {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "hesabat_index_size_bytes",
			Help: "Size of the served index in bytes: on disk, or in memory for an in-memory index.",
		}, func() float64 { return float64(s.cfg.IndexSize()) }))
	}
	m.handler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{
		// At most two scrapes gather at once; more get 503 at once.
		MaxRequestsInFlight: 2,
		Timeout:             5 * time.Second,
	})
	return m
}

// measure is the middleware that feeds the request metrics.
func (s *Server) measure(c *gin.Context) {
	start := time.Now()
	s.metrics.inFlight.Inc()
	defer func() {
		s.metrics.inFlight.Dec()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		s.metrics.requests.WithLabelValues(route, methodLabel(c.Request.Method), statusClass(c.Writer.Status())).Inc()
		s.metrics.latency.WithLabelValues(route).Observe(time.Since(start).Seconds())
	}()
	c.Next()
}

// MetricsHandler returns the Prometheus handler of the server's metrics,
// for serving on a separate listener (hesabat serve --metrics-addr).
func (s *Server) MetricsHandler() http.Handler { return s.metrics.handler }

// serveMetrics answers GET /metrics, with Config.MetricsToken as a bearer
// token when one is set.
func (s *Server) serveMetrics(c *gin.Context) {
	if s.cfg.MetricsToken != "" {
		tok, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(tok), []byte(s.cfg.MetricsToken)) != 1 {
			s.fail(c, errNotFound)
			return
		}
	}
	c.Header("Cache-Control", "no-store")
	s.metrics.handler.ServeHTTP(c.Writer, c.Request)
}
