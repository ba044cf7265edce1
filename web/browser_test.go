package web

// End-to-end tests in headless Chromium (Debian's chromium package, driven by
// chromedp): one browser, one tab per scenario, a real Server on loopback.
// They skip only when no Chromium is installed and $CI is unset; in CI they
// must run. Screenshots go to $HESABAT_SCREENSHOTS (a temporary directory
// when unset; `make test` sets ./screenshots).

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

// browserPath returns the browser to test with: $HESABAT_CHROMIUM or the
// first usual name on $PATH. Without one the test is skipped, unless $CI is
// set, where a missing browser is a failure.
func browserPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("HESABAT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI is set but no Chromium is installed (apt-get install chromium)")
	}
	t.Skip("no Chromium installed (apt-get install chromium); set CI=1 to make this a failure")
	return ""
}

// startBrowser starts one headless Chromium with a temporary profile; each
// chromedp.NewContext on the returned context opens a tab in it.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := browserPath(t)
	profile := t.TempDir() // removed after the browser stops: cleanups run last-in first-out
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	return ctx
}

// openTab opens a tab, in a fresh browser context, whose console, exceptions, browser log and requests
// are recorded; the returned context ends after timeout.
func openTab(t *testing.T, browser context.Context, timeout time.Duration) (context.Context, *tabWatch) {
	t.Helper()
	// A browser context of its own: no cookies (e.g. the language) carry over.
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	w := &tabWatch{}
	if err := chromedp.Listen(ctx, w.event); err != nil {
		t.Fatal(err)
	}
	tctx, tcancel := context.WithTimeout(ctx, timeout)
	t.Cleanup(tcancel)
	return tctx, w
}

// tabWatch collects what a tab reports.
type tabWatch struct {
	mu       sync.Mutex
	problems []string
	requests []string
}

