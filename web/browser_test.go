package web

// End-to-end tests in headless Chromium (Debian's chromium package, driven by
// chromedp): one browser, one tab per scenario, a real Server on loopback.
// They skip only when no Chromium is installed and $CI is unset; in CI they
// must run. Screenshots go to $HESABAT_SCREENSHOTS (a temporary directory
// when unset; `make test` sets ./screenshots).

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/web/internal/browsertest"
)

// openTab opens a watched tab (see browsertest.OpenTab) in a fresh browser
// context: no cookies (e.g. the language) carry over from other tabs. The
// tab asks for Azerbaijani (Accept-Language: az), as the site's readers'
// browsers do; headless Chromium would ask for en-US.
func openTab(t *testing.T, browser context.Context, timeout time.Duration) (context.Context, *browsertest.Watch) {
	t.Helper()
	ctx, w := browsertest.OpenTab(t, browser, timeout, chromedp.WithNewBrowserContext())
	if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": "az"}}); err != nil {
		t.Fatal(err)
	}
	return ctx, w
}

// dismissDialogs closes every JavaScript dialog the tab opens (report text
// that ran as script would open one), so that the test goes on to fail
// instead of hanging; the tab's browsertest.Watch records them.
func dismissDialogs(ctx context.Context) {
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for _, err := range dialogs {
			if err != nil {
				return
			}
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
}

// navigate loads target and waits for the page's load event.
func navigate(t *testing.T, ctx context.Context, target string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(target)); err != nil {
		t.Fatalf("navigate %s: %v", target, err)
	}
}

