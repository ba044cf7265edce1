package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/web/internal/browsertest"
)

// The widths every page is checked at: a laptop and a phone.
var pageWidths = []struct {
	name   string
	width  int64
	height int64
	mobile bool
}{
	{"1366", 1366, 900, false},
	{"390", 390, 844, true},
}

// chartProblems is a JavaScript expression: for every chart on the page,
// what a reader would miss — a legend that pages ("1/4"), a label cut with
// an ellipsis, a category or legend name not drawn in full, text outside the
// chart's box. The rendered text is read from ECharts' display list.
const chartProblems = `(() => {
  const out = [];
  const squash = s => String(s).replace(/\s+/g, "");
  for (const el of document.querySelectorAll(".hesabat-chart")) {
    const c = echarts.getInstanceByDom(el), o = c.getOption(), id = el.getAttribute("data-chart");
    const W = c.getWidth(), H = c.getHeight();
    const legend = o.legend && o.legend[0];
    if (legend && legend.type === "scroll") { out.push(id + ": the legend pages"); }
    const texts = [];
    for (const d of c.getZr().storage.getDisplayList(true)) {
      if (!d.style || typeof d.style.text !== "string" || d.style.text === "" || d.ignore || d.invisible) { continue; }
      texts.push(d.style.text);
      const r = d.getBoundingRect().clone();
      const m = d.getComputedTransform();
      if (m) { r.applyTransform(m); }
      if (r.x < -1 || r.y < -1 || r.x + r.width > W + 1 || r.y + r.height > H + 1) {
        out.push(id + ": text " + JSON.stringify(d.style.text) + " drawn outside the chart (" + [r.x, r.y, r.width, r.height].map(Math.round) + " in " + W + "x" + H + ")");
      }
    }
    const all = squash(texts.join(""));
    if (all.includes("\u2026") || all.includes("...")) { out.push(id + ": a label is cut with an ellipsis"); }
    const names = [];
    const cat = o.yAxis && o.yAxis[0] && o.yAxis[0].type === "category" ? o.yAxis[0] : (o.xAxis && o.xAxis[0]);
    if (cat && cat.data) { cat.data.forEach(d => names.push(typeof d === "object" ? d.value : d)); }
    if (legend && legend.show !== false) {
      o.series.forEach(s => { if (s.type === "pie") { s.data.forEach(d => names.push(d.name)); } else { names.push(s.name); } });
    }
    for (const n of names) {
      if (!all.includes(squash(n))) { out.push(id + ": " + JSON.stringify(n) + " is not drawn in full"); }
    }
  }
  return out;
})()`

// statusColors is a JavaScript expression: per status, the background of a
// badge styled by the page and the colour of every chart series (or pie
// slice) named after the status, as "rgb(r, g, b)".
const statusColors = `(() => {
  const rgb = hex => { const n = parseInt(hex.slice(1), 16); return "rgb(" + (n >> 16) + ", " + ((n >> 8) & 255) + ", " + (n & 255) + ")"; };
  const out = {};
  const en = document.documentElement.lang === "en";
  for (const [status, az, english] of STATUSES) {
    const label = en ? english : az;
    const b = document.createElement("span");
    b.className = "badge status-" + status;
    b.textContent = label;
    document.body.appendChild(b);
    const badge = getComputedStyle(b).backgroundColor;
    b.remove();
    const charts = [];
    for (const el of document.querySelectorAll(".hesabat-chart")) {
      const o = echarts.getInstanceByDom(el).getOption();
      for (const s of o.series) {
        if (s.name === label && s.itemStyle) { charts.push(rgb(s.itemStyle.color)); }
        if (s.type === "pie") { s.data.forEach(d => { if (d.name === label && d.itemStyle) { charts.push(rgb(d.itemStyle.color)); } }); }
      }
    }
    out[status] = [badge].concat(charts);
  }
  return out;
})()`

