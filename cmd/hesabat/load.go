package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/corpus/pdf"
)

// corpusSource says where reports come from and how to read them.
type corpusSource struct {
	path    string // a report file or a corpus directory; "" for the embedded report
	skipBad bool   // load the good reports of a directory, listing the bad ones
	year    int    // the year of reports whose title names none (0: leave them)
}

// addCorpusFlags adds --skip-bad and --report-year to fs, which set src.
func addCorpusFlags(fs *flagSet, src *corpusSource) {
	fs.BoolVar(&src.skipBad, "skip-bad", false, "load the good reports of a corpus directory and list the bad ones (default: stop, listing every bad file)")
	fs.IntVar(&src.year, "report-year", 0, "the `YEAR` a report describes when its title names none (\"… 2021-ci il ərzində …\")")
}

// reportLimits are the limits and formats reports are read with: .txt,
// .docx and .pdf.
func reportLimits() corpus.Limits { return pdf.With(corpus.DefaultLimits()) }

// readReports reads the reports of src: the embedded report, one file, or
// every report of a directory. Every entry of a directory that is not
// loaded is logged with its reason; a report that names no year gets
// src.year or a warning.
func readReports(ctx context.Context, e *env, src corpusSource) ([]*corpus.Report, error) {
	var reports []*corpus.Report
	switch fi, err := os.Stat(src.path); {
	case src.path == "":
		r, err := corpus.Default()
		if err != nil {
			return nil, err
		}
		reports = []*corpus.Report{r}
	case err != nil:
		return nil, fmt.Errorf("corpus: %w", err)
	case fi.IsDir():
		rs, files, err := reportLimits().LoadDir(ctx, src.path, src.skipBad)
		logFiles(e, files)
		if err != nil {
			if hasBad(files) && !src.skipBad {
				return nil, fmt.Errorf("%w\n(pass --skip-bad to load the good reports and list the bad ones)", err)
			}
			return nil, err
		}
		reports = rs
	default:
		r, err := reportLimits().ParseFile(src.path)
		if err != nil {
			return nil, err
		}
		reports = []*corpus.Report{r}
	}
	for _, r := range reports {
		setYear(e, r, src.year)
	}
	return reports, nil
}

// hasBad reports whether files has a bad report file.
func hasBad(files []corpus.File) bool {
	for _, f := range files {
		if f.Err != nil {
			return true
		}
	}
	return false
}

// logFiles logs what became of each entry of a corpus directory that is not
// a loaded report, and a count of each kind.
func logFiles(e *env, files []corpus.File) {
	loaded, bad, skipped := 0, 0, 0
	for _, f := range files {
		switch {
		case f.Report != "":
			loaded++
			e.logger.Debug("loaded report", "file", f.Path, "report", f.Report)
		case f.Err != nil:
			bad++
			e.logger.Warn("bad report file", "file", f.Path, "err", strings.TrimPrefix(f.Err.Error(), "corpus: "))
		case strings.HasPrefix(filepath.Base(f.Path), "."):
			skipped++
			e.logger.Info("skipped", "file", f.Path, "reason", f.Skipped)
		default:
			skipped++
			e.logger.Warn("skipped", "file", f.Path, "reason", f.Skipped)
		}
	}
	if len(files) > 0 {
		e.logger.Info("corpus directory", "dir", filepath.Dir(files[0].Path), "loaded", loaded, "bad", bad, "skipped", skipped)
	}
}

// setYear gives a report whose title names no year the year of --report-year, or
// warns that its year is unknown.
func setYear(e *env, r *corpus.Report, year int) {
	if r.Year != 0 {
		return
	}
	if year != 0 {
		r.Year = year
		return
	}
	e.logger.Warn("the report's title names no year (like \"2021-ci il ərzində\"): its year is unknown; set it with --report-year",
		"report", r.ID, "file", r.Source)
}

// loadReports reads the reports of src (see readReports) and annotates each
// with its agencies, status and figures, ready to be indexed and served.
func loadReports(ctx context.Context, e *env, src corpusSource) ([]*corpus.Report, error) {
	reports, err := readReports(ctx, e, src)
	if err != nil {
		return nil, err
	}
	if err := annotateAll(ctx, reports); err != nil {
		return nil, err
	}
	return reports, nil
}

// annotateAll annotates the reports (analytics.AnnotateWith), one per
// processor at a time, with one gazetteer: the gazetteer is safe for
// concurrent use, and building it for every report cost more than some
// reports' annotation. It stops at the first error or when ctx is done.
func annotateAll(ctx context.Context, reports []*corpus.Report) error {
	g, err := analytics.DefaultGazetteer()
	if err != nil {
		return err
	}
	work := make(chan *corpus.Report)
	errs := make(chan error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for range cap(errs) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range work {
				if err := analytics.AnnotateWith(r, g); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	var first error
	for _, r := range reports {
		if first = ctx.Err(); first != nil {
			break
		}
		select {
		case work <- r:
			continue
		case first = <-errs:
		}
		break
	}
	close(work)
	wg.Wait() // a worker sends at most one error, into room for all of them
	if first == nil {
		select {
		case first = <-errs:
		default:
		}
	}
	return first
}

// sourceLabel describes where loadReports reads reports from.
func sourceLabel(path string) string {
	if path == "" {
		return "embedded report"
	}
	return path
}
