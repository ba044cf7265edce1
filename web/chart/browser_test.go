package chart

// Browser tests: the fragments and embed pages run in headless Chromium
// (Debian's chromium package, driven by chromedp). They skip only when no
// Chromium is installed and the CI variable is unset; in CI they must run.

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/web/internal/browsertest"
)

// echartsJS returns the ECharts build `make assets` installs.
func echartsJS(t *testing.T) []byte {
	t.Helper()
	for _, p := range []string{"../static/vendor/echarts.min.js", "../../node_modules/echarts/dist/echarts.min.js"} {
		if b, err := os.ReadFile(p); err == nil {
			return b
		}
	}
	t.Fatal("no ECharts build: run `make assets`")
	return nil
}

// chartServer serves ECharts and test pages built from fragments.
func chartServer(t *testing.T, pages map[string]func() ([]byte, string)) *httptest.Server {
	t.Helper()
	js := echartsJS(t)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /static/vendor/echarts.min.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		_, _ = w.Write(js)
	})
	for path, page := range pages {
		mux.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
			body, csp := page()
			if csp != "" {
				w.Header().Set("Content-Security-Policy", csp)
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write(body)
		})
	}
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

// page wraps fragments in a minimal document that loads ECharts.
func page(t *testing.T, nonce string, frags ...string) []byte {
	t.Helper()
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html lang=\"az\"><head><meta charset=\"utf-8\"><title>charts</title>")
	b.WriteString(`<script src="/static/vendor/echarts.min.js"></script></head><body>`)
	for _, f := range frags {
		b.WriteString(`<section style="width:640px;margin:8px">` + f + "</section>")
	}
	b.WriteString("</body></html>")
	return []byte(b.String())
}

func mustFragment(t *testing.T, c analytics.Chart, lang string, o Options) string {
	t.Helper()
	f, err := Fragment(c, lang, o)
	if err != nil {
		t.Fatal(err)
	}
	return string(f)
}

// captureDownloads makes the page record, instead of perform, the downloads
// that ECharts' saveAsImage and our second button start.
const captureDownloads = `(() => {
  window.__downloads = [];
  const record = (a) => window.__downloads.push({name: a.download, href: a.href});
  HTMLAnchorElement.prototype.click = function () { if (this.download) { record(this); } };
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (e) {
    if (this instanceof HTMLAnchorElement && this.download && e.type === "click") { record(this); return true; }
    return dispatch.call(this, e);
  };
  return true;
})()`

type download struct {
	Name string `json:"name"`
	Href string `json:"href"`
}

