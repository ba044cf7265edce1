package main

import (
	"context"
	"fmt"
	"time"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/indexer"
)

// cmdIndex builds a persistent index of reports. The new index replaces the
// old one at --index atomically: a server or search started meanwhile sees
// either the old or the new index, never half of one.
func cmdIndex(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "index", "")
	var src corpusSource
	fs.StringVar(&src.path, "corpus", "", "read reports from `PATH` (a .txt/.docx/.pdf file or a directory of them); default: the embedded report")
	addCorpusFlags(fs, &src)
	indexPath := fs.String("index", "", "write the index under `PATH` (required; created if missing)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if *indexPath == "" {
		return fmt.Errorf("%w: --index PATH is required", errUsage)
	}
	start := time.Now()
	// One writer at a time: a second "hesabat index" (or a server's upload)
	// fails at once, before reading its corpus, naming this process.
	lock, err := indexer.LockWriter(*indexPath)
	if err != nil {
		return err
	}
	defer lock.Release()
	reports, err := loadReports(ctx, e, src)
	if err != nil {
		return err
	}
	idx, err := indexer.Build(ctx, *indexPath, reports, indexer.WithAppVersion(version), indexer.WithWriteLock(lock), withAnalytics())
	if err != nil {
		return err
	}
	n, err := idx.Bleve().DocCount()
	if cerr := idx.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	e.logger.Info("indexed", "reports", len(reports), "measures", n, "corpus", sourceLabel(src.path),
		"index", *indexPath, "generation", idx.Dir(), "took", time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(e.stdout, "indexed %s of %s into %s\n", plural(int(n), "measure"), plural(len(reports), "report"), *indexPath)
	return nil
}

// withAnalytics returns the option that makes a build compute the
// analytics the pages show (agency summaries, charts, where the figures
// are) alongside the index and store them with its generation, so that the
// server reads them instead of walking every report.
func withAnalytics() indexer.Option {
	return indexer.WithDerived(analytics.PrecomputedName, analytics.PrecomputeJSON)
}
