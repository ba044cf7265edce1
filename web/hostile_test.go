package web_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/corpus/synth"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search"
	"github.com/hesabat/hesabat/web"
)

// hostileToken is the admin token of the servers the hostile-input tests run.
const hostileToken = "hostile-test-token-0123456789"

// newTestServer starts a loopback HTTP server over the reports with the given
// admin token ("" turns writes off) and returns its address and searcher.
func newTestServer(tb testing.TB, reports []*corpus.Report, token string) (*httptest.Server, *search.Searcher) {
	tb.Helper()
	ctx := context.Background()
	idx, err := indexer.Build(ctx, "", reports)
	if err != nil {
		tb.Fatal(err)
	}
	s := search.New(idx, reports)
	srv, err := web.New(web.Config{
		Searcher:   s,
		AdminToken: token,
		Reindex: func(ctx context.Context, rs []*corpus.Report) error {
			idx, err := indexer.Build(ctx, "", rs)
			if err != nil {
				return err
			}
			return s.Swap(idx, rs)
		},
	})
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	tb.Cleanup(func() {
		ts.Close()
		s.Close()
	})
	return ts, s
}

// defaultReports returns the embedded report, annotated.
func defaultReports(tb testing.TB) []*corpus.Report {
	tb.Helper()
	r, err := corpus.Default()
	if err != nil {
		tb.Fatal(err)
	}
	if err := analytics.Annotate(r); err != nil {
		tb.Fatal(err)
	}
	return []*corpus.Report{r}
}

// rawResponse is what rawRequest read back.
type rawResponse struct {
	status int
	header http.Header
	body   string
}

