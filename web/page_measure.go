package web

import (
	"context"
	"errors"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"sort"

	"github.com/gin-gonic/gin"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/search"
)

// agencyLink is an agency named by a measure, linked to its scorecard.
type agencyLink struct {
	ID       string
	Name     string
	URL      string
	Text     string
	Sentence string
}

// measureLink is a link to another measure.
type measureLink struct {
	Number      string
	Title       string
	URL         string
	Status      corpus.Status
	StatusLabel string
	// Why says how the measure is related.
	Why string
}

// measurePage is the data of a measure's page.
type measurePage struct {
	M            *corpus.Measure
	Report       *corpus.Report
	SectionTitle string
	Status       corpus.Status
	StatusLabel  string
	Agencies     []agencyLink
	Refs         []measureLink
	Related      []measureLink
	JSONURL      string
	// ReportLabel is the report's short name.
	ReportLabel string
	// Years are this measure in every served report on the same plan,
	// this one included, oldest report first: status and figures side by
	// side. Empty when no other report has the measure.
	Years []measureYear
	// Figures are the measure's figures by sentence; Charts the charts
	// built from them; BuilderURL charts them in the chart builder.
	Figures    []figureGroup
	Charts     []chartLink
	BuilderURL string
	// Narrative is the measure's narrative with the words of the search the
	// reader came from (?hl=) marked; Highlight is that search.
	Narrative []narrativeView
	Highlight string
}

// narrativeView is one block of a measure's narrative, as HTML (escaped,
// with <mark> around searched words).
type narrativeView struct {
	Kind, Marker string
	HTML         template.HTML
}

// measureYear is one measure of a plan as one report tells it.
type measureYear struct {
	Label       string
	Year        int
	URL         string
	Current     bool
	Status      corpus.Status
	StatusLabel string
	Evidence    string
	Figures     []corpus.Figure
}

// measurePage answers /measures/:report/:number.
func (s *Server) measurePage(c *gin.Context) {
	lang := chooseLang(c)
	reportID, number := c.Param("report"), c.Param("number")
	ctx := c.Request.Context()
	m, err := s.cfg.Searcher.Measure(ctx, reportID, number)
	if err != nil {
		s.fail(c, err)
		return
	}
	r, err := s.cfg.Searcher.Report(ctx, reportID)
	if err != nil {
		s.fail(c, fmt.Errorf("web: report %q: %w", reportID, err))
		return
	}
	p := measurePage{
		M:           m,
		Report:      r,
		Status:      m.Status,
		StatusLabel: statusLabel(m.Status, lang),
		JSONURL:     "/api" + measureURL(r.ID, m.Number),
	}
	if p.Status == "" {
		p.Status = corpus.StatusUnknown
	}
	for _, sec := range r.Sections {
		if sec.Number == m.Section {
			p.SectionTitle = sec.Title
		}
	}
	seen := map[string]bool{}
	for _, a := range m.Agencies {
		if a.ID == "" || seen[a.ID] {
			continue
		}
		seen[a.ID] = true
		p.Agencies = append(p.Agencies, agencyLink{
			ID: a.ID, Name: a.Agency.NameIn(lang), URL: "/agencies/" + a.ID,
			Text: a.Text, Sentence: a.Sentence,
		})
	}
	byNumber := make(map[string]*corpus.Measure, len(r.Measures))
	for i := range r.Measures {
		byNumber[r.Measures[i].Number] = &r.Measures[i]
	}
	link := func(o *corpus.Measure, why string) measureLink {
		st := o.Status
		if st == "" {
			st = corpus.StatusUnknown
		}
		return measureLink{Number: o.Number, Title: o.Title, URL: measureURL(r.ID, o.Number),
			Status: st, StatusLabel: statusLabel(st, lang), Why: why}
	}
	for _, ref := range m.Refs {
		if o, ok := byNumber[ref]; ok {
			p.Refs = append(p.Refs, link(o, ""))
		} else {
			p.Refs = append(p.Refs, measureLink{Number: ref})
		}
	}
	p.Related = related(r, m, lang, link)
	p.ReportLabel = r.Label()
	years, err := s.measureYears(ctx, r, m, lang)
	if err != nil {
		s.fail(c, err)
		return
	}
	p.Years = years
	s.addFigures(c, &p, m, lang)
	b := s.newBase(c, lang, m.Number+" "+m.Title, "search")
	s.render(c, http.StatusOK, "measure", view{base: b, Page: p})
}

