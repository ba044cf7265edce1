package main

import (
	"context"
	"fmt"
	"net"
	"runtime/debug"
	"time"

	"github.com/hesabat/hesabat/web"
)

// defaultAddr is where "hesabat serve" listens unless told otherwise.
const defaultAddr = "127.0.0.1:8080"

// defaultMemoryLimit is the soft memory limit "serve" sets unless
// --memory-limit, $HESABAT_MEMORY_LIMIT or GOMEMLIMIT says otherwise
// (runtime/debug.SetMemoryLimit). It bounds the Go heap, not the mapped
// index files (≈ 115 MB of RSS at a thousand reports). Measured over HTTP
// at a thousand reports (BENCHMARKS.md, "Memory limit"): at 64 MiB the
// collector ran on every second or third search; from 128 MiB on about once
// in 180 searches, and the server's peak RSS under searches plus the
// analytics pages was 250 MB at 128 MiB, 298 MB at 192 MiB and 354-361 MB
// at 256 MiB-1 GiB (issue 15 wants <= 250 MB).
const defaultMemoryLimit = 128 << 20

// serveConfig is what "hesabat serve" runs with: its flags and environment.
type serveConfig struct {
	addr           string // listen address: --addr, $HESABAT_ADDR or defaultAddr
	indexPath      string // persistent index, or "" for one in memory
	corpusPath     string // reports to serve, or "" for the index's or the embedded report
	skipBad        bool   // --skip-bad: serve the good reports of the corpus directory
	year           int    // --report-year: the year of reports whose title names none
	baseURL        string // --base-url or $HESABAT_BASE_URL: public URL for absolute links, or "" for relative links
	metricsAddr    string // --metrics-addr or $HESABAT_METRICS_ADDR: serve /metrics there instead
	metricsToken   string // $HESABAT_METRICS_TOKEN: the bearer token /metrics requires
	maxInFlight    int    // --max-in-flight: requests reading the index at once (0: two per CPU)
	trustedProxies []string
	adminToken     string // $HESABAT_ADMIN_TOKEN: uploads are off when empty
	// memoryLimit is the soft memory limit to set in bytes
	// (--memory-limit, $HESABAT_MEMORY_LIMIT, else defaultMemoryLimit
	// unless $GOMEMLIMIT is set); 0 leaves the runtime's (GOMEMLIMIT's).
	memoryLimit int64
}

// serveFlags reads the serve configuration from args and the environment.
func serveFlags(e *env, args []string) (serveConfig, error) {
	fs := newFlagSet(e, "serve", "")
	addr := fs.String("addr", "", "listen on `HOST:PORT` (default $HESABAT_ADDR or "+defaultAddr+")")
	indexPath := fs.String("index", "", "serve the persistent index at `PATH` (built by \"hesabat index\"; rebuilt from --corpus when it holds other reports); default: index the reports in memory")
	corpusPath := fs.String("corpus", "", "read reports from `PATH` (a .txt/.docx/.pdf file or a directory of them); default: the reports stored in --index, else the embedded report")
	baseURL := fs.String("base-url", "", "public `URL` of the site for absolute links: embed snippets, source links, CSV (default $HESABAT_BASE_URL; none: links are relative, never from the Host header)")
	metricsAddr := fs.String("metrics-addr", "", "serve /metrics on `HOST:PORT` only, not on --addr (default $HESABAT_METRICS_ADDR)")
	maxInFlight := fs.Int("max-in-flight", 0, "serve at most `N` requests that read the index at once; a short queue waits 25 ms, the rest get 503 with Retry-After (default: two per CPU)")
	var proxies stringList
	fs.Var(&proxies, "trusted-proxy", "trust X-Forwarded-For from this `IP or CIDR` (repeatable)")
	memLimit := fs.String("memory-limit", "", "soft memory `LIMIT` of the Go heap, as GOMEMLIMIT writes it (256MiB, 1GiB) or off (default $HESABAT_MEMORY_LIMIT, else $GOMEMLIMIT, else "+formatSize(defaultMemoryLimit)+")")
	var src corpusSource
	addCorpusFlags(fs, &src)
	if err := parseFlags(fs, args); err != nil {
		return serveConfig{}, err
	}
	if err := noArgs(fs); err != nil {
		return serveConfig{}, err
	}
	c := serveConfig{
		addr:           firstNonEmpty(*addr, e.getenv("HESABAT_ADDR"), defaultAddr),
		indexPath:      *indexPath,
		corpusPath:     *corpusPath,
		skipBad:        src.skipBad,
		year:           src.year,
		baseURL:        firstNonEmpty(*baseURL, e.getenv("HESABAT_BASE_URL")),
		metricsAddr:    firstNonEmpty(*metricsAddr, e.getenv("HESABAT_METRICS_ADDR")),
		metricsToken:   e.getenv("HESABAT_METRICS_TOKEN"),
		maxInFlight:    *maxInFlight,
		trustedProxies: proxies,
		adminToken:     e.getenv("HESABAT_ADMIN_TOKEN"),
	}
	limit := firstNonEmpty(*memLimit, e.getenv("HESABAT_MEMORY_LIMIT"))
	switch {
	case limit != "":
		v, err := parseSize(limit)
		if err != nil {
			return serveConfig{}, fmt.Errorf("%w: --memory-limit: %v", errUsage, err)
		}
		c.memoryLimit = v
	case e.getenv("GOMEMLIMIT") == "":
		c.memoryLimit = defaultMemoryLimit
	}
	return c, nil
}

