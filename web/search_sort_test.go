package web

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
)

func TestCompareNumbers(t *testing.T) {
	tests := []struct {
		a, b string
		want int // sign
	}{
		{"1.7", "1.10", -1}, {"1.10", "1.7", 1}, {"2", "2.1", -1}, {"3.1", "3.1", 0}, {"10.1", "9.9", 1},
	}
	for _, tt := range tests {
		got := compareNumbers(tt.a, tt.b)
		if (got < 0 && tt.want >= 0) || (got > 0 && tt.want <= 0) || (got == 0 && tt.want != 0) {
			t.Errorf("compareNumbers(%s, %s) = %d, want sign %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSearchSortAndSize(t *testing.T) {
	ts := newServer(t, Config{}, defaultReport(t))
	numbers := regexp.MustCompile(`<li class="hit" data-id="[^"]*/([0-9.]+)"`)
	get := func(path string) []string {
		rec := httptest.NewRecorder()
		ts.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, rec.Code)
		}
		var out []string
		for _, m := range numbers.FindAllStringSubmatch(rec.Body.String(), -1) {
			out = append(out, m[1])
		}
		return out
	}
	all := get("/?q=t%C9%99dbir&size=100&sort=number")
	if len(all) < 12 {
		t.Fatalf("%d hits; want a query with more than one page", len(all))
	}
	for i := 1; i < len(all); i++ {
		if compareNumbers(all[i-1], all[i]) > 0 {
			t.Errorf("sort=number: %s before %s", all[i-1], all[i])
		}
	}
	// Page 2 of 5 continues where page 1 stopped: the whole result set is sorted.
	p1, p2 := get("/?q=t%C9%99dbir&size=5&sort=number"), get("/?q=t%C9%99dbir&size=5&sort=number&from=5")
	if len(p1) != 5 || len(p2) != 5 || p1[0] != all[0] || p2[0] != all[5] {
		t.Errorf("pages %v %v, want %v and %v", p1, p2, all[:5], all[5:10])
	}
}
