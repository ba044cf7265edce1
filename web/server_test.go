package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/search"
	"github.com/hesabat/hesabat/web/chart"
)

// TestRoutes requests every route and checks the status, the content type
// and content that only a working handler could produce.
func TestRoutes(t *testing.T) {
	ts := newServer(t, Config{}, defaultReport(t))
	charts, err := analytics.Charts(allReports(t, ts.searcher))
	if err != nil {
		t.Logf("analytics.Charts: %v", err)
	}
	if len(charts) == 0 {
		t.Fatal("analytics.Charts built no chart from the default report")
	}
	chartID := charts[0].ID
	agencies := analytics.Agencies(allReports(t, ts.searcher))
	if len(agencies) == 0 {
		t.Fatal("no agencies in the default report")
	}
	agency := agencies[0].Agency
	tests := []struct {
		name     string
		target   string
		status   int
		ctype    string
		contains []string
	}{
		{"search page, no query", "/", 200, "text/html", []string{`<input type="search" id="q" name="q"`, `class="total">64<`, `name="section" value="1"`, `href="/api/search?lang=az"`}},
		{"search page, query", "/?q=m%C3%BCraci%C9%99t", 200, "text/html", []string{"<mark>", `value="müraciət"`, `/api/search.csv?lang=az&amp;q=m%C3%BCraci%C9%99t`}},
		{"search page, facet selected", "/?status=completed", 200, "text/html", []string{`value="completed" id="f-status-0" checked`, `class="chips"`}},
		{"search page, second page", "/?from=10", 200, "text/html", []string{`<ol class="hits" start="11">`, `rel="prev"`}},
		{"measure page", "/measures/ogp-nap-2021-report/1.8", 200, "text/html", []string{"<h1><span class=\"number\">1.8</span>", "qaynar", `class="badge status-`}},
		{"measure page with cross-reference", "/measures/ogp-nap-2021-report/5.3", 200, "text/html", []string{`href="/measures/ogp-nap-2021-report/5.2?lang=az">`}},
		{"agencies page", "/agencies", 200, "text/html", []string{`href="/agencies/` + agency.ID + `?lang=az"`, agency.Name}},
		{"agency page", "/agencies/" + agency.ID, 200, "text/html", []string{"<h1>" + agency.Name + "</h1>", `class="hesabat-chart"`, `/vendor/echarts.min.js`}},
		{"dashboard", "/dashboard", 200, "text/html", []string{`data-chart-id="` + chartID + `"`, "&lt;iframe src=&#34;/embed/charts/" + chartID, `/api/charts/` + chartID + `.csv`}},
		{"chart page", "/charts/" + chartID, 200, "text/html", []string{`class="chart-data"`, `class="hesabat-chart"`, "/embed/charts/" + chartID}},
		{"search chart page", "/charts/search?q=m%C3%BCraci%C9%99t&facet=section", 200, "text/html", []string{`class="hesabat-chart"`, "müraciət", `<strong aria-current="page">Bölmə</strong>`, `href="/charts/search?facet=agency&amp;lang=az&amp;q=m%C3%BCraci%C9%99t"`}},
		{"embed page", "/embed/charts/" + chartID, 200, "text/html", []string{`class="hesabat-chart"`, `/vendor/echarts.min.js`}},
		{"embed search chart", "/embed/charts/search?q=b%C9%99l%C9%99diyy%C9%99", 200, "text/html", []string{`class="hesabat-chart"`}},
		{"api search", "/api/search?q=qaynar&size=2", 200, "application/json", []string{`"total":`, `"facets":`, `"snippets":`}},
		{"api search csv by format", "/api/search?q=qaynar&format=csv", 200, "text/csv", []string{"id,report,number,section,title"}},
		{"api search csv", "/api/search.csv?q=qaynar", 200, "text/csv", []string{"ogp-nap-2021-report/1.8"}},
		{"api suggest", "/api/suggest?q=b%C9%99l%C9%99d", 200, "application/json", []string{`"terms":`, `"measures":`, "bələdiyyə"}},
		{"api measure", "/api/measures/ogp-nap-2021-report/1.7", 200, "application/json", []string{`"number":"1.7"`, `"narrative":`}},
		{"api agencies", "/api/agencies", 200, "application/json", []string{`"id":"` + agency.ID + `"`, `"counts":`}},
		{"api figures", "/api/figures", 200, "application/json", []string{`"url":"/measures/ogp-nap-2021-report/`, `"sentence":`}},
		{"api charts", "/api/charts", 200, "application/json", []string{`"id":"` + chartID + `"`, `"embed":"/embed/charts/` + chartID}},
		{"api chart", "/api/charts/" + chartID, 200, "application/json", []string{`"id":"` + chartID + `"`, `"series":`, `"sources":`}},
		{"api chart csv", "/api/charts/" + chartID + ".csv", 200, "text/csv", []string{"category_az,category_en"}},
		{"api search chart", "/api/charts/search?q=korrupsiya&facet=status", 200, "application/json", []string{`"id":"search"`}},
		{"healthz", "/healthz", 200, "application/json", []string{`"status":"ok"`}},
		{"metrics", "/metrics", 200, "text/plain", []string{"hesabat_index_documents 64"}},
		{"stylesheet", "/static/style.css", 200, "text/css", []string{".badge"}},
		{"script", "/static/app.js", 200, "text/javascript", []string{"/api/suggest"}},
		{"site icon", "/favicon.ico", 200, "image/svg+xml", []string{"<svg"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := ts.get(t, tc.target)
			if w.Code != tc.status {
				t.Fatalf("GET %s: status %d, want %d; body %.300s", tc.target, w.Code, tc.status, w.Body.String())
			}
			if got := mediaType(w); got != tc.ctype {
				t.Errorf("GET %s: content type %q, want %q", tc.target, got, tc.ctype)
			}
			body := w.Body.String()
			for _, want := range tc.contains {
				if !strings.Contains(body, want) {
					t.Errorf("GET %s: body lacks %q", tc.target, want)
				}
			}
		})
	}
}

