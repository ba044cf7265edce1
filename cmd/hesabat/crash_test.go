package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search"
	"github.com/hesabat/hesabat/web"
)

// buildHesabat compiles the hesabat binary into a temporary directory.
func buildHesabat(tb testing.TB) string {
	tb.Helper()
	bin := filepath.Join(tb.TempDir(), "hesabat")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		tb.Fatalf("go build: %v", err)
	}
	return bin
}

// runHesabat runs the binary to completion and fails the test if it fails.
func runHesabat(tb testing.TB, bin string, args ...string) {
	tb.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		tb.Fatalf("hesabat %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
}

// corpusIDs returns the IDs of every measure of the reports in dir, as the
// real loader reads them.
func corpusIDs(tb testing.TB, dir string) []string {
	tb.Helper()
	reports, err := corpus.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var ids []string
	for _, r := range reports {
		for i := range r.Measures {
			ids = append(ids, r.Measures[i].ID())
		}
	}
	slices.Sort(ids)
	return ids
}

// indexIDs opens the index at path as a server would and returns the IDs of
// all its documents, sorted (duplicates kept).
func indexIDs(tb testing.TB, path string) []string {
	tb.Helper()
	idx, err := indexer.Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("open index after crash: %v", err)
	}
	defer idx.Close()
	n, err := idx.Bleve().DocCount()
	if err != nil {
		tb.Fatal(err)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), int(n)+10, 0, false)
	res, err := idx.Bleve().SearchInContext(context.Background(), req)
	if err != nil {
		tb.Fatal(err)
	}
	ids := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	if uint64(len(ids)) != n {
		tb.Errorf("index holds %d documents but a match-all search returned %d", n, len(ids))
	}
	return ids
}

// sameIDs reports how got differs from want: missing, duplicated, unexpected.
func sameIDs(got, want []string) error {
	count := map[string]int{}
	for _, id := range got {
		count[id]++
	}
	var missing, dup []string
	for _, id := range want {
		switch count[id] {
		case 0:
			missing = append(missing, id)
		case 1:
		default:
			dup = append(dup, id)
		}
		delete(count, id)
	}
	if len(missing)+len(dup)+len(count) == 0 {
		return nil
	}
	extra := make([]string, 0, len(count))
	for id := range count {
		extra = append(extra, id)
	}
	return fmt.Errorf("%d missing (e.g. %.3q), %d duplicated (e.g. %.3q), %d unexpected (e.g. %.3q)",
		len(missing), missing, len(dup), dup, len(extra), extra)
}

// generations returns the generation directories under an index path.
func generations(tb testing.TB, path string) []string {
	tb.Helper()
	entries, err := os.ReadDir(path)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), indexer.GenerationPrefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestCrashDuringReindex builds a persistent index with the real binary,