func TestBrowserCharts(t *testing.T) {
	browser := browsertest.Start(t)
	const nonce = "dGVzdG5vbmNl"
	kinds := []analytics.Chart{
		appeals(),
		twoSeries(withKind(appeals(), analytics.KindStackedBar)),
		withKind(appeals(), analytics.KindHorizontalBar),
		twoSeries(withKind(appeals(), analytics.KindPie)),
		withKind(appeals(), analytics.KindLine),
	}
	ts := chartServer(t, map[string]func() ([]byte, string){
		"/kinds": func() ([]byte, string) {
			var frags []string
			for i, c := range kinds {
				frags = append(frags, mustFragment(t, c, "en", Options{ElementID: fmt.Sprintf("c%d", i), Nonce: nonce, Height: "300px"}))
			}
			frags = append(frags, mustFragment(t, appeals(), "az", Options{ElementID: "svg", Nonce: nonce, Renderer: RendererSVG, Height: "300px"}))
			frags = append(frags, mustFragment(t, appeals(), "en", Options{ElementID: "hidden", Nonce: nonce, HideTitle: true, Height: "300px"}))
			// Download buttons outside the charts, as pages place them.
			for _, id := range []string{"c0", "svg", "hidden"} {
				frags = append(frags, fmt.Sprintf(`<button type="button" data-download="png" data-target="%s">PNG</button><button type="button" data-download="svg" data-target="%s">SVG</button>`, id, id))
			}
			// A strict policy: only our own files and scripts with the nonce run.
			return page(t, nonce, frags...), "default-src 'none'; script-src 'self' 'nonce-" + nonce + "'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'"
		},
		"/hostile": func() ([]byte, string) {
			c := appeals()
			h := analytics.Text{AZ: hostile, EN: hostile}
			c.Title, c.Subtitle, c.XLabel, c.YLabel, c.Categories[0], c.Series[0].Name = h, h, h, h, h, h
			c2 := withKind(c, analytics.KindPie)
			// No Content-Security-Policy here: escaping alone must keep the text inert.
			return page(t, "", mustFragment(t, c, "en", Options{ElementID: "bad"}), mustFragment(t, c2, "en", Options{ElementID: "badpie"})), ""
		},
		"/report": func() ([]byte, string) {
			var frags []string
			for _, c := range reportCharts(t) {
				frags = append(frags, mustFragment(t, c, "az", Options{Nonce: nonce}))
			}
			return page(t, nonce, frags...), "default-src 'none'; script-src 'self' 'nonce-" + nonce + "'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"
		},
		"/embed": func() ([]byte, string) {
			b, err := EmbedPage(appeals(), "en", Options{})
			if err != nil {
				t.Error(err)
			}
			return b, ""
		},
	})

	t.Run("every kind draws under a strict CSP", func(t *testing.T) {
		ctx, w := browsertest.OpenTab(t, browser, 3*time.Minute)
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/kinds")); err != nil {
			t.Fatal(err)
		}
		n := len(kinds) + 2
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(
			`document.querySelectorAll(".hesabat-chart[data-rendered=true]").length === %d`, n),
			chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			t.Fatalf("not every chart was drawn: %v", err)
		}
		drawn, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".hesabat-chart")).map(el =>
			el.id + ":" + (el.querySelector("canvas") ? "canvas" : el.querySelector("svg") ? "svg" : "none") + ":" + el.clientHeight)`))
		if err != nil {
			t.Fatal(err)
		}
		for i, d := range drawn {
			want := fmt.Sprintf("c%d:canvas:300", i)
			switch i {
			case len(kinds):
				want = "svg:svg:300"
			case len(kinds) + 1:
				want = "hidden:canvas:300"
			}
			if d != want {
				t.Errorf("chart %d = %s, want %s", i, d, want)
			}
		}
		// The SVG renderer writes the title as text.
		svgText, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#svg svg").textContent`))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(svgText, "Qaynar xəttə müraciətlər") || !strings.Contains(svgText, "təkrar") {
			t.Errorf("svg chart text = %q, want the Azerbaijani title and categories", svgText)
		}
		browsertest.Screenshot(t, ctx, "chart-kinds")
		w.Check(t)
	})

	t.Run("the report's charts draw", func(t *testing.T) {
		ctx, w := browsertest.OpenTab(t, browser, 3*time.Minute)
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/report")); err != nil {
			t.Fatal(err)
		}
		n := len(reportCharts(t))
		ms, err := chromedp.Run(ctx, chromedp.Poll[float64](fmt.Sprintf(
			`document.querySelectorAll(".hesabat-chart[data-rendered=true] canvas").length === %d && performance.now()`, n),
			chromedp.WithPollingTimeout(20*time.Second)))
		if err != nil {
			t.Fatalf("not all %d report charts were drawn: %v", n, err)
		}
		// Reported in docs/benchmarks/charts.md; the poll adds up to a frame.
		t.Logf("%d report charts drawn %.0f ms after navigation started", n, ms)
		browsertest.Screenshot(t, ctx, "chart-report")
		w.Check(t)
	})

	t.Run("charts follow their container's size", func(t *testing.T) {
		ctx, w := browsertest.OpenTab(t, browser, 3*time.Minute)
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/kinds")); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector("#c0[data-rendered=true]") !== null`)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("#c0").parentElement.style.width = "400px"`)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`echarts.getInstanceByDom(document.querySelector("#c0")).getWidth() === 400`,
			chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			t.Errorf("chart did not resize with its container: %v", err)
		}
		w.Check(t)
	})

	t.Run("PNG and SVG downloads", func(t *testing.T) {
		ctx, w := browsertest.OpenTab(t, browser, 3*time.Minute)
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/kinds")); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll(".hesabat-chart[data-rendered=true]").length > 5`)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](captureDownloads)); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			id, text string
		}{
			{id: "c0", text: "Hotline appeals"},
			{id: "svg", text: "Qaynar xəttə müraciətlər"},
			{id: "hidden", text: "Hotline appeals"}, // hidden on screen, but in the files
		}
		for _, tt := range tests {
			// The buttons are real buttons outside the canvas: keyboard users
			// reach them with Tab and press them with Enter.
			for _, kind := range []string{"png", "svg"} {
				sel := fmt.Sprintf(`button[data-download=%q][data-target=%q]`, kind, tt.id)
				if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.__downloads = window.__downloads || []`)); err != nil {
					t.Fatal(err)
				}
				if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(sel)), chromedp.KeyEvent("\r")); err != nil {
					t.Fatalf("%s: press %s: %v", tt.id, sel, err)
				}
			}
			got, err := chromedp.Run(ctx, chromedp.Poll[[]download](`window.__downloads.length >= 2 && window.__downloads`,
				chromedp.WithPollingTimeout(10*time.Second)))
			if err != nil {
				w.Check(t)
				t.Fatalf("%s: downloads not started: %v", tt.id, err)
			}
			files := map[string]string{}
			for _, d := range got {
				files[d.Name] = d.Href
			}
			png, ok := files["hesabat-hotline-appeals.png"]
			const prefix = "data:image/png;base64,"
			if raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(png, prefix)); !ok || !strings.HasPrefix(png, prefix) || err != nil || !strings.HasPrefix(string(raw), "\x89PNG") {
				t.Errorf("%s: no PNG download (got %v)", tt.id, keys(files))
			}
			svgURL, ok := files["hesabat-hotline-appeals.svg"]
			svg, err := url.PathUnescape(strings.TrimPrefix(svgURL, "data:image/svg+xml;charset=utf-8,"))
			if !ok || err != nil || !strings.Contains(svg, "<svg") {
				t.Errorf("%s: no SVG download (got %v)", tt.id, keys(files))
			} else if !strings.Contains(svg, tt.text) {
				t.Errorf("%s: the SVG lacks the title %q", tt.id, tt.text)
			}
		}
		w.Check(t)
	})

	t.Run("report text stays text", func(t *testing.T) {
		ctx, w := browsertest.OpenTab(t, browser, 3*time.Minute)
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/hostile")); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll(".hesabat-chart[data-rendered=true]").length === 2`,
			chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			t.Fatalf("hostile charts not drawn: %v", err)
		}
		// Hover the first bar and the pie so the tooltips render the category
		// and series names as HTML content.
		for _, id := range []string{"bad", "badpie"} {
			pt, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(`(() => {
				const el = document.getElementById(%q); el.scrollIntoView();
				const c = echarts.getInstanceByDom(el);
				const r = el.getBoundingClientRect();
				const sideways = c.getOption().yAxis && c.getOption().yAxis[0].type === "category";
				const p = %q === "bad" ? c.convertToPixel({seriesIndex: 0}, sideways ? [20, 0] : [0, 20]) : [el.clientWidth / 2, el.clientHeight * 0.55];
				return [r.left + p[0], r.top + p[1]]; })()`, id, id)))
			if err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.MouseEvent("mouseMoved", pt[0], pt[1])); err != nil {
				t.Fatal(err)
			}
			tip, err := chromedp.Run(ctx, chromedp.Poll[string](fmt.Sprintf(`(() => {
				const tips = Array.from(document.querySelectorAll("#%s div")).filter(d => d.style.position === "absolute" && d.style.display !== "none" && d.innerText.includes("pwned"));
				return tips.length > 0 && tips[0].innerText; })()`, id), chromedp.WithPollingTimeout(5*time.Second)))
			if err != nil {
				t.Fatalf("%s: no tooltip with the report text: %v", id, err)
			}
			if !strings.Contains(tip, "</script><script>window.__pwned=1</script>") {
				t.Errorf("%s: tooltip text = %q, want the report text shown as text", id, tip)
			}
		}
		state, err := chromedp.Run(ctx, chromedp.Evaluate[[]any](`[typeof window.__pwned, document.querySelectorAll("script").length, document.querySelectorAll("img").length]`))
		if err != nil {
			t.Fatal(err)
		}
		if state[0] != "undefined" || state[1] != 3.0 || state[2] != 0.0 {
			t.Errorf("[typeof __pwned, scripts, imgs] = %v, want [undefined 3 0]: report text became markup", state)
		}
		browsertest.Screenshot(t, ctx, "chart-hostile-text")
		w.Check(t)
	})

	t.Run("embed page in an iframe of another site", func(t *testing.T) {
		host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>partner</title></head><body><h1>Partner site</h1>
<iframe id="f" src="%s/embed" style="width:600px;height:360px;border:1px solid #ccc" title="chart"></iframe></body></html>`, ts.URL)
		}))
		defer host.Close()
		ctx, w := browsertest.OpenTab(t, browser, 3*time.Minute)
		if err := chromedp.Do(ctx, chromedp.Navigate(host.URL)); err != nil {
			t.Fatal(err)
		}
		frames, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS("#f")))
		if err != nil || len(frames) != 1 {
			t.Fatalf("iframe: %v %d", err, len(frames))
		}
		size, err := chromedp.Run(ctx, chromedp.Poll[[]float64](`(() => {
			const el = document.querySelector(".hesabat-chart[data-rendered=true]");
			return el && el.querySelector("canvas") && [el.clientWidth, el.clientHeight, document.querySelectorAll(".hesabat-source a").length]; })()`,
			chromedp.WithPollingInFrame(frames[0]), chromedp.WithPollingTimeout(20*time.Second)))
		if err != nil {
			t.Fatalf("embedded chart not drawn: %v", err)
		}
		if size[0] < 560 || size[1] < 200 || size[2] < 2 {
			t.Errorf("embedded chart [width height links] = %v, want the frame's width, its content's height, and links back", size)
		}
		browsertest.Screenshot(t, ctx, "chart-embed-iframe")
		w.Check(t)
	})
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
