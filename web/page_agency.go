package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
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
	// PrevURL and NextURL page through the agency's measures
	// (AgencyMeasuresPage at a time); empty at either end.
	PrevURL, NextURL string
}

// AgencyMeasuresPage is how many of an agency's measures its page lists at
// a time: at a thousand reports an agency can be named by thousands.
const AgencyMeasuresPage = 100

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
	sum, role, err := s.findAgencySummary(c.Request.Context(), id, role)
	if err != nil {
		s.fail(c, err)
		return
	}
	p := agencyPage{Row: newAgencyRow(*sum, lang), Agency: sum.Agency}
	p.NameOther = sum.Agency.NameIn(map[string]string{corpus.LangAZ: corpus.LangEN, corpus.LangEN: corpus.LangAZ}[lang])
	pageNo, err := intParam(c, "page", 1, 1, 1<<20)
	if err != nil {
		s.fail(c, err)
		return
	}
	first := min((pageNo-1)*AgencyMeasuresPage, len(sum.Measures))
	ids := sum.Measures[first:min(first+AgencyMeasuresPage, len(sum.Measures))]
	byID, err := s.agencyMeasures(c.Request.Context(), sum.Agency.ID, ids)
	if err != nil {
		s.fail(c, err)
		return
	}
	pageURL := func(n int) string {
		v := url.Values{"page": {strconv.Itoa(n)}, "lang": {lang}}
		if role != "" {
			v.Set("role", role)
		}
		return "/agencies/" + url.PathEscape(id) + "?" + v.Encode()
	}
	if pageNo > 1 {
		p.PrevURL = pageURL(pageNo - 1)
	}
	if first+AgencyMeasuresPage < len(sum.Measures) {
		p.NextURL = pageURL(pageNo + 1)
	}
	p.Groups = agencyGroups(*sum, id, ids, byID, lang)
	ch := agencyChart(*sum, ids, byID)
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

// findAgencySummary returns the summary of the agency id among the agencies
// in role, or in any role when it is never in role, with the role it was
// found in.
func (s *Server) findAgencySummary(ctx context.Context, id, role string) (*analytics.AgencySummary, string, error) {
	var sum *analytics.AgencySummary
	// A body never responsible still has a page: its measures in any role.
	for _, r := range []string{role, search.RoleAny} {
		sums, err := s.agencySummariesIn(ctx, r)
		if err != nil {
			return nil, role, err
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
		return nil, role, fmt.Errorf("web: agency %q: %w", id, errNotFound)
	}
	return sum, role, nil
}

// agencyGroups groups the measures ids (those of this page, found in byID)
// of the agency id by status, in status order, leaving out empty groups.
func agencyGroups(sum analytics.AgencySummary, id string, ids []string, byID map[string]*corpus.Measure, lang string) []statusGroup {
	var out []statusGroup
	groups := map[corpus.Status]*statusGroup{}
	for _, st := range analytics.Statuses() {
		groups[st] = &statusGroup{statusCount: statusCount{Status: st, Label: statusLabel(st, lang)}}
	}
	for _, mid := range ids {
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
	}
	for _, st := range analytics.Statuses() {
		// The count is of all the agency's measures, the list of this page's.
		if g := groups[st]; len(g.Measures) > 0 {
			g.Count = sum.Counts[st]
			out = append(out, *g)
		}
	}
	return out
}

// agencyChart is the chart of an agency's measures by status, with the
// status evidence of the measures ids (those the page lists) as its sources.
func agencyChart(a analytics.AgencySummary, ids []string, byID map[string]*corpus.Measure) analytics.Chart {
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
	if len(ids) < len(a.Measures) {
		ch.SourcesTotal = len(a.Measures)
	}
	for _, mid := range ids {
		if m, ok := byID[mid]; ok {
			ch.Sources = append(ch.Sources, analytics.Source{Measure: mid, Figure: string(m.Status), Sentence: m.StatusEvidence})
		}
	}
	return ch
}

// agencyMeasures returns what the scorecard of agency agency shows of each
// of the measures ids, by measure ID: copies that keep only the measure's
// number, title, status, status evidence and the agency's own mentions,
// read from the reports that hold them one at a time, so that neither the
// reports nor the other agencies' mentions are held.
func (s *Server) agencyMeasures(ctx context.Context, agency string, ids []string) (map[string]*corpus.Measure, error) {
	want := make(map[string]bool, len(ids))
	var reports []string
	for _, mid := range ids {
		want[mid] = true
		if i := strings.LastIndexByte(mid, '/'); i >= 0 && !slices.Contains(reports, mid[:i]) {
			reports = append(reports, mid[:i])
		}
	}
	byID := make(map[string]*corpus.Measure, len(ids))
	for _, rid := range reports {
		r, err := s.cfg.Searcher.Report(ctx, rid)
		if err != nil {
			return nil, fmt.Errorf("web: agency %s: %w", agency, err)
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
				if am.ID == agency {
					am.Text, am.Sentence = strings.Clone(am.Text), strings.Clone(am.Sentence)
					cp.Agencies = append(cp.Agencies, am)
				}
			}
			byID[m.ID()] = cp
		}
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