// TestHead checks that GET routes answer HEAD.
func TestHead(t *testing.T) {
	ts := newDefaultFake(t, Config{})
	for _, target := range []string{"/", "/healthz", "/api/search", "/static/style.css"} {
		w := ts.do(t, httptest.NewRequest(http.MethodHead, target, nil))
		if w.Code != http.StatusOK {
			t.Errorf("HEAD %s: %d", target, w.Code)
		}
	}
}

// TestNotFound checks the 404s: HTML pages for pages, JSON errors for the API.
func TestNotFound(t *testing.T) {
	ts := newDefaultFake(t, Config{})
	tests := []struct {
		name, target string
		json         bool
	}{
		{"unknown measure", "/measures/ogp-nap-2021-report/99.9", false},
		{"unknown report", "/measures/no-such-report/1.1", false},
		{"unknown agency", "/agencies/no-such-agency", false},
		{"unknown chart", "/charts/no-such-chart", false},
		{"unknown embed", "/embed/charts/no-such-chart", false},
		{"unknown page", "/no/such/page", false},
		{"static directory", "/static/", false},
		{"static vendor directory", "/static/vendor/", false},
		{"static missing file", "/static/nope.css", false},
		{"api unknown measure", "/api/measures/ogp-nap-2021-report/99.9", true},
		{"api unknown chart", "/api/charts/no-such-chart", true},
		{"api unknown chart csv", "/api/charts/no-such-chart.csv", true},
		{"api unknown endpoint", "/api/nothing", true},
		{"api dot-dot", "/api/measures/../../go.mod", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := ts.get(t, tc.target)
			if w.Code != http.StatusNotFound {
				t.Fatalf("GET %s: status %d, want 404; body %.200s", tc.target, w.Code, w.Body.String())
			}
			if tc.json {
				var e struct{ Error string }
				if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" {
					t.Errorf("GET %s: body %q is not a JSON error (%v)", tc.target, w.Body.String(), err)
				}
				return
			}
			if mediaType(w) != "text/html" || !strings.Contains(w.Body.String(), "404") {
				t.Errorf("GET %s: not an HTML 404 page: %s %.200s", tc.target, mediaType(w), w.Body.String())
			}
		})
	}
}

// TestBadRequests checks that bad parameters get 400 with a JSON error that
// names the parameter.
func TestBadRequests(t *testing.T) {
	ts := newDefaultFake(t, Config{})
	tests := []struct {
		name, target, mentions string
	}{
		{"size over the limit", "/api/search?size=1000", "size"},
		{"negative from", "/api/search?from=-1", "from"},
		{"section not a number", "/api/search?section=abc", "section"},
		{"unknown status", "/api/search?status=done", "status"},
		{"unknown language", "/api/search?lang=fr", "lang"},
		{"q twice", "/api/search?q=a&q=b", "q"},
		{"unknown format", "/api/search?format=xml", "format"},
		{"csv with bad size", "/api/search.csv?size=0", "size"},
		{"suggest n zero", "/api/suggest?q=a&n=0", "n"},
		{"suggest n not a number", "/api/suggest?q=a&n=x", "n"},
		{"chart language", "/api/charts/measures-by-section?lang=fr", "lang"},
		{"search chart unknown facet", "/api/charts/search?facet=colour", "facet"},
		{"malformed query string", "/api/search?q=%ZZ", "query"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := ts.get(t, tc.target)
			if w.Code != http.StatusBadRequest {
				t.Fatalf("GET %s: status %d, want 400; body %.200s", tc.target, w.Code, w.Body.String())
			}
			var e struct{ Error string }
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
				t.Fatalf("GET %s: body %q is not JSON: %v", tc.target, w.Body.String(), err)
			}
			if !strings.Contains(e.Error, tc.mentions) {
				t.Errorf("GET %s: error %q does not name %q", tc.target, e.Error, tc.mentions)
			}
		})
	}
	t.Run("search page shows the error", func(t *testing.T) {
		w := ts.get(t, "/?size=1000")
		if w.Code != http.StatusBadRequest || mediaType(w) != "text/html" || !strings.Contains(w.Body.String(), `role="alert"`) {
			t.Errorf("GET /?size=1000: %d %s, want an HTML 400 page with the error", w.Code, mediaType(w))
		}
	})
}

