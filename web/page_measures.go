package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/hesabat/hesabat/corpus"
)

// measuresMaxReports is the number of reports /measures lists measure by
// measure; with more, it lists the reports and each links to its own list
// (/measures?report=ID).
const measuresMaxReports = 5

// measureItem is one measure of the /measures list.
type measureItem struct {
	Number      string
	Title       string
	URL         string
	Status      corpus.Status
	StatusLabel string
}

// sectionGroup is one section of a report with its measures.
type sectionGroup struct {
	Heading  string
	Measures []measureItem
}

// reportGroup is one report of the /measures list: its sections, or (when
// the archive is large) only a link to its own list and its count.
type reportGroup struct {
	ID       string
	Title    string
	URL      string
	Count    int
	Sections []sectionGroup
}

// measuresPage is the data of /measures.
type measuresPage struct {
	Reports []reportGroup
	// Summary is true when only the reports are listed.
	Summary bool
}

// measuresList answers /measures: every measure by report and section with
// its status; ?report=ID lists one report.
func (s *Server) measuresList(c *gin.Context) {
	lang := chooseLang(c)
	only := c.Query("report")
	p := measuresPage{Summary: only == "" && s.cfg.Searcher.NumReports() > measuresMaxReports}
	err := s.cfg.Searcher.EachReport(c.Request.Context(), func(r *corpus.Report) error {
		if only != "" && r.ID != only {
			return nil
		}
		g := reportGroup{ID: r.ID, Title: r.Title, URL: "/measures?report=" + r.ID, Count: len(r.Measures)}
		if !p.Summary {
			g.Sections = sectionGroups(r, lang)
		}
		p.Reports = append(p.Reports, g)
		return nil
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	if only != "" && len(p.Reports) == 0 {
		s.fail(c, errNotFound)
		return
	}
	s.render(c, http.StatusOK, "measures", view{base: s.newBase(c, lang, words[lang]["measures_title"], "measures"), Page: p})
}

// sectionGroups returns r's measures grouped by section, in report order.
func sectionGroups(r *corpus.Report, lang string) []sectionGroup {
	var out []sectionGroup
	index := map[int]int{}
	for _, sec := range r.Sections {
		index[sec.Number] = len(out)
		out = append(out, sectionGroup{Heading: strconv.Itoa(sec.Number) + ". " + sec.Title})
	}
	for _, m := range r.Measures {
		i, ok := index[m.Section]
		if !ok {
			index[m.Section] = len(out)
			i = len(out)
			out = append(out, sectionGroup{Heading: words[lang]["section"] + " " + strconv.Itoa(m.Section)})
		}
		st := m.Status
		if st == "" {
			st = corpus.StatusUnknown
		}
		out[i].Measures = append(out[i].Measures, measureItem{
			Number: m.Number, Title: m.Title, URL: measureURL(r.ID, m.Number),
			Status: st, StatusLabel: statusLabel(st, lang),
		})
	}
	return out
}
