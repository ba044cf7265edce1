package chart

import (
	"testing"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

// reportCharts returns the standard charts analytics builds from the shipped
// report, annotated.
func reportCharts(t *testing.T) []analytics.Chart {
	t.Helper()
	r, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := analytics.Annotate(r); err != nil {
		t.Fatal(err)
	}
	charts, err := analytics.Charts([]*corpus.Report{r})
	if err != nil {
		t.Errorf("analytics.Charts: %v", err)
	}
	if len(charts) == 0 {
		t.Fatal("analytics built no charts from the shipped report")
	}
	return charts
}

// TestReportChartsRender draws every standard chart of the shipped report in
// both languages and checks that the option carries the chart's own numbers.
func TestReportChartsRender(t *testing.T) {
	for _, c := range reportCharts(t) {
		for _, lang := range []string{corpus.LangAZ, corpus.LangEN} {
			t.Run(c.ID+"/"+lang, func(t *testing.T) {
				if _, err := Fragment(c, lang, Options{}); err != nil {
					t.Fatal(err)
				}
				if _, err := EmbedPage(c, lang, Options{}); err != nil {
					t.Fatal(err)
				}
				opt := decodeOption(t, c, lang)
				series := opt["series"].([]any)
				if len(series) != len(c.Series) {
					t.Fatalf("%d series in the option, %d in the chart", len(series), len(c.Series))
				}
				for i, s := range c.Series {
					data := series[i].(map[string]any)["data"].([]any)
					for j, v := range s.Values {
						if got := data[j].(map[string]any)["value"]; got != v {
							t.Errorf("series %d value %d = %v, want %v", i, j, got, v)
						}
					}
					if got := series[i].(map[string]any)["name"]; got != pick(s.Name, lang) {
						t.Errorf("series %d name = %v, want %q", i, got, pick(s.Name, lang))
					}
				}
				if got := opt["title"].(map[string]any)["text"]; got != pick(c.Title, lang) {
					t.Errorf("title = %v, want %q", got, pick(c.Title, lang))
				}
			})
		}
	}
}
