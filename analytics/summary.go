package analytics

import (
	"sort"

	"github.com/hesabat/hesabat/corpus"
)

// AgencySummary is what the reports say about one body: the measures naming
// it and how many of them have each status.
type AgencySummary struct {
	Agency corpus.Agency `json:"agency"`
	// Counts is the number of measures naming the body, per status.
	Counts map[corpus.Status]int `json:"counts"`
	// Measures are the IDs of the measures naming the body, in report order.
	Measures []string `json:"measures"`
	// Total is the number of measures naming the body.
	Total int `json:"total"`
}

// Agencies summarises the bodies the annotated reports name: one summary per
// body, sorted by Total (most measures first), then by name. Every status has
// a key in Counts, zero or not.
func Agencies(reports []*corpus.Report) []AgencySummary {
	idx := map[string]int{}
	var out []AgencySummary
	for _, r := range reports {
		if r == nil {
			continue
		}
		for _, m := range r.Measures {
			for _, a := range m.Agencies {
				i, ok := idx[a.ID]
				if !ok {
					i = len(out)
					idx[a.ID] = i
					counts := map[corpus.Status]int{}
					for _, st := range Statuses() {
						counts[st] = 0
					}
					out = append(out, AgencySummary{Agency: a.Agency, Counts: counts})
				}
				s := &out[i]
				id := m.ID()
				if n := len(s.Measures); n > 0 && s.Measures[n-1] == id {
					continue // named twice in one measure
				}
				s.Measures = append(s.Measures, id)
				s.Counts[normStatus(m.Status)]++
				s.Total++
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Total != out[j].Total {
			return out[i].Total > out[j].Total
		}
		return out[i].Agency.Name < out[j].Agency.Name
	})
	return out
}

// Figures returns every figure of the annotated reports, in report and
// measure order; each names its measure.
func Figures(reports []*corpus.Report) []corpus.Figure {
	var out []corpus.Figure
	for _, r := range reports {
		if r == nil {
			continue
		}
		for _, m := range r.Measures {
			out = append(out, m.Figures...)
		}
	}
	return out
}
