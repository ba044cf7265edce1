package chart

import (
	"fmt"
	"testing"

	"github.com/hesabat/hesabat/analytics"
)

// scorecard is a chart the size of the agency scorecard: 20 agencies, 4 statuses.
func scorecard() analytics.Chart {
	c := analytics.Chart{ID: "agency-scorecard", Kind: analytics.KindStackedBar,
		Title: analytics.Text{AZ: "Qurumlar üzrə tədbirlər", EN: "Measures by agency"}}
	for i := range 20 {
		c.Categories = append(c.Categories, analytics.Text{AZ: fmt.Sprintf("Qurum %d", i), EN: fmt.Sprintf("Agency %d", i)})
	}
	for s, name := range []string{"completed", "in_progress", "not_implemented", "unknown"} {
		ser := analytics.Series{Name: analytics.Text{AZ: name, EN: name}, Unit: "count", Stack: "status"}
		for i := range 20 {
			ser.Values = append(ser.Values, float64((i*7+s*3)%9))
		}
		c.Series = append(c.Series, ser)
	}
	return c
}

func BenchmarkFragment(b *testing.B) {
	for _, bc := range []struct {
		name  string
		chart analytics.Chart
	}{
		{name: "bar_2x1", chart: appeals()},
		{name: "stacked_20x4", chart: scorecard()},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Fragment(bc.chart, "az", Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEmbedPage(b *testing.B) {
	c := scorecard()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := EmbedPage(c, "en", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
