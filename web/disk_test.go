package web

import (
	"context"
	"io"
	"log/slog"
	"regexp"
	"testing"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer/indextest"
	"github.com/hesabat/hesabat/search"
)

// newDiskServer builds a persistent index of the default report and a
// Server whose Searcher reads the reports back from it (search.Open), as
// "hesabat serve --index" does.
func newDiskServer(t testing.TB) *testServer {
	t.Helper()
	ctx := context.Background()
	idx, _ := indextest.Reopened(t, []*corpus.Report{defaultReport(t)})
	s, err := search.Open(ctx, idx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	srv, err := New(Config{Searcher: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{Server: srv, searcher: s, handler: srv.Handler()}
}

// TestDiskServerMatchesMemory proves that every page and API answers the
// same whether the reports are held in memory or read from the index one
// at a time.
func TestDiskServerMatchesMemory(t *testing.T) {
	mem := newServer(t, Config{}, defaultReport(t))
	disk := newDiskServer(t)
	// What differs between two answers anyway: CSP nonces and search times.
	nonce := regexp.MustCompile(`nonce="[^"]*"|'nonce-[^']*'|"took">[0-9.]+<|"took_ms":[0-9.]+`)
	targets := []string{
		"/", "/?q=m%C3%BCraci%C9%99t", "/?status=completed&lang=en",
		"/measures/ogp-nap-2021-report/1.8", "/measures/ogp-nap-2021-report/5.3", "/measures/ogp-nap-2021-report/9.9",
		"/agencies", "/dashboard", "/charts/hotline-appeals", "/charts/agency-scorecard", "/charts/nope",
		"/embed/charts/measures-by-section", "/charts/search?q=korrupsiya&facet=agency",
		"/api/search?q=qaynar", "/api/search.csv?q=qaynar", "/api/suggest?q=b%C9%99l%C9%99d",
		"/api/measures/ogp-nap-2021-report/1.7", "/api/measures/nope/1.1",
		"/api/agencies", "/api/figures", "/api/charts", "/api/charts/asan-index", "/api/charts/measures-by-period.csv",
		"/healthz",
	}
	for _, a := range allReports(t, mem.searcher)[0].Measures[0].Agencies {
		targets = append(targets, "/agencies/"+a.ID)
	}
	for _, target := range targets {
		a, b := mem.get(t, target), disk.get(t, target)
		if a.Code != b.Code {
			t.Errorf("%s: status %d from the index, %d in memory", target, b.Code, a.Code)
			continue
		}
		ab, bb := nonce.ReplaceAllString(a.Body.String(), ""), nonce.ReplaceAllString(b.Body.String(), "")
		if ab != bb {
			i := 0
			for i < len(ab) && i < len(bb) && ab[i] == bb[i] {
				i++
			}
			t.Errorf("%s: the body from the index differs from the one in memory at byte %d: %q vs %q", target, i, bb[max(0, i-80):min(len(bb), i+40)], ab[max(0, i-80):min(len(ab), i+40)])
		}
	}
	if m := disk.get(t, "/metrics").Body.String(); !regexp.MustCompile(`hesabat_index_documents 64\n`).MatchString(m) {
		t.Errorf("/metrics from the index lacks the document count:\n%s", m)
	}
}
