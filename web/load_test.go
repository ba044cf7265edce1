package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/corpus/synth"
	"github.com/hesabat/hesabat/indexer"
)

// loadQueries is the fixed mix of /api/search requests the load harness
// cycles through: plain, phrase, ASCII-typed, inflected, filtered, listing.
var loadQueries = []url.Values{
	{"q": {"korrupsiya"}},
	{"q": {"büdcə"}},
	{"q": {`"qaynar xətt"`}},
	{"q": {"beynelxalq teskilatlarla emekdasliq"}},
	{"q": {"bələdiyyələrin hesabatları"}},
	{"q": {"müraciət"}, "section": {"1"}},
	{"q": {"büdcə"}, "year": {"2021"}},
	{},
}

// envInt returns the integer in environment variable name, or def.
func envInt(tb testing.TB, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		tb.Fatalf("%s=%q: %v", name, s, err)
	}
	return n
}

// envDuration returns the duration in environment variable name, or def.
func envDuration(tb testing.TB, name string, def time.Duration) time.Duration {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		tb.Fatalf("%s=%q: %v", name, s, err)
	}
	return d
}

// scaleReports returns n annotated reports of the scale corpus (seed 1).
func scaleReports(tb testing.TB, n int) []*corpus.Report {
	tb.Helper()
	g, err := synth.Default()
	if err != nil {
		tb.Fatal(err)
	}
	reports, err := g.Reports(context.Background(), n, 1)
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

// newLoadClient returns an HTTP client keeping up to conns idle loopback connections.
func newLoadClient(conns int) *http.Client {
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        conns,
			MaxIdleConnsPerHost: conns,
			DisableCompression:  true,
		},
	}
}

// searchAnswer is the part of an /api/search answer the load checks read.
type searchAnswer struct {
	Total uint64            `json:"total"`
	Hits  []json.RawMessage `json:"hits"`
}

// fetch sends one GET and returns the status and the decoded answer. A body
// that is cut short or is not complete JSON is an error.
func fetch(client *http.Client, u string) (int, searchAnswer, error) {
	var a searchAnswer
	resp, err := client.Get(u)
	if err != nil {
		return 0, a, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, a, fmt.Errorf("read body: %w", err)
	}
	if resp.ContentLength >= 0 && int64(len(body)) != resp.ContentLength {
		return resp.StatusCode, a, fmt.Errorf("body %d bytes, Content-Length %d", len(body), resp.ContentLength)
	}
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, a, fmt.Errorf("status %d: %.200s", resp.StatusCode, body)
	}
	if err := json.Unmarshal(body, &a); err != nil {
		return resp.StatusCode, a, fmt.Errorf("incomplete JSON (%d bytes): %w", len(body), err)
	}
	return resp.StatusCode, a, nil
}

// fetchRaw sends one GET and reads the whole body, checking the status and
// the length as a load generator such as wrk does, without decoding JSON
// (decoding cost the benchmark's client 10 % of the CPU).
func fetchRaw(client *http.Client, u string) error {
	resp, err := client.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return fmt.Errorf("read body: %w", err)
	}
	if resp.ContentLength >= 0 && n != resp.ContentLength {
		return fmt.Errorf("body %d bytes, Content-Length %d", n, resp.ContentLength)
	}
	if resp.StatusCode != http.StatusOK || n == 0 {
		return fmt.Errorf("status %d, %d bytes", resp.StatusCode, n)
	}
	return nil
}

// percentile returns the p-quantile of sorted durations in milliseconds.
func percentile(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	return float64(sorted[int(p*float64(len(sorted)-1))].Microseconds()) / 1000
}

// BenchmarkHTTPSearch measures /api/search over loopback with 8 concurrent
// keep-alive clients (closed loop) at N = 1 report and, with
// HESABAT_BENCH_MAX_N=1000, N = 1000. It reports req/s, p50/p99 latency and
// the CPU time per request of the whole process (server and clients).
// The load generator shares the machine's cores with the server.
func BenchmarkHTTPSearch(b *testing.B) {
	sizes := []int{1}
	if envInt(b, "HESABAT_BENCH_MAX_N", 100) >= 1000 {
		sizes = append(sizes, 1000)
	}
	for _, n := range sizes {
		ts, _ := newTestServer(b, scaleReports(b, n), "")
		urls := make([]string, len(loadQueries))
		for i, q := range loadQueries {
			urls[i] = ts.URL + "/api/search?" + q.Encode()
		}
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			const conns = 8
			client := newLoadClient(conns)
			defer client.CloseIdleConnections()
			var (
				mu   sync.Mutex
				lat  []time.Duration
				next atomic.Int64
				errs atomic.Int64
			)
			b.SetParallelism(conns / 2) // GOMAXPROCS is 2 on the reference machine
			cpu0 := cpuTime(b)
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				mine := make([]time.Duration, 0, 1024)
				for pb.Next() {
					u := urls[int(next.Add(1))%len(urls)]
					t0 := time.Now()
					if err := fetchRaw(client, u); err != nil {
						errs.Add(1)
					}
					mine = append(mine, time.Since(t0))
				}
				mu.Lock()
				lat = append(lat, mine...)
				mu.Unlock()
			})
			elapsed := time.Since(start)
			cpu := cpuTime(b) - cpu0
			if e := errs.Load(); e > 0 {
				b.Fatalf("%d of %d requests failed", e, len(lat))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
			b.ReportMetric(percentile(lat, 0.50), "p50-ms")
			b.ReportMetric(percentile(lat, 0.99), "p99-ms")
			// CPU per request (server and load generator together) is steadier
			// than req/s on a shared machine: 2 cores / cpu-us/req bounds req/s.
			b.ReportMetric(float64(cpu.Microseconds())/float64(len(lat)), "cpu-us/req")
		})
	}
}

