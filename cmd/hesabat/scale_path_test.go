package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// scalePathSizes returns the archive sizes (reports) the whole-path
// benchmark runs: 1 and 100, and 1000 when HESABAT_BENCH_MAX_N allows it
// (make bench sets it), so that growth with N is visible.
func scalePathSizes(b *testing.B) []int {
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

// scalePages are the pages and API calls that show all reports, in the
// order the benchmark first views them; "{agency}" is the agency named by
// the most measures.
var scalePages = []string{
	"/api/agencies", "/api/figures", "/api/charts", "/api/charts/agency-scorecard",
	"/api/figures?unit=percent", "/agencies", "/agencies/{agency}", "/dashboard",
	"/charts/agency-scorecard", "/charts/measures-by-section",
}

// BenchmarkScalePath runs the whole path a user with N reports meets, at
// N = 1, 100 (and 1000 under make bench): "hesabat gen", "hesabat index"
// (wall and CPU time, peak RSS, size on disk), "hesabat serve --index"
// (time to the first answer of /healthz and to its 200), then every
// analytics page and API call once (first view) and again (repeat), the
// largest answer, and the server's peak RSS after a search and analytics
// mix. Metrics are per N; each page's times are logged.
func BenchmarkScalePath(b *testing.B) {
	bin := buildHesabat(b)
	for _, n := range scalePathSizes(b) {
		b.Run("N="+strconv.Itoa(n), func(b *testing.B) {
			tmp := b.TempDir()
			dir, idx := filepath.Join(tmp, "corpus"), filepath.Join(tmp, "index")
			runHesabat(b, bin, "gen", "--n", strconv.Itoa(n), "--seed", "1", "--out", dir)
			for b.Loop() {
				os.RemoveAll(idx)
				wall, cpu, rss := timedRun(b, bin, "index", "--corpus", dir, "--index", idx)
				b.ReportMetric(wall.Seconds(), "index-s")
				b.ReportMetric(cpu.Seconds(), "index-cpu-s")
				b.ReportMetric(float64(rss)/1e6, "index-RSS-MB")
				b.ReportMetric(float64(dirSize(idx))/1e6, "disk-MB")
				scaleServe(b, bin, idx)
			}
		})
	}
}

// timedRun runs the binary to completion and returns its wall time, CPU
// time (user + system) and peak RSS.
func timedRun(b *testing.B, bin string, args ...string) (time.Duration, time.Duration, int64) {
	b.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stderr = &stderr
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("hesabat %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	wall := time.Since(t0)
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if ru == nil {
		return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), 0
	}
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), ru.Maxrss << 10
}

// scaleServe starts "hesabat serve --index idx", measures its start-up,
// views every analytics page twice and drives a search and analytics mix,
// reporting the times, the largest answer and the peak RSS.
func scaleServe(b *testing.B, bin, idx string) {
	addr := freeAddr(b)
	base := "http://" + addr
	cmd := exec.Command(bin, "serve", "--addr", addr, "--index", idx)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Env = append(os.Environ(), "HESABAT_ADMIN_TOKEN=")
	client := &http.Client{Timeout: 2 * time.Minute}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}()
	var first time.Duration
	for {
		resp, err := client.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if first == 0 {
				first = time.Since(start)
			}
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Since(start) > 5*time.Minute {
			b.Fatalf("serve not ready after 5 minutes\n%s", stderr.String())
		}
		time.Sleep(2 * time.Millisecond)
	}
	b.ReportMetric(float64(first.Milliseconds()), "first-healthz-ms")
	b.ReportMetric(float64(time.Since(start).Milliseconds()), "ready-ms")

	var top []struct {
		Agency struct {
			ID string `json:"id"`
		} `json:"agency"`
	}
	if err := getJSONClient(client, base+"/api/agencies?limit=1", &top); err != nil || len(top) == 0 {
		b.Fatalf("top agency: %v", err)
	}
	var worstFirst, worstRepeat time.Duration
	var largest int
	for _, p := range scalePages {
		p = strings.ReplaceAll(p, "{agency}", top[0].Agency.ID)
		d1, size := timedGet(b, client, base+p)
		d2, _ := timedGet(b, client, base+p)
		b.Logf("%-32s first %7.1f ms, repeat %7.1f ms, %8d bytes", p, ms(d1), ms(d2), size)
		worstFirst, worstRepeat, largest = max(worstFirst, d1), max(worstRepeat, d2), max(largest, size)
	}
	b.ReportMetric(ms(worstFirst), "worst-first-ms")
	b.ReportMetric(ms(worstRepeat), "worst-repeat-ms")
	b.ReportMetric(float64(largest)/1e6, "largest-MB")

	// The mix: searches and analytics pages from 4 clients for 5 s.
	mix := []string{"/api/search?q=korrupsiya", "/api/search?q=elektron+xidmetler", "/api/search?q=%22qaynar+x%C9%99tt%22",
		"/dashboard", "/api/figures?unit=count", "/agencies", "/api/search?q=b%C3%BCdc%C9%99&section=1"}
	stop := time.Now().Add(5 * time.Second)
	done := make(chan int)
	for w := range 4 {
		go func() {
			sent := 0
			for i := w; time.Now().Before(stop); i++ {
				if _, err := fetch(client, base+mix[i%len(mix)]); err != nil {
					b.Error(err)
					break
				}
				sent++
			}
			done <- sent
		}()
	}
	total := 0
	for range 4 {
		total += <-done
	}
	rss, err := peakRSS(cmd.Process.Pid)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(rss)/1e6, "serve-peak-RSS-MB")
	b.ReportMetric(float64(total)/5, "mix-req/s")
}

// timedGet GETs u, fails on a status other than 200, and returns the time
// to the last byte and the size of the answer.
func timedGet(b *testing.B, client *http.Client, u string) (time.Duration, int) {
	b.Helper()
	t0 := time.Now()
	n, err := fetch(client, u)
	if err != nil {
		b.Fatal(err)
	}
	return time.Since(t0), n
}

// fetch GETs u and returns the size of a 200 answer.
func fetch(client *http.Client, u string) (int, error) {
	resp, err := client.Get(u)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("GET %s: status %d", u, resp.StatusCode)
	}
	return int(n), nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
