package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkHandlers measures one request through the whole handler chain
// (middleware, search, template or JSON) for the main pages and endpoints,
// over an in-memory index of the shipped report.
func BenchmarkHandlers(b *testing.B) {
	ts := newServer(b, Config{}, defaultReport(b))
	cases := []struct{ name, target string }{
		{"search-page-empty", "/"},
		{"search-page-query", "/?q=m%C3%BCraci%C9%99t"},
		{"search-page-facets", "/?q=elektron&status=in_progress&section=4"},
		{"api-search", "/api/search?q=m%C3%BCraci%C9%99t"},
		{"api-search-csv", "/api/search.csv?q=m%C3%BCraci%C9%99t"},
		{"api-suggest", "/api/suggest?q=b%C9%99l%C9%99d"},
		{"measure-page", "/measures/ogp-nap-2021-report/1.7"},
		{"agencies-page", "/agencies"},
		{"dashboard", "/dashboard"},
		{"embed", "/embed/charts/measures-by-section"},
		{"api-charts", "/api/charts"},
		{"metrics", "/metrics"},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, tc.target, nil)
			var bytes int64
			for b.Loop() {
				w := httptest.NewRecorder()
				ts.handler.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("GET %s: %d", tc.target, w.Code)
				}
				bytes = int64(w.Body.Len())
			}
			b.SetBytes(bytes)
		})
	}
}

// BenchmarkHandlersParallel measures the search page and API under
// concurrent requests (GOMAXPROCS goroutines).
func BenchmarkHandlersParallel(b *testing.B) {
	ts := newServer(b, Config{}, defaultReport(b))
	for _, tc := range []struct{ name, target string }{
		{"search-page-query", "/?q=m%C3%BCraci%C9%99t"},
		{"api-search", "/api/search?q=m%C3%BCraci%C9%99t"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					w := httptest.NewRecorder()
					ts.handler.ServeHTTP(w, httptest.NewRequest(http.MethodGet, tc.target, nil))
					if w.Code != http.StatusOK {
						b.Errorf("GET %s: %d", tc.target, w.Code)
						return
					}
				}
			})
		})
	}
}