// TestSecurityHeaders checks the CSP, framing rules, nosniff and CORS.
func TestSecurityHeaders(t *testing.T) {
	ts := newDefaultFake(t, Config{})
	nonceRE := regexp.MustCompile(`script-src 'self' 'nonce-([A-Za-z0-9_-]+)'`)
	for _, target := range []string{"/", "/dashboard", "/measures/ogp-nap-2021-report/1.1", "/charts/measures-by-section", "/api/search", "/static/style.css"} {
		t.Run("page "+target, func(t *testing.T) {
			w := ts.get(t, target)
			csp := w.Header().Get("Content-Security-Policy")
			if !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("CSP %q lacks frame-ancestors 'none'", csp)
			}
			if strings.Contains(csp, "'unsafe-inline'") && strings.Contains(strings.SplitN(strings.SplitN(csp, "script-src", 2)[1], ";", 2)[0], "unsafe-inline") {
				t.Errorf("CSP %q allows inline scripts", csp)
			}
			if got := w.Header().Get("X-Frame-Options"); got != "DENY" {
				t.Errorf("X-Frame-Options %q, want DENY", got)
			}
			if got := w.Header().Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options %q", got)
			}
			if mediaType(w) != "text/html" {
				return
			}
			m := nonceRE.FindStringSubmatch(csp)
			if m == nil {
				t.Fatalf("CSP %q has no script nonce", csp)
			}
			// Every script element carries the request's nonce.
			scripts := regexp.MustCompile(`<script[^>]*>`).FindAllString(w.Body.String(), -1)
			if len(scripts) == 0 {
				t.Fatal("page has no script")
			}
			for _, s := range scripts {
				if !strings.Contains(s, `nonce="`+m[1]+`"`) {
					t.Errorf("script %s lacks the nonce %s", s, m[1])
				}
			}
		})
	}
	t.Run("nonce differs per request", func(t *testing.T) {
		a := ts.get(t, "/").Header().Get("Content-Security-Policy")
		b := ts.get(t, "/").Header().Get("Content-Security-Policy")
		if a == b {
			t.Error("two requests got the same CSP nonce")
		}
	})
	t.Run("embed may be framed anywhere", func(t *testing.T) {
		w := ts.get(t, "/embed/charts/measures-by-section")
		if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors *") {
			t.Errorf("embed CSP %q does not let any site frame it", csp)
		}
		if got := w.Header().Get("X-Frame-Options"); got != "" {
			t.Errorf("embed has X-Frame-Options %q", got)
		}
		// Style elements need the request's nonce too.
		m := regexp.MustCompile(`style-src-elem 'self' 'nonce-([A-Za-z0-9_-]+)'`).FindStringSubmatch(w.Header().Get("Content-Security-Policy"))
		if m == nil {
			t.Fatal("embed CSP has no style nonce")
		}
		styles := regexp.MustCompile(`<style[^>]*>`).FindAllString(w.Body.String(), -1)
		if len(styles) == 0 {
			t.Fatal("embed page has no style element")
		}
		for _, st := range styles {
			if !strings.Contains(st, `nonce="`+m[1]+`"`) {
				t.Errorf("style element %s lacks the nonce", st)
			}
		}
	})
	t.Run("CORS on API reads", func(t *testing.T) {
		w := ts.get(t, "/api/search", "Origin", "https://elsewhere.example")
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != "*" {
			t.Errorf("Access-Control-Allow-Origin %q, want *", got)
		}
		if got := ts.get(t, "/").Header().Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("page has Access-Control-Allow-Origin %q", got)
		}
	})
	t.Run("CORS preflight", func(t *testing.T) {
		r := httptest.NewRequest(http.MethodOptions, "/api/search", nil)
		w := ts.do(t, r, "Origin", "https://elsewhere.example", "Access-Control-Request-Method", "GET")
		if w.Code != http.StatusNoContent || !strings.Contains(w.Header().Get("Access-Control-Allow-Methods"), "GET") {
			t.Errorf("preflight: %d, methods %q", w.Code, w.Header().Get("Access-Control-Allow-Methods"))
		}
		if strings.Contains(w.Header().Get("Access-Control-Allow-Methods"), "POST") {
			t.Error("preflight allows POST")
		}
	})
	t.Run("no CORS on writes", func(t *testing.T) {
		ts := newServer(t, Config{AdminToken: "tok"}, defaultReport(t))
		r := httptest.NewRequest(http.MethodPost, "/api/reports", nil)
		w := ts.do(t, r, "Origin", "https://elsewhere.example")
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("POST /api/reports has Access-Control-Allow-Origin %q", got)
		}
	})
}

