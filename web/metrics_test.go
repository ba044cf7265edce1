package web

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestMetricsCardinality sends 10,000 requests with unique methods (issue
// 16 finding 1: each was kept as a label value forever) and checks that the
// request counter's series stay within the closed label sets.
func TestMetricsCardinality(t *testing.T) {
	ts := newDefaultFake(t, Config{})
	n := 10000
	if testing.Short() {
		n = 2000
	}
	for i := range n {
		r := httptest.NewRequest(http.MethodGet, "/api/search?q=x", nil)
		r.Method = fmt.Sprintf("M%05d%s", i, strings.Repeat("X", 64))
		ts.do(t, r)
	}
	fams, err := ts.metrics.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	series := 0
	for _, f := range fams {
		if f.GetName() != "hesabat_http_requests_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			series++
			for _, l := range m.GetLabel() {
				if l.GetName() == "method" && l.GetValue() != "other" && knownMethods[l.GetValue()] == "" {
					t.Errorf("method label %q is not from the closed set", l.GetValue())
				}
			}
		}
	}
	if series == 0 || series > 4 {
		t.Errorf("%d series of hesabat_http_requests_total after %d unique methods, want 1–4", series, n)
	}
	body := ts.get(t, "/metrics").Body.String()
	if !strings.Contains(body, fmt.Sprintf(`method="other",route="/api/search",status="4xx"} %d`, n)) &&
		!strings.Contains(body, fmt.Sprintf(`method="other",route="unmatched",status="4xx"} %d`, n)) {
		t.Errorf("the unique methods are not counted under method=\"other\":\n%s", grepLines(body, "hesabat_http_requests_total"))
	}
	if len(body) > 64<<10 {
		t.Errorf("/metrics is %d bytes after unique methods", len(body))
	}
}

// grepLines returns the lines of s that contain sub.
func grepLines(s, sub string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// TestMetricsSlowScraper pipelines many /metrics requests on a connection
// that never reads its answers (issue 16 finding 1: the old writer held
// its lock while writing, and one such client blocked every request), then
// checks that searches are still answered at once.
func TestMetricsSlowScraper(t *testing.T) {
	ts := newDefaultFake(t, Config{})
	srv := httptest.NewServer(ts.handler)
	defer srv.Close()
	for range 2 { // as many as promhttp lets gather at once
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetReadBuffer(4096)
		}
		go func() {
			w := bufio.NewWriter(conn)
			for range 2000 {
				if _, err := io.WriteString(w, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
					return
				}
			}
			_ = w.Flush()
		}()
	}
	time.Sleep(500 * time.Millisecond) // let the server fill the sockets and block
	client := &http.Client{Timeout: 10 * time.Second}
	for i := range 5 {
		start := time.Now()
		resp, err := client.Get(srv.URL + "/api/search?q=" + fmt.Sprint("şəffaflıq", i))
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if d := time.Since(start); resp.StatusCode != 200 || d > 2*time.Second {
			t.Errorf("search %d while /metrics clients stall: %d after %v", i, resp.StatusCode, d)
		}
	}
	// Another scrape is either answered or refused at once, never held.
	start := time.Now()
	resp, err := client.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if d := time.Since(start); d > 2*time.Second || (resp.StatusCode != 200 && resp.StatusCode != 503) {
		t.Errorf("scrape while others stall: %d after %v", resp.StatusCode, d)
	}
}

// TestMetricsToken checks that a metrics token hides /metrics from
// requests without it.
func TestMetricsToken(t *testing.T) {
	ts := newDefaultFake(t, Config{MetricsToken: "m-tok"})
	if w := ts.get(t, "/metrics"); w.Code != http.StatusNotFound {
		t.Errorf("/metrics without the token: %d, want 404", w.Code)
	}
	if w := ts.get(t, "/metrics", "Authorization", "Bearer wrong"); w.Code != http.StatusNotFound {
		t.Errorf("/metrics with a wrong token: %d, want 404", w.Code)
	}
	if w := ts.get(t, "/metrics", "Authorization", "Bearer m-tok"); w.Code != 200 || !strings.Contains(w.Body.String(), "hesabat_reports 1") {
		t.Errorf("/metrics with the token: %d", w.Code)
	}
	other := newDefaultFake(t, Config{MetricsElsewhere: true})
	if w := other.get(t, "/metrics"); w.Code != http.StatusNotFound {
		t.Errorf("/metrics served elsewhere: %d on the main handler, want 404", w.Code)
	}
	w := httptest.NewRecorder()
	other.MetricsHandler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if w.Code != 200 || !strings.Contains(w.Body.String(), "hesabat_reports 1") {
		t.Errorf("MetricsHandler: %d", w.Code)
	}
}