// cmdServe serves the web interface and JSON API until ctx is cancelled:
// flags → configuration → the served index → the web server → listen.
func cmdServe(ctx context.Context, e *env, args []string) error {
	cfg, err := serveFlags(e, args)
	if err != nil {
		return err
	}
	start := time.Now()
	if cfg.memoryLimit != 0 {
		// A soft limit: the collector works harder as the heap nears it
		// instead of letting the heap grow to twice what is live. (Restored
		// on return, for callers that run serve in process, such as tests.)
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(cfg.memoryLimit))
	}
	// Listen first: a port in use is reported before minutes of indexing.
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	defer ln.Close()
	// Answer at once (503, /healthz "warming") while the index is opened:
	// at a thousand reports that takes seconds.
	sw := &switchHandler{}
	sw.set(warmingHandler())
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- serveHTTP(sctx, newHTTPServer(sw, e.logger), ln, e.logger) }()
	fail := func(err error) error {
		stop()
		<-served
		return err
	}
	sv, err := openServed(ctx, e, cfg.indexPath, corpusSource{path: cfg.corpusPath, skipBad: cfg.skipBad, year: cfg.year})
	if err != nil {
		return fail(err)
	}
	defer sv.close(e.logger)
	defer sv.watch(ctx, watchInterval)() // stopped before the index is closed
	wcfg := webConfig(e, cfg, sv)
	srv, err := web.New(wcfg)
	if err != nil {
		return fail(err)
	}
	e.logger.Info("serving", "url", "http://"+ln.Addr().String()+"/",
		"reports", sv.searcher.NumReports(), "measures", sv.searcher.NumMeasures(), "index", indexLabel(cfg.indexPath),
		"admin", wcfg.AdminToken != "" && wcfg.Reindex != nil, "startup", time.Since(start).Round(time.Millisecond))
	if cfg.metricsAddr != "" {
		ms, err := serveMetrics(e, cfg.metricsAddr, srv.MetricsHandler())
		if err != nil {
			return fail(err)
		}
		defer ms.Close()
	}
	sw.set(srv.Handler())
	go func() {
		// Read the analytics the index stores (or compute them, for an
		// index built without) before the first page asks.
		if err := srv.Warm(sctx); err != nil && sctx.Err() == nil {
			e.logger.Warn("warm analytics", "err", err)
		}
	}()
	return <-served
}

// firstNonEmpty returns the first of vals that is not empty.
func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// indexLabel describes the index being served, for the start-up log line.
func indexLabel(path string) string {
	if path == "" {
		return "in memory"
	}
	return path
}
