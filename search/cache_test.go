package search_test

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search"
)

// newCachedSearcher is newSearcher with a facet cache of the given bounds.
func newCachedSearcher(t testing.TB, reports []*corpus.Report, o search.Options) *search.Searcher {
	t.Helper()
	idx, err := indexer.Build(context.Background(), "", reports)
	if err != nil {
		t.Fatal(err)
	}
	s := search.NewWithOptions(idx, reports, o)
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// cacheRequests returns requests that exercise every facet path: no query,
// words, phrases, exclusions and multi-select filters.
func cacheRequests() []search.Request {
	return []search.Request{
		{},
		{Query: "korrupsiya"},
		{Query: `"qaynar xətt"`},
		{Query: "korrupsiya -risk"},
		{Query: "korrupsiya", Sections: []int{1}},
		{Query: "büdcə", Sections: []int{1, 2}, Statuses: []corpus.Status{corpus.StatusCompleted}},
		{Query: "", Years: []int{2021, 2022}, Reports: []string{"rep-b"}},
		{Query: "dövlət", Agencies: []string{"ministry-of-finance"}, Lang: search.LangEN},
	}
}

// withoutTook clears the timing so results can be compared.
func withoutTook(r *search.Result) *search.Result {
	c := *r
	c.TookMS = 0
	return &c
}

func TestFacetCacheSameResults(t *testing.T) {
	ctx := context.Background()
	plain := newSearcher(t, fixtureReports())
	cached := newCachedSearcher(t, fixtureReports(), search.Options{FacetCacheEntries: 64})
	for round := range 3 {
		for _, req := range cacheRequests() {
			t.Run(fmt.Sprintf("round %d/%q/%v", round, req.Query, req.Sections), func(t *testing.T) {
				want, err := plain.Search(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				got, err := cached.Search(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(withoutTook(got), withoutTook(want)) {
					t.Errorf("cached result differs:\n got %+v\nwant %+v", got.Facets, want.Facets)
				}
			})
		}
	}
	st := cached.CacheStats()
	if st.Hits == 0 || st.Misses == 0 {
		t.Errorf("stats %+v: want both hits (rounds 2 and 3) and misses (round 1)", st)
	}
	if st.Hits != 2*st.Misses {
		t.Errorf("stats %+v: want twice as many hits as misses over three identical rounds", st)
	}
	if got := plain.CacheStats(); got != (search.CacheStats{}) {
		t.Errorf("searcher without cache has stats %+v, want zero", got)
	}
}

func TestFacetCacheBounds(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name        string
		opts        search.Options
		wantEntries int
	}{
		{"entries", search.Options{FacetCacheEntries: 2}, 2},
		{"bytes", search.Options{FacetCacheEntries: 100, FacetCacheBytes: 1}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newCachedSearcher(t, fixtureReports(), c.opts)
			for _, q := range []string{"korrupsiya", "büdcə", "müraciət", "elektron", "şəffaflıq"} {
				if _, err := s.Search(ctx, search.Request{Query: q}); err != nil {
					t.Fatal(err)
				}
			}
			st := s.CacheStats()
			if st.Entries != c.wantEntries {
				t.Errorf("%d entries, want %d (stats %+v)", st.Entries, c.wantEntries, st)
			}
			if st.Bytes > max(c.opts.FacetCacheBytes, 0) && c.opts.FacetCacheBytes > 0 {
				t.Errorf("%d bytes cached, bound %d", st.Bytes, c.opts.FacetCacheBytes)
			}
		})
	}
}

func TestFacetCacheDroppedOnSwap(t *testing.T) {
	ctx := context.Background()
	s := newCachedSearcher(t, fixtureReports(), search.Options{FacetCacheEntries: 64})
	req := search.Request{Query: "korrupsiya"}
	before, err := s.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	// The new index holds only report B: the cached counts of A must not survive.
	onlyB := fixtureReports()[1:]
	idx, err := indexer.Build(ctx, "", onlyB)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Swap(idx, onlyB); err != nil {
		t.Fatal(err)
	}
	if st := s.CacheStats(); st.Entries != 0 || st.Hits != 0 {
		t.Errorf("after Swap stats %+v, want an empty cache", st)
	}
	after, err := s.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if after.Total >= before.Total {
		t.Fatalf("total %d after swap, want fewer than %d", after.Total, before.Total)
	}
	for _, v := range after.Facets.Report {
		if v.Value == "rep-a" {
			t.Errorf("report facet after swap still counts rep-a: %+v", v)
		}
	}
}

func TestFacetCacheConcurrent(t *testing.T) {
	ctx := context.Background()
	plain := newSearcher(t, fixtureReports())
	s := newCachedSearcher(t, fixtureReports(), search.Options{FacetCacheEntries: 3})
	reqs := cacheRequests()
	want := make([]*search.Result, len(reqs))
	for i, req := range reqs {
		r, err := plain.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = withoutTook(r)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8*len(reqs))
	for g := range 8 {
		wg.Go(func() {
			for k := range 4 * len(reqs) {
				i := (g + k) % len(reqs)
				got, err := s.Search(ctx, reqs[i])
				if err != nil {
					errs <- err
					return
				}
				if !reflect.DeepEqual(withoutTook(got), want[i]) {
					errs <- fmt.Errorf("request %d: facets %+v, want %+v", i, got.Facets, want[i].Facets)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if st := s.CacheStats(); st.Entries > 3 || st.Evictions == 0 {
		t.Errorf("stats %+v: want at most 3 entries and evictions", st)
	}
}
