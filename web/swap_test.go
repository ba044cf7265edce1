package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus/synth"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/indexer/indextest"
	"github.com/hesabat/hesabat/search"
)

// TestPagesDuringSwaps swaps a persistent index (as uploads do) 50 times
// while clients load every page that reads the index (issue 16 finding 3:
// /agencies/:id answered 500 and /api/figures was cut short when a swap
// closed the generation a page was walking). Every answer must be a 200
// with a whole body: JSON that decodes, HTML that ends, CSV that ends in a
// newline.
func TestPagesDuringSwaps(t *testing.T) {
	swaps := 50
	if testing.Short() {
		swaps = 5
	}
	ctx := context.Background()
	g, err := synth.Default()
	if err != nil {
		t.Fatal(err)
	}
	reports, err := g.Reports(ctx, 6, 41)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		if err := analytics.Annotate(r); err != nil {
			t.Fatal(err)
		}
	}
	idx, dir := indextest.Reopened(t, reports)
	other, dir2 := indextest.Reopened(t, reports[1:])
	other.Close()
	dirs := [2]string{dir2, dir}
	s, err := search.Open(ctx, idx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	// The finding is about errors and truncated bodies while a generation is
	// swapped, not latency: under -race beside re-indexing a page can take
	// longer than the default 10 s, and its 503 would hide what is tested.
	srv, err := New(Config{Searcher: s, RequestTimeout: 2 * time.Minute, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()

	r0 := reports[1] // in both generations
	agency := r0.Measures[0].Agencies[0].ID
	targets := []string{
		"/agencies", "/agencies/" + agency, "/api/agencies", "/api/figures", "/dashboard", "/api/charts",
		"/api/search?q=korrupsiya", "/api/search?size=100", "/api/search.csv?q=", "/?q=b%C3%BCdc%C9%99",
		"/measures/" + r0.ID + "/" + r0.Measures[0].Number, "/api/measures/" + r0.ID + "/" + r0.Measures[1].Number,
	}
	var (
		done     atomic.Bool
		requests atomic.Int64
		mu       sync.Mutex
		failures []string
		wg       sync.WaitGroup
	)
	fail := func(f string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) < 20 {
			failures = append(failures, fmt.Sprintf(f, args...))
		}
	}
	client := &http.Client{Timeout: 30 * time.Second}
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; !done.Load(); i++ {
				target := targets[i%len(targets)]
				requests.Add(1)
				if msg := checkWhole(client, hs.URL+target); msg != "" {
					fail("GET %s: %s", target, msg)
				}
			}
		}()
	}
	start := time.Now()
	for i := range swaps {
		if i%10 == 0 {
			t.Logf("swap %d after %v, %d requests", i, time.Since(start).Round(time.Millisecond), requests.Load())
		}
		// Alternate between two generations built before, opened afresh
		// as the server opens one another process built; each swap
		// retires the state the pages in flight hold.
		next, err := indexer.Open(ctx, dirs[i%2])
		if err != nil {
			t.Fatalf("swap %d: %v", i, err)
		}
		if err := s.SwapIndex(ctx, next); err != nil {
			t.Fatalf("swap %d: %v", i, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	done.Store(true)
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
	t.Logf("%d swaps, %d requests, %d failures", swaps, requests.Load(), len(failures))
	if requests.Load() < int64(swaps) {
		t.Errorf("only %d requests during %d swaps: the test proved little", requests.Load(), swaps)
	}
}

// checkWhole GETs u and says what is wrong with the answer ("" if it is a
// 200 with a whole body).
func checkWhole(client *http.Client, u string) string {
	resp, err := client.Get(u)
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "reading the body: " + err.Error()
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Sprintf("status %d: %.200s", resp.StatusCode, body)
	}
	ct := resp.Header.Get("Content-Type")
	switch {
	case strings.HasPrefix(ct, "application/json"):
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			return fmt.Sprintf("truncated JSON (%d bytes): %v", len(body), err)
		}
	case strings.HasPrefix(ct, "text/html"):
		if !strings.Contains(string(body), "</html>") {
			return fmt.Sprintf("truncated HTML (%d bytes)", len(body))
		}
	case strings.HasPrefix(ct, "text/csv"):
		if len(body) == 0 || body[len(body)-1] != '\n' {
			return fmt.Sprintf("truncated CSV (%d bytes)", len(body))
		}
	}
	return ""
}
