package analytics

import (
	"iter"
	"slices"
	"sort"

	"github.com/hesabat/hesabat/corpus"
)

// AgencySummary is what the reports say about one body: the measures naming
// it in the roles asked for and how many of them have each status.
type AgencySummary struct {
	Agency corpus.Agency `json:"agency"`
	// Counts is the number of measures counted, per status.
	Counts map[corpus.Status]int `json:"counts"`
	// Measures are the IDs of the measures counted, in report order.
	Measures []string `json:"measures"`
	// Total is the number of measures counted.
	Total int `json:"total"`
	// Roles is the number of measures naming the body in each role, whichever
	// roles are counted.
	Roles map[corpus.Role]int `json:"roles"`
}

// Agencies summarises the bodies the annotated reports name as responsible
// (corpus.RoleResponsible): one summary per body, sorted by Total (most
// measures first), then by name. Every status has a key in Counts, zero or
// not. AgenciesWithRoles counts other roles.
func Agencies(reports []*corpus.Report) []AgencySummary {
	return AgenciesOf(slices.Values(reports))
}

// AgenciesWithRoles is Agencies counting the measures that name a body in
// any of roles (none: every role). A body named in no such measure has no
// summary.
func AgenciesWithRoles(reports []*corpus.Report, roles ...corpus.Role) []AgencySummary {
	return AgenciesOfRoles(slices.Values(reports), roles...)
}

// AgenciesOf is Agencies over reports given one at a time: it keeps none of
// them, so the reports can be read from disk one by one.
func AgenciesOf(reports iter.Seq[*corpus.Report]) []AgencySummary {
	return AgenciesOfRoles(reports, corpus.RoleResponsible)
}

// AgenciesOfRoles is AgenciesWithRoles over reports given one at a time.
func AgenciesOfRoles(reports iter.Seq[*corpus.Report], roles ...corpus.Role) []AgencySummary {
	c := agencyCounter{roles: roles}
	for r := range reports {
		c.add(r)
	}
	return c.summaries()
}

// agencyCounter builds agency summaries from reports added one at a time.
type agencyCounter struct {
	roles []corpus.Role // counted roles; none: all
	idx   map[string]int
	out   []AgencySummary
}

// counts reports whether a mention in role r is counted.
func (c *agencyCounter) counts(r corpus.Role) bool {
	return len(c.roles) == 0 || slices.Contains(c.roles, corpus.NormRole(r))
}

// add counts the measures of r.
func (c *agencyCounter) add(r *corpus.Report) {
	if r == nil {
		return
	}
	if c.idx == nil {
		c.idx = map[string]int{}
	}
	for _, m := range r.Measures {
		for _, a := range m.Agencies {
			i, ok := c.idx[a.ID]
			if !ok {
				i = len(c.out)
				c.idx[a.ID] = i
				counts := map[corpus.Status]int{}
				for _, st := range Statuses() {
					counts[st] = 0
				}
				roles := map[corpus.Role]int{}
				for _, ro := range corpus.Roles() {
					roles[ro] = 0
				}
				c.out = append(c.out, AgencySummary{Agency: a.Agency, Counts: counts, Roles: roles})
			}
			s := &c.out[i]
			s.Roles[corpus.NormRole(a.Role)]++
			if !c.counts(a.Role) {
				continue
			}
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

// summaries returns the summaries, sorted as Agencies sorts them.
func (c *agencyCounter) summaries() []AgencySummary {
	out := slices.DeleteFunc(c.out, func(s AgencySummary) bool { return s.Total == 0 })
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
