package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hesabat/hesabat/corpus"
)

// cmdParse prints reports as JSON (an array of reports) or as CSV with one
// row per measure: the embedded report by default, else the file or
// directory named.
func cmdParse(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "parse", "[FILE|DIR]")
	format := fs.String("format", "json", "output format: json (array of reports) or csv (one row per measure)")
	var src corpusSource
	addCorpusFlags(fs, &src)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "json" && *format != "csv" {
		return fmt.Errorf("%w: --format %q: want json or csv", errUsage, *format)
	}
	if fs.NArg() > 1 {
		return fmt.Errorf("%w: want at most one FILE or DIR, got %d arguments", errUsage, fs.NArg())
	}
	src.path = fs.Arg(0)
	reports, err := readReports(ctx, e, src)
	if err != nil {
		return err
	}
	e.logger.Debug("parsed reports", "count", len(reports))
	if *format == "csv" {
		return writeMeasuresCSV(e.stdout, reports)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(reports); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// measureCSVHeader names the columns writeMeasuresCSV writes.
var measureCSVHeader = []string{
	"report", "number", "section", "section_title", "title", "notes", "period", "years",
	"refs", "line", "blocks", "narrative_chars", "narrative",
}

// writeMeasuresCSV writes one row per measure. The narrative column holds the
// blocks one per line, items with their marker. Cells that a spreadsheet
// would take for a formula get a leading apostrophe.
func writeMeasuresCSV(w io.Writer, reports []*corpus.Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(measureCSVHeader); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for _, r := range reports {
		sections := map[int]string{}
		for _, s := range r.Sections {
			sections[s.Number] = s.Title
		}
		for _, m := range r.Measures {
			var nar []string
			for _, b := range m.Narrative {
				if b.Marker != "" {
					nar = append(nar, b.Marker+" "+b.Text)
				} else {
					nar = append(nar, b.Text)
				}
			}
			text := strings.Join(nar, "\n")
			years := make([]string, len(m.Years))
			for i, y := range m.Years {
				years[i] = strconv.Itoa(y)
			}
			row := []string{
				r.ID, m.Number, strconv.Itoa(m.Section), sections[m.Section], m.Title,
				strings.Join(m.Notes, "; "), m.Period, strings.Join(years, " "),
				strings.Join(m.Refs, " "), strconv.Itoa(m.Line), strconv.Itoa(len(m.Narrative)),
				strconv.Itoa(utf8.RuneCountInString(text)), text,
			}
			for i := range row {
				row[i] = corpus.CSVCell(row[i])
			}
			if err := cw.Write(row); err != nil {
				return fmt.Errorf("write csv: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}
