package pdf

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

// ws collapses runs of white space into one space.
func ws(s string) string { return strings.Join(strings.Fields(s), " ") }

// reportDiffs lists how got differs from want: header, title, year, plan
// period, sections, and per measure its number, section, title, notes,
// period, years, refs and narrative blocks (kind, marker, text), text
// compared up to white space.
func reportDiffs(want, got *corpus.Report) []string {
	var d []string
	check := func(what string, w, g any) {
		if !reflect.DeepEqual(w, g) {
			d = append(d, fmt.Sprintf("%s: got %q, want %q", what, g, w))
		}
	}
	wsAll := func(ss []string) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = ws(s)
		}
		return out
	}
	check("header", ws(strings.Join(want.Header, " ")), ws(strings.Join(got.Header, " ")))
	check("title", ws(want.Title), ws(got.Title))
	check("year", want.Year, got.Year)
	check("plan period", want.PlanPeriod, got.PlanPeriod)
	check("sections", len(want.Sections), len(got.Sections))
	for i := 0; i < min(len(want.Sections), len(got.Sections)); i++ {
		check(fmt.Sprintf("section %d", i+1), ws(want.Sections[i].Title), ws(got.Sections[i].Title))
	}
	check("measures", len(want.Measures), len(got.Measures))
	for i := 0; i < min(len(want.Measures), len(got.Measures)); i++ {
		w, g := want.Measures[i], got.Measures[i]
		id := "measure " + w.Number
		check(id+" number", w.Number, g.Number)
		check(id+" section", w.Section, g.Section)
		check(id+" title", ws(w.Title), ws(g.Title))
		check(id+" notes", wsAll(w.Notes), wsAll(g.Notes))
		check(id+" period", w.Period, g.Period)
		check(id+" years", w.Years, g.Years)
		check(id+" refs", w.Refs, g.Refs)
		check(id+" blocks", len(w.Narrative), len(g.Narrative))
		for j := 0; j < min(len(w.Narrative), len(g.Narrative)); j++ {
			wb, gb := w.Narrative[j], g.Narrative[j]
			check(fmt.Sprintf("%s block %d", id, j+1), string(wb.Kind)+" "+wb.Marker+" "+ws(wb.Text), string(gb.Kind)+" "+gb.Marker+" "+ws(gb.Text))
		}
	}
	return d
}

// TestPDFMatchesText reads Chromium's PDF renderings of the shipped report,
// with and without running page headers and footers, and checks that each
// parses to the report the text parses to: 64 measures with the same
// numbers, titles, periods and narratives (up to white space).
func TestPDFMatchesText(t *testing.T) {
	want, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	lim := With(corpus.DefaultLimits())
	for _, rr := range renderings {
		t.Run(rr.name, func(t *testing.T) {
			data := rendering(t, rr.file, rr.headerFooter)
			got, err := lim.ParseBytes("ogp-nap-2021-report.az.pdf", data)
			if err != nil {
				text, _, _ := Text(rr.file, data)
				os.WriteFile(filepath.Join(t.TempDir(), "text.txt"), []byte(text), 0o644)
				t.Fatalf("parse: %v\n%s", err, firstLines(text, 60))
			}
			if len(got.Measures) != 64 {
				t.Errorf("%d measures, want 64", len(got.Measures))
			}
			if got.ID != want.ID {
				t.Errorf("id %q, want %q", got.ID, want.ID)
			}
			d := reportDiffs(want, got)
			for i, s := range d {
				if i == 15 {
					t.Errorf("… and %d more differences", len(d)-i)
					break
				}
				t.Error(s)
			}
		})
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// TestNoTextLayer checks that a PDF whose pages hold no text (a scan) is
// refused with an error that says so, not read as an empty report.
func TestNoTextLayer(t *testing.T) {
	data := scannedPDF()
	_, err := With(corpus.DefaultLimits()).ParseBytes("scan.pdf", data)
	if !errors.Is(err, corpus.ErrInvalid) || !strings.Contains(err.Error(), "no text layer") || !strings.Contains(err.Error(), "scan.pdf") {
		t.Errorf("err = %v; want an ErrInvalid naming scan.pdf and saying it has no text layer", err)
	}
}
