package analytics

import (
	"fmt"
	"iter"
	"sort"
	"strconv"
	"strings"

	"github.com/hesabat/hesabat/corpus"
)

// statusSeries returns one stacked series per status, each with n zero values.
func statusSeries(n int) []Series {
	var out []Series
	for _, st := range Statuses() {
		out = append(out, Series{Name: StatusLabel(st), Values: make([]float64, n), Unit: "measures", Stack: "status", Status: st})
	}
	return out
}

// measuresByStatusChart is a stacked bar of the number of measures in each
// of n categories (named by xLabel), one series per status, with the values
// still to fill in.
func measuresByStatusChart(id string, title, xLabel Text, n int, sources []Source) Chart {
	return Chart{
		ID:       id,
		Title:    title,
		Subtitle: Text{AZ: "Tədbirlərin sayı, icra vəziyyətinə görə", EN: "Number of measures, by implementation status"},
		Kind:     KindStackedBar,
		XLabel:   xLabel,
		YLabel:   Text{AZ: "Tədbirlərin sayı", EN: "Number of measures"},
		Series:   statusSeries(n),
		Sources:  sources,
	}
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
func measureSource(m *corpus.Measure, in interner) Source {
	return Source{Measure: in.get(m.ID()), Figure: string(normStatus(m.Status)), Sentence: in.get(m.StatusEvidence)}
}

// interner hands out one copy of each distinct string. Chart sources keep
// their text through it: a copy never keeps the report it quotes alive, and
// the sentences that many measures share (in an archive of editions of one
// plan, most of them) are held once.
type interner map[string]string

// get returns the interner's copy of s.
func (in interner) get(s string) string {
	if v, ok := in[s]; ok {
		return v
	}
	c := strings.Clone(s)
	in[c] = c
	return c
}

// noMeasures is the error of a chart counting measures when the reports
// (n of them) hold none.
func noMeasures(what string, n int) error {
	return fmt.Errorf("analytics: chart %s: no measures in %d reports: %w", what, n, ErrNotFound)
}

// measuresBySectionChart counts measures per section, stacked by status.
// Sections of different reports with the same number and title (editions of
// one plan) share a bar. It reads the reports once.
func measuresBySectionChart(reports iter.Seq[*corpus.Report]) (Chart, error) {
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
	add := func(k key) int {
		i, ok := idx[k]
		if !ok {
			i = len(keys)
			idx[k] = i
			keys = append(keys, k)
		}
		return i
	}
	var counts [][]float64 // per key, per status
	var sources []Source
	in := interner{}
	n, measures := 0, 0
	for r := range reports {
		n++
		if r == nil {
			continue
		}
		for _, s := range r.Sections {
			add(keyOf(r, s.Number))
		}
		for i := range r.Measures {
			m := &r.Measures[i]
			k := add(keyOf(r, m.Section))
			for len(counts) < len(keys) {
				counts = append(counts, make([]float64, len(Statuses())))
			}
			counts[k][statusIndex(m.Status)]++
			sources = append(sources, measureSource(m, in))
			measures++
		}
	}
	if measures == 0 {
		return Chart{}, noMeasures(ChartMeasuresBySection, n)
	}
	c := measuresByStatusChart(ChartMeasuresBySection,
		Text{AZ: "Bölmələr üzrə tədbirlər", EN: "Measures by section"},
		Text{AZ: "Bölmə", EN: "Section"}, len(keys), sources)
	for i, k := range keys {
		az := strconv.Itoa(k.number) + ". " + k.title
		if k.title == "" {
			az = "Bölmə " + strconv.Itoa(k.number)
		}
		c.Categories = append(c.Categories, Text{AZ: az, EN: "Section " + strconv.Itoa(k.number)})
		if i < len(counts) {
			for st, v := range counts[i] {
				c.Series[st].Values[i] = v
			}
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

// measuresByPeriodChart counts measures per implementation period, stacked
// by status. It reads the reports once.
func measuresByPeriodChart(reports iter.Seq[*corpus.Report]) (Chart, error) {
	counts := map[string][]float64{} // per period, per status
	var periods []string
	var sources []Source
	in := interner{}
	n, measures := 0, 0
	for r := range reports {
		n++
		if r == nil {
			continue
		}
		for i := range r.Measures {
			m := &r.Measures[i]
			p := periodKey(m.Period)
			if counts[p] == nil {
				counts[p] = make([]float64, len(Statuses()))
				periods = append(periods, p)
			}
			counts[p][statusIndex(m.Status)]++
			sources = append(sources, measureSource(m, in))
			measures++
		}
	}
	if measures == 0 {
		return Chart{}, noMeasures(ChartMeasuresByPeriod, n)
	}
	sort.Strings(periods) // "2020" < "2020–2021" < "2020–2022" < "2021–2022"
	c := measuresByStatusChart(ChartMeasuresByPeriod,
		Text{AZ: "İcra müddəti üzrə tədbirlər", EN: "Measures by implementation period"},
		Text{AZ: "İcra müddəti", EN: "Implementation period"}, len(periods), sources)
	for i, p := range periods {
		c.Categories = append(c.Categories, Text{AZ: p, EN: p})
		for st, v := range counts[p] {
			c.Series[st].Values[i] = v
		}
	}
	return c, nil
}
