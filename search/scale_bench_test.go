package search_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/corpus/synth"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/indexer/indextest"
	"github.com/hesabat/hesabat/search"
)

// benchSeed is the seed of every scale corpus the benchmarks build.
const benchSeed = 1

// scaleSizes returns the corpus sizes (reports) to benchmark: 1 and 100, and
// 1000 only when HESABAT_BENCH_MAX_N allows it (make bench sets it to 1000),
// so a plain "go test -bench" stays short.
func scaleSizes(b *testing.B) []int {
	max := 100
	if s := os.Getenv("HESABAT_BENCH_MAX_N"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("HESABAT_BENCH_MAX_N=%q: %v", s, err)
		}
		max = n
	}
	var out []int
	for _, n := range []int{1, 100, 1000} {
		if n <= max {
			out = append(out, n)
		}
	}
	return out
}

// scaleReports returns n annotated reports of the scale corpus (seed benchSeed).
func scaleReports(tb testing.TB, n int) []*corpus.Report {
	tb.Helper()
	g, err := synth.New(corpus.DefaultName, []byte(corpus.DefaultText()))
	if err != nil {
		tb.Fatal(err)
	}
	reports, err := g.Reports(context.Background(), n, benchSeed)
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range reports {
		if err := analytics.Annotate(r); err != nil {
			tb.Fatal(err)
		}
	}
	return reports
}

// queryMix is the fixed mix of requests the latency benchmarks cycle through:
// plain words, phrases, ASCII-typed and inflected queries, with and without
// facet filters. Every request counts the facets it does not filter on; a
// filtered facet costs one more query (multi-select counts).
func queryMix() map[string][]search.Request {
	plain := []search.Request{
		{Query: "korrupsiya"},
		{Query: "büdcə"},
		{Query: "müraciət"},
		{Query: "MONEYVAL"},
		{Query: "qht"},
	}
	phrase := []search.Request{
		{Query: `"qaynar xətt"`},
		{Query: `"elektron xidmətlər"`},
		{Query: `"İnformasiya əldə etmək haqqında"`},
	}
	ascii := []search.Request{
		{Query: "beynelxalq teskilatlarla emekdasliq"},
		{Query: "elektron xidmetler"},
		{Query: "hesablama palatasi"},
	}
	inflected := []search.Request{
		{Query: "bələdiyyələrin hesabatları"},
		{Query: "müraciətlərin"},
		{Query: "dövlət müəssisələrinin maliyyə hesabatları"},
	}
	filtered := []search.Request{
		{Query: "korrupsiya", Sections: []int{1}},
		{Query: "büdcə", Years: []int{2021}},
		{Query: "elektron xidmetler", Statuses: []corpus.Status{corpus.StatusCompleted, corpus.StatusInProgress}},
		{Query: "", Sections: []int{2, 4}, Years: []int{2020}},
		{Query: "müraciət", Sections: []int{1}, Statuses: []corpus.Status{corpus.StatusInProgress, corpus.StatusCompleted}},
	}
	all := slices.Concat(plain, phrase, ascii, inflected, filtered, []search.Request{{Query: ""}})
	return map[string][]search.Request{
		"plain":     plain,
		"phrase":    phrase,
		"ascii":     ascii,
		"inflected": inflected,
		"filtered":  filtered,
		"mix":       all,
	}
}

// reportLatencies sorts lat and reports its median, p95 and p99 in ms.
func reportLatencies(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	q := func(p float64) float64 {
		i := int(p * float64(len(lat)-1))
		return float64(lat[i].Microseconds()) / 1000
	}
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.95), "p95-ms")
	b.ReportMetric(q(0.99), "p99-ms")
}

// cpuTime returns the CPU time (user + system) this process has used. On a
// shared machine CPU per query is steadier than wall-clock latency.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// scaleSearcher returns a Searcher over n reports of the scale corpus,
// from an in-memory index ("hesabat serve" of the embedded report or of
// --corpus DIR) or, with disk, from a persistent index ("hesabat index",
// then "hesabat serve --index"), its reports read back from the index.
func scaleSearcher(b *testing.B, n int, disk bool) *search.Searcher {
	ctx := context.Background()
	reports := scaleReports(b, n)
	if !disk {
		idx, err := indexer.Build(ctx, "", reports)
		if err != nil {
			b.Fatal(err)
		}
		return search.New(idx, reports)
	}
	idx, _ := indextest.Reopened(b, reports)
	s, err := search.Open(ctx, idx)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkSearchScale measures the latency of the query mix at N = 1, 100
// (and 1000 with HESABAT_BENCH_MAX_N=1000) reports, facets counted, over an
// in-memory index and (N > 1) a persistent one: sub-benchmarks
// N=…/memory|disk/mix|plain|…, each index built only when a sub-benchmark
// of it runs. Each reports p50/p95/p99 in milliseconds and CPU per query.
// mix-cold is the mix with the impact cache emptied before every search
// (every postings list decoded again).
func BenchmarkSearchScale(b *testing.B) {
	ctx := context.Background()
	for _, n := range scaleSizes(b) {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			for _, disk := range []bool{false, true} {
				if disk && n == 1 {
					continue
				}
				name := "memory"
				if disk {
					name = "disk"
				}
				b.Run(name, func(b *testing.B) {
					s := scaleSearcher(b, n, disk)
					defer func() {
						if err := s.Close(); err != nil {
							b.Fatal(err)
						}
					}()
					mix := queryMix()
					mix["mix-cold"] = mix["mix"]
					for _, kind := range []string{"mix", "mix-cold", "plain", "phrase", "ascii", "inflected", "filtered"} {
						reqs := mix[kind]
						cold := kind == "mix-cold"
						b.Run(kind, func(b *testing.B) {
							lat := make([]time.Duration, 0, 1024)
							i := 0
							cpu0 := cpuTime(b)
							for b.Loop() {
								if cold {
									search.ForgetImpacts(s)
								}
								t0 := time.Now()
								res, err := s.Search(ctx, reqs[i%len(reqs)])
								lat = append(lat, time.Since(t0))
								if err != nil {
									b.Fatal(err)
								}
								if res.Total == 0 && reqs[i%len(reqs)].Query == "" {
									b.Fatal("empty query matched nothing")
								}
								i++
							}
							b.ReportMetric(float64((cpuTime(b)-cpu0).Microseconds())/float64(len(lat)), "cpu-us/op")
							reportLatencies(b, lat)
						})
					}
				})
			}
		})
	}
}

// TestQueryMixMatches guards the benchmark: every query of the mix finds
// something in the shipped report, so the latencies measure real work.
func TestQueryMixMatches(t *testing.T) {
	ctx := context.Background()
	reports := scaleReports(t, 1)
	idx, err := indexer.Build(ctx, "", reports)
	if err != nil {
		t.Fatal(err)
	}
	s := search.New(idx, reports)
	defer s.Close()
	for _, req := range queryMix()["mix"] {
		t.Run(fmt.Sprintf("%q/%v/%v/%v", req.Query, req.Sections, req.Years, req.Statuses), func(t *testing.T) {
			res, err := s.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total == 0 {
				t.Errorf("no hits for %+v", req)
			}
		})
	}
}
