package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/search"
)

// fakeEngine is a search.Engine without an index, for handler tests: it
// answers every search with result (after validating the request as the
// real engine does) or with err, records the requests it got, and serves
// reports from memory.
type fakeEngine struct {
	mu      sync.Mutex
	reports []*corpus.Report
	result  search.Result
	err     error
	got     []search.Request
}

func (f *fakeEngine) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.got = append(f.got, req)
	if f.err != nil {
		return nil, f.err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("fake: %w", err)
	}
	res := f.result
	res.Query = req.Query
	return &res, nil
}

func (f *fakeEngine) Suggest(ctx context.Context, prefix string, n int) (*search.Suggestions, error) {
	if n < 1 || n > search.MaxSuggestions {
		return nil, fmt.Errorf("fake: n: %d: %w", n, search.ErrInvalid)
	}
	if f.err != nil {
		return nil, f.err
	}
	return &search.Suggestions{Query: prefix, Terms: []search.TermSuggestion{}, Measures: []search.MeasureSuggestion{}}, nil
}

func (f *fakeEngine) Measure(ctx context.Context, report, number string) (*corpus.Measure, error) {
	for _, r := range f.reports {
		if r.ID != report {
			continue
		}
		for i := range r.Measures {
			if r.Measures[i].Number == number {
				return &r.Measures[i], nil
			}
		}
	}
	return nil, fmt.Errorf("fake: measure %s/%s: %w", report, number, search.ErrNotFound)
}

func (f *fakeEngine) Report(ctx context.Context, id string) (*corpus.Report, error) {
	for _, r := range f.reports {
		if r.ID == id {
			return r, nil
		}
	}
	return nil, fmt.Errorf("fake: report %s: %w", id, search.ErrNotFound)
}

func (f *fakeEngine) EachReport(ctx context.Context, fn func(r *corpus.Report) error) error {
	for _, r := range f.reports {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

func (f *fakeEngine) Reports() ([]search.ReportInfo, error) {
	out := make([]search.ReportInfo, len(f.reports))
	for i, r := range f.reports {
		out[i] = search.ReportInfo{ID: r.ID, Title: r.Title, Label: r.Label(), Year: r.Year, PlanKey: r.PlanKey()}
	}
	return out, nil
}

func (f *fakeEngine) NumReports() int { return len(f.reports) }

func (f *fakeEngine) NumMeasures() int {
	n := 0
	for _, r := range f.reports {
		n += len(r.Measures)
	}
	return n
}

func (f *fakeEngine) Generation() any { return f }

func (f *fakeEngine) Pin(ctx context.Context) (context.Context, func()) { return ctx, func() {} }

func (f *fakeEngine) GenerationOf(context.Context) any { return f }

// requests returns the requests f got.
func (f *fakeEngine) requests() []search.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]search.Request(nil), f.got...)
}

// newFakeServer returns a Server over f (a fakeEngine or a variant); cfg
// may set anything but the Searcher.
func newFakeServer(t testing.TB, cfg Config, f search.Engine) *testServer {
	t.Helper()
	cfg.Searcher = f
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{Server: srv, handler: srv.Handler()}
}

// TestSearchParameters checks that the search page, the JSON API and the
// CSV export hand the engine the request their query parameters say.
func TestSearchParameters(t *testing.T) {
	f := &fakeEngine{reports: []*corpus.Report{defaultReport(t)}}
	ts := newFakeServer(t, Config{}, f)
	const params = "q=qaynar+x%C9%99tt&section=1&section=3&year=2021&status=in_progress&agency=acc&from=10&size=5&lang=en"
	want := search.Request{Query: "qaynar xətt", Sections: []int{1, 3}, Years: []int{2021},
		Statuses: []corpus.Status{corpus.StatusInProgress}, Agencies: []string{"acc"}, From: 10, Size: 5, Lang: "en"}
	for _, path := range []string{"/", "/api/search", "/api/search.csv"} {
		t.Run(path, func(t *testing.T) {
			before := len(f.requests())
			if w := ts.get(t, path+"?"+params); w.Code != http.StatusOK {
				t.Fatalf("GET %s: %d %.200s", path, w.Code, w.Body.String())
			}
			got := f.requests()
			if len(got) != before+1 {
				t.Fatalf("%d searches, want 1", len(got)-before)
			}
			g := got[len(got)-1]
			if fmt.Sprintf("%+v", g) != fmt.Sprintf("%+v", want) {
				t.Errorf("request\n%+v\nwant\n%+v", g, want)
			}
		})
	}
}

