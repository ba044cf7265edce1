package chart

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

// words are the interface strings charts show, by language.
type words struct {
	source, measure, measures, site, date, table string
	kinds                                        map[string]string
	// summary formats "<kind>: <n> categories, <m> series." in the language's word order.
	summary func(kind string, n, m int) string
	// largest introduces the largest values of a long series; all points to the table.
	largest, all string
	// download* label the export buttons; dataTable the collapsible table.
	downloadPNG, downloadSVG, dataTable string
}

// dictionary returns the chart words of lang ("az" for anything but "en").
func dictionary(lang string) words {
	if lang == corpus.LangEN {
		return words{
			source: "Source", measure: "measure", measures: "measures", site: "Hesabat", date: "Downloaded", table: "Data table",
			kinds: map[string]string{kindBar: "Bar chart", kindStackedBar: "Stacked bar chart", kindHorizontalBar: "Horizontal bar chart", kindPie: "Pie chart", kindLine: "Line chart"},
			summary: func(kind string, n, m int) string {
				return fmt.Sprintf("%s: %d %s, %d %s.", kind, n, plural(n, "category", "categories"), m, plural(m, "series", "series"))
			},
			largest: "largest", all: "All values are in the data table.",
			downloadPNG: "Download PNG", downloadSVG: "Download SVG", dataTable: "Data table",
		}
	}
	return words{
		source: "Mənbə", measure: "tədbir", measures: "tədbirlər", site: "Hesabat", date: "Yüklənib", table: "Məlumat cədvəli",
		kinds: map[string]string{kindBar: "Sütun diaqramı", kindStackedBar: "Yığma sütun diaqramı", kindHorizontalBar: "Üfüqi sütun diaqramı", kindPie: "Dairəvi diaqram", kindLine: "Xətti diaqram"},
		summary: func(kind string, n, m int) string {
			// Azerbaijani counts take the singular: "3 kateqoriya", "2 sıra".
			return fmt.Sprintf("%s: %d kateqoriya, %d sıra.", kind, n, m)
		},
		largest: "ən böyükləri", all: "Bütün rəqəmlər məlumat cədvəlindədir.",
		downloadPNG: "PNG kimi yüklə", downloadSVG: "SVG kimi yüklə", dataTable: "Məlumat cədvəli",
	}
}

// plural picks the English singular or plural for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// describeMax is the number of values per series a description reads out;
// longer series are summarised by their largest values.
const describeMax = 8

// Describe returns a short description of c in lang for screen readers: the
// kind of chart, how many categories and series, and each series' values (or
// its largest ones, pointing to the data table). It replaces ECharts' own
// generated description, which is in English only and reads wrong numbers.
func Describe(c analytics.Chart, lang string) string {
	w := dictionary(lang)
	cats := texts(c.Categories, lang)
	kind := c.Kind
	if kind != kindPie && kind != kindLine && sideways(kind, cats) && kind != kindStackedBar {
		kind = kindHorizontalBar
	}
	parts := []string{w.summary(w.kinds[kind], len(cats), len(c.Series))}
	long := false
	for _, s := range c.Series {
		type pt struct {
			cat string
			v   float64
		}
		var pts []pt
		for i, v := range s.Values {
			if i < len(cats) && v != 0 {
				pts = append(pts, pt{cats[i], v})
			}
		}
		head := pick(s.Name, lang)
		if len(pts) > describeMax {
			long = true
			sort.SliceStable(pts, func(i, j int) bool { return pts[i].v > pts[j].v })
			pts = pts[:3]
			head += " (" + w.largest + ")"
		}
		var vals []string
		for _, p := range pts {
			vals = append(vals, p.cat+" "+formatValue(p.v, s.Unit))
		}
		if len(vals) > 0 {
			parts = append(parts, head+": "+strings.Join(vals, "; ")+".")
		}
	}
	if long {
		parts = append(parts, w.all)
	}
	return strings.Join(parts, " ")
}

// formatValue writes a value with its unit ("73%", "5131").
func formatValue(v float64, unit string) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if unit == analytics.UnitPercent {
		s += "%"
	}
	return s
}

// Table is a chart's data as a table: a header row (the category axis's
// name, then one column per series) and one row per category, values with
// their unit. Pages show it beside the chart.
type Table struct {
	Header []string
	Rows   [][]string
}

// DataTable returns c's data as a Table in lang.
func DataTable(c analytics.Chart, lang string) Table {
	t := Table{Header: []string{pick(c.XLabel, lang)}}
	for _, s := range c.Series {
		t.Header = append(t.Header, pick(s.Name, lang))
	}
	for i, cat := range texts(c.Categories, lang) {
		row := []string{cat}
		for _, s := range c.Series {
			cell := ""
			if i < len(s.Values) {
				cell = formatValue(s.Values[i], s.Unit)
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// sourceLine is the line PNG and SVG exports carry under the chart: the
// site, the reports and the measures the numbers come from.
func sourceLine(c analytics.Chart, lang string) string {
	w := dictionary(lang)
	var reports []string
	byReport := map[string][]string{}
	for _, src := range c.Sources {
		report, number, ok := strings.Cut(src.Measure, "/")
		if !ok {
			continue
		}
		if _, seen := byReport[report]; !seen {
			reports = append(reports, report)
		}
		if !contains(byReport[report], number) {
			byReport[report] = append(byReport[report], number)
		}
	}
	var parts []string
	for _, r := range reports {
		n := byReport[r]
		label := w.measure
		if len(n) > 1 {
			label = w.measures
		}
		if len(n) > 6 {
			parts = append(parts, fmt.Sprintf("%s (%d %s)", r, len(n), w.measures))
			continue
		}
		parts = append(parts, r+", "+label+" "+strings.Join(n, ", "))
	}
	line := w.source + ": " + w.site
	if len(parts) > 0 {
		line += " · " + strings.Join(parts, "; ")
	}
	return line
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