// maxRelated is the most related measures a measure page lists.
const maxRelated = 6

// related returns the measures of r most related to m: those that refer to
// it or that it refers to, then those naming the most of its agencies, then
// the rest of its section.
func related(r *corpus.Report, m *corpus.Measure, lang string, link func(*corpus.Measure, string) measureLink) []measureLink {
	own := map[string]bool{}
	for _, a := range m.Agencies {
		own[a.ID] = true
	}
	refs := map[string]bool{}
	for _, ref := range m.Refs {
		refs[ref] = true
	}
	type cand struct {
		m     *corpus.Measure
		score int
		why   string
		order int
	}
	var cands []cand
	for i := range r.Measures {
		o := &r.Measures[i]
		if o.Number == m.Number {
			continue
		}
		score, why := 0, ""
		for _, ref := range o.Refs {
			if ref == m.Number {
				score += 100
				why = words[lang]["refs"]
			}
		}
		if refs[o.Number] {
			score += 100
			why = words[lang]["refs"]
		}
		shared := map[string]bool{}
		for _, a := range o.Agencies {
			if own[a.ID] && !shared[a.ID] {
				shared[a.ID] = true
				score += 10
				if why == "" {
					why = a.Agency.NameIn(lang)
				}
			}
		}
		if o.Section == m.Section && score > 0 {
			score++
		}
		if score == 0 {
			continue
		}
		cands = append(cands, cand{o, score, why, i})
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		return cands[i].order < cands[j].order
	})
	var out []measureLink
	for _, cd := range cands {
		if len(out) == maxRelated {
			break
		}
		out = append(out, link(cd.m, cd.why))
	}
	return out
}

// measureYears returns measure m of report r as every served report on the
// same plan tells it (the same number), oldest report first; nil when no
// other report has it.
func (s *Server) measureYears(ctx context.Context, r *corpus.Report, m *corpus.Measure, lang string) ([]measureYear, error) {
	infos, err := s.cfg.Searcher.Reports()
	if err != nil {
		return nil, err
	}
	key := r.PlanKey()
	var out []measureYear
	for _, info := range infos {
		if info.PlanKey != key {
			continue
		}
		om := m
		if info.ID != r.ID {
			if om, err = s.cfg.Searcher.Measure(ctx, info.ID, m.Number); errors.Is(err, search.ErrNotFound) {
				continue
			} else if err != nil {
				return nil, err
			}
		}
		st := om.Status
		if st == "" {
			st = corpus.StatusUnknown
		}
		out = append(out, measureYear{Label: info.Label, Year: info.Year, URL: measureURL(info.ID, om.Number), Current: info.ID == r.ID,
			Status: st, StatusLabel: statusLabel(st, lang), Evidence: om.StatusEvidence, Figures: om.Figures})
	}
	if len(out) < 2 {
		return nil, nil
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Year < out[j].Year })
	return out, nil
}

// addFigures fills the measure page's figures (by sentence), the charts and
// the builder link using them, and its narrative with the searched words
// (?hl=) marked.
func (s *Server) addFigures(c *gin.Context, p *measurePage, m *corpus.Measure, lang string) {
	p.Figures = figureGroups(m, lang)
	p.Charts = s.measureCharts(c.Request.Context(), m.ID(), lang)
	p.BuilderURL = measureBuilderURL(m, lang)
	p.Highlight = c.Query("hl")
	hl := newHighlighter(p.Highlight)
	for _, blk := range m.Narrative {
		nv := narrativeView{Kind: string(blk.Kind), Marker: blk.Marker, HTML: template.HTML(html.EscapeString(blk.Text))}
		if hl != nil {
			nv.HTML = hl.mark(blk.Text)
		}
		p.Narrative = append(p.Narrative, nv)
	}
}