// TestEscaping checks that report text with markup stays text on every page
// and in every API answer that shows it.
func TestEscaping(t *testing.T) {
	hostile := parseReport(t, "hostile.az.txt", hostileReport)
	ts := newServer(t, Config{}, defaultReport(t), hostile)
	var agency string
	for _, m := range hostile.Measures {
		for _, a := range m.Agencies {
			agency = a.ID
		}
	}
	if agency == "" {
		t.Fatal("the hostile report names no agency")
	}
	targets := []string{
		"/",
		"/?q=qaynar+x%C9%99tt",
		"/?q=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
		"/?report=hostile",
		"/measures/hostile/1.1",
		"/measures/hostile/1.2",
		"/agencies",
		"/agencies/" + agency,
		"/dashboard",
		"/charts/measures-by-section",
		"/embed/charts/measures-by-section",
		"/charts/search?facet=report",
		"/embed/charts/search?facet=report",
		"/charts/search?q=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
		"/api/search?report=hostile",
		"/api/measures/hostile/1.1",
		"/api/figures",
		"/api/charts",
		"/api/charts/search?facet=report",
		"/api/suggest?q=%C5%9F%C9%99ffaf",
	}
	for _, target := range targets {
		t.Run(target, func(t *testing.T) {
			w := ts.get(t, target)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d; body %.300s", w.Code, w.Body.String())
			}
			body := w.Body.String()
			for _, bad := range []string{xss, "<script>alert", "<img src=x", "<b>bold</b>"} {
				if strings.Contains(body, bad) {
					i := strings.Index(body, bad)
					t.Errorf("body contains %q unescaped: …%s…", bad, body[max(0, i-120):min(len(body), i+80)])
				}
			}
		})
	}
	t.Run("the text is shown, escaped", func(t *testing.T) {
		body := ts.get(t, "/measures/hostile/1.1").Body.String()
		if !strings.Contains(body, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Error("measure page does not show the markup as text")
		}
	})
	t.Run("chart options carry the text script-safe", func(t *testing.T) {
		body := ts.get(t, "/charts/search?facet=report").Body.String()
		if !strings.Contains(body, `\u003c/script\u003e\u003cscript\u003ealert(1)`) {
			t.Error("the report title is not in the chart option as escaped JSON")
		}
	})
}

// TestLanguage checks Azerbaijani by default, English with ?lang=en
// remembered in a cookie, and agency names in the chosen language.
func TestLanguage(t *testing.T) {
	ts := newServer(t, Config{}, defaultReport(t))
	agency := analytics.Agencies(allReports(t, ts.searcher))[0].Agency
	if agency.NameEN == "" || agency.NameEN == agency.Name {
		t.Fatalf("agency %s has no distinct English name", agency.ID)
	}
	az := ts.get(t, "/agencies")
	if !strings.Contains(az.Body.String(), `<html lang="az">`) || !strings.Contains(az.Body.String(), agency.Name) {
		t.Error("default page is not Azerbaijani")
	}
	en := ts.get(t, "/agencies?lang=en")
	body := en.Body.String()
	if !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, agency.NameEN) || !strings.Contains(body, words[corpus.LangEN]["agencies_title"]) {
		t.Error("?lang=en page is not English or lacks the English agency name")
	}
	var cookie *http.Cookie
	for _, c := range en.Result().Cookies() {
		if c.Name == langCookie {
			cookie = c
		}
	}
	if cookie == nil || cookie.Value != corpus.LangEN {
		t.Fatalf("?lang=en set no %s cookie", langCookie)
	}
	again := ts.get(t, "/", "Cookie", cookie.String())
	if !strings.Contains(again.Body.String(), `<html lang="en">`) {
		t.Error("the language cookie is not remembered")
	}
	back := ts.get(t, "/?lang=az", "Cookie", cookie.String())
	if !strings.Contains(back.Body.String(), `<html lang="az">`) {
		t.Error("?lang=az does not switch back")
	}
	if !strings.Contains(en.Body.String(), `hreflang="az"`) {
		t.Error("English page has no link back to Azerbaijani")
	}
}

