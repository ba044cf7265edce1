package web

import (
	"fmt"

	"github.com/hesabat/hesabat/corpus"
)

// The budgets an uploaded report must keep before it is annotated or
// indexed; each is far above what a real report needs (the shipped one has
// 64 measures, 95 KB of text and no word over 40 bytes). An upload over one
// is refused with 413 naming the limit, and nothing of it is indexed or
// saved (issue 16 finding 2: a 33 KB .docx holding one 30 MB word took
// 4 GB to index; a report of 87,131 measures was accepted).
const (
	// MaxMeasuresPerReport bounds the measures of one uploaded report.
	MaxMeasuresPerReport = 5000
	// MaxReportTextBytes bounds the text of one uploaded report's measures:
	// titles and narratives together.
	MaxReportTextBytes = 8 << 20
	// MaxWordBytes bounds a run of non-space bytes in an uploaded report
	// (a long URL fits; a 30 MB "word" does not).
	MaxWordBytes = 4096
)

// checkBudget returns an errTooLarge error naming the first budget r
// exceeds, or nil.
func checkBudget(r *corpus.Report) error {
	if n := len(r.Measures); n > MaxMeasuresPerReport {
		return fmt.Errorf("%w: %d measures, at most %d per report", errTooLarge, n, MaxMeasuresPerReport)
	}
	total := len(r.Title)
	for i := range r.Measures {
		m := &r.Measures[i]
		total += len(m.Title)
		if err := checkWords(m.Title, m.Number); err != nil {
			return err
		}
		for _, b := range m.Narrative {
			total += len(b.Text)
			if err := checkWords(b.Text, m.Number); err != nil {
				return err
			}
		}
		if total > MaxReportTextBytes {
			return fmt.Errorf("%w: over %d bytes of measure text (at measure %s)", errTooLarge, MaxReportTextBytes, m.Number)
		}
	}
	return checkWords(r.Title, "title")
}

// checkWords fails when s has a run of non-space bytes over MaxWordBytes.
func checkWords(s, where string) error {
	run := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			run = 0
			continue
		}
		if run++; run > MaxWordBytes {
			return fmt.Errorf("%w: a word over %d bytes (measure %s)", errTooLarge, MaxWordBytes, where)
		}
	}
	return nil
}
