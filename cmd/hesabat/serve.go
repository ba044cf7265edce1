package main

import (
	"context"
	"errors"
	"fmt"
	iofs "io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search"
	"github.com/hesabat/hesabat/web"
)

// defaultAddr is where "hesabat serve" listens unless told otherwise.
const defaultAddr = "127.0.0.1:8080"

// shutdownTimeout bounds the graceful shutdown after SIGINT or SIGTERM.
const shutdownTimeout = 15 * time.Second

// cmdServe serves the web interface and JSON API until ctx is cancelled.
func cmdServe(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "serve", "")
	addr := fs.String("addr", "", "listen on `HOST:PORT` (default $HESABAT_ADDR or "+defaultAddr+")")
	indexPath := fs.String("index", "", "serve the persistent index at `PATH` (built by \"hesabat index\"); default: index the reports in memory")
	corpusPath := fs.String("corpus", "", "read reports from `PATH` (a .txt/.docx file or a directory); default: the embedded report")
	baseURL := fs.String("base-url", "", "public `URL` of the site for embed snippets (default: from each request)")
	var proxies stringList
	fs.Var(&proxies, "trusted-proxy", "trust X-Forwarded-For from this `IP or CIDR` (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	if *addr == "" {
		*addr = e.getenv("HESABAT_ADDR")
	}
	if *addr == "" {
		*addr = defaultAddr
	}

	start := time.Now()
	if e.getenv("GOMEMLIMIT") == "" {
		// A soft limit: the collector works harder as the heap nears it
		// instead of letting the heap grow to twice what is live. (Restored
		// on return, for callers that run serve in process, such as tests.)
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(defaultMemoryLimit))
	}
	searcher, idx, consistent, err := openSearcher(ctx, e, *indexPath, *corpusPath)
	if err != nil {
		return err
	}
	defer func() {
		if err := searcher.Close(); err != nil {
			e.logger.Warn("close index", "err", err)
		}
	}()

	// cur is the index being served, for its size in /metrics.
	var mu sync.Mutex
	cur := idx
	reindex := func(ctx context.Context, reports []*corpus.Report) error {
		next, err := indexer.Build(ctx, *indexPath, reports, withAnalytics())
		if err != nil {
			return err
		}
		mu.Lock()
		cur = next
		mu.Unlock()
		if next.Dir() != "" {
			// A persistent index: serve the reports from it, one at a time,
			// rather than keeping every report in memory.
			err = searcher.SwapIndex(ctx, next)
		} else {
			err = searcher.Swap(next, reports)
		}
		if err != nil {
			// The new index is being served; only closing the old one failed.
			e.logger.Warn("close replaced index", "err", err)
		}
		return nil
	}
	indexSize := func() int64 {
		mu.Lock()
		x := cur
		mu.Unlock()
		if x.Dir() != "" {
			return dirSize(x.Dir())
		}
		// An in-memory index: the memory its segments use.
		adv, err := x.Bleve().Advanced()
		if err != nil {
			return -1
		}
		if m, ok := adv.(interface{ MemoryUsed() uint64 }); ok {
			return int64(m.MemoryUsed())
		}
		return -1
	}

	token := e.getenv("HESABAT_ADMIN_TOKEN")
	if token != "" && !consistent {
		// A re-index would rebuild the index from the reports, dropping the
		// indexed measures they lack.
		e.logger.Warn("uploads are off: the served reports are not the ones the index holds")
		reindex = nil
	}
	var save func(ctx context.Context, name string, data []byte) error
	if fi, err := os.Stat(*corpusPath); err == nil && fi.IsDir() {
		dir := *corpusPath
		save = func(_ context.Context, name string, data []byte) error { return saveReport(dir, name, data) }
	} else if token != "" && reindex != nil {
		e.logger.Warn("uploaded reports are served until restart only: pass --corpus DIR to keep them")
	}
	srv, err := web.New(web.Config{
		Logger:         e.logger,
		Searcher:       searcher,
		AdminToken:     token,
		TrustedProxies: proxies,
		Reindex:        reindex,
		SaveReport:     save,
		IndexSize:      indexSize,
		BaseURL:        *baseURL,
	})
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       2 * time.Minute, // uploads of reports
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(e.logger.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: listen: %w", err)
	}
	e.logger.Info("serving", "url", "http://"+ln.Addr().String()+"/",
		"reports", searcher.NumReports(), "measures", searcher.NumMeasures(), "index", indexLabel(*indexPath),
		"admin", token != "" && reindex != nil, "startup", time.Since(start).Round(time.Millisecond))

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	e.logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// defaultMemoryLimit is the soft memory limit "serve" sets when GOMEMLIMIT
// is not set (runtime/debug.SetMemoryLimit). At a thousand reports the live
// heap is ≈ 30 MB; 64 MiB costs ≈ 15 % more CPU per search than 96 MiB and
// saves ≈ 20 MB of RSS (docs/benchmarks/perf.md).
const defaultMemoryLimit = 64 << 20

