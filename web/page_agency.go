package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/search"
	"github.com/hesabat/hesabat/web/chart"
)

// statusCount is one cell of a scorecard: a status and how many measures have it.
type statusCount struct {
	Status corpus.Status
	Label  string
	Count  int
}

// agencyRow is one agency in the agencies table.
type agencyRow struct {
	ID     string
	Name   string
	Abbrev string
	URL    string
	Counts []statusCount
	Total  int
}

// agenciesPage is the data of /agencies.
type agenciesPage struct {
	Statuses []statusCount
	Rows     []agencyRow
	// Roles switch the role bodies are counted in (responsible by default).
	Roles []roleOption
	// Role is the role counted, as a search.Role* value.
	Role string
}

// agencyMeasure is a measure listed on an agency's scorecard.
type agencyMeasure struct {
	measureLink
	Sentence string
}

// statusGroup is the measures of an agency that have one status.
type statusGroup struct {
	statusCount
	Measures []agencyMeasure
}

// agencyPage is the data of /agencies/:id.
type agencyPage struct {
	Row       agencyRow
	NameOther string
	Agency    corpus.Agency
	Groups    []statusGroup
	Chart     template.HTML
	SearchURL string
}

// agenciesPage answers /agencies: every agency with its measures by status.
func (s *Server) agenciesPage(c *gin.Context) {
	lang := chooseLang(c)
	role, err := roleParam(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	sums, err := s.agencySummariesIn(c.Request.Context(), role)
	if err != nil {
		s.fail(c, err)
		return
	}
	p := agenciesPage{Role: role, Roles: roleOptions(role, lang, "/agencies", url.Values{"lang": {lang}})}
	for _, st := range analytics.Statuses() {
		p.Statuses = append(p.Statuses, statusCount{Status: st, Label: statusLabel(st, lang)})
	}
	for _, a := range sums {
		p.Rows = append(p.Rows, newAgencyRow(a, lang))
	}
	sort.SliceStable(p.Rows, func(i, j int) bool { return p.Rows[i].Total > p.Rows[j].Total })
	b := s.newBase(c, lang, words[lang]["agencies_title"], "agencies")
	s.render(c, http.StatusOK, "agencies", view{base: b, Page: p})
}

// newAgencyRow summarises a for the agencies table.
func newAgencyRow(a analytics.AgencySummary, lang string) agencyRow {
	row := agencyRow{
		ID:     a.Agency.ID,
		Name:   a.Agency.NameIn(lang),
		Abbrev: strings.Join(a.Agency.Abbrev, ", "),
		URL:    "/agencies/" + url.PathEscape(a.Agency.ID),
		Total:  a.Total,
	}
	for _, st := range analytics.Statuses() {
		row.Counts = append(row.Counts, statusCount{Status: st, Label: statusLabel(st, lang), Count: a.Counts[st]})
	}
	return row
}

// agencyPage answers /agencies/:id: an agency's scorecard.
func (s *Server) agencyPage(c *gin.Context) {
	lang := chooseLang(c)
	id := c.Param("id")
	role, err := roleParam(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var sum *analytics.AgencySummary
	// A body never responsible still has a page: its measures in any role.
	for _, r := range []string{role, search.RoleAny} {
		sums, err := s.agencySummariesIn(c.Request.Context(), r)
		if err != nil {
			s.fail(c, err)
			return
		}
		for i := range sums {
			if sums[i].Agency.ID == id {
				sum, role = &sums[i], r
				break
			}
		}
		if sum != nil {
			break
		}
	}
	if sum == nil {
		s.fail(c, fmt.Errorf("web: agency %q: %w", id, errNotFound))
		return
	}
	p := agencyPage{Row: newAgencyRow(*sum, lang), Agency: sum.Agency}
	p.NameOther = sum.Agency.NameIn(map[string]string{corpus.LangAZ: corpus.LangEN, corpus.LangEN: corpus.LangAZ}[lang])
	byID, err := s.agencyMeasures(c.Request.Context(), *sum)
	if err != nil {
		s.fail(c, err)
		return
	}
	groups := map[corpus.Status]*statusGroup{}
	for _, st := range analytics.Statuses() {
		groups[st] = &statusGroup{statusCount: statusCount{Status: st, Label: statusLabel(st, lang)}}
	}
	for _, mid := range sum.Measures {
		m, ok := byID[mid]
		if !ok {
			continue
		}
		st := m.Status
		if _, ok := groups[st]; !ok {
			st = corpus.StatusUnknown
		}
		am := agencyMeasure{measureLink: measureLink{
			Number: m.Number, Title: m.Title, URL: measureURL(m.Report, m.Number),
			Status: st, StatusLabel: statusLabel(st, lang),
		}}
		for _, a := range m.Agencies {
			if a.ID == id {
				am.Sentence = a.Sentence
				break
			}
		}
		g := groups[st]
		g.Measures = append(g.Measures, am)
		g.Count++
	}
	for _, st := range analytics.Statuses() {
		if g := groups[st]; g.Count > 0 {
			p.Groups = append(p.Groups, *g)
		}
	}
	ch := agencyChart(*sum, byID)
	frag, err := chart.Fragment(ch, lang, chart.Options{Nonce: nonce(c), Height: "320px", HideTitle: true})
	if err != nil {
		s.fail(c, err)
		return
	}
	p.Chart = frag
	sv := url.Values{"agency": {id}, "lang": {lang}}
	if role != "" && role != search.RoleResponsible {
		sv.Set("role", role)
	}
	p.SearchURL = "/?" + sv.Encode()
	b := s.newBase(c, lang, p.Row.Name, "agencies")
	b.Charts = true
	s.render(c, http.StatusOK, "agency", view{base: b, Page: p})
}

// agencyChart is the chart of an agency's measures by status, with the
// status evidence of each measure as its source.
func agencyChart(a analytics.AgencySummary, byID map[string]*corpus.Measure) analytics.Chart {
	ch := analytics.Chart{
		ID:       "agency-" + a.Agency.ID,
		Title:    analytics.Text{AZ: a.Agency.Name, EN: a.Agency.NameEN},
		Subtitle: analytics.Text{AZ: "Tədbirlər icra vəziyyətinə görə", EN: "Measures by status"},
		Kind:     analytics.KindBar,
		XLabel:   analytics.Text{AZ: "İcra vəziyyəti", EN: "Status"},
		YLabel:   analytics.Text{AZ: "Tədbirlər", EN: "Measures"},
	}
	if ch.Title.EN == "" {
		ch.Title.EN = a.Agency.Name
	}
	values := []float64{}
	for _, st := range analytics.Statuses() {
		ch.Categories = append(ch.Categories, analytics.StatusLabel(st))
		values = append(values, float64(a.Counts[st]))
	}
	ch.Series = []analytics.Series{{Name: analytics.Text{AZ: "Tədbirlər", EN: "Measures"}, Values: values, Unit: "measures"}}
	for _, mid := range a.Measures {
		if m, ok := byID[mid]; ok {
			ch.Sources = append(ch.Sources, analytics.Source{Measure: mid, Figure: string(m.Status), Sentence: m.StatusEvidence})
		}
	}
	return ch
}

// agencyMeasures returns what the scorecard of agency a shows of each of its
// measures, by measure ID: copies that keep only the measure's number,
// title, status, status evidence and the agency's own mentions, read from
// the reports that name the agency one at a time, so that neither the
// reports nor the other agencies' mentions are held.
func (s *Server) agencyMeasures(ctx context.Context, a analytics.AgencySummary) (map[string]*corpus.Measure, error) {
	want := make(map[string]bool, len(a.Measures))
	reports := map[string]bool{}
	for _, mid := range a.Measures {
		want[mid] = true
		if i := strings.LastIndexByte(mid, '/'); i >= 0 {
			reports[mid[:i]] = true
		}
	}
	byID := make(map[string]*corpus.Measure, len(a.Measures))
	// At a thousand reports the walk may outlast the request timeout: let
	// it finish rather than fail the page.
	err := s.cfg.Searcher.EachReport(context.WithoutCancel(ctx), func(r *corpus.Report) error {
		if !reports[r.ID] {
			return nil
		}
		for i := range r.Measures {
			m := &r.Measures[i]
			if !want[m.ID()] {
				continue
			}
			cp := &corpus.Measure{
				Report: strings.Clone(m.Report), Number: strings.Clone(m.Number), Title: strings.Clone(m.Title),
				Section: m.Section, Status: m.Status, StatusEvidence: strings.Clone(m.StatusEvidence),
			}
			for _, am := range m.Agencies {
				if am.ID == a.Agency.ID {
					am.Text, am.Sentence = strings.Clone(am.Text), strings.Clone(am.Sentence)
					cp.Agencies = append(cp.Agencies, am)
				}
			}
			byID[m.ID()] = cp
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: agency %s: %w", a.Agency.ID, err)
	}
	return byID, nil
}

// roleParam returns the role query parameter (a search.Role* value, "" for
// none); an unknown role is a bad request.
func roleParam(c *gin.Context) (string, error) {
	role := c.Query("role")
	if role != "" && !slices.Contains(search.Roles(), role) {
		return "", fmt.Errorf("web: role %q, want one of %s: %w", role, strings.Join(search.Roles(), ", "), search.ErrInvalid)
	}
	return role, nil
}