// cpuTime returns the CPU time (user + system) this process has used.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadStats summarises a fixed-rate run.
type loadStats struct {
	sent, ok, failed int
	// dropped counts requests not sent because maxInFlight were outstanding.
	dropped      int
	lat          []time.Duration
	elapsed, lag time.Duration
	errs         []string
}

// fixedRate sends rate×d GETs to urls (cycled), request i scheduled at
// start + i/rate (an open-loop pacer: a slow answer does not delay the next
// request), with at most maxInFlight outstanding; a request that finds
// maxInFlight outstanding is not sent but counted as dropped (the server is
// slower than the rate). Each answer is checked with check. lag is how far behind its schedule the latest request was sent.
func fixedRate(client *http.Client, urls []string, rate int, d time.Duration, maxInFlight int,
	check func(i int, a searchAnswer) error) *loadStats {
	st := &loadStats{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, maxInFlight)
	total := int(float64(rate) * d.Seconds())
	interval := time.Second / time.Duration(rate)
	start := time.Now()
	for i := range total {
		at := start.Add(time.Duration(i) * interval)
		if wait := time.Until(at); wait > 0 {
			time.Sleep(wait)
		} else {
			st.lag = max(st.lag, -wait)
		}
		select {
		case sem <- struct{}{}:
		default:
			mu.Lock()
			st.dropped++
			mu.Unlock()
			continue
		}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			t0 := time.Now()
			_, a, err := fetch(client, urls[i%len(urls)])
			if err == nil {
				err = check(i%len(urls), a)
			}
			took := time.Since(t0)
			mu.Lock()
			defer mu.Unlock()
			st.sent++
			st.lat = append(st.lat, took)
			if err != nil {
				st.failed++
				if len(st.errs) < 10 {
					st.errs = append(st.errs, err.Error())
				}
				return
			}
			st.ok++
		}(i)
	}
	wg.Wait()
	st.elapsed = time.Since(start)
	slices.Sort(st.lat)
	return st
}

// TestLoadDuringReindex sends /api/search at a fixed rate over loopback while
// the index is rebuilt from scratch and swapped in, again and again. Every
// response must be a 200 with complete JSON and the same total as before the
// load: a swap may never show a half-built or closed index.
//
// By default it runs 3 s at 100 req/s over 2 reports; "make load" runs
// 30 s at 100 req/s over 5 reports (see docs/benchmarks/reliability.md).
func TestLoadDuringReindex(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	d := envDuration(t, "HESABAT_LOAD_DURATION", 3*time.Second)
	rate := envInt(t, "HESABAT_LOAD_RATE", 100)
	n := envInt(t, "HESABAT_LOAD_N", 2)
	reports := scaleReports(t, n)
	ts, s := newTestServer(t, reports, "")
	urls := make([]string, len(loadQueries))
	want := make([]uint64, len(loadQueries))
	client := newLoadClient(64)
	defer client.CloseIdleConnections()
	for i, q := range loadQueries {
		urls[i] = ts.URL + "/api/search?" + q.Encode()
		_, a, err := fetch(client, urls[i])
		if err != nil {
			t.Fatalf("%s: %v", urls[i], err)
		}
		if a.Total == 0 {
			t.Fatalf("%s: no hits before the load", urls[i])
		}
		want[i] = a.Total
	}

	ctx, cancel := context.WithCancel(context.Background())
	var swaps atomic.Int64
	swapErr := make(chan error, 1)
	go func() {
		defer close(swapErr)
		for ctx.Err() == nil {
			idx, err := indexer.Build(ctx, "", reports)
			if err != nil {
				if ctx.Err() == nil {
					swapErr <- err
				}
				return
			}
			if err := s.Swap(idx, reports); err != nil {
				swapErr <- err
				return
			}
			swaps.Add(1)
		}
	}()
	st := fixedRate(client, urls, rate, d, 256, func(i int, a searchAnswer) error {
		if a.Total != want[i] {
			return fmt.Errorf("%s: total %d, want %d", urls[i], a.Total, want[i])
		}
		if wantHits := min(int(want[i]), 10); len(a.Hits) != wantHits {
			return fmt.Errorf("%s: %d hits, want %d", urls[i], len(a.Hits), wantHits)
		}
		return nil
	})
	cancel()
	if err := <-swapErr; err != nil {
		t.Fatalf("re-index: %v", err)
	}
	t.Logf("load during re-index: %d reports, %v at %d req/s: sent %d, ok %d, failed %d, dropped %d, swaps %d, achieved %.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, pacer lag %v",
		n, d, rate, st.sent, st.ok, st.failed, st.dropped, swaps.Load(), float64(st.sent)/st.elapsed.Seconds(),
		percentile(st.lat, 0.5), percentile(st.lat, 0.99), percentile(st.lat, 1), st.lag.Round(time.Millisecond))
	if st.failed > 0 {
		t.Errorf("%d of %d requests failed; first errors: %q", st.failed, st.sent, st.errs)
	}
	if swaps.Load() == 0 {
		t.Error("the index was never swapped during the load")
	}
	planned := int(float64(rate) * d.Seconds())
	if st.sent+st.dropped != planned {
		t.Errorf("sent %d and dropped %d requests, want %d in all", st.sent, st.dropped, planned)
	}
	// Drops mean the machine could not keep up with the rate (the figures
	// say so); a run that sent less than half its requests measured nothing.
	if st.sent < planned/2 {
		t.Errorf("sent only %d of %d requests; lower HESABAT_LOAD_RATE", st.sent, planned)
	}
}