func (w *tabWatch) event(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range ev.Args {
				if len(a.Value) > 0 {
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			w.problems = append(w.problems, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		w.problems = append(w.problems, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			w.problems = append(w.problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		w.requests = append(w.requests, ev.Request.URL)
	case *page.EventJavascriptDialogOpening:
		w.problems = append(w.problems, "dialog ("+string(ev.Type)+"): "+ev.Message)
	}
}

// dismissDialogs closes every JavaScript dialog the tab opens (report text
// that ran as script would open one), so that the test goes on to fail
// instead of hanging; tabWatch records them.
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

// check fails the test for every problem the tab reported except those
// containing one of the expected strings, and for every request that left
// the loopback interface.
func (w *tabWatch) check(t *testing.T, expected ...string) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	seen := make([]bool, len(expected))
problems:
	for _, p := range w.problems {
		for i, e := range expected {
			if strings.Contains(p, e) {
				seen[i] = true
				continue problems
			}
		}
		t.Errorf("browser reported: %s", p)
	}
	for i, e := range expected {
		if !seen[i] {
			t.Errorf("browser did not report the expected %q", e)
		}
	}
	if len(w.requests) == 0 {
		t.Error("no requests seen: is the network listener working?")
	}
	for _, r := range w.requests {
		if !loopback(r) {
			t.Errorf("request left localhost: %s", r)
		}
	}
}

// loopback reports whether a request URL stays on this machine.
func loopback(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return true
	case "http", "https", "ws", "wss":
	default:
		return false
	}
	if u.Hostname() == "localhost" {
		return true
	}
	ip := net.ParseIP(u.Hostname())
	return ip != nil && ip.IsLoopback()
}

// saveScreenshot writes a PNG of the tab's page for reviewers.
func saveScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("HESABAT_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
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
	browser := startBrowser(t)
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
		ctx, w := openTab(t, browser, 90*time.Second)
		navigate(t, ctx, srv.URL+"/")
		// Typing shows suggestions; Enter submits.
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("q"), "müraciət")); err != nil {
			t.Fatalf("type the query: %v", err)
		}
		waitFor(t, ctx, "suggestions", `!document.getElementById("suggest").hidden && document.querySelectorAll("#suggest a").length > 0`)
		saveScreenshot(t, ctx, "search-suggest")
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
		saveScreenshot(t, ctx, "search")

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
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[id=%q]`, pick[0])))); err != nil {
			t.Fatalf("click facet %s: %v", pick[0], err)
		}
		waitFor(t, ctx, "filtered results", `document.querySelector(".summary .total") !== null`)
		after := evaluate[int](t, ctx, `Number(document.querySelector(".summary .total").textContent)`)
		if fmt.Sprint(after) != pick[1] {
			t.Errorf("after selecting %s=%s: %d results, want the facet's count %s", pick[2], pick[3], after, pick[1])
		}
		state := evaluate[[]any](t, ctx, fmt.Sprintf(`[document.getElementById(%q).checked, new URLSearchParams(location.search).getAll(%q)]`, pick[0], pick[2]))
		if state[0] != true || fmt.Sprint(state[1]) != fmt.Sprintf("[%s]", pick[3]) {
			t.Errorf("[checkbox checked, URL values] = %v, want [true [%s]]", state, pick[3])
		}
		saveScreenshot(t, ctx, "search-facet")

		// Open the first result's measure page.
		href := evaluate[string](t, ctx, `document.querySelector(".hit h3 a").getAttribute("href")`)
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(".hit h3 a"))); err != nil {
			t.Fatalf("open measure: %v", err)
		}
		got := evaluate[[]string](t, ctx, `[location.pathname, document.querySelector("h1 .number").textContent, String(document.querySelectorAll(".narrative p").length)]`)
		if !strings.HasPrefix(href, got[0]) || !strings.HasPrefix(got[0], "/measures/") || !strings.HasSuffix(got[0], "/"+got[1]) || got[2] == "0" {
			t.Errorf("measure page [path number paragraphs] = %v, from link %s", got, href)
		}
		saveScreenshot(t, ctx, "measure")
		w.check(t)
	})

	t.Run("dashboard draws every chart", func(t *testing.T) {
		ctx, w := openTab(t, browser, 90*time.Second)
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
		saveScreenshot(t, ctx, "dashboard")
		w.check(t)
	})

	t.Run("dashboard on a phone screen", func(t *testing.T) {
		ctx, w := openTab(t, browser, 90*time.Second)
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
		saveScreenshot(t, ctx, "dashboard-phone")
		w.check(t)
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
		ctx, w := openTab(t, browser, 90*time.Second)
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
		if size[0] != 640 || size[1] < 300 || size[2] != 0 {
			t.Errorf("embedded chart [width height chrome-elements] = %v, want the frame's width, most of its height, no page chrome", size)
		}
		// Responsive: narrow the frame and the chart follows.
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("embed").style.width = "360px"`)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
			const el = document.querySelector(".hesabat-chart");
			return el.clientWidth === 360 && echarts.getInstanceByDom(el).getWidth() === 360; })()`,
			chromedp.WithPollingInFrame(frames[0]), chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Errorf("the embedded chart did not follow the frame's width: %v", err)
		}
		saveScreenshot(t, ctx, "embed-iframe")
		// Only the embed URLs may be framed by other sites.
		w.check(t, "frame-ancestors")
	})

	t.Run("report text with markup stays text in every page", func(t *testing.T) {
		hostile := parseReport(t, "hostile.az.txt", hostileReport)
		hts := newServer(t, Config{}, report, hostile)
		hsrv := httptest.NewServer(hts.handler)
		t.Cleanup(hsrv.Close)
		ctx, w := openTab(t, browser, 120*time.Second)
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
		saveScreenshot(t, ctx, "hostile-embed")
		w.check(t)
	})

	t.Run("switch to English", func(t *testing.T) {
		ctx, w := openTab(t, browser, 90*time.Second)
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
		saveScreenshot(t, ctx, "dashboard-en")
		// The choice is remembered: a page without ?lang stays English.
		navigate(t, ctx, srv.URL+"/")
		if lang := evaluate[string](t, ctx, `document.documentElement.lang`); lang != "en" {
			t.Errorf("language on the next page = %q, want en (remembered)", lang)
		}
		w.check(t)
	})
}