// starts a re-index of a larger corpus, SIGKILLs it mid-build (at several
// points), and proves after each kill that the index still opens and holds
// the previous complete corpus: every measure present once, none lost, none
// duplicated. A final re-index then completes, the server is started on the
// index, and every measure of the new corpus is served exactly once.
func TestCrashDuringReindex(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and indexes thousands of measures")
	}
	bin := buildHesabat(t)
	tmp := t.TempDir()
	small, large, idx := filepath.Join(tmp, "small"), filepath.Join(tmp, "large"), filepath.Join(tmp, "index")
	runHesabat(t, bin, "gen", "--n", "3", "--seed", "11", "--out", small)
	runHesabat(t, bin, "gen", "--n", "40", "--seed", "12", "--out", large)
	smallIDs, largeIDs := corpusIDs(t, small), corpusIDs(t, large)

	runHesabat(t, bin, "index", "--corpus", small, "--index", idx)
	if err := sameIDs(indexIDs(t, idx), smallIDs); err != nil {
		t.Fatalf("after the first index: %v", err)
	}
	killed := 0
	for _, point := range []struct {
		name string
		// ready says whether to kill, given the bytes the new generation holds.
		ready func(bytes int64) bool
	}{
		{"as soon as the new generation directory exists", func(int64) bool { return true }},
		{"once the new generation has files on disk", func(b int64) bool { return b > 0 }},
		{"once the new generation holds over 1 MB", func(b int64) bool { return b > 1<<20 }},
	} {
		t.Run("kill "+point.name, func(t *testing.T) {
			before := generations(t, idx)
			var stderr bytes.Buffer
			cmd := exec.Command(bin, "index", "--corpus", large, "--index", idx)
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			// Wait for the build's generation directory to reach the kill point.
			deadline := time.Now().Add(2 * time.Minute)
		wait:
			for {
				for _, g := range generations(t, idx) {
					if !slices.Contains(before, g) && point.ready(dirBytes(filepath.Join(idx, g))) {
						break wait
					}
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					<-done
					t.Fatalf("kill point not reached in 2 minutes; stderr:\n%s", stderr.String())
				}
				select {
				case err := <-done:
					done <- err // the build finished first: checked below
					break wait
				case <-time.After(time.Millisecond):
				}
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
				t.Fatal(err)
			}
			err := <-done
			var ee *exec.ExitError
			switch {
			case errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signaled():
				killed++
				var orphan int64
				for _, g := range generations(t, idx) {
					if !slices.Contains(before, g) {
						orphan += dirBytes(filepath.Join(idx, g))
					}
				}
				t.Logf("killed mid re-index; the unfinished generations hold %d bytes", orphan)
				if err := sameIDs(indexIDs(t, idx), smallIDs); err != nil {
					t.Fatalf("after SIGKILL mid re-index the index is not the previous one: %v", err)
				}
			case err == nil:
				// The build finished before the kill landed: the new corpus must be complete.
				t.Logf("re-index finished before the kill")
				if err := sameIDs(indexIDs(t, idx), largeIDs); err != nil {
					t.Fatalf("after a finished re-index: %v", err)
				}
			default:
				t.Fatalf("index: %v\n%s", err, stderr.String())
			}
		})
	}
	if killed == 0 {
		t.Fatal("no kill landed mid re-index; the test proved nothing")
	}

	// Restart: a re-index completes, cleans up orphans, and the server serves it.
	runHesabat(t, bin, "index", "--corpus", large, "--index", idx)
	if err := sameIDs(indexIDs(t, idx), largeIDs); err != nil {
		t.Fatalf("after the final re-index: %v", err)
	}
	if g := generations(t, idx); len(g) > 2 {
		t.Errorf("%d generation directories left after a successful re-index, want at most 2: %q", len(g), g)
	}
	srv := startServe(t, bin, "--index", idx, "--corpus", large)
	defer srv.stop(t)
	if err := sameIDs(servedIDs(t, srv.url), largeIDs); err != nil {
		t.Fatalf("served after restart: %v", err)
	}
}

// dirBytes returns the bytes of the regular files under dir.
func dirBytes(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// server is a running "hesabat serve" process.
type server struct {
	cmd    *exec.Cmd
	url    string
	stderr *bytes.Buffer
	done   chan error
	ready  time.Duration
}

// freeAddr returns a loopback address with a port free at the time of the call.
func freeAddr(tb testing.TB) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// startServe starts "hesabat serve" on a free loopback port with extra
// arguments and waits until /healthz answers 200. ready is the time from
// starting the process to the first 200.
func startServe(tb testing.TB, bin string, args ...string) *server {
	tb.Helper()
	return startServeEnv(tb, bin, nil, args...)
}

// startServeEnv is startServe with extra environment variables.
func startServeEnv(tb testing.TB, bin string, env []string, args ...string) *server {
	tb.Helper()
	addr := freeAddr(tb)
	s := &server{url: "http://" + addr, stderr: &bytes.Buffer{}, done: make(chan error, 1)}
	s.cmd = exec.Command(bin, append([]string{"serve", "--addr", addr}, args...)...)
	s.cmd.Stderr = s.stderr
	s.cmd.Env = append(append(os.Environ(), "HESABAT_ADMIN_TOKEN="), env...)
	client := &http.Client{Timeout: time.Second}
	start := time.Now()
	if err := s.cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	go func() { s.done <- s.cmd.Wait() }()
	deadline := start.Add(5 * time.Minute)
	for {
		resp, err := client.Get(s.url + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				s.ready = time.Since(start)
				return s
			}
		}
		select {
		case err := <-s.done:
			tb.Fatalf("serve exited before it was ready: %v\n%s", err, s.stderr.String())
		case <-time.After(time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.cmd.Process.Kill()
			tb.Fatalf("serve not ready after 5 minutes\n%s", s.stderr.String())
		}
	}
}

// stop sends SIGTERM and waits for a graceful exit.
func (s *server) stop(tb testing.TB) {
	tb.Helper()
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		if err != nil {
			tb.Errorf("serve did not exit cleanly on SIGTERM: %v\n%s", err, s.stderr.String())
		}
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		tb.Errorf("serve did not exit within 30 s of SIGTERM")
	}
}

