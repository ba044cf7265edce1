package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search"
)

// xss is a line of report text that would run if a page wrote it unescaped.
const xss = `</script><script>alert(1)</script>`

// hostileReport is a small report whose title, section, measure titles and
// narratives carry markup, in the layout corpus.Parse reads.
const hostileReport = "“Sınaq planının " + xss + " 2020─2022-ci illər üzrə icrası barədə\n" +
	"Azərbaycan Respublikası Maliyyə Nazirliyinin <b>bold</b>\n" +
	"H E S A B A T I\n" +
	"\t1. Birinci bölmə " + xss + "\n" +
	"\n" +
	"\t1.1\n" +
	"\tŞəffaflıq tədbiri " + xss + "\n" +
	"\t2020─2022\n" +
	"\n" +
	"\tMaliyyə Nazirliyi tərəfindən qaynar xətt yaradılmışdır " + xss + ". Tədbir tam icra edilmişdir. 2021-ci il ərzində 5131 müraciət daxil olmuşdur.\n" +
	"\t1.2\n" +
	"\tİkinci tədbir <img src=x onerror=alert(2)>\n" +
	"\t2021\n" +
	"\n" +
	"\tİcra davam etdirilir. Ədliyyə Nazirliyi " + xss + " bələdiyyələrin internetə çıxışını genişləndirir.\n" +
	"\tBax cavab 1.1 \n"

// parseReport parses and annotates a report from text.
func parseReport(t testing.TB, name, text string) *corpus.Report {
	t.Helper()
	r, err := corpus.Parse(name, []byte(text))
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	if err := analytics.Annotate(r); err != nil {
		t.Fatalf("annotate %s: %v", name, err)
	}
	return r
}

// defaultReport returns the shipped report, annotated.
func defaultReport(t testing.TB) *corpus.Report {
	t.Helper()
	r, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := analytics.Annotate(r); err != nil {
		t.Fatal(err)
	}
	return r
}

// testServer is a Server over an in-memory index of some reports.
type testServer struct {
	*Server
	searcher *search.Searcher
	handler  http.Handler
	reindexN int
}

// newServer builds an in-memory index of reports and a Server over it; cfg
// may set anything but the Searcher and Reindex.
func newServer(t testing.TB, cfg Config, reports ...*corpus.Report) *testServer {
	t.Helper()
	idx, err := indexer.Build(context.Background(), "", reports)
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{searcher: search.New(idx, reports)}
	t.Cleanup(func() { ts.searcher.Close() })
	cfg.Searcher = ts.searcher
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	cfg.Reindex = func(ctx context.Context, reports []*corpus.Report) error {
		next, err := indexer.Build(ctx, "", reports)
		if err != nil {
			return err
		}
		ts.reindexN++
		return ts.searcher.Swap(next, reports)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts.Server = srv
	ts.handler = srv.Handler()
	return ts
}

// get sends a GET for target and returns the recorded response.
func (ts *testServer) get(t testing.TB, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	return ts.do(t, httptest.NewRequest(http.MethodGet, target, nil), header...)
}

// do sends r with extra header pairs and returns the recorded response.
func (ts *testServer) do(t testing.TB, r *http.Request, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	ts.handler.ServeHTTP(w, r)
	return w
}

// mediaType returns the media type of a response, without parameters.
func mediaType(w *httptest.ResponseRecorder) string {
	ct := w.Header().Get("Content-Type")
	mt, _, _ := strings.Cut(ct, ";")
	return strings.TrimSpace(mt)
}

// multipartFile returns a multipart form body with one file field "file"
// and its content type.
func multipartFile(t testing.TB, name, content string) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile(uploadField, name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(fw, content); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, mw.FormDataContentType()
}

// allReports returns every report s serves.
func allReports(t testing.TB, s *search.Searcher) []*corpus.Report {
	t.Helper()
	var out []*corpus.Report
	if err := s.EachReport(context.Background(), func(r *corpus.Report) error {
		out = append(out, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}