// TestWordsComplete checks that both languages have every interface word.
func TestWordsComplete(t *testing.T) {
	for key := range words[corpus.LangAZ] {
		if words[corpus.LangEN][key] == "" {
			t.Errorf("English lacks %q", key)
		}
	}
	for key := range words[corpus.LangEN] {
		if words[corpus.LangAZ][key] == "" {
			t.Errorf("Azerbaijani lacks %q", key)
		}
	}
	// Every .T.key a template uses exists.
	keyRE := regexp.MustCompile(`\$?\.?T\.([a-z_]+)|\$t\.([a-z_]+)`)
	for _, name := range append(pageNames, "layout", "tools") {
		data, err := templateFS.ReadFile("templates/" + name + ".html")
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRE.FindAllStringSubmatch(string(data), -1) {
			key := m[1] + m[2]
			if _, ok := words[corpus.LangAZ][key]; !ok {
				t.Errorf("template %s uses unknown word %q", name, key)
			}
		}
	}
}

// TestAdminUpload checks the write endpoint: off without a token, 401/403
// with a missing or wrong token, 400 for a bad file, and a successful upload
// re-indexes so that the new report is searchable.
func TestAdminUpload(t *testing.T) {
	const token = "s3cret-token"
	auth := []string{"Authorization", "Bearer " + token}
	upload := func(name, body string) *http.Request {
		return httptest.NewRequest(http.MethodPost, "/api/reports?name="+name, strings.NewReader(body))
	}
	t.Run("off without a token", func(t *testing.T) {
		ts := newServer(t, Config{}, defaultReport(t))
		w := ts.do(t, upload("x.az.txt", hostileReport), auth...)
		if w.Code != http.StatusNotFound {
			t.Errorf("status %d, want 404", w.Code)
		}
	})
	ts := newServer(t, Config{AdminToken: token, MaxUploadBytes: 64 << 10}, defaultReport(t))
	tests := []struct {
		name   string
		req    *http.Request
		header []string
		status int
	}{
		{"no token", upload("x.az.txt", hostileReport), nil, http.StatusUnauthorized},
		{"wrong token", upload("x.az.txt", hostileReport), []string{"Authorization", "Bearer nope"}, http.StatusForbidden},
		{"basic auth", upload("x.az.txt", hostileReport), []string{"Authorization", "Basic " + token}, http.StatusUnauthorized},
		{"no name", httptest.NewRequest(http.MethodPost, "/api/reports", strings.NewReader(hostileReport)), auth, http.StatusBadRequest},
		{"wrong extension", upload("x.odt", hostileReport), auth, http.StatusBadRequest},
		{"not a PDF", upload("x.pdf", hostileReport), auth, http.StatusBadRequest},
		{"not a report", upload("x.az.txt", "just some words\nand more\n"), auth, http.StatusBadRequest},
		{"garbage docx", upload("x.docx", "PK\x03\x04garbage"), auth, http.StatusBadRequest},
		{"too large", upload("x.az.txt", strings.Repeat("a", 70<<10)), auth, http.StatusRequestEntityTooLarge},
		{"declared far too large", upload("x.az.txt", strings.Repeat("a", 2<<20)), auth, http.StatusRequestEntityTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := ts.do(t, tc.req, tc.header...)
			if w.Code != tc.status {
				t.Errorf("status %d, want %d; body %s", w.Code, tc.status, w.Body.String())
			}
			if !strings.Contains(w.Body.String(), `"error":`) {
				t.Errorf("body %q is not a JSON error", w.Body.String())
			}
		})
	}
	if ts.reindexN != 0 {
		t.Fatalf("%d re-indexes after refused uploads", ts.reindexN)
	}
	if n := len(allReports(t, ts.searcher)); n != 1 {
		t.Fatalf("%d reports after refused uploads, want 1", n)
	}

	w := ts.do(t, upload("extra.az.txt", hostileReport), auth...)
	if w.Code != http.StatusCreated {
		t.Fatalf("upload: status %d, want 201; body %s", w.Code, w.Body.String())
	}
	var res uploadResult
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.Report != "extra" || res.Measures != 2 || res.Replaced || res.Reports != 2 {
		t.Errorf("upload answer %+v", res)
	}
	if got := ts.get(t, "/api/measures/extra/1.2"); got.Code != http.StatusOK {
		t.Errorf("uploaded measure: status %d", got.Code)
	}
	if got := ts.get(t, "/api/search?report=extra"); !strings.Contains(got.Body.String(), `"total":2`) {
		t.Errorf("uploaded report is not searchable: %.200s", got.Body.String())
	}

	if got := ts.get(t, "/api/charts/measures-by-section"); !strings.Contains(got.Body.String(), "Birinci bölmə") {
		t.Errorf("the charts do not follow the re-index: %.300s", got.Body.String())
	}

	// The same name again replaces the report.
	multipartBody, ctype := multipartFile(t, "extra.az.txt", strings.Replace(hostileReport, "İkinci tədbir", "Yenilənmiş tədbir", 1))
	r := httptest.NewRequest(http.MethodPost, "/api/reports", multipartBody)
	w = ts.do(t, r, "Content-Type", ctype, auth[0], auth[1])
	if w.Code != http.StatusOK {
		t.Fatalf("replace: status %d, want 200; body %s", w.Code, w.Body.String())
	}
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || !res.Replaced || res.Reports != 2 {
		t.Errorf("replace answer %+v (%v)", res, err)
	}
	if got := ts.get(t, "/api/measures/extra/1.2"); !strings.Contains(got.Body.String(), "Yenilənmiş tədbir") {
		t.Errorf("replaced measure not served: %.200s", got.Body.String())
	}
	if ts.reindexN != 2 {
		t.Errorf("%d re-indexes, want 2", ts.reindexN)
	}
}

