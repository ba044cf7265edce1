package main

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"os"
	"strconv"
	"sync"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search"
	"github.com/hesabat/hesabat/web"
)

// served is the index "serve" serves and its searcher; reindex replaces both.
type served struct {
	searcher  *search.Searcher
	indexPath string // persistent index, or "" for one in memory
	logger    *slog.Logger

	mu  sync.Mutex
	cur *indexer.Index // the index being served, for its size in /metrics

	swapMu sync.Mutex // held while the served index is replaced: by an upload or the watcher
}

// openServed returns the searcher and index "serve" starts with (see openSearcher).
func openServed(ctx context.Context, e *env, indexPath string, src corpusSource) (*served, error) {
	s, idx, err := openSearcher(ctx, e, indexPath, src, true)
	if err != nil {
		return nil, err
	}
	if indexPath != "" {
		// Generations of killed builds, and old ones no process serves.
		if n, err := indexer.RemoveOrphans(indexPath); err != nil {
			e.logger.Warn("remove orphan generations", "index", indexPath, "err", err)
		} else if n > 0 {
			e.logger.Info("removed orphan generations", "index", indexPath, "generations", n)
		}
	}
	return &served{searcher: s, indexPath: indexPath, logger: e.logger, cur: idx}, nil
}

// reindex builds an index of reports (at indexPath when it is persistent)
// and serves it from then on. A persistent build holds the index's writer
// lock and fails with indexer.ErrChanged when another process replaced the
// served generation meanwhile (the upload would roll it back); the watcher
// then switches to that generation and the client may try again.
func (s *served) reindex(ctx context.Context, reports []*corpus.Report) error {
	s.swapMu.Lock()
	defer s.swapMu.Unlock()
	opts := []indexer.Option{indexer.WithAppVersion(version), withAnalytics()}
	if s.indexPath != "" {
		opts = append(opts, indexer.WithCurrent(s.generation()))
	}
	next, err := indexer.Build(ctx, s.indexPath, reports, opts...)
	if err != nil {
		return err
	}
	s.serve(ctx, next, reports)
	return nil
}

// serve makes next the served index; reports are its reports for an
// in-memory index (a persistent one serves those stored in it, one at a
// time, rather than keeping every report in memory). The caller holds swapMu.
func (s *served) serve(ctx context.Context, next *indexer.Index, reports []*corpus.Report) {
	s.mu.Lock()
	s.cur = next
	s.mu.Unlock()
	var err error
	if next.Dir() != "" {
		err = s.searcher.SwapIndex(ctx, next)
	} else {
		err = s.searcher.Swap(next, reports)
	}
	if err != nil {
		// The new index is being served; only closing the old one failed.
		s.logger.Warn("close replaced index", "err", err)
	}
}

// indexSize returns the bytes the served index takes: on disk for a
// persistent index, in memory otherwise (-1 when unknown).
func (s *served) indexSize() int64 {
	s.mu.Lock()
	x := s.cur
	s.mu.Unlock()
	if x.Dir() != "" {
		return dirSize(x.Dir())
	}
	adv, err := x.Bleve().Advanced()
	if err != nil {
		return -1
	}
	if m, ok := adv.(interface{ MemoryUsed() uint64 }); ok {
		return int64(m.MemoryUsed())
	}
	return -1
}

// close closes the searcher and its index.
func (s *served) close(logger *slog.Logger) {
	if err := s.searcher.Close(); err != nil {
		logger.Warn("close index", "err", err)
	}
}

// webConfig wires the served index and the configuration into the web
// server's: uploads re-index (with an admin token) and are saved into the
// corpus directory when --corpus is one.
func webConfig(e *env, cfg serveConfig, sv *served) web.Config {
	var save func(ctx context.Context, name string, data []byte) error
	if fi, err := os.Stat(cfg.corpusPath); err == nil && fi.IsDir() {
		dir := cfg.corpusPath
		save = func(_ context.Context, name string, data []byte) error { return saveReport(dir, name, data) }
	} else if cfg.adminToken != "" && (cfg.indexPath == "" || cfg.corpusPath != "") {
		// A persistent index without --corpus keeps uploads in its report store.
		e.logger.Warn("uploaded reports are served until restart only: pass --index PATH or --corpus DIR to keep them")
	}
	return web.Config{
		Logger:         e.logger,
		Searcher:       sv.searcher,
		AdminToken:     cfg.adminToken,
		TrustedProxies: cfg.trustedProxies,
		Reindex:        sv.reindex,
		SaveReport:     save,
		IndexSize:      sv.indexSize,
		BaseURL:        cfg.baseURL,
		// With a metrics token, /metrics asks for it; with a metrics
		// address, it is served there only.
		MetricsToken:     cfg.metricsToken,
		MetricsElsewhere: cfg.metricsAddr != "",
		MaxInFlight:      cfg.maxInFlight,
	}
}