// openSearcher returns a Searcher over the reports to serve and their index,
// the index, and whether the two agree: with indexPath, the persistent index
// and the reports stored with it, read from it one at a time as needed (or
// those of corpusPath when given, held in memory); without, the reports of
// corpusPath (or the embedded report), annotated, in a fresh in-memory index.
func openSearcher(ctx context.Context, e *env, indexPath, corpusPath string) (*search.Searcher, *indexer.Index, bool, error) {
	if indexPath == "" {
		reports, err := loadReports(ctx, corpusPath)
		if err != nil {
			return nil, nil, false, err
		}
		idx, err := indexer.Build(ctx, "", reports, withAnalytics())
		if err != nil {
			return nil, nil, false, err
		}
		return search.New(idx, reports), idx, true, nil
	}
	idx, err := indexer.Open(ctx, indexPath)
	if err != nil {
		return nil, nil, false, err
	}
	if corpusPath == "" {
		n, err := idx.NumReports()
		if err != nil {
			idx.Close()
			return nil, nil, false, err
		}
		if n > 0 {
			s, err := search.Open(ctx, idx)
			if err != nil {
				return nil, nil, false, err
			}
			return s, idx, checkIndex(e, idx, s.NumMeasures(), corpusPath), nil
		}
	}
	reports, err := loadReports(ctx, corpusPath)
	if err != nil {
		idx.Close()
		return nil, nil, false, err
	}
	measures := 0
	for _, r := range reports {
		measures += len(r.Measures)
	}
	return search.New(idx, reports), idx, checkIndex(e, idx, measures, corpusPath), nil
}

// checkIndex reports whether the index and the reports (with measures
// measures) agree on the number of measures, and warns when they do not:
// the pages then lack what the reports do not hold.
func checkIndex(e *env, idx *indexer.Index, measures int, corpusPath string) bool {
	n, err := idx.Bleve().DocCount()
	if err != nil {
		e.logger.Warn("count index documents", "err", err)
		return false
	}
	if int(n) != measures {
		e.logger.Warn("the index and the reports differ; pass the corpus the index was built from with --corpus",
			"index_documents", n, "report_measures", measures, "corpus", sourceLabel(corpusPath))
		return false
	}
	return true
}

// saveReport writes an uploaded report into the corpus directory dir under
// name, atomically (a temporary file renamed into place), so that the next
// start serves it. Another file there with the same report ID is renamed
// aside (".replaced-…", which Load skips) rather than deleted.
func saveReport(dir, name string, data []byte) error {
	if name != filepath.Base(name) || strings.HasPrefix(name, ".") {
		return fmt.Errorf("serve: save upload: bad file name %q", name)
	}
	id, err := corpus.IDFromName(name)
	if err != nil {
		return fmt.Errorf("serve: save upload: %w", err)
	}
	f, err := os.CreateTemp(dir, ".upload-*.tmp")
	if err != nil {
		return fmt.Errorf("serve: save upload: %w", err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("serve: save upload: %w", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("serve: save upload: %w", err)
	}
	stamp := time.Now().UTC().Format("20060102T150405Z")
	for _, en := range entries {
		ext := strings.ToLower(filepath.Ext(en.Name()))
		if en.IsDir() || en.Name() == name || (ext != ".txt" && ext != ".docx") {
			continue
		}
		if other, err := corpus.IDFromName(en.Name()); err == nil && other == id {
			if err := os.Rename(filepath.Join(dir, en.Name()), filepath.Join(dir, en.Name()+".replaced-"+stamp)); err != nil {
				os.Remove(tmp)
				return fmt.Errorf("serve: save upload: %w", err)
			}
		}
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("serve: save upload: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// indexLabel describes the index being served, for the start-up log line.
func indexLabel(path string) string {
	if path == "" {
		return "in memory"
	}
	return path
}

// dirSize returns the total size of the regular files under dir.
func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d iofs.DirEntry, err error) error {
		if err != nil {
			return nil // a file removed while walking is not counted
		}
		if d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

func (l *stringList) Set(v string) error {
	*l = append(*l, v)
	return nil
}
