package analytics

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hesabat/hesabat/aztext"
	"github.com/hesabat/hesabat/corpus"
)

// ErrNilReport reports a nil report passed for annotation.
var ErrNilReport = errors.New("analytics: nil report")

// Annotate fills every measure of the report with the bodies it names
// (Agencies, each with its sentence), its Status with the sentence that
// decided it (StatusEvidence), and the Figures its narrative states, using
// the default gazetteer. It replaces what an earlier call filled, so calling
// it again gives the same result.
func Annotate(r *corpus.Report) error {
	g, err := DefaultGazetteer()
	if err != nil {
		return fmt.Errorf("analytics: annotate: %w", err)
	}
	return AnnotateWith(r, g)
}

// AnnotateWith is Annotate with a given gazetteer.
func AnnotateWith(r *corpus.Report, g *Gazetteer) error {
	if r == nil {
		return ErrNilReport
	}
	if g == nil {
		return fmt.Errorf("analytics: annotate %s: %w: nil gazetteer", r.ID, ErrGazetteer)
	}
	// Short names ("(bundan sonra – DGK)") hold for the whole report, so
	// they are collected before the measures are matched.
	defs := Abbrevs{}
	for i := range r.Measures {
		texts := measureTexts(&r.Measures[i])
		if !slices.ContainsFunc(texts, func(t string) bool { return strings.Contains(t, "(") }) {
			continue // a definition is in brackets
		}
		_, found := g.MatchWith(nil, texts...)
		for k, v := range found {
			if _, dup := defs[k]; !dup {
				defs[k] = v
			}
		}
	}
	for i := range r.Measures {
		annotateMeasure(&r.Measures[i], g, defs, r.Year)
	}
	mergeFound(r, g)
	// A measure answered only by "Bax cavab 5.2" shares that measure's answer.
	byNumber := map[string]int{}
	for i, m := range r.Measures {
		byNumber[m.Number] = i
	}
	for i := range r.Measures {
		m := &r.Measures[i]
		ref, ok := onlyReference(m)
		if !ok {
			continue
		}
		j, ok := byNumber[ref]
		if !ok || j == i {
			continue
		}
		src := &r.Measures[j]
		m.Status, m.StatusEvidence = src.Status, src.StatusEvidence
		if len(m.Agencies) == 0 {
			m.Agencies = append([]corpus.AgencyMention(nil), src.Agencies...)
		}
	}
	return nil
}

// reSeeAnswer matches a narrative that only points to another measure's answer.
var reSeeAnswer = regexp.MustCompile(`^bax\s+cavab\s+(\d+(?:\.\d+)*)\.?$`)

// onlyReference returns the measure number a narrative consisting only of
// "Bax cavab N" points to.
func onlyReference(m *corpus.Measure) (string, bool) {
	var text []string
	for _, b := range m.Narrative {
		if t := strings.TrimSpace(b.Text); t != "" {
			text = append(text, t)
		}
	}
	if len(text) != 1 {
		return "", false
	}
	sm := reSeeAnswer.FindStringSubmatch(collapseSpace(aztext.LowerFold(text[0])))
	if sm == nil {
		return "", false
	}
	return sm[1], true
}

// measureTexts returns the texts bodies are found in: the measure's title
// and narrative blocks.
func measureTexts(m *corpus.Measure) []string {
	texts := []string{m.Title}
	for _, b := range m.Narrative {
		texts = append(texts, b.Text)
	}
	return texts
}

// annotateMeasure fills one measure's agencies, status and figures.
func annotateMeasure(m *corpus.Measure, g *Gazetteer, defs Abbrevs, year int) {
	var sents []string
	for _, b := range m.Narrative {
		sents = append(sents, sentences(aztext.NFC(b.Text))...)
	}
	m.Agencies, _ = g.MatchWith(defs, measureTexts(m)...)
	m.Status, m.StatusEvidence = measureStatus(sents, statusDates{due: lastYear(m.Years), year: year})
	m.Figures = nil
	ctxYear := year
	for _, s := range sents {
		for _, f := range extractSpans(s, ctxYear) {
			f.Measure = m.ID()
			m.Figures = append(m.Figures, f.Figure)
			switch f.Unit {
			case UnitYear, UnitYearRange:
				ctxYear = int(f.Value)
			case UnitDate:
				ctxYear = int(f.Value) / 10000
			case UnitMonth:
				ctxYear = int(f.Value) / 100
			}
		}
	}
}

// lastYear returns the largest of years, 0 for none.
func lastYear(years []int) int {
	last := 0
	for _, y := range years {
		last = max(last, y)
	}
	return last
}

// mergeFound merges the found bodies (those the gazetteer does not list)
// whose name is another found name with words before it: "Ümumi Siyahısı
// Dövlət Sərhəd Xidmətinin" is the Dövlət Sərhəd Xidməti the report names
// on its own elsewhere. A name joined by "və" or "üzrə" ("Gənclər və İdman
// Nazirliyi") stays apart.
func mergeFound(r *corpus.Report, g *Gazetteer) {
	names := map[string]corpus.Agency{}
	for _, m := range r.Measures {
		for _, a := range m.Agencies {
			if _, known := g.byID[a.ID]; !known {
				names[a.Name] = a.Agency
			}
		}
	}
	into := map[string]corpus.Agency{}
	for n := range names {
		best := ""
		for o := range names {
			if len(o) <= len(best) || len(o) >= len(n) || !strings.HasSuffix(n, " "+o) || len(strings.Fields(o)) < 2 {
				continue
			}
			before := strings.Fields(strings.TrimSuffix(n, " "+o))
			if w := aztext.LowerFold(before[len(before)-1]); w == "ve" || w == "uzre" {
				continue
			}
			best = o
		}
		if best != "" {
			into[names[n].ID] = names[best]
		}
	}
	if len(into) == 0 {
		return
	}
	for i := range r.Measures {
		m := &r.Measures[i]
		var out []corpus.AgencyMention
		for _, a := range m.Agencies {
			if to, ok := into[a.ID]; ok {
				a.Agency = to
			}
			dup := false
			for k := range out {
				if out[k].ID == a.ID {
					dup = true
					if roleRank(a.Role) < roleRank(out[k].Role) {
						out[k] = a
					}
				}
			}
			if !dup {
				out = append(out, a)
			}
		}
		m.Agencies = out
	}
}
