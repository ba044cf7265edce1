// Command serveload drives "hesabat serve" over HTTP as shipped (its own
// memory limit unless -gomemlimit sets GOMEMLIMIT): a cold pass and warm
// passes of a query mix, each query plain, with a section filter and with
// status and year filters, facets counted as the API always does (p50,
// p95, the server's CPU per search from /proc, garbage collections from
// GODEBUG=gctrace=1), then 8 clients for a while (req/s, peak RSS), then
// two search clients and one on the analytics pages (peak RSS).
// BENCHMARKS.md ("Serving as shipped") has the figures and commands.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	bin := flag.String("bin", "", "hesabat binary")
	idx := flag.String("index", "", "index")
	memlimit := flag.String("gomemlimit", "", "GOMEMLIMIT for the server (empty: unset)")
	extra := flag.String("args", "", "extra serve args")
	queries := flag.String("queries", "/work/shared/eval/dev-queries.tsv", "queries tsv")
	warm := flag.Int("warm", 5, "warm passes")
	clients := flag.Int("clients", 8, "clients")
	dur := flag.Duration("dur", 10*time.Second, "throughput duration")
	analytics := flag.Bool("analytics", true, "run the search+analytics phase")
	flag.Parse()
	mix := loadMix(*queries)
	cmd, base, gcs, t0 := startServer(*bin, *idx, *memlimit, *extra)
	defer cmd.Process.Kill()
	pid := cmd.Process.Pid
	fmt.Printf("gomemlimit=%q ready in %v, RSS %.1f MB\n", *memlimit, time.Since(t0).Round(time.Millisecond), float64(status(pid, "VmRSS:"))/1024)
	client := &http.Client{Timeout: 300 * time.Second}
	get := func(c *http.Client, u string) time.Duration { return get(c, base+u) }
	pass := func() []time.Duration {
		var out []time.Duration
		for _, u := range mix {
			out = append(out, get(client, u))
		}
		return out
	}
	cpu0, gc0 := cpuTime(pid), gcs.Load()
	cold := pass()
	cpu1, gc1 := cpuTime(pid), gcs.Load()
	fmt.Printf("cold  (%d searches): p50 %s p95 %s max %s; CPU %.2f ms/search; %d GCs\n", len(cold), pct(cold, 50), pct(cold, 95), pct(cold, 100),
		(cpu1-cpu0).Seconds()*1000/float64(len(cold)), gc1-gc0)
	var warmD []time.Duration
	for range *warm {
		warmD = append(warmD, pass()...)
	}
	cpu2, gc2 := cpuTime(pid), gcs.Load()
	fmt.Printf("warm  (%d searches): p50 %s p95 %s p99 %s; CPU %.2f ms/search; %d GCs\n", len(warmD), pct(warmD, 50), pct(warmD, 95), pct(warmD, 99),
		(cpu2-cpu1).Seconds()*1000/float64(len(warmD)), gc2-gc1)
	run := func(n int, d time.Duration, urls func(w, i int) string) (int64, []time.Duration) {
		return runClients(base, n, d, urls)
	}
	cpu3 := cpuTime(pid)
	t1 := time.Now()
	n, lat := run(*clients, *dur, func(w, i int) string { return mix[(w*7+i)%len(mix)] })
	el := time.Since(t1)
	fmt.Printf("load  %d clients %v: %.0f req/s, p50 %s p95 %s p99 %s, CPU %.2f ms/search; peak RSS %.1f MB\n", *clients, *dur,
		float64(n)/el.Seconds(), pct(lat, 50), pct(lat, 95), pct(lat, 99), (cpuTime(pid)-cpu3).Seconds()*1000/float64(n), float64(status(pid, "VmHWM:"))/1024)
	if *analytics {
		pages := []string{"/dashboard", "/agencies", "/charts/measures-by-section", "/api/charts/status-by-section", "/?q=korrupsiya"}
		t2 := time.Now()
		n, lat := run(3, *dur, func(w, i int) string {
			if w == 0 {
				return pages[i%len(pages)]
			}
			return mix[(w*11+i)%len(mix)]
		})
		fmt.Printf("mix   2 search + 1 analytics client %v: %d requests in %v, p95 %s; peak RSS %.1f MB (RssAnon %d kB, RssFile %d kB)\n", *dur, n, time.Since(t2).Round(time.Millisecond), pct(lat, 95),
			float64(status(pid, "VmHWM:"))/1024, status(pid, "RssAnon:"), status(pid, "RssFile:"))
	}
	fmt.Printf("GCs in all: %d\n", gcs.Load())
}

