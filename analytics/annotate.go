package analytics

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

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
	for i := range r.Measures {
		annotateMeasure(&r.Measures[i], g, r.Year)
	}
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
	sm := reSeeAnswer.FindStringSubmatch(collapseSpace(fold(text[0])))
	if sm == nil {
		return "", false
	}
	return sm[1], true
}

// annotateMeasure fills one measure's agencies, status and figures.
func annotateMeasure(m *corpus.Measure, g *Gazetteer, year int) {
	texts := []string{m.Title}
	var sents []string
	for _, b := range m.Narrative {
		texts = append(texts, b.Text)
		sents = append(sents, sentences(nfc(b.Text))...)
	}
	m.Agencies = g.Match(texts...)
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
