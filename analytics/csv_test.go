package analytics_test

import (
	"strings"
	"testing"

	"github.com/hesabat/hesabat/analytics"
)

// TestChartCSVDefusesFormulas proves that text from a report cannot run as a
// spreadsheet formula when a chart's CSV is opened.
func TestChartCSVDefusesFormulas(t *testing.T) {
	c := analytics.Chart{
		ID:         "x",
		Categories: []analytics.Text{{AZ: "=HYPERLINK(\"http://x\")", EN: "@SUM(A1)"}},
		Series:     []analytics.Series{{Name: analytics.Text{AZ: "+a", EN: "b"}, Values: []float64{-3}}},
	}
	out := string(c.CSV())
	for _, want := range []string{`"'=HYPERLINK(""http://x"")"`, "'@SUM(A1)", "'+a / b", ",-3"} {
		if !strings.Contains(out, want) {
			t.Errorf("CSV lacks %q:\n%s", want, out)
		}
	}
}