// evaluate runs a JavaScript expression and decodes its value.
func evaluate[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitFor polls a JavaScript predicate until it is truthy.
func waitFor(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// chartsDrawn is a predicate: every chart container on the page holds a
// drawn canvas or svg.
const chartsDrawn = `(() => {
  const all = document.querySelectorAll(".hesabat-chart");
  return all.length > 0 && Array.from(all).every(el => el.getAttribute("data-rendered") === "true" && el.querySelector("canvas, svg"));
})()`

func TestBrowser(t *testing.T) {
	browser := browsertest.Start(t)
	report := defaultReport(t)
	ts := newServer(t, Config{}, report)
	srv := httptest.NewServer(ts.handler)
	t.Cleanup(srv.Close)
	charts, err := analytics.Charts([]*corpus.Report{report})
	if err != nil {
		t.Logf("analytics.Charts: %v", err)
	}
	if len(charts) == 0 {
		t.Fatal("analytics built no charts from the shipped report")
	}

	t.Run("type a query, see highlighted results, click a facet", func(t *testing.T) {
		ctx, w := openTab(t, browser, 3*time.Minute)
		navigate(t, ctx, srv.URL+"/")
		// Typing shows suggestions; Enter submits.
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("q"), "müraciət")); err != nil {
			t.Fatalf("type the query: %v", err)
		}
		waitFor(t, ctx, "suggestions", `!document.getElementById("suggest").hidden && document.querySelectorAll("#suggest [role=option]").length > 0`)
		browsertest.Screenshot(t, ctx, "search-suggest")
		if _, err := chromedp.RunResponse(ctx, chromedp.SendKeys(chromedp.ID("q"), "\n")); err != nil {
			t.Fatalf("submit the query: %v", err)
		}
		waitFor(t, ctx, "results", `document.querySelectorAll(".hit").length > 0`)
		marks := evaluate[[]string](t, ctx, `Array.from(document.querySelectorAll(".hit .snippet mark")).map(m => m.textContent)`)
		if len(marks) == 0 {
			t.Fatal("no <mark> in the result snippets")
		}
		for _, m := range marks {
			if !strings.Contains(strings.ToLower(m), "müraciət") {
				t.Errorf("highlighted %q, which is not the query word", m)
			}
		}
		total := evaluate[int](t, ctx, `Number(document.querySelector(".summary .total").textContent)`)
		browsertest.Screenshot(t, ctx, "search")

		// Pick a facet value that narrows the results and click its checkbox;
		// the page reloads with the filter (app.js submits on change).
		pick := evaluate[[]string](t, ctx, fmt.Sprintf(`(() => {
			for (const input of document.querySelectorAll(".facet input[type=checkbox]")) {
				const n = Number(input.parentElement.querySelector(".count").textContent);
				if (n > 0 && n < %d) { return [input.id, String(n), input.name, input.value]; }
			}
			return [];
		})()`, total))
		if len(pick) != 4 {
			t.Fatalf("no facet value narrows %d results", total)
		}
		// The results change in place: no page load, focus stays on the
		// checkbox (found again by name and value), the URL follows.
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.__samePage = true`)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[id=%q]`, pick[0])))); err != nil {
			t.Fatalf("click facet %s: %v", pick[0], err)
		}
		waitFor(t, ctx, "filtered results", fmt.Sprintf(`new URLSearchParams(location.search).getAll(%q).length > 0 && document.querySelector(".summary .total") !== null`, pick[2]))
		focus := evaluate[[]any](t, ctx, `[window.__samePage === true, document.activeElement.name || "", document.activeElement.value || ""]`)
		if focus[0] != true || focus[1] != pick[2] || focus[2] != pick[3] {
			t.Errorf("after ticking %s=%s: [same page, focused name, value] = %v", pick[2], pick[3], focus)
		}
		after := evaluate[int](t, ctx, `Number(document.querySelector(".summary .total").textContent)`)
		if fmt.Sprint(after) != pick[1] {
			t.Errorf("after selecting %s=%s: %d results, want the facet's count %s", pick[2], pick[3], after, pick[1])
		}
		state := evaluate[[]any](t, ctx, fmt.Sprintf(`[document.querySelector('input[type=checkbox][name=%q][value=%q]').checked, new URLSearchParams(location.search).getAll(%q)]`, pick[2], pick[3], pick[2]))
		if state[0] != true || fmt.Sprint(state[1]) != fmt.Sprintf("[%s]", pick[3]) {
			t.Errorf("[checkbox checked, URL values] = %v, want [true [%s]]", state, pick[3])
		}
		browsertest.Screenshot(t, ctx, "search-facet")

		// Open the first result's measure page.
		href := evaluate[string](t, ctx, `document.querySelector(".hit h3 a").getAttribute("href")`)
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(".hit h3 a"))); err != nil {
			t.Fatalf("open measure: %v", err)
		}
		got := evaluate[[]string](t, ctx, `[location.pathname, document.querySelector("h1 .number").textContent, String(document.querySelectorAll(".narrative p").length)]`)
		if !strings.HasPrefix(href, got[0]) || !strings.HasPrefix(got[0], "/measures/") || !strings.HasSuffix(got[0], "/"+got[1]) || got[2] == "0" {
			t.Errorf("measure page [path number paragraphs] = %v, from link %s", got, href)
		}
		browsertest.Screenshot(t, ctx, "measure")
		w.Check(t)
	})

	t.Run("dashboard draws every chart", func(t *testing.T) {
		ctx, w := openTab(t, browser, 3*time.Minute)
		navigate(t, ctx, srv.URL+"/dashboard")
		waitFor(t, ctx, "every chart drawn", chartsDrawn)
		ids := evaluate[[]string](t, ctx, `Array.from(document.querySelectorAll(".hesabat-chart")).map(el => el.getAttribute("data-chart"))`)
		want := map[string]bool{}
		for _, c := range charts {
			want[c.ID] = true
		}
		for _, id := range ids {
			delete(want, id)
		}
		if len(want) > 0 {
			t.Errorf("dashboard lacks charts %v (has %v)", want, ids)
		}
		browsertest.Screenshot(t, ctx, "dashboard")
		w.Check(t)
	})

	t.Run("dashboard on a phone screen", func(t *testing.T) {
		ctx, w := openTab(t, browser, 3*time.Minute)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile)); err != nil {
			t.Fatal(err)
		}
		navigate(t, ctx, srv.URL+"/dashboard")
		waitFor(t, ctx, "every chart drawn", chartsDrawn)
		widths := evaluate[[]float64](t, ctx, `[document.documentElement.scrollWidth].concat(
			Array.from(document.querySelectorAll(".hesabat-chart")).map(el => el.getBoundingClientRect().right))`)
		for i, wd := range widths {
			if wd > 375 {
				what := "the page"
				if i > 0 {
					what = fmt.Sprintf("chart %d", i)
				}
				t.Errorf("%s is %.0fpx wide on a 375px screen", what, wd)
			}
		}
		browsertest.Screenshot(t, ctx, "dashboard-phone")
		w.Check(t)
	})

	t.Run("embed URL in an iframe of another site", func(t *testing.T) {
		id := charts[0].ID
		other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Partner site</title></head><body>
<h1>A partner's article</h1>
<iframe id="embed" src="%s/embed/charts/%s?lang=en" title="chart" style="width:640px;height:400px;border:1px solid #ccc"></iframe>
<iframe id="framed-page" src="%s/dashboard" title="page" style="width:300px;height:100px"></iframe>
</body></html>`, srv.URL, url.PathEscape(id), srv.URL)
		}))
		t.Cleanup(other.Close)
		ctx, w := openTab(t, browser, 3*time.Minute)
		navigate(t, ctx, other.URL)
		frames, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS("#embed")))
		if err != nil || len(frames) != 1 {
			t.Fatalf("iframe: %v (%d)", err, len(frames))
		}
		size, err := chromedp.Run(ctx, chromedp.Poll[[]float64](`(() => {
			const el = document.querySelector(".hesabat-chart[data-rendered=true]");
			return el && el.querySelector("canvas, svg") && [el.clientWidth, el.clientHeight, document.querySelectorAll("header, nav, footer").length]; })()`,
			chromedp.WithPollingInFrame(frames[0]), chromedp.WithPollingTimeout(20*time.Second)))
		if err != nil {
			t.Fatalf("the embedded chart was not drawn: %v", err)
		}
		// The embed page has an 8px margin each side.
		if size[0] != 640-16 || size[1] < 300 || size[2] != 0 {
			t.Errorf("embedded chart [width height chrome-elements] = %v, want the frame's width less the margins, at least its content's height, no page chrome", size)
		}
		// Responsive: narrow the frame and the chart follows.
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("embed").style.width = "360px"`)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
			const el = document.querySelector(".hesabat-chart");
			return el.clientWidth === 360-16 && echarts.getInstanceByDom(el).getWidth() === 360-16; })()`,
			chromedp.WithPollingInFrame(frames[0]), chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Errorf("the embedded chart did not follow the frame's width: %v", err)
		}
		browsertest.Screenshot(t, ctx, "embed-iframe")
		// Only the embed URLs may be framed by other sites.
		w.Check(t, "frame-ancestors")
	})

	t.Run("report text with markup stays text in every page", func(t *testing.T) {
		hostile := parseReport(t, "hostile.az.txt", hostileReport)
		hts := newServer(t, Config{}, report, hostile)
		hsrv := httptest.NewServer(hts.handler)
		t.Cleanup(hsrv.Close)
		ctx, w := openTab(t, browser, 4*time.Minute)
		dismissDialogs(ctx)
		targets := []struct {
			path  string
			shows bool // the page shows the hostile text
		}{
			{path: "/?report=hostile", shows: true},
			{path: "/?q=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", shows: true},
			{path: "/measures/hostile/1.1", shows: true},
			{path: "/measures/hostile/1.2", shows: false},
			{path: "/agencies"},
			{path: "/dashboard"},
			{path: "/charts/search?facet=report&report=hostile"},
			{path: "/embed/charts/search?facet=report"},
		}
		for _, tt := range targets {
			navigate(t, ctx, hsrv.URL+tt.path)
			if strings.Contains(tt.path, "charts") || tt.path == "/dashboard" {
				waitFor(t, ctx, "charts drawn on "+tt.path, chartsDrawn)
			}
			got := evaluate[[]any](t, ctx, `[document.querySelectorAll("img[src=x], b").length, document.body.innerText.includes("</script><script>alert(1)</script>")]`)
			if got[0] != 0.0 {
				t.Errorf("%s: report text became elements (%v img/b)", tt.path, got[0])
			}
			if tt.shows && got[1] != true {
				t.Errorf("%s: the report text is not shown as text", tt.path)
			}
		}
		browsertest.Screenshot(t, ctx, "hostile-embed")
		w.Check(t)
	})

	t.Run("switch to English", func(t *testing.T) {
		ctx, w := openTab(t, browser, 3*time.Minute)
		navigate(t, ctx, srv.URL+"/dashboard")
		if lang := evaluate[string](t, ctx, `document.documentElement.lang`); lang != "az" {
			t.Errorf("default language = %q, want az", lang)
		}
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("a.lang"))); err != nil {
			t.Fatalf("click the language link: %v", err)
		}
		if lang := evaluate[string](t, ctx, `document.documentElement.lang`); lang != "en" {
			t.Fatalf("after switching, language = %q, want en", lang)
		}
		waitFor(t, ctx, "every chart drawn in English", chartsDrawn)
		titles := evaluate[map[string]string](t, ctx, `Object.fromEntries(Array.from(document.querySelectorAll(".hesabat-chart")).map(el =>
			[el.getAttribute("data-chart"), echarts.getInstanceByDom(el).getOption().title[0].text.replace(/\n/g, " ")]))`)
		for _, c := range charts {
			if got, ok := titles[c.ID]; ok && got != c.Title.EN {
				t.Errorf("chart %s title = %q, want the English %q", c.ID, got, c.Title.EN)
			}
		}
		browsertest.Screenshot(t, ctx, "dashboard-en")
		// The choice is remembered: a page without ?lang stays English.
		navigate(t, ctx, srv.URL+"/")
		if lang := evaluate[string](t, ctx, `document.documentElement.lang`); lang != "en" {
			t.Errorf("language on the next page = %q, want en (remembered)", lang)
		}
		w.Check(t)
	})
}
