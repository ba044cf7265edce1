package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzQueryString sends arbitrary query strings to the search page, the
// search API, its CSV export, suggestions and the search chart: whatever the
// query string, the answer is never a 5xx, and an API error is JSON.
func FuzzQueryString(f *testing.F) {
	for _, seed := range []string{
		"q=m%C3%BCraci%C9%99t",
		"q=%22qaynar+x%C9%99tt%22+-m%C9%99hk%C9%99m%C9%99&section=1&section=2",
		"q=*&status=completed&year=2021&from=10&size=5",
		"q=%FF%FE",
		"q=%ZZ",
		"q=a&q=b&lang=en",
		"agency=%3Cscript%3E&report=..%2F..",
		"facet=agency&q=b%C9%99l%C9%99d",
		"n=0&q=",
		"format=csv&size=100&from=10000",
		"q=" + strings.Repeat("%3F*", 40),
		";;;&&&===",
	} {
		f.Add(seed)
	}
	ts := newServer(f, Config{}, parseReport(f, "hostile.az.txt", hostileReport))
	f.Fuzz(func(t *testing.T, raw string) {
		for _, path := range []string{"/", "/api/search", "/api/search.csv", "/api/suggest", "/api/charts/search"} {
			r := httptest.NewRequest(http.MethodGet, path, nil)
			r.URL.RawQuery = raw
			w := ts.do(t, r)
			if w.Code >= 500 {
				t.Fatalf("GET %s?%s: status %d: %.300s", path, raw, w.Code, w.Body.String())
			}
			if strings.HasPrefix(path, "/api/") && w.Code >= 400 && !strings.HasPrefix(w.Body.String(), `{"error":`) {
				t.Fatalf("GET %s?%s: %d without a JSON error: %.300s", path, raw, w.Code, w.Body.String())
			}
		}
	})
}
