package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

func TestParseBuilder(t *testing.T) {
	tests := []struct {
		name   string
		query  string
		ok     bool
		values []float64
		kind   string
	}{
		{"bar of two", "type=bar&title=T&l=a&v=1&l=b&v=2.5", true, []float64{1, 2.5}, "bar"},
		{"comma decimals and blank rows skipped", "type=line&l=a&v=1,5&l=&v=&l=b&v=3", true, []float64{1.5, 3}, "line"},
		{"pie", "type=pie&unit=percent&l=a&v=40&l=b&v=60", true, []float64{40, 60}, "pie"},
		{"default type is bar", "l=a&v=1&l=b&v=2", true, []float64{1, 2}, "bar"},
		{"one value is too few", "l=a&v=1", false, nil, ""},
		{"label without value", "l=a&v=1&l=b", false, nil, ""},
		{"not a number", "l=a&v=1&l=b&v=x", false, nil, ""},
		{"infinity", "l=a&v=1&l=b&v=Inf", false, nil, ""},
		{"unknown type", "type=radar&l=a&v=1&l=b&v=2", false, nil, ""},
		{"unknown unit", "unit=kg&l=a&v=1&l=b&v=2", false, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, _ := url.ParseQuery(tt.query)
			form, c, err := parseBuilder(q, corpus.LangAZ)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok %v", err, tt.ok)
			}
			if !tt.ok {
				if form.Err == "" {
					t.Error("the form shows no error")
				}
				return
			}
			if c.Kind != tt.kind || len(c.Series) != 1 || len(c.Series[0].Values) != len(tt.values) {
				t.Fatalf("chart %+v", c)
			}
			for i, v := range tt.values {
				if c.Series[0].Values[i] != v {
					t.Errorf("value %d = %v, want %v", i, c.Series[0].Values[i], v)
				}
			}
		})
	}
}

func TestBuilderRoundTrip(t *testing.T) {
	// A chart opened in the builder comes back as the same values, and the
	// builder's URL serves the page, the embed and the data.
	ts := newServer(t, Config{}, defaultReport(t))
	c, err := ts.standardChart(t.Context(), analytics.ChartECourtRollout)
	if err != nil {
		t.Fatal(err)
	}
	u := chartBuilderURL(c, corpus.LangEN)
	if u == "" {
		t.Fatal("no builder URL for a one-series chart")
	}
	for _, path := range []string{u, strings.Replace(u, "/charts/", "/embed/charts/", 1), strings.Replace(u, "/charts/", "/api/charts/", 1)} {
		rec := httptest.NewRecorder()
		ts.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body.String())
		}
		if !strings.Contains(rec.Body.String(), "117") {
			t.Errorf("GET %s does not carry the value 117", path)
		}
	}
	rec := httptest.NewRecorder()
	ts.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/charts/build?l=a&v=x&l=b&v=2", nil))
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "rəqəm deyil") {
		t.Errorf("a bad value: status %d, want 400 and the message in the form", rec.Code)
	}
	rec = httptest.NewRecorder()
	ts.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/charts/build", nil))
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), "error-message") {
		t.Errorf("the empty builder: status %d; it should show the form and no error", rec.Code)
	}
}
