package main

import (
	"context"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

// loadReports reads the reports at path (a .txt/.docx file or a directory;
// the embedded report when path is empty) and annotates each with its
// agencies, status and figures, ready to be indexed and served.
func loadReports(ctx context.Context, e *env, path string) ([]*corpus.Report, error) {
	var reports []*corpus.Report
	if path == "" {
		r, err := corpus.Default()
		if err != nil {
			return nil, err
		}
		reports = []*corpus.Report{r}
	} else {
		rs, err := corpus.DefaultLimits().Load(ctx, path)
		if err != nil {
			return nil, err
		}
		reports = rs
	}
	for _, r := range reports {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := analytics.Annotate(r); err != nil {
			return nil, err
		}
	}
	return reports, nil
}

// sourceLabel describes where loadReports reads reports from.
func sourceLabel(path string) string {
	if path == "" {
		return "embedded report"
	}
	return path
}
