package web

import (
	"context"
	"strconv"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

// figureView is one figure of a measure page: the value, its unit and what
// it counts.
type figureView struct {
	Value  string
	Unit   string
	Counts string
	// Text is the figure as the report writes it.
	Text string
}

// figureGroup is a sentence of a measure with the figures it states: the
// sentence is shown once, however many figures it holds.
type figureGroup struct {
	Sentence string
	Figures  []figureView
}

// chartLink links a measure page to a chart built from its figures.
type chartLink struct {
	Title string
	URL   string
}

// figureGroups returns m's figures grouped by the sentence that states them,
// in order. Years and dates ("2021-ci il") say when, not how many: they are
// not listed as figures.
func figureGroups(m *corpus.Measure, lang string) []figureGroup {
	var out []figureGroup
	index := map[string]int{}
	for _, f := range m.Figures {
		if f.Unit == "year" || f.Unit == "date" {
			continue
		}
		i, ok := index[f.Sentence]
		if !ok {
			i = len(out)
			index[f.Sentence] = i
			out = append(out, figureGroup{Sentence: f.Sentence})
		}
		out[i].Figures = append(out[i].Figures, figureView{
			Value: strconv.FormatFloat(f.Value, 'f', -1, 64), Unit: unitLabel(f.Unit, lang), Counts: f.Counts, Text: f.Text,
		})
	}
	return out
}

// unitLabel is the short label a figure's value is written with.
func unitLabel(unit, lang string) string {
	switch unit {
	case analytics.UnitPercent:
		return "%"
	case "money":
		return words[lang]["unit_money"]
	default:
		return ""
	}
}

// measureCharts returns the standard charts that quote measure id.
func (s *Server) measureCharts(ctx context.Context, id, lang string) []chartLink {
	charts, _ := s.standardCharts(ctx) // charts that could not be built quote nothing
	var out []chartLink
	for _, ch := range charts {
		for _, src := range ch.Sources {
			if src.Measure == id {
				out = append(out, chartLink{Title: pick(ch.Title, lang), URL: "/charts/" + ch.ID})
				break
			}
		}
	}
	return out
}
