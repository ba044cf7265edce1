package search_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search"
)

// BenchmarkSearchScaleWarm is BenchmarkSearchScale's mix with the facet
// cache on and already filled by one pass of the mix: every request still
// runs its query and makes its hits, but takes its facet counts from the
// cache. These are WARM figures, for repeated requests only; the cold
// figures (every facet counted) are BenchmarkSearchScale's.
func BenchmarkSearchScaleWarm(b *testing.B) {
	ctx := context.Background()
	for _, n := range scaleSizes(b) {
		reports := scaleReports(b, n)
		idx, err := indexer.Build(ctx, "", reports)
		if err != nil {
			b.Fatal(err)
		}
		s := search.NewWithOptions(idx, reports, search.Options{FacetCacheEntries: 256})
		reqs := queryMix()["mix"]
		for _, req := range reqs {
			if _, err := s.Search(ctx, req); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprintf("N=%d/mix", n), func(b *testing.B) {
			lat := make([]time.Duration, 0, 1024)
			i := 0
			hits0 := s.CacheStats().Hits
			cpu0 := cpuTime(b)
			for b.Loop() {
				t0 := time.Now()
				_, err := s.Search(ctx, reqs[i%len(reqs)])
				lat = append(lat, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64((cpuTime(b)-cpu0).Microseconds())/float64(len(lat)), "cpu-us/op")
			reportLatencies(b, lat)
			if st := s.CacheStats(); st.Hits == hits0 {
				b.Fatalf("no cache hits: %+v", st)
			}
		})
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