// TestAdminUploadPDF uploads Chromium's PDF rendering of the shipped report
// (kept by corpus/pdf's tests): it is read and served like the text.
func TestAdminUploadPDF(t *testing.T) {
	data, err := os.ReadFile("../corpus/pdf/testdata/ogp-nap-2021-report.pdf")
	if err != nil {
		t.Skip(err)
	}
	ts := newServer(t, Config{AdminToken: "tok"}, defaultReport(t))
	r := httptest.NewRequest(http.MethodPost, "/api/reports?name=plan-2022.az.pdf", bytes.NewReader(data))
	w := ts.do(t, r, "Authorization", "Bearer tok")
	var res uploadResult
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || w.Code != http.StatusCreated {
		t.Fatalf("status %d, body %.300s", w.Code, w.Body.String())
	}
	if res.Report != "plan-2022" || res.Measures != 64 || res.Reports != 2 {
		t.Errorf("upload answer %+v; want plan-2022 with 64 measures", res)
	}
	if got := ts.get(t, "/api/measures/plan-2022/1.8"); got.Code != http.StatusOK {
		t.Errorf("a measure of the PDF: status %d", got.Code)
	}
}

// TestReindexFailureKeepsIndex checks that a failed re-index changes nothing.
func TestReindexFailureKeepsIndex(t *testing.T) {
	ts := newServer(t, Config{AdminToken: "tok"}, defaultReport(t))
	boom := errors.New("disk full")
	ts.cfg.Reindex = func(context.Context, []*corpus.Report) error { return boom }
	w := ts.do(t, httptest.NewRequest(http.MethodPost, "/api/reports?name=x.az.txt", strings.NewReader(hostileReport)), "Authorization", "Bearer tok")
	if w.Code != http.StatusInternalServerError || strings.Contains(w.Body.String(), "disk full") {
		t.Errorf("status %d body %s; want 500 without internals", w.Code, w.Body.String())
	}
	if n := len(allReports(t, ts.searcher)); n != 1 {
		t.Errorf("%d reports after a failed re-index", n)
	}
}

// TestStatusOf checks the one mapping from errors to HTTP statuses.
func TestStatusOf(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"search invalid", fmt.Errorf("search: size: %w", search.ErrInvalid), 400},
		{"corpus invalid", &corpus.ParseError{File: "x", Msg: "bad"}, 400},
		{"corpus too large", &corpus.ParseError{File: "x", Msg: "big", Err: corpus.ErrTooLarge}, 413},
		{"chart language", chart.ErrLanguage, 400},
		{"search not found", fmt.Errorf("search: %w", search.ErrNotFound), 404},
		{"no chart", fmt.Errorf("x: %w", analytics.ErrNoChart), 404},
		{"chart text missing", fmt.Errorf("x: %w", analytics.ErrNotFound), 404},
		{"deadline", fmt.Errorf("search: %w", context.DeadlineExceeded), 503},
		{"searcher closed", fmt.Errorf("search: %w", search.ErrClosed), 503},
		{"unauthorized", errUnauthorized, 401},
		{"forbidden", errForbidden, 403},
		{"anything else", errors.New("boom"), 500},
		{"invalid chart is our bug", chart.ErrInvalidChart, 500},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := statusOf(tc.err); got != tc.want {
				t.Errorf("statusOf(%v) = %d, want %d", tc.err, got, tc.want)
			}
		})
	}
}