// openSearcher returns a Searcher over the reports to serve and their index:
//   - without indexPath: the reports of corpusPath (or the embedded report),
//     annotated, in a fresh in-memory index;
//   - with indexPath only: the persistent index and the reports stored with
//     it, read one at a time as needed;
//   - with both: the index and the reports of corpusPath, held in memory.
//     When the index was built from other reports, it is rebuilt from them
//     if rebuild is set, else refused (never served half-matching, with
//     pages that 404).
func openSearcher(ctx context.Context, e *env, indexPath string, src corpusSource, rebuild bool) (*search.Searcher, *indexer.Index, error) {
	corpusPath := src.path
	if indexPath == "" {
		reports, err := loadReports(ctx, e, src)
		if err != nil {
			return nil, nil, err
		}
		idx, err := indexer.Build(ctx, "", reports, withAnalytics())
		if err != nil {
			return nil, nil, err
		}
		return search.New(idx, reports), idx, nil
	}
	idx, err := indexer.Open(ctx, indexPath)
	if errors.Is(err, indexer.ErrAnalysisVersion) && corpusPath != "" && rebuild {
		reports, lerr := loadReports(ctx, e, src)
		if lerr != nil {
			return nil, nil, lerr
		}
		return rebuildIndex(ctx, e, indexPath, corpusPath, reports, err.Error())
	}
	if err != nil {
		return nil, nil, err
	}
	if corpusPath == "" {
		return openStored(ctx, idx, indexPath)
	}
	reports, err := loadReports(ctx, e, src)
	if err != nil {
		idx.Close()
		return nil, nil, err
	}
	diff, err := indexDiffers(ctx, idx, reports)
	if err != nil {
		idx.Close()
		return nil, nil, err
	}
	if diff == "" {
		return search.New(idx, reports), idx, nil
	}
	idx.Close()
	if !rebuild {
		return nil, nil, fmt.Errorf("the index at %s was not built from %s (%s): run \"hesabat index --index %s --corpus %s\"",
			indexPath, corpusPath, diff, indexPath, corpusPath)
	}
	return rebuildIndex(ctx, e, indexPath, corpusPath, reports, diff)
}

// rebuildIndex builds the index at indexPath anew from reports (those of
// corpusPath), because of why, and returns a Searcher over them.
func rebuildIndex(ctx context.Context, e *env, indexPath, corpusPath string, reports []*corpus.Report, why string) (*search.Searcher, *indexer.Index, error) {
	e.logger.Info("rebuilding the index from the corpus", "index", indexPath, "corpus", corpusPath, "because", why)
	idx, err := indexer.Build(ctx, indexPath, reports, indexer.WithAppVersion(version), withAnalytics())
	if err != nil {
		return nil, nil, err
	}
	return search.New(idx, reports), idx, nil
}

// openStored returns a Searcher over the reports stored in idx, refusing an
// index that stores none or whose documents disagree with them.
func openStored(ctx context.Context, idx *indexer.Index, indexPath string) (*search.Searcher, *indexer.Index, error) {
	n, err := idx.NumReports()
	if err == nil && n == 0 {
		err = fmt.Errorf("the index at %s stores no reports (it was written by an older hesabat): pass the reports it was built from with --corpus, or rebuild it with \"hesabat index --index %s --corpus PATH\"", indexPath, indexPath)
	}
	if err != nil {
		idx.Close()
		return nil, nil, err
	}
	s, err := search.Open(ctx, idx)
	if err != nil {
		return nil, nil, err
	}
	docs, err := idx.Bleve().DocCount()
	if err == nil && int(docs) != s.NumMeasures() {
		err = fmt.Errorf("the index at %s is inconsistent (%d documents, %d measures in its reports): rebuild it with \"hesabat index --index %s --corpus PATH\"", indexPath, docs, s.NumMeasures(), indexPath)
	}
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, idx, nil
}

// indexDiffers says how the reports stored in idx differ from reports ("" when
// they agree): in number, or in a report's ID, title, year, measures, or
// their titles, periods and narratives.
func indexDiffers(ctx context.Context, idx *indexer.Index, reports []*corpus.Report) (string, error) {
	docs, err := idx.Bleve().DocCount()
	if err != nil {
		return "", fmt.Errorf("count index documents: %w", err)
	}
	measures := 0
	for _, r := range reports {
		measures += len(r.Measures)
	}
	if int(docs) != measures {
		return fmt.Sprintf("the index has %d measures, the corpus %d", docs, measures), nil
	}
	n, err := idx.NumReports()
	if err != nil || n == 0 {
		return "", err // an older index without stored reports: the count is all there is to compare
	}
	if n != len(reports) {
		return fmt.Sprintf("the index has %s, the corpus %s", plural(n, "report"), plural(len(reports), "report")), nil
	}
	diff := ""
	err = idx.EachReport(ctx, func(i int, r *corpus.Report) error {
		if diff == "" && fingerprint(r) != fingerprint(reports[i]) {
			diff = fmt.Sprintf("report %s differs from %s", r.ID, reports[i].ID)
		}
		return nil
	})
	return diff, err
}

// fingerprint hashes what makes a report itself: its ID, title and year, and
// each measure's number, title, period and narrative.
func fingerprint(r *corpus.Report) uint64 {
	h := fnv.New64a()
	w := func(s string) { io.WriteString(h, s); h.Write([]byte{0}) }
	w(r.ID)
	w(r.Title)
	w(strconv.Itoa(r.Year))
	for _, m := range r.Measures {
		w(m.Number)
		w(m.Title)
		w(m.Period)
		for _, b := range m.Narrative {
			w(b.Marker)
			w(b.Text)
		}
	}
	return h.Sum64()
}

// plural returns "1 report", "2 reports".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