// servedIDs pages through /api/search with an empty query (every measure)
// and returns the IDs of all hits, sorted (duplicates kept).
func servedIDs(tb testing.TB, base string) []string {
	tb.Helper()
	var ids []string
	for from := 0; ; from += 100 {
		var page struct {
			Total int `json:"total"`
			Hits  []struct {
				ID string `json:"id"`
			} `json:"hits"`
		}
		u := fmt.Sprintf("%s/api/search?size=100&from=%d", base, from)
		if err := getJSON(u, &page); err != nil {
			tb.Fatal(err)
		}
		for _, h := range page.Hits {
			ids = append(ids, h.ID)
		}
		if len(page.Hits) == 0 || from+100 >= page.Total {
			if len(ids) != page.Total {
				tb.Errorf("paged %d hits, total says %d", len(ids), page.Total)
			}
			break
		}
	}
	slices.Sort(ids)
	return ids
}

// peakRSS returns the peak resident set size (VmHWM) of process pid in bytes.
func peakRSS(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return 0, err
			}
			return kb << 10, nil
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, errors.New("no VmHWM in /proc status")
}

// getJSON GETs u and decodes a 200 answer into v.
func getJSON(u string, v any) error {
	return getJSONClient(&http.Client{Timeout: 30 * time.Second}, u, v)
}

// BenchmarkStartup measures "hesabat serve" with the embedded report from
// process start to the first 200 from /healthz: parse, annotate, index and
// listen. ns/op is the start-up time; ready-ms repeats it in milliseconds,
// cpu-ms is the CPU the server used until then (steadier on a shared
// machine) and RSS-MB is the peak resident set at that point.
func BenchmarkStartup(b *testing.B) {
	bin := buildHesabat(b)
	var ready, cpu time.Duration
	var rss int64
	iters := 0
	for b.Loop() {
		srv := startServe(b, bin)
		ready += srv.ready
		iters++
		b.StopTimer()
		if n, err := peakRSS(srv.cmd.Process.Pid); err == nil {
			rss = max(rss, n)
		}
		if c, err := processCPU(srv.cmd.Process.Pid); err == nil {
			cpu += c
		}
		srv.stop(b)
		b.StartTimer()
	}
	b.ReportMetric(float64(ready.Microseconds())/1000/float64(iters), "ready-ms")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(iters), "cpu-ms")
	b.ReportMetric(float64(rss)/1e6, "RSS-MB")
}

// processCPU returns the CPU time (user + system) process pid has used so
// far, from /proc/PID/stat (in clock ticks of 10 ms).
func processCPU(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) is in parentheses and may hold spaces.
	rest := string(data[bytes.LastIndexByte(data, ')')+2:])
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0, fmt.Errorf("short /proc/%d/stat", pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, err
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}

// BenchmarkServeRSS serves a persistent index of N = 1000 scale-corpus
// reports (64,000 measures; "hesabat serve --index" alone, with the reports
// stored in the index), drives /api/search with 8 clients for 10 s and
// reports the server's peak RSS (VmHWM from /proc) and its start-up time on
// that index. It runs only with HESABAT_BENCH_MAX_N=1000 (make bench).
func BenchmarkServeRSS(b *testing.B) {
	n := 1000
	if s := os.Getenv("HESABAT_BENCH_MAX_N"); s == "" {
		b.Skip("set HESABAT_BENCH_MAX_N=1000 to serve 1000 reports")
	} else if m, err := strconv.Atoi(s); err != nil || m < n {
		b.Skipf("HESABAT_BENCH_MAX_N=%s < %d", s, n)
	}
	bin := buildHesabat(b)
	tmp := b.TempDir()
	dir, idx := filepath.Join(tmp, "corpus"), filepath.Join(tmp, "index")
	runHesabat(b, bin, "gen", "--n", strconv.Itoa(n), "--seed", "1", "--out", dir)
	t0 := time.Now()
	runHesabat(b, bin, "index", "--corpus", dir, "--index", idx)
	b.Logf("hesabat index of %d reports: %v", n, time.Since(t0))
	for b.Loop() {
		srv := startServe(b, bin, "--index", idx)
		b.ReportMetric(float64(srv.ready.Milliseconds()), "ready-ms")
		queries := []string{"korrupsiya", "b%C3%BCdc%C9%99", "%22qaynar+x%C9%99tt%22", "elektron+xidmetler", "m%C3%BCraci%C9%99t&section=1", ""}
		stopAt := time.Now().Add(10 * time.Second)
		errc := make(chan error, 8)
		reqs := make(chan int, 8)
		for w := range 8 {
			go func() {
				client := &http.Client{Timeout: 30 * time.Second}
				sent := 0
				for i := w; time.Now().Before(stopAt); i++ {
					var page struct {
						Total int `json:"total"`
					}
					if err := getJSONClient(client, srv.url+"/api/search?q="+queries[i%len(queries)], &page); err != nil {
						errc <- err
						reqs <- sent
						return
					}
					sent++
				}
				errc <- nil
				reqs <- sent
			}()
		}
		total := 0
		for range 8 {
			if err := <-errc; err != nil {
				b.Error(err)
			}
			total += <-reqs
		}
		rss, err := peakRSS(srv.cmd.Process.Pid)
		if err != nil {
			b.Fatal(err)
		}
		if status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", srv.cmd.Process.Pid)); err == nil {
			for _, l := range strings.Split(string(status), "\n") {
				if strings.HasPrefix(l, "RssAnon:") || strings.HasPrefix(l, "RssFile:") {
					b.Logf("at the end of the load: %s", strings.Join(strings.Fields(l), " "))
				}
			}
		}
		srv.stop(b)
		b.ReportMetric(float64(rss)/1e6, "peak-RSS-MB")
		b.ReportMetric(float64(total)/10, "req/s")
	}
}