// TestTimeout checks that a request whose deadline passes gets a 503 with a
// JSON error rather than hanging or a 500.
func TestTimeout(t *testing.T) {
	ts := newDefaultFake(t, Config{RequestTimeout: time.Nanosecond})
	w := ts.get(t, "/api/search?q=korrupsiya")
	if w.Code != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503; body %s", w.Code, w.Body.String())
	}
	if w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), `"error":`) {
		t.Errorf("503 without Retry-After or JSON error: %v %s", w.Header(), w.Body.String())
	}
}

// TestPanicRecovery checks that a panicking handler gives a 500 and that the
// server keeps serving.
func TestPanicRecovery(t *testing.T) {
	ts := newDefaultFake(t, Config{})
	ts.engine.GET("/api/panic", func(*gin.Context) { panic("handler bug") })
	ts.engine.GET("/panic", func(*gin.Context) { panic("handler bug") })
	if w := ts.get(t, "/api/panic"); w.Code != 500 || !strings.Contains(w.Body.String(), `"error":"internal server error"`) {
		t.Errorf("API panic: %d %s", w.Code, w.Body.String())
	}
	if w := ts.get(t, "/panic"); w.Code != 500 || mediaType(w) != "text/html" {
		t.Errorf("page panic: %d %s", w.Code, mediaType(w))
	}
	if w := ts.get(t, "/healthz"); w.Code != 200 {
		t.Errorf("healthz after panics: %d", w.Code)
	}
}

// TestMetrics checks the Prometheus text: request counters by route pattern
// (not raw path), a latency histogram and the index gauges.
func TestMetrics(t *testing.T) {
	ts := newServer(t, Config{IndexSize: func() int64 { return 12345 }}, defaultReport(t))
	ts.get(t, "/measures/ogp-nap-2021-report/1.1")
	ts.get(t, "/measures/ogp-nap-2021-report/1.2")
	ts.get(t, "/measures/ogp-nap-2021-report/99.9")
	ts.get(t, "/no/such/page")
	body := ts.get(t, "/metrics").Body.String()
	for _, want := range []string{
		`hesabat_http_requests_total{method="GET",route="/measures/:report/:number",status="2xx"} 2`,
		`hesabat_http_requests_total{method="GET",route="/measures/:report/:number",status="4xx"} 1`,
		`hesabat_http_requests_total{method="GET",route="unmatched",status="4xx"} 1`,
		`hesabat_http_request_duration_seconds_bucket{route="/measures/:report/:number",le="+Inf"} 3`,
		`hesabat_http_request_duration_seconds_count{route="/measures/:report/:number"} 3`,
		"# TYPE hesabat_http_request_duration_seconds histogram",
		"hesabat_index_documents 64",
		"hesabat_reports 1",
		"hesabat_index_size_bytes 12345",
		"go_goroutines ",
		"process_resident_memory_bytes ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if strings.Contains(body, "99.9") {
		t.Error("metrics carry a raw path")
	}
	// Every sample line is "name{labels} value" or "name value".
	lineRE := regexp.MustCompile(`^[a-z_]+(\{[^}]*\})? ([0-9.e+-]+|NaN|[+-]Inf)$`)
	for _, l := range strings.Split(strings.TrimSpace(body), "\n") {
		if !strings.HasPrefix(l, "#") && !lineRE.MatchString(l) {
			t.Errorf("bad metrics line %q", l)
		}
	}
}

// TestStatic checks static files: versioned URLs cached for good, no
// listings, no escape from the embedded directory.
func TestStatic(t *testing.T) {
	ts := newDefaultFake(t, Config{})
	w := ts.get(t, ts.assetPrefix()+"/style.css")
	if w.Code != 200 || !strings.Contains(w.Header().Get("Cache-Control"), "immutable") {
		t.Errorf("versioned stylesheet: %d, Cache-Control %q", w.Code, w.Header().Get("Cache-Control"))
	}
	if w := ts.get(t, "/static/style.css"); strings.Contains(w.Header().Get("Cache-Control"), "immutable") {
		t.Error("unversioned file cached as immutable")
	}
	for _, target := range []string{"/static/", ts.assetPrefix() + "/", "/static/../server.go", "/static/%2e%2e/server.go", "/static/v-000000000000/style.css/"} {
		if w := ts.get(t, target); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", target, w.Code)
		}
	}
	page := ts.get(t, "/").Body.String()
	if !strings.Contains(page, ts.assetPrefix()+"/style.css") {
		t.Error("pages do not use the versioned asset URL")
	}
}