// TestEngineErrors checks that the engine's errors reach the client as the
// one error mapping says, without internals, on pages and the API alike.
func TestEngineErrors(t *testing.T) {
	tests := []struct {
		name string
		err  error
		code int
	}{
		{"invalid", fmt.Errorf("search: size: %w", search.ErrInvalid), http.StatusBadRequest},
		{"closed", fmt.Errorf("search: secret path /x: %w", search.ErrClosed), http.StatusServiceUnavailable},
		{"deadline", fmt.Errorf("search: secret path /x: %w", context.DeadlineExceeded), http.StatusServiceUnavailable},
		{"bug", errors.New("search: secret path /x: boom"), http.StatusInternalServerError},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts := newFakeServer(t, Config{}, &fakeEngine{err: tc.err})
			for _, target := range []string{"/?q=x", "/api/search?q=x", "/api/suggest?q=x"} {
				w := ts.get(t, target)
				if w.Code != tc.code {
					t.Errorf("GET %s: %d, want %d", target, w.Code, tc.code)
				}
				if tc.code != http.StatusBadRequest && strings.Contains(w.Body.String(), "secret path") {
					t.Errorf("GET %s: the answer shows the internal error: %.300s", target, w.Body.String())
				}
			}
		})
	}
}

// TestSlowEngineTimesOut checks that a search still running at the
// request's deadline gets a 503.
func TestSlowEngineTimesOut(t *testing.T) {
	ts := newFakeServer(t, Config{RequestTimeout: 20 * time.Millisecond}, &slowEngine{fakeEngine: &fakeEngine{}})
	w := ts.get(t, "/api/search?q=x")
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Errorf("status %d, Retry-After %q; want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
}

// slowEngine searches until the request's context ends.
type slowEngine struct{ *fakeEngine }

func (s *slowEngine) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	<-ctx.Done()
	return nil, fmt.Errorf("slow: %w", ctx.Err())
}

// newDefaultFake returns a Server over a fakeEngine serving the shipped
// report; cfg may set anything but the Searcher.
func newDefaultFake(t testing.TB, cfg Config) *testServer {
	t.Helper()
	return newFakeServer(t, cfg, &fakeEngine{reports: []*corpus.Report{defaultReport(t)}})
}

// TestStatusNamedOnce checks that a status reads the same in the facet,
// the hit's badge and the JSON: search hands out the code, web names it.
func TestStatusNamedOnce(t *testing.T) {
	f := &fakeEngine{reports: []*corpus.Report{defaultReport(t)}, result: search.Result{
		Total: 1,
		Hits:  []search.Hit{{ID: "r/1.1", Report: "r", Number: "1.1", Title: "Tədbir", Status: string(corpus.StatusRecommendation)}},
		Facets: search.Facets{Status: []search.FacetValue{
			{Value: string(corpus.StatusRecommendation), Label: string(corpus.StatusRecommendation), Count: 1},
		}},
	}}
	ts := newFakeServer(t, Config{}, f)
	for _, lang := range []string{"az", "en"} {
		want := statusLabel(corpus.StatusRecommendation, lang)
		page := ts.get(t, "/?q=x&lang="+lang).Body.String()
		if n := strings.Count(page, want); n < 2 || strings.Contains(page, "Commission's") {
			t.Errorf("%s page names the status %q %d times, want in the facet and the badge", lang, want, n)
		}
		var res search.Result
		if err := json.Unmarshal(ts.get(t, "/api/search?q=x&lang="+lang).Body.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		if len(res.Facets.Status) != 1 || res.Facets.Status[0].Label != want {
			t.Errorf("%s JSON status facet %+v, want label %q", lang, res.Facets.Status, want)
		}
	}
}

// TestSearchJSONAnswer checks the /api/search answer: the result as
// encoding/json writes it, with its length, and a 500 (not a broken
// document) for a result JSON cannot hold.
func TestSearchJSONAnswer(t *testing.T) {
	f := &fakeEngine{result: search.Result{Total: 1, Hits: []search.Hit{{ID: "r/1.1", Title: "<b>x</b> & y", Score: 1.5}}}}
	ts := newFakeServer(t, Config{}, f)
	w := ts.get(t, "/api/search?q=x")
	want, err := json.Marshal(&search.Result{Query: "x", Total: 1, Hits: f.result.Hits})
	if err != nil {
		t.Fatal(err)
	}
	if w.Code != http.StatusOK || w.Body.String() != string(want) || w.Header().Get("Content-Length") != fmt.Sprint(len(want)) {
		t.Errorf("%d, Content-Length %s\n got %s\nwant %s", w.Code, w.Header().Get("Content-Length"), w.Body.String(), want)
	}
	f.result.Hits[0].Score = math.NaN()
	if w := ts.get(t, "/api/search?q=x"); w.Code != http.StatusInternalServerError {
		t.Errorf("NaN score: %d %.100s, want 500", w.Code, w.Body.String())
	}
}
