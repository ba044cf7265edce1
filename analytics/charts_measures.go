package analytics

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hesabat/hesabat/corpus"
)

// statusSeries returns one stacked series per status, each with n zero values.
func statusSeries(n int) []Series {
	var out []Series
	for _, st := range Statuses() {
		out = append(out, Series{Name: StatusLabel(st), Values: make([]float64, n), Unit: "measures", Stack: "status"})
	}
	return out
}

// statusIndex returns the position of a status in Statuses().
func statusIndex(s corpus.Status) int {
	s = normStatus(s)
	for i, st := range Statuses() {
		if st == s {
			return i
		}
	}
	return len(Statuses()) - 1
}

// measureSource is the source entry of a measure counted under its status.
func measureSource(m *corpus.Measure) Source {
	return Source{Measure: m.ID(), Figure: string(normStatus(m.Status)), Sentence: m.StatusEvidence}
}

// countMeasures fails when the reports hold no measures at all.
func countMeasures(reports []*corpus.Report, what string) error {
	for _, r := range reports {
		if r != nil && len(r.Measures) > 0 {
			return nil
		}
	}
	return fmt.Errorf("analytics: chart %s: no measures in %d reports: %w", what, len(reports), ErrNotFound)
}

// measuresBySectionChart counts measures per section, stacked by status.
// Sections of different reports with the same number and title (editions of
// one plan) share a bar.
func measuresBySectionChart(reports []*corpus.Report) (Chart, error) {
	if err := countMeasures(reports, ChartMeasuresBySection); err != nil {
		return Chart{}, err
	}
	type key struct {
		number int
		title  string
	}
	var keys []key
	idx := map[key]int{}
	keyOf := func(r *corpus.Report, number int) key {
		for _, s := range r.Sections {
			if s.Number == number {
				return key{number, collapseSpace(s.Title)}
			}
		}
		return key{number, ""}
	}
	add := func(k key) {
		if _, ok := idx[k]; !ok {
			idx[k] = len(keys)
			keys = append(keys, k)
		}
	}
	for _, r := range reports {
		if r == nil {
			continue
		}
		for _, s := range r.Sections {
			add(keyOf(r, s.Number))
		}
		for _, m := range r.Measures {
			add(keyOf(r, m.Section))
		}
	}
	c := Chart{
		ID:       ChartMeasuresBySection,
		Title:    Text{AZ: "Bölmələr üzrə tədbirlər", EN: "Measures by section"},
		Subtitle: Text{AZ: "Tədbirlərin sayı, icra vəziyyətinə görə", EN: "Number of measures, by implementation status"},
		Kind:     KindStackedBar,
		XLabel:   Text{AZ: "Bölmə", EN: "Section"},
		YLabel:   Text{AZ: "Tədbirlərin sayı", EN: "Number of measures"},
		Series:   statusSeries(len(keys)),
	}
	for _, k := range keys {
		az := strconv.Itoa(k.number) + ". " + k.title
		if k.title == "" {
			az = "Bölmə " + strconv.Itoa(k.number)
		}
		c.Categories = append(c.Categories, Text{AZ: az, EN: "Section " + strconv.Itoa(k.number)})
	}
	for _, r := range reports {
		if r == nil {
			continue
		}
		for i := range r.Measures {
			m := &r.Measures[i]
			c.Series[statusIndex(m.Status)].Values[idx[keyOf(r, m.Section)]]++
			c.Sources = append(c.Sources, measureSource(m))
		}
	}
	return c, nil
}

// periodKey normalises an implementation period: dashes unified to "–",
// spaces removed ("2020─2022" → "2020–2022").
func periodKey(p string) string {
	p = strings.Join(strings.Fields(p), "")
	for _, d := range []string{"─", "—", "-", "‒"} {
		p = strings.ReplaceAll(p, d, "–")
	}
	if p == "" {
		return "?"
	}
	return p
}

// measuresByPeriodChart counts measures per implementation period, stacked by status.
func measuresByPeriodChart(reports []*corpus.Report) (Chart, error) {
	if err := countMeasures(reports, ChartMeasuresByPeriod); err != nil {
		return Chart{}, err
	}
	var periods []string
	seen := map[string]bool{}
	for _, r := range reports {
		if r == nil {
			continue
		}
		for _, m := range r.Measures {
			p := periodKey(m.Period)
			if !seen[p] {
				seen[p] = true
				periods = append(periods, p)
			}
		}
	}
	sort.Strings(periods) // "2020" < "2020–2021" < "2020–2022" < "2021–2022"
	idx := map[string]int{}
	for i, p := range periods {
		idx[p] = i
	}
	c := Chart{
		ID:       ChartMeasuresByPeriod,
		Title:    Text{AZ: "İcra müddəti üzrə tədbirlər", EN: "Measures by implementation period"},
		Subtitle: Text{AZ: "Tədbirlərin sayı, icra vəziyyətinə görə", EN: "Number of measures, by implementation status"},
		Kind:     KindStackedBar,
		XLabel:   Text{AZ: "İcra müddəti", EN: "Implementation period"},
		YLabel:   Text{AZ: "Tədbirlərin sayı", EN: "Number of measures"},
		Series:   statusSeries(len(periods)),
	}
	for _, p := range periods {
		c.Categories = append(c.Categories, Text{AZ: p, EN: p})
	}
	for _, r := range reports {
		if r == nil {
			continue
		}
		for i := range r.Measures {
			m := &r.Measures[i]
			c.Series[statusIndex(m.Status)].Values[idx[periodKey(m.Period)]]++
			c.Sources = append(c.Sources, measureSource(m))
		}
	}
	return c, nil
}
