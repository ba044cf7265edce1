package search_test

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/indexer/indextest"
	"github.com/hesabat/hesabat/search"
)

// openSearcher returns a Searcher opened with search.Open over a persistent
// index of reports, which reads the reports back from the index.
func openSearcher(t testing.TB, reports []*corpus.Report) *search.Searcher {
	t.Helper()
	idx, _ := indextest.Reopened(t, reports)
	s, err := search.Open(context.Background(), idx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// TestOpenMatchesNew proves that a Searcher reading its reports from a
// persistent index answers exactly like one holding them in memory: hits
// (with snippets), facets with labels, suggestions, measures and reports.
func TestOpenMatchesNew(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name    string
		reports []*corpus.Report
	}{
		{"fixture", fixtureReports()},
		{"shipped report", defaultReports(t)},
	} {
		t.Run(c.name, func(t *testing.T) {
			mem := newSearcher(t, c.reports)
			disk := openSearcher(t, c.reports)
			if mem.NumReports() != disk.NumReports() || mem.NumMeasures() != disk.NumMeasures() {
				t.Fatalf("reports/measures: in memory %d/%d, from the index %d/%d",
					mem.NumReports(), mem.NumMeasures(), disk.NumReports(), disk.NumMeasures())
			}
			reqs := []search.Request{
				{},
				{Query: "bələdiyyə"},
				{Query: "korrupsiya", Lang: "en"},
				{Query: "elektron xidmət", Size: 20},
				{Query: "QHT"},
				{Query: "büdcə", Sections: []int{2}},
				{Query: "muraciet", Statuses: []corpus.Status{corpus.StatusCompleted}},
			}
			for _, req := range reqs {
				a, err := mem.Search(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				b, err := disk.Search(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				a.TookMS, b.TookMS = 0, 0
				ja, _ := json.Marshal(a)
				jb, _ := json.Marshal(b)
				if string(ja) != string(jb) {
					t.Errorf("%+v: from the index\n%s\nin memory\n%s", req, jb, ja)
				}
				for _, h := range a.Hits {
					ma, err := mem.Measure(ctx, h.Report, h.Number)
					if err != nil {
						t.Fatal(err)
					}
					mb, err := disk.Measure(ctx, h.Report, h.Number)
					if err != nil {
						t.Fatal(err)
					}
					ja, _ := json.Marshal(ma)
					jb, _ := json.Marshal(mb)
					if string(ja) != string(jb) {
						t.Errorf("Measure(%s): from the index differs from in memory", h.ID)
					}
				}
			}
			for _, p := range []string{"bələd", "qht", "elektron x"} {
				a, err := mem.Suggest(ctx, p, 10)
				if err != nil {
					t.Fatal(err)
				}
				b, err := disk.Suggest(ctx, p, 10)
				if err != nil {
					t.Fatal(err)
				}
				ja, _ := json.Marshal(a)
				jb, _ := json.Marshal(b)
				if string(ja) != string(jb) {
					t.Errorf("Suggest(%q): from the index %s, in memory %s", p, jb, ja)
				}
			}
			var ids []string
			if err := disk.EachReport(ctx, func(r *corpus.Report) error {
				ids = append(ids, r.ID)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(ids) != len(c.reports) || ids[0] != c.reports[0].ID {
				t.Errorf("EachReport visited %v", ids)
			}
			if _, err := disk.Measure(ctx, c.reports[0].ID, "99.99"); !errors.Is(err, search.ErrNotFound) {
				t.Errorf("Measure of a missing number: %v, want ErrNotFound", err)
			}
		})
	}
}

// TestSwapIndex proves that SwapIndex serves the reports of the new index.
func TestSwapIndex(t *testing.T) {
	ctx := context.Background()
	s := openSearcher(t, fixtureReports())
	dir := filepath.Join(t.TempDir(), "index")
	idx, err := indexer.Build(ctx, dir, defaultReports(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SwapIndex(ctx, idx); err != nil {
		t.Fatal(err)
	}
	if s.NumMeasures() != 64 || s.NumReports() != 1 {
		t.Errorf("after SwapIndex: %d measures of %d reports, want 64 of 1", s.NumMeasures(), s.NumReports())
	}
	if res := mustSearch(t, s, search.Request{Query: "bələdiyyə"}); res.Total == 0 || len(res.Hits[0].Snippets) == 0 {
		t.Errorf("after SwapIndex: %d hits, snippets %v", res.Total, res.Hits)
	}
}
