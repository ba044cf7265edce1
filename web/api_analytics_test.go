package web

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

// pages follows the next links from target and returns every page's items
// decoded into T, failing on a page that is not 200 or over maxBytes.
func pages[T any](t *testing.T, ts *testServer, target string, maxPages int) ([]T, []string) {
	t.Helper()
	var all []T
	var totals []string
	for n := 0; target != ""; n++ {
		if n == maxPages {
			t.Fatalf("more than %d pages", maxPages)
		}
		w := ts.get(t, target)
		if w.Code != 200 {
			t.Fatalf("GET %s: %d %s", target, w.Code, w.Body.String())
		}
		var page []T
		if err := json.Unmarshal(w.Body.Bytes(), &page); err != nil {
			t.Fatalf("GET %s: %v", target, err)
		}
		all = append(all, page...)
		totals = append(totals, w.Header().Get("X-Total-Count"))
		next := w.Header().Get("X-Next-URL")
		if link := w.Header().Get("Link"); (link == "") != (next == "") || (next != "" && !strings.Contains(link, next)) {
			t.Fatalf("GET %s: Link %q and X-Next-URL %q disagree", target, link, next)
		}
		target = next
	}
	return all, totals
}

// TestAPIPaging checks that the analytics API answers in pages whose next
// links, followed to the end, give every item once and in order, and that
// the filters keep what they say.
func TestAPIPaging(t *testing.T) {
	a := defaultReport(t)
	b := parseReport(t, "second-report.az.txt", corpus.DefaultText())
	ts := newServer(t, Config{}, a, b)
	want := analytics.Figures([]*corpus.Report{a, b})

	figs, totals := pages[figureJSON](t, ts, "/api/figures?limit=37", len(want)/37+2)
	if len(figs) != len(want) || totals[0] != strconv.Itoa(len(want)) {
		t.Fatalf("%d figures over the pages (X-Total-Count %s), want %d", len(figs), totals[0], len(want))
	}
	for i := range want {
		if figs[i].Measure != want[i].Measure || figs[i].Text != want[i].Text || figs[i].Sentence != want[i].Sentence {
			t.Fatalf("figure %d = %s %q, want %s %q", i, figs[i].Measure, figs[i].Text, want[i].Measure, want[i].Text)
		}
	}

	agency := analytics.Agencies([]*corpus.Report{a, b})[0]
	for _, tc := range []struct {
		name, query string
		keep        func(f corpus.Figure) bool
	}{
		{"unit", "unit=percent", func(f corpus.Figure) bool { return f.Unit == "percent" }},
		{"report", "report=" + b.ID, func(f corpus.Figure) bool { return strings.HasPrefix(f.Measure, b.ID+"/") }},
		{"measure", "measure=" + want[0].Measure, func(f corpus.Figure) bool { return f.Measure == want[0].Measure }},
		{"agency", "agency=" + agency.Agency.ID, func(f corpus.Figure) bool {
			for _, id := range agency.Measures {
				if id == f.Measure {
					return true
				}
			}
			return false
		}},
	} {
		t.Run("figures by "+tc.name, func(t *testing.T) {
			got, _ := pages[figureJSON](t, ts, "/api/figures?limit=5&"+tc.query, len(want))
			n := 0
			for _, f := range want {
				if tc.keep(f) {
					n++
				}
			}
			if len(got) != n || n == 0 {
				t.Errorf("%d figures, want %d (and some)", len(got), n)
			}
			for _, f := range got {
				if !tc.keep(f.Figure) {
					t.Errorf("kept %s %q", f.Measure, f.Text)
				}
			}
		})
	}

	sums, totals := pages[agencyJSON](t, ts, "/api/agencies?limit=4&measures=3", 100)
	if n := len(analytics.Agencies([]*corpus.Report{a, b})); len(sums) != n || totals[0] != strconv.Itoa(n) {
		t.Errorf("%d agencies over the pages (X-Total-Count %s), want %d", len(sums), totals[0], n)
	}
	for _, s := range sums {
		if len(s.Measures) > 3 || s.Total < len(s.Measures) || s.URL == "" {
			t.Errorf("agency %s: %d measure IDs of %d, url %q; want at most 3", s.Agency.ID, len(s.Measures), s.Total, s.URL)
		}
	}
	charts, _ := pages[chartJSON](t, ts, "/api/charts?limit=2&sources=1", 10)
	if len(charts) != len(analytics.ChartIDs()) {
		t.Errorf("%d charts over the pages, want %d", len(charts), len(analytics.ChartIDs()))
	}
	for _, ch := range charts {
		if len(ch.Sources) > 1 {
			t.Errorf("chart %s: %d sources, want at most 1", ch.ID, len(ch.Sources))
		}
	}
	for _, bad := range []string{"/api/figures?limit=0", "/api/figures?cursor=x", "/api/agencies?limit=100000", "/api/charts?sources=-1"} {
		if w := ts.get(t, bad); w.Code != 400 {
			t.Errorf("GET %s: %d, want 400", bad, w.Code)
		}
	}
}