// TestConfig checks that New refuses a configuration it cannot serve.
func TestConfig(t *testing.T) {
	if _, err := New(Config{}); !errors.Is(err, ErrConfig) {
		t.Errorf("New without a searcher: %v, want ErrConfig", err)
	}
	ts := newServer(t, Config{}, defaultReport(t))
	if _, err := New(Config{Searcher: ts.searcher, TrustedProxies: []string{"not-an-ip"}}); !errors.Is(err, ErrConfig) {
		t.Errorf("New with a bad proxy: %v, want ErrConfig", err)
	}
}

// TestUploadSaved checks that an accepted upload is handed to
// Config.SaveReport after the re-index, and a refused one is not.
func TestUploadSaved(t *testing.T) {
	ts := newServer(t, Config{AdminToken: "tok"}, defaultReport(t))
	var saved []string
	ts.cfg.SaveReport = func(_ context.Context, name string, data []byte) error {
		saved = append(saved, name+":"+fmt.Sprint(len(data)))
		return nil
	}
	send := func(name, body string) int {
		r := httptest.NewRequest(http.MethodPost, "/api/reports?name="+name, strings.NewReader(body))
		return ts.do(t, r, "Authorization", "Bearer tok").Code
	}
	if code := send("bad.az.txt", "no report here"); code != http.StatusBadRequest {
		t.Fatalf("bad upload: %d", code)
	}
	if code := send("../../etc/Sınaq%20planı.az.txt", hostileReport); code != http.StatusCreated {
		t.Fatalf("upload: %d", code)
	}
	want := fmt.Sprintf("Sınaq-planı.az.txt:%d", len(hostileReport))
	if len(saved) != 1 || saved[0] != want {
		t.Errorf("saved %q, want [%s]", saved, want)
	}
	ts.cfg.SaveReport = func(context.Context, string, []byte) error { return errors.New("read-only file system") }
	if code := send("again.az.txt", hostileReport); code != http.StatusInternalServerError {
		t.Errorf("upload with a failing save: %d, want 500", code)
	}
}

// TestEmbedSetsNoCookie checks that an embed with ?lang= answers in that
// language without remembering it for the site.
func TestEmbedSetsNoCookie(t *testing.T) {
	ts := newDefaultFake(t, Config{})
	w := ts.get(t, "/embed/charts/measures-by-section?lang=en")
	if w.Code != 200 || !strings.Contains(w.Body.String(), `<html lang="en">`) {
		t.Fatalf("embed ?lang=en: %d, not English", w.Code)
	}
	if c := w.Header().Get("Set-Cookie"); c != "" {
		t.Errorf("embed set a cookie: %s", c)
	}
}

// TestSearchPageState checks that the search page's links keep the whole
// search in the URL: pagination keeps the query and filters, removing a
// filter keeps the others, and the JSON link gives the same results.
func TestSearchPageState(t *testing.T) {
	ts := newServer(t, Config{}, defaultReport(t))
	page := ts.get(t, "/?q=elektron&status=in_progress&year=2021&size=3").Body.String()
	next := regexp.MustCompile(`href="([^"]+)" rel="next"`).FindStringSubmatch(page)
	if next == nil {
		t.Fatal("no next link")
	}
	nextURL := strings.ReplaceAll(next[1], "&amp;", "&")
	for _, want := range []string{"q=elektron", "status=in_progress", "year=2021", "size=3", "from=3", "lang=az"} {
		if !strings.Contains(nextURL, want) {
			t.Errorf("next link %s lacks %s", nextURL, want)
		}
	}
	chips := regexp.MustCompile(`<li><a href="([^"]+)" aria-label`).FindAllStringSubmatch(page, -1)
	if len(chips) != 2 {
		t.Fatalf("%d filter chips, want 2", len(chips))
	}
	for _, c := range chips {
		u := strings.ReplaceAll(c[1], "&amp;", "&")
		if strings.Contains(u, "status=") == strings.Contains(u, "year=") || !strings.Contains(u, "q=elektron") {
			t.Errorf("chip link %s should drop exactly one filter and keep the query", u)
		}
	}
	jsonLink := regexp.MustCompile(`href="(/api/search\?[^"]+)" type="application/json"`).FindStringSubmatch(page)
	if jsonLink == nil {
		t.Fatal("no JSON link")
	}
	var res search.Result
	if err := json.Unmarshal(ts.get(t, strings.ReplaceAll(jsonLink[1], "&amp;", "&")).Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	total := regexp.MustCompile(`class="total">(\d+)<`).FindStringSubmatch(page)
	if total == nil || fmt.Sprint(res.Total) != total[1] || len(res.Hits) != 3 {
		t.Errorf("JSON link: total %d, %d hits; page says %v", res.Total, len(res.Hits), total)
	}
	for _, h := range res.Hits {
		if !strings.Contains(page, `data-id="`+h.ID+`"`) {
			t.Errorf("JSON hit %s is not on the page", h.ID)
		}
	}
}
