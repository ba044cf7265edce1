package web

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
)

// latencyBuckets are the upper bounds, in seconds, of the request latency
// histogram.
var latencyBuckets = [...]float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// requestKey identifies one counter of hesabat_http_requests_total.
type requestKey struct {
	route, method string
	status        int
}

// histogram is a Prometheus histogram with latencyBuckets.
type histogram struct {
	counts [len(latencyBuckets)]uint64 // not cumulative; summed when written
	count  uint64
	sum    float64
}

// metrics counts requests and their latencies per route. Routes are gin's
// route patterns, so the label set stays bounded whatever URLs clients send.
type metrics struct {
	start    time.Time
	mu       sync.Mutex
	requests map[requestKey]uint64
	latency  map[string]*histogram
	inFlight atomic.Int64
}

func newMetrics() *metrics {
	return &metrics{
		start:    time.Now(),
		requests: map[requestKey]uint64{},
		latency:  map[string]*histogram{},
	}
}

// observe records one answered request.
func (m *metrics) observe(route, method string, status int, d time.Duration) {
	sec := d.Seconds()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[requestKey{route, method, status}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{}
		m.latency[route] = h
	}
	for i, le := range latencyBuckets {
		if sec <= le {
			h.counts[i]++
			break
		}
	}
	h.count++
	h.sum += sec
}

// measure is the middleware that feeds the metrics.
func (s *Server) measure(c *gin.Context) {
	start := time.Now()
	s.metrics.inFlight.Add(1)
	defer func() {
		s.metrics.inFlight.Add(-1)
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		s.metrics.observe(route, c.Request.Method, c.Writer.Status(), time.Since(start))
	}()
	c.Next()
}

// serveMetrics writes the metrics in the Prometheus text exposition format.
func (s *Server) serveMetrics(c *gin.Context) {
	c.Header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusOK)
	docs, reports := s.cfg.Searcher.NumMeasures(), s.cfg.Searcher.NumReports()
	size := int64(-1)
	if s.cfg.IndexSize != nil {
		size = s.cfg.IndexSize()
	}
	_ = s.metrics.write(c.Writer, docs, reports, size) // a failed write means the client left
}

// write writes every metric to w.
func (m *metrics) write(w io.Writer, docs, reports int, indexSize int64) error {
	bw := bufio.NewWriter(w)
	m.mu.Lock()
	keys := make([]requestKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.route != b.route {
			return a.route < b.route
		}
		if a.method != b.method {
			return a.method < b.method
		}
		return a.status < b.status
	})
	fmt.Fprintln(bw, "# HELP hesabat_http_requests_total HTTP requests answered, by route pattern, method and status.")
	fmt.Fprintln(bw, "# TYPE hesabat_http_requests_total counter")
	for _, k := range keys {
		fmt.Fprintf(bw, "hesabat_http_requests_total{route=%s,method=%s,status=\"%d\"} %d\n",
			quoteLabel(k.route), quoteLabel(k.method), k.status, m.requests[k])
	}
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	fmt.Fprintln(bw, "# HELP hesabat_http_request_duration_seconds Time from receiving a request to answering it, by route pattern.")
	fmt.Fprintln(bw, "# TYPE hesabat_http_request_duration_seconds histogram")
	for _, r := range routes {
		h := m.latency[r]
		var cum uint64
		for i, le := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(bw, "hesabat_http_request_duration_seconds_bucket{route=%s,le=\"%s\"} %d\n",
				quoteLabel(r), strconv.FormatFloat(le, 'g', -1, 64), cum)
		}
		fmt.Fprintf(bw, "hesabat_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", quoteLabel(r), h.count)
		fmt.Fprintf(bw, "hesabat_http_request_duration_seconds_sum{route=%s} %s\n", quoteLabel(r), strconv.FormatFloat(h.sum, 'g', -1, 64))
		fmt.Fprintf(bw, "hesabat_http_request_duration_seconds_count{route=%s} %d\n", quoteLabel(r), h.count)
	}
	inFlight := m.inFlight.Load()
	uptime := time.Since(m.start).Seconds()
	m.mu.Unlock()

	fmt.Fprintln(bw, "# HELP hesabat_http_requests_in_flight Requests being answered now.")
	fmt.Fprintln(bw, "# TYPE hesabat_http_requests_in_flight gauge")
	fmt.Fprintf(bw, "hesabat_http_requests_in_flight %d\n", inFlight)
	fmt.Fprintln(bw, "# HELP hesabat_index_documents Measures (index documents) being served.")
	fmt.Fprintln(bw, "# TYPE hesabat_index_documents gauge")
	fmt.Fprintf(bw, "hesabat_index_documents %d\n", docs)
	fmt.Fprintln(bw, "# HELP hesabat_reports Reports being served.")
	fmt.Fprintln(bw, "# TYPE hesabat_reports gauge")
	fmt.Fprintf(bw, "hesabat_reports %d\n", reports)
	if indexSize >= 0 {
		fmt.Fprintln(bw, "# HELP hesabat_index_size_bytes Size of the served index in bytes: on disk, or in memory for an in-memory index.")
		fmt.Fprintln(bw, "# TYPE hesabat_index_size_bytes gauge")
		fmt.Fprintf(bw, "hesabat_index_size_bytes %d\n", indexSize)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintln(bw, "# HELP hesabat_go_heap_alloc_bytes Bytes of allocated heap objects.")
	fmt.Fprintln(bw, "# TYPE hesabat_go_heap_alloc_bytes gauge")
	fmt.Fprintf(bw, "hesabat_go_heap_alloc_bytes %d\n", ms.HeapAlloc)
	fmt.Fprintln(bw, "# HELP hesabat_go_goroutines Goroutines that currently exist.")
	fmt.Fprintln(bw, "# TYPE hesabat_go_goroutines gauge")
	fmt.Fprintf(bw, "hesabat_go_goroutines %d\n", runtime.NumGoroutine())
	fmt.Fprintln(bw, "# HELP hesabat_uptime_seconds Seconds since the server started.")
	fmt.Fprintln(bw, "# TYPE hesabat_uptime_seconds gauge")
	fmt.Fprintf(bw, "hesabat_uptime_seconds %s\n", strconv.FormatFloat(uptime, 'f', 3, 64))
	return bw.Flush()
}

// quoteLabel quotes a label value as the exposition format wants: in double
// quotes with backslash, double quote and newline escaped.
func quoteLabel(v string) string {
	return `"` + labelEscaper.Replace(v) + `"`
}

// labelEscaper escapes label values; a strings.Replacer is safe for
// concurrent use and never changes.
var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
