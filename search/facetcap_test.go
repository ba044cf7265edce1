package search_test

import (
	"fmt"
	"testing"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/search"
)

// TestFacetValuesCapped proves that a facet with more values than
// MaxFacetValuesShown lists only that many (the most frequent), keeps a
// selected value even when it is rare, and still counts the total right.
func TestFacetValuesCapped(t *testing.T) {
	n := search.MaxFacetValuesShown + 20
	var reports []*corpus.Report
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("rep-%03d", i)
		r := &corpus.Report{ID: id, Title: "Hesabat " + id, Sections: []corpus.Section{{Number: 1, Title: "Bölmə"}}}
		// Report i has 1 measure, except the first ten, which have 3: they must be kept.
		count := 1
		if i < 10 {
			count = 3
		}
		for j := 1; j <= count; j++ {
			r.Measures = append(r.Measures, corpus.Measure{
				Report: id, Number: fmt.Sprintf("1.%d", j), Section: 1, Title: "Korrupsiya riskləri",
				Period: "2021", Years: []int{2021}, Narrative: para("Korrupsiya riskləri qiymətləndirilib."),
				Status: corpus.StatusCompleted,
			})
		}
		reports = append(reports, r)
	}
	s := newSearcher(t, reports)
	tests := []struct {
		name     string
		req      search.Request
		wantLen  int
		mustHave []string
	}{
		{"unfiltered", search.Request{Query: "korrupsiya", Size: 10}, search.MaxFacetValuesShown, []string{"rep-000", "rep-009"}},
		{"rare value selected", search.Request{Query: "korrupsiya", Size: 10, Reports: []string{fmt.Sprintf("rep-%03d", n-1)}}, search.MaxFacetValuesShown, []string{fmt.Sprintf("rep-%03d", n-1), "rep-000"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustSearch(t, s, tc.req)
			if len(res.Facets.Report) != tc.wantLen {
				t.Fatalf("report facet lists %d values, want %d", len(res.Facets.Report), tc.wantLen)
			}
			have := map[string]bool{}
			for _, v := range res.Facets.Report {
				have[v.Value] = true
			}
			for _, v := range tc.mustHave {
				if !have[v] {
					t.Errorf("report facet lacks %s", v)
				}
			}
		})
	}
	if res := mustSearch(t, s, search.Request{Query: "korrupsiya", Size: 10}); res.Total != uint64(n+20) {
		t.Errorf("total %d, want %d", res.Total, n+20)
	}
}