// runClients runs n concurrent clients against base for d, client w asking
// for urls(w, i) on its i-th request, and returns the request count and latencies.
func runClients(base string, n int, d time.Duration, urls func(w, i int) string) (int64, []time.Duration) {
	var total atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	stop := time.Now().Add(d)
	var wg sync.WaitGroup
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &http.Client{Timeout: 300 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
			var mine []time.Duration
			for i := 0; time.Now().Before(stop); i++ {
				mine = append(mine, get(c, base+urls(w, i)))
				total.Add(1)
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return total.Load(), lat
}

func pct(d []time.Duration, p int) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := (len(s)*p + 99) / 100
	if i > 0 {
		i--
	}
	return s[i].Round(10 * time.Microsecond)
}

func status(pid int, key string) int64 {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, key); ok {
			n, _ := strconv.ParseInt(strings.Fields(v)[0], 10, 64)
			return n
		}
	}
	return 0
}

func cpuTime(pid int) time.Duration {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	i := bytes.LastIndexByte(b, ')')
	f := strings.Fields(string(b[i+2:]))
	u, _ := strconv.ParseInt(f[11], 10, 64)
	s, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+s) * 10 * time.Millisecond
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// loadMix reads the queries of a TSV file (id, query) and returns the
// search URLs of the mix: each query plain, with a section filter, and
// with status and year filters.
func loadMix(path string) []string {
	var qs []string
	f, err := os.ReadFile(path)
	must(err)
	for _, l := range strings.Split(string(f), "\n") {
		if _, q, ok := strings.Cut(l, "\t"); ok && q != "" {
			qs = append(qs, q)
		}
	}
	var mix []string
	for i, q := range qs {
		e := url.QueryEscape(q)
		mix = append(mix, "/api/search?q="+e)
		mix = append(mix, fmt.Sprintf("/api/search?q=%s&section=%d", e, 1+i%9))
		mix = append(mix, "/api/search?q="+e+"&status=in_progress&year=2021")
	}
	return mix
}

// startServer starts "bin serve" on a free port with GOMEMLIMIT memlimit
// (none when empty) and garbage collections counted, and waits until it
// answers /healthz.
func startServer(bin, idx, memlimit, extra string) (*exec.Cmd, string, *atomic.Int64, time.Time) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	must(err)
	addr := l.Addr().String()
	l.Close()
	args := []string{"serve", "--addr", addr}
	if idx != "" {
		args = append(args, "--index", idx)
	}
	if extra != "" {
		args = append(args, strings.Fields(extra)...)
	}
	cmd := exec.Command(bin, args...)
	env := []string{"GODEBUG=gctrace=1"}
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "GOMEMLIMIT=") && !strings.HasPrefix(e, "GODEBUG=") && !strings.HasPrefix(e, "HESABAT_MEMORY_LIMIT=") {
			env = append(env, e)
		}
	}
	if memlimit != "" {
		env = append(env, "GOMEMLIMIT="+memlimit)
	}
	cmd.Env = env
	var gcs atomic.Int64
	stderr, err := cmd.StderrPipe()
	must(err)
	must(cmd.Start())
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "gc ") {
				gcs.Add(1)
			}
		}
	}()
	base := "http://" + addr
	client := &http.Client{Timeout: 300 * time.Second}
	t0 := time.Now()
	for {
		resp, err := client.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Since(t0) > 10*time.Minute {
			panic("not ready")
		}
		time.Sleep(20 * time.Millisecond)
	}
	return cmd, base, &gcs, t0
}

// get GETs u with c, reads the answer and returns how long it took; any
// answer but 200 stops the run.
func get(c *http.Client, u string) time.Duration {
	s := time.Now()
	resp, err := c.Get(u)
	must(err)
	_, err = io.Copy(io.Discard, resp.Body)
	must(err)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		panic(fmt.Sprintf("GET %s: %d", u, resp.StatusCode))
	}
	return time.Since(s)
}