// rawRequest writes request (a whole HTTP/1.1 request, as bytes on the wire)
// to addr and reads one response. Writing bytes lets the test send what a Go
// client would clean up or refuse: raw invalid UTF-8, control characters,
// unnormalised paths.
func rawRequest(t *testing.T, addr, request string) rawResponse {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatalf("write request: %v", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("read response: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return rawResponse{status: resp.StatusCode, header: resp.Header, body: string(body)}
}

// get returns a GET request for target (sent as is) on the wire.
func get(target string) string {
	return "GET " + target + " HTTP/1.1\r\nHost: hesabat.test\r\nConnection: close\r\n\r\n"
}

// post returns a POST request for target with a body and extra header lines.
func post(target, body string, headers ...string) string {
	h := ""
	for _, l := range headers {
		h += l + "\r\n"
	}
	return fmt.Sprintf("POST %s HTTP/1.1\r\nHost: hesabat.test\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n%s\r\n%s",
		target, len(body), h, body)
}

// hostileCase is one hostile request with the answer it must get.
type hostileCase struct {
	name    string
	request string
	// status is the expected status code.
	status int
	// contains, if set, must appear in the body (e.g. the parameter a 400 names).
	contains string
}

func repeat(param string, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = param
	}
	return strings.Join(parts, "&")
}

// hostileCases is the table of hostile inputs over HTTP, each with the status
// it must get. None may get a 5xx.
func hostileCases() []hostileCase {
	long := strings.Repeat("a", search.MaxQueryRunes)
	return []hostileCase{
		// Baseline.
		{"plain query", get("/api/search?q=korrupsiya"), 200, `"hits"`},
		{"empty query lists all", get("/api/search"), 200, `"total"`},
		{"unknown parameter ignored", get("/api/search?q=b%C3%BCdc%C9%99&debug=1&__proto__=x"), 200, `"hits"`},

		// Encoding and control characters.
		{"invalid UTF-8 percent-encoded", get("/api/search?q=%FF%FE%FD"), 400, "UTF-8"},
		{"overlong UTF-8 encoding of slash", get("/api/search?q=%C0%AF"), 400, "UTF-8"},
		{"lone surrogate in UTF-8", get("/api/search?q=%ED%A0%80"), 400, "UTF-8"},
		{"NUL character", get("/api/search?q=a%00b"), 400, "NUL"},
		{"ANSI escape and bell", get("/api/search?q=%1B%5B31m%07korrupsiya"), 200, `"hits"`},
		{"CR LF in query (header injection attempt)", get("/api/search?q=a%0D%0ASet-Cookie:%20x=1"), 200, `"hits"`},
		{"raw invalid byte in request line", get("/api/search?q=\xff\xfe"), 400, ""},
		{"raw control character in request line", get("/api/search?q=a\x01b"), 400, ""},
		{"bad percent escape", get("/api/search?q=%ZZ"), 400, ""},
		{"invalid UTF-8 in a filter", get("/api/search?agency=%FF"), 400, "agency"},
		{"invalid UTF-8 in the suggest query", get("/api/suggest?q=%FF"), 400, ""},
		{"invalid UTF-8 in the CSV export", get("/api/search.csv?q=%FF"), 400, ""},
		{"invalid UTF-8 on the search page", get("/?q=%FF"), 400, ""},
		{"invalid UTF-8 in a path parameter", get("/api/measures/%FF/1.1"), 404, ""},

		// Size limits.
		{"query at the length limit", get("/api/search?q=" + long), 200, `"hits"`},
		{"query over the length limit", get("/api/search?q=" + long + "a"), 400, "q:"},
		{"100 KB query", get("/api/search?q=" + strings.Repeat("korrupsiya+", 10000)), 400, "q:"},
		{"request line over the header limit", get("/api/search?q=" + strings.Repeat("x", 2<<20)), 431, ""},
		{"huge unknown parameter", get("/api/search?zzz=" + strings.Repeat("y", 200<<10)), 200, `"hits"`},
		{"suggest query over the length limit", get("/api/suggest?q=" + long + "a"), 400, ""},

		// Repeated parameters.
		{"q repeated", get("/api/search?q=a&q=b"), 400, "q:"},
		{"lang repeated", get("/api/search?lang=az&lang=en"), 400, "lang"},
		{"section repeated 50 times", get("/api/search?" + repeat("section=1", search.MaxFilterValues)), 200, `"hits"`},
		{"section repeated 51 times", get("/api/search?" + repeat("section=1", search.MaxFilterValues+1)), 400, "section"},
		{"10000 unknown parameters", get("/api/search?" + repeat("x=1", 10000)), 200, `"hits"`},

		// Paging limits.
		{"from at the limit", get(fmt.Sprintf("/api/search?from=%d", search.MaxFrom)), 200, `"hits"`},
		{"from over the limit", get(fmt.Sprintf("/api/search?from=%d", search.MaxFrom+1)), 400, "from"},
		{"negative from", get("/api/search?from=-1"), 400, "from"},
		{"from overflows int64", get("/api/search?from=99999999999999999999999"), 400, "from"},
		{"from not a number", get("/api/search?from=1e3"), 400, "from"},
		{"size at the limit", get(fmt.Sprintf("/api/search?size=%d", search.MaxSize)), 200, `"hits"`},
		{"size over the limit", get(fmt.Sprintf("/api/search?size=%d", search.MaxSize+1)), 400, "size"},
		{"size zero", get("/api/search?size=0"), 400, "size"},
		{"from and size at their limits together", get(fmt.Sprintf("/api/search?from=%d&size=%d", search.MaxFrom, search.MaxSize)), 200, `"hits"`},

		// Facet filters and limits.
		{"section not a number", get("/api/search?section=abc"), 400, "section"},
		{"section zero", get("/api/search?section=0"), 400, "section"},
		{"year out of range", get("/api/search?year=99999"), 400, "year"},
		{"unknown status", get("/api/search?status=hacked"), 400, "status"},
		{"agency with markup", get("/api/search?agency=%3Cscript%3E"), 400, "agency"},
		{"report path traversal", get("/api/search?report=..%2F..%2Fetc%2Fpasswd"), 400, "report"},
		{"unknown language", get("/api/search?lang=xx"), 400, "lang"},
		{"facet size asked for is ignored", get("/api/search?facet_size=100000000&facets=all"), 200, `"facets"`},

		// Query syntax that must not reach bleve's query-string parser raw.
		{"lone star", get("/api/search?q=*"), 200, `"hits"`},
		{"lone question mark", get("/api/search?q=%3F"), 200, `"hits"`},
		{"leading wildcard", get("/api/search?q=*korrupsiya*"), 200, `"hits"`},
		{"many wildcards", get("/api/search?q=" + strings.Repeat("%3F*", 100)), 200, `"hits"`},
		{"regexp syntax", get("/api/search?q=%2F.*%2F"), 200, `"hits"`},
		{"catastrophic regexp syntax", get("/api/search?q=%2F(a%2B)%2B%24%2F"), 200, `"hits"`},
		{"fuzzy operator", get("/api/search?q=korrupsiya~25"), 200, `"hits"`},
		{"field syntax", get("/api/search?q=_id:x%20narrative:korrupsiya"), 200, `"hits"`},
		{"boost and range syntax", get("/api/search?q=korrupsiya%5E1000%20year:%3E1900"), 200, `"hits"`},
		{"operators and brackets", get("/api/search?q=%2B-%26%26%7C%7C!()%7B%7D%5B%5D%5E%22~*%3F:%5C%2F"), 200, `"hits"`},
		{"unbalanced quote", get("/api/search?q=%22qaynar%20x%C9%99tt"), 200, `"hits"`},
		{"many phrase quotes", get("/api/search?q=" + strings.Repeat("%22a%22+", 60)), 400, "at most 32"},

		// Path tricks.
		{"measure dot-dot", get("/measures/../.."), 404, ""},
		{"measure encoded dot-dot", get("/measures/..%2F..%2Fetc%2Fpasswd"), 404, ""},
		{"api measure dot-dot", get("/api/measures/../../go.mod"), 404, ""},
		{"static dot-dot", get("/static/../../go.mod"), 404, ""},
		{"static encoded dot-dot", get("/static/%2e%2e/%2e%2e/go.mod"), 404, ""},
		{"static double-encoded dot-dot", get("/static/%252e%252e/%252e%252e/go.mod"), 404, ""},
		{"static directory listing", get("/static/"), 404, ""},
		{"unknown measure", get("/api/measures/ogp-nap-2021-report/99.99"), 404, ""},
		{"known measure", get("/api/measures/ogp-nap-2021-report/1.7"), 200, "1.7"},
		{"double slashes", get("//api//search"), 404, ""},
		{"backslashes", get("/api\\search"), 404, ""},
		{"absolute-form target to another host", "GET http://evil.example/api/search HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n", 200, `"hits"`},
		{"chart id with markup", get("/charts/%3Cscript%3E"), 404, ""},
		{"embed of an unknown chart", get("/embed/charts/..%2F..%2Fetc"), 404, ""},

		// Methods and writes.
		{"POST to a read endpoint", post("/api/search", "q=x"), 405, ""},
		{"DELETE on the home page", "DELETE / HTTP/1.1\r\nHost: hesabat.test\r\nConnection: close\r\n\r\n", 405, ""},
		{"upload without a token", post("/api/reports", "x"), 401, ""},
		{"upload with a wrong token", post("/api/reports", "x", "Authorization: Bearer wrong"), 403, ""},
		{"upload with a token prefix", post("/api/reports", "x", "Authorization: Bearer "+hostileToken[:5]), 403, ""},
		{"upload of binary garbage", post("/api/reports?name=x.az.txt", "\x00\x01\x02\xff\xfe", "Authorization: Bearer "+hostileToken), 400, ""},
		{"upload without a name", post("/api/reports", "x", "Authorization: Bearer "+hostileToken), 400, "name"},
		{"upload of an executable", post("/api/reports?name=x.exe", "MZ", "Authorization: Bearer "+hostileToken), 400, ".txt"},
		{"upload with a traversing name", post("/api/reports?name=..%2F..%2Fetc%2Fpasswd.txt", "root:x:0:0", "Authorization: Bearer "+hostileToken), 400, ""},
		{"upload over the size limit", post("/api/reports?name=big.az.txt", strings.Repeat("a", web.DefaultMaxUploadBytes+(2<<20)), "Authorization: Bearer "+hostileToken), 413, ""},
		{"zip bomb posing as .docx", post("/api/reports?name=bomb.docx", zipOf("word/document.xml", strings.NewReader(""), 64<<20), "Authorization: Bearer "+hostileToken), 413, "over the limit"},
		{"deeply nested XML in a .docx", post("/api/reports?name=deep.docx", zipOf("word/document.xml", strings.NewReader(strings.Repeat("<w:p>", 200000)), 0), "Authorization: Bearer "+hostileToken), 413, "deeper"},
		{"binary garbage posing as .docx", post("/api/reports?name=garbage.docx", "PK\x03\x04garbage\xff\xfe", "Authorization: Bearer "+hostileToken), 400, ""},
	}
}

// zipOf returns a zip archive with one entry holding prefix followed by zeros
// zero bytes (deflated: 64 MB of zeros take about 64 KB).
func zipOf(name string, prefix io.Reader, zeros int64) string {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		panic(err)
	}
	if _, err := io.Copy(w, prefix); err != nil {
		panic(err)
	}
	if _, err := io.CopyN(w, zeroReader{}, zeros); err != nil {
		panic(err)
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.String()
}

// zeroReader reads zero bytes forever.
type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestHostileInput sends every case of the table to a live loopback server
// and checks the status; no case may get a 5xx, and client errors on the API
// come with a message naming what is wrong.
func TestHostileInput(t *testing.T) {
	ts, _ := newTestServer(t, defaultReports(t), hostileToken)
	addr := ts.Listener.Addr().String()
	fives := 0
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			resp := rawRequest(t, addr, tc.request)
			if resp.status >= 500 {
				fives++
				t.Errorf("status %d (5xx) for %.120q; body %.300q", resp.status, tc.request, resp.body)
				return
			}
			if resp.status != tc.status {
				t.Errorf("status %d, want %d; body %.300q", resp.status, tc.status, resp.body)
			}
			if tc.contains != "" && !strings.Contains(resp.body, tc.contains) {
				t.Errorf("body %.300q does not contain %q", resp.body, tc.contains)
			}
		})
	}
	if fives > 0 {
		t.Errorf("%d responses with a 5xx status; want 0", fives)
	}
	// The server is still healthy after the barrage, and no refused upload
	// was indexed, not even half-way.
	if resp := rawRequest(t, addr, get("/healthz")); resp.status != 200 {
		t.Errorf("healthz after hostile input: %d", resp.status)
	}
	if got := searchTotal(t, addr); got != 64 {
		t.Errorf("after the refused uploads the server has %d measures, want the 64 it started with", got)
	}
	// A valid upload still works after all that and adds exactly one report.
	g, err := synth.Default()
	if err != nil {
		t.Fatal(err)
	}
	resp := rawRequest(t, addr, post("/api/reports?name="+g.Name(1, 1), string(g.Text(1, 1)), "Authorization: Bearer "+hostileToken))
	if resp.status != http.StatusCreated {
		t.Fatalf("valid upload: status %d: %.300s", resp.status, resp.body)
	}
	if got := searchTotal(t, addr); got != 128 {
		t.Errorf("after one valid upload the server has %d measures, want 128", got)
	}
}

// searchTotal returns the total of an empty search: every measure served.
func searchTotal(t *testing.T, addr string) int {
	t.Helper()
	resp := rawRequest(t, addr, get("/api/search?size=1"))
	var a struct {
		Total int `json:"total"`
	}
	if err := json.Unmarshal([]byte(resp.body), &a); err != nil || resp.status != 200 {
		t.Fatalf("search: status %d, %v: %.200s", resp.status, err, resp.body)
	}
	return a.Total
}

// TestWritesOffWithoutToken checks that with no admin token configured the
// write endpoint does not exist, while reads stay public.
func TestWritesOffWithoutToken(t *testing.T) {
	ts, _ := newTestServer(t, defaultReports(t), "")
	addr := ts.Listener.Addr().String()
	tests := []hostileCase{
		{"upload without a token", post("/api/reports", "x"), 404, ""},
		{"upload with any token", post("/api/reports", "x", "Authorization: Bearer "+hostileToken), 404, ""},
		{"search stays public", get("/api/search?q=korrupsiya"), 200, `"hits"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if resp := rawRequest(t, addr, tc.request); resp.status != tc.status {
				t.Errorf("status %d, want %d; body %.200q", resp.status, tc.status, resp.body)
			}
		})
	}
}
