package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

// report2022 is the shipped report as a 2022 report on the same plan would
// be: the title says 2022, and the hotline (1.7) counts more calls.
func report2022(t testing.TB) *corpus.Report {
	t.Helper()
	text := corpus.DefaultText()
	text = strings.Replace(text, "2021-ci il ərzində görülən", "2022-ci il ərzində görülən", 1)
	text = strings.ReplaceAll(text, "5131 müraciət", "6200 müraciət")
	return parseReport(t, "ogp-nap-2022-report.az.txt", text)
}

func TestTwoReports(t *testing.T) {
	r21, r22 := defaultReport(t), report2022(t)
	if r21.Label() == r22.Label() || !strings.HasSuffix(r21.Label(), "2021") || !strings.HasSuffix(r22.Label(), "2022") {
		t.Fatalf("labels %q and %q, want them to end in their years", r21.Label(), r22.Label())
	}
	ts := newServer(t, Config{}, r21, r22)

	t.Run("hits name their report", func(t *testing.T) {
		w := ts.get(t, "/api/search?q=qaynar+x%C9%99tt&size=100")
		var res struct {
			Hits []struct {
				Report      string `json:"report"`
				ReportLabel string `json:"report_label"`
			} `json:"hits"`
			Facets struct {
				Report     []struct{ Value, Label string } `json:"report"`
				ReportYear []struct {
					Value string
					Count int
				} `json:"report_year"`
			} `json:"facets"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		seen := map[string]string{}
		for _, h := range res.Hits {
			seen[h.Report] = h.ReportLabel
		}
		if seen[r21.ID] != r21.Label() || seen[r22.ID] != r22.Label() {
			t.Errorf("hit labels %v, want %q and %q", seen, r21.Label(), r22.Label())
		}
		if len(res.Facets.Report) != 2 || res.Facets.Report[0].Label == res.Facets.Report[1].Label || len(res.Facets.Report[0].Label) > 120 {
			t.Errorf("report facet %+v, want two short, different labels", res.Facets.Report)
		}
		years := map[string]int{}
		for _, v := range res.Facets.ReportYear {
			years[v.Value] = v.Count
		}
		if years["2021"] == 0 || years["2022"] == 0 || years["2021"] != years["2022"] {
			t.Errorf("report_year facet %v, want 2021 and 2022 with the same counts", years)
		}
	})
	t.Run("report year filter", func(t *testing.T) {
		w := ts.get(t, "/api/search?report_year=2022&size=100")
		if !strings.Contains(w.Body.String(), `"total":64`) || strings.Contains(w.Body.String(), `"report":"`+r21.ID+`"`) {
			t.Errorf("report_year=2022: want the 64 measures of the 2022 report only: %.200s", w.Body.String())
		}
	})
	t.Run("search page shows the report of each hit", func(t *testing.T) {
		body := ts.get(t, "/?q=qaynar&lang=en").Body.String()
		for _, l := range []string{r21.Label(), r22.Label()} {
			if !strings.Contains(body, l) {
				t.Errorf("search page does not name %q", l)
			}
		}
	})
	t.Run("measure pages link each other, then and now", func(t *testing.T) {
		for _, tc := range []struct{ own, other *corpus.Report }{{r21, r22}, {r22, r21}} {
			w := ts.get(t, measureURL(tc.own.ID, "1.7")+"?lang=en")
			body := w.Body.String()
			if w.Code != http.StatusOK {
				t.Fatalf("%s: %d", tc.own.ID, w.Code)
			}
			if !strings.Contains(body, `href="`+measureURL(tc.other.ID, "1.7")+`?lang=en" rel="alternate"`) { // links carry the page's language
				t.Errorf("%s 1.7 does not link %s 1.7", tc.own.ID, tc.other.ID)
			}
			if !strings.Contains(body, "5131") || !strings.Contains(body, "6200") || strings.Count(body, `class="badge status-`) < 3 {
				t.Errorf("%s 1.7 does not show both years' figures and statuses side by side", tc.own.ID)
			}
		}
	})
	t.Run("one report: hits do not name it", func(t *testing.T) {
		one := newServer(t, Config{}, defaultReport(t))
		if body := one.get(t, "/?q=qaynar").Body.String(); strings.Contains(body, `class="report"`) {
			t.Error("with one report served, hits name it")
		}
		if body := one.get(t, measureURL(r21.ID, "1.7")).Body.String(); strings.Contains(body, `class="then-now"`) {
			t.Error("with one report served, the measure page has a then-and-now table")
		}
	})
}