// getJSONClient is getJSON with a given client.
func getJSONClient(client *http.Client, u string, v any) error {
	resp, err := client.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: status %d", u, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("GET %s: %w", u, err)
	}
	return nil
}

// TestServeSlowClients starts the real server and holds 50 connections that
// send half a request header and stall (slowloris) plus one enormous header:
// normal requests are still answered meanwhile, the oversized header gets a
// 431, and the server drops the stalled connections after its header timeout.
func TestServeSlowClients(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and waits for the header timeout")
	}
	bin := buildHesabat(t)
	srv := startServe(t, bin)
	defer srv.stop(t)
	addr := strings.TrimPrefix(srv.url, "http://")

	const stalled = 50
	conns := make([]net.Conn, 0, stalled)
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range stalled {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Write([]byte("GET /api/search?q=korrupsiya HTTP/1.1\r\nHost: x\r\nX-Slow: ")); err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	start := time.Now()

	// Normal requests are answered while the stalled connections hang.
	client := &http.Client{Timeout: 5 * time.Second}
	for i := range 20 {
		t0 := time.Now()
		var page struct {
			Total int `json:"total"`
		}
		if err := getJSONClient(client, srv.url+"/api/search?q=korrupsiya", &page); err != nil {
			t.Fatalf("request %d while %d connections stall: %v", i, stalled, err)
		}
		if page.Total == 0 {
			t.Fatalf("request %d: no hits", i)
		}
		if d := time.Since(t0); d > 2*time.Second {
			t.Errorf("request %d took %v while connections stall", i, d)
		}
	}

	// An oversized header is refused with 431, not read into memory.
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	go c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 4<<20) + "\r\n\r\n"))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("oversized header: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("oversized header: status %d, want 431", resp.StatusCode)
	}

	// The stalled connections are closed by the server's header timeout.
	for i, c := range conns {
		c.SetReadDeadline(start.Add(30 * time.Second))
		buf := make([]byte, 512)
		n, err := c.Read(buf)
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatalf("stalled connection %d still open after 30 s", i)
		}
		if i == 0 {
			t.Logf("stalled connection closed after %v (read %d bytes: %.60q, %v)", time.Since(start).Round(time.Millisecond), n, buf[:n], err)
		}
	}
}

// BenchmarkStartupPhases splits the start-up of "hesabat serve" with the
// embedded report into its phases, in process: parse, annotate, build the
// in-memory index, create the web server (templates, assets).
func BenchmarkStartupPhases(b *testing.B) {
	ctx := context.Background()
	b.Run("parse", func(b *testing.B) {
		for b.Loop() {
			if _, err := corpus.Default(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("annotate", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			r, err := corpus.Default()
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if err := analytics.Annotate(r); err != nil {
				b.Fatal(err)
			}
		}
	})
	reports, err := loadReports(ctx, &env{logger: slog.New(slog.DiscardHandler), getenv: func(string) string { return "" }}, corpusSource{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("index", func(b *testing.B) {
		for b.Loop() {
			idx, err := indexer.Build(ctx, "", reports)
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			idx.Close()
			b.StartTimer()
		}
	})
	idx, err := indexer.Build(ctx, "", reports)
	if err != nil {
		b.Fatal(err)
	}
	s := search.New(idx, reports)
	defer s.Close()
	b.Run("web", func(b *testing.B) {
		for b.Loop() {
			if _, err := web.New(web.Config{Searcher: s}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