func TestBrowserPages(t *testing.T) {
	browser := browsertest.Start(t)
	report := defaultReport(t)
	ts := newServer(t, Config{}, report)
	srv := httptest.NewServer(ts.handler)
	t.Cleanup(srv.Close)
	charts, err := analytics.Charts([]*corpus.Report{report})
	if err != nil {
		t.Logf("analytics.Charts: %v", err)
	}
	m := report.Measures[0]
	agency := ""
	for _, x := range report.Measures {
		if len(x.Agencies) > 0 {
			agency = x.Agencies[0].ID
			break
		}
	}
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"search", "/?q=" + url.QueryEscape("müraciət")},
		{"search-empty", "/?q=qwxyzzy"},
		{"measure", "/measures/" + url.PathEscape(report.ID) + "/" + url.PathEscape(m.Number)},
		{"measure-en", "/measures/" + url.PathEscape(report.ID) + "/" + url.PathEscape(m.Number) + "?lang=en"},
		{"agencies", "/agencies"},
		{"agency", "/agencies/" + url.PathEscape(agency)},
		{"dashboard", "/dashboard"},
		{"dashboard-en", "/dashboard?lang=en"},
		{"search-chart", "/charts/search?facet=status&q=" + url.QueryEscape("müraciət")},
		{"not-found", "/measures/" + url.PathEscape(report.ID) + "/99.9"},
		{"measures", "/measures"},
		{"builder-empty", "/charts/build"},
		{"builder", "/charts/build?type=pie&title=" + url.QueryEscape("Müraciətlər") + "&l=ilkin&v=4438&l=" + url.QueryEscape("təkrar") + "&v=693"},
	}
	// Every chart's page and embed (the dashboard draws them all too); with
	// -short, the first chart's and the scorecard's (the tallest).
	for i, c := range charts {
		if testing.Short() && i > 0 && c.ID != analytics.ChartAgencyScorecard {
			continue
		}
		pages = append(pages,
			struct{ name, path string }{"chart-" + c.ID, "/charts/" + url.PathEscape(c.ID)},
			struct{ name, path string }{"embed-" + c.ID, "/embed/charts/" + url.PathEscape(c.ID) + "?lang=en"})
	}
	var statuses []string
	for _, st := range analytics.Statuses() {
		statuses = append(statuses, fmt.Sprintf("[%q, %q, %q]", st, analytics.StatusLabel(st).AZ, analytics.StatusLabel(st).EN))
	}
	colorsJS := strings.Replace(statusColors, "STATUSES", "["+strings.Join(statuses, ", ")+"]", 1)

	for _, w := range pageWidths {
		t.Run(w.name, func(t *testing.T) {
			tab, watch := openTab(t, browser, 30*time.Minute)
			var opts []chromedp.EmulateViewportOption
			if w.mobile {
				opts = append(opts, chromedp.EmulateMobile)
			}
			if err := chromedp.Do(tab, chromedp.EmulateViewport(w.width, w.height, opts...)); err != nil {
				t.Fatal(err)
			}
			for _, p := range pages {
				// Each page has its own time limit: one slow page does not
				// use up the others'.
				ctx, cancel := context.WithTimeout(tab, 2*time.Minute)
				navigate(t, ctx, srv.URL+p.path)
				hasCharts := evaluate[bool](t, ctx, `document.querySelector(".hesabat-chart") !== null`)
				if hasCharts {
					waitFor(t, ctx, "charts drawn on "+p.path, chartsDrawn)
					for _, problem := range evaluate[[]string](t, ctx, chartProblems) {
						t.Errorf("%s at %dpx: %s", p.path, w.width, problem)
					}
				}
				if strings.HasPrefix(p.name, "dashboard") {
					for st, cols := range evaluate[map[string][]string](t, ctx, colorsJS) {
						if len(cols) < 2 {
							t.Errorf("status %s: no chart series drawn for it on the dashboard", st)
						}
						for _, c := range cols[1:] {
							if c != cols[0] {
								t.Errorf("status %s: badge %s, chart %s", st, cols[0], c)
							}
						}
					}
				}
				browsertest.CheckAxe(t, ctx, fmt.Sprintf("%s at %dpx", p.path, w.width))
				browsertest.Screenshot(t, ctx, "page-"+p.name+"-"+w.name)
				cancel()
			}
			watch.Check(t, "status of 404") // the not-found page
		})
	}
}
