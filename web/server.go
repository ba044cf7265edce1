package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/search"
)

// The defaults Config falls back to when a field is zero.
const (
	// DefaultRequestTimeout bounds the time a request may spend in a handler.
	DefaultRequestTimeout = 10 * time.Second
	// DefaultMaxUploadBytes is the largest report file POST /api/reports accepts.
	DefaultMaxUploadBytes = 16 << 20
)

// ErrConfig is returned by New for a configuration it cannot serve.
var ErrConfig = errors.New("web: invalid configuration")

// Config is what a Server needs: the searcher behind every page and the
// settings that govern the HTTP side.
type Config struct {
	// Logger receives one line per request and every internal error; nil
	// discards them.
	Logger *slog.Logger
	// Searcher answers searches and holds the served reports (a
	// *search.Searcher, or a fake in tests). Required.
	Searcher search.Engine
	// AdminToken is the bearer token that POST /api/reports requires. Empty
	// turns the write endpoint off (404).
	AdminToken string
	// TrustedProxies lists the proxies (IPs or CIDRs) whose X-Forwarded-For
	// is believed; nil trusts none.
	TrustedProxies []string
	// Reindex builds a new index of reports and swaps it in atomically. Nil
	// turns the write endpoint off (404).
	Reindex func(ctx context.Context, reports []*corpus.Report) error
	// SaveReport, if set, keeps an accepted upload (its cleaned file name
	// and its bytes) once the re-index has succeeded, e.g. in the corpus
	// directory, so that a restart serves it too. Nil keeps uploads only
	// for the life of the index.
	SaveReport func(ctx context.Context, name string, data []byte) error
	// IndexSize, if set, reports the index's size on disk or in memory in
	// bytes for /metrics.
	IndexSize func() int64
	// RequestTimeout bounds each request; zero means DefaultRequestTimeout.
	RequestTimeout time.Duration
	// ReindexTimeout bounds an upload's parse-and-reindex; zero means one minute.
	ReindexTimeout time.Duration
	// MaxUploadBytes bounds an uploaded report; zero means DefaultMaxUploadBytes.
	MaxUploadBytes int64
	// MaxInFlight bounds the requests that read the index served at once;
	// zero means two per CPU (GOMAXPROCS).
	MaxInFlight int
	// MaxQueue bounds the requests waiting for one of those slots; zero
	// means 4 × MaxInFlight. Requests beyond it get 503 with Retry-After.
	MaxQueue int
	// QueueWait bounds a queued request's wait; zero means DefaultQueueWait.
	QueueWait time.Duration
	// MetricsToken, if set, is the bearer token GET /metrics requires
	// (without it /metrics answers 404).
	MetricsToken string
	// MetricsElsewhere drops the /metrics route: the caller serves
	// Server.MetricsHandler on a listener of its own.
	MetricsElsewhere bool
	// BaseURL is the public URL of the site (e.g. "https://hesabat.example.org")
	// put before every absolute link: embed snippets, source links, the CSV
	// url column. Empty makes those links relative; they are never built
	// from the request's Host header.
	BaseURL string
}

// Server is Hesabat's web interface and JSON API. It is safe for concurrent
// use; create it with New.
type Server struct {
	cfg       Config
	log       *slog.Logger
	engine    *gin.Engine
	pages     map[string]*template.Template
	static    fs.FS
	assetVer  string
	metrics   *metrics
	admission *admission
	// tokenFailures throttles clients that send wrong admin tokens.
	tokenFailures failureTable
	handler       http.Handler
	derivedCache  derivedCache
	reindexMu     sync.Mutex
}

// New returns a Server for cfg, with every route registered.
func New(cfg Config) (*Server, error) {
	if cfg.Searcher == nil {
		return nil, fmt.Errorf("%w: no searcher", ErrConfig)
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.ReindexTimeout <= 0 {
		cfg.ReindexTimeout = time.Minute
	}
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = defaultMaxInFlight()
	}
	if cfg.MaxQueue <= 0 {
		cfg.MaxQueue = 4 * cfg.MaxInFlight
	}
	if cfg.QueueWait <= 0 {
		cfg.QueueWait = DefaultQueueWait
	}
	if cfg.MaxUploadBytes <= 0 {
		cfg.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return nil, fmt.Errorf("%w: base URL %q: want http(s)://host[/path]", ErrConfig, cfg.BaseURL)
		}
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	pages, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	static, ver, err := staticFiles()
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:      cfg,
		log:      log,
		pages:    pages,
		static:   static,
		assetVer: ver,
	}
	s.metrics = newMetrics(s)
	s.admission = newAdmission(cfg.MaxInFlight, cfg.MaxQueue, cfg.QueueWait)
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	if err := e.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, fmt.Errorf("%w: trusted proxies: %v", ErrConfig, err)
	}
	e.HandleMethodNotAllowed = true
	e.RedirectTrailingSlash = true
	e.RedirectFixedPath = false
	e.Use(s.requestID, s.logRequests, s.recoverPanics, s.measure, s.securityHeaders, s.checkQuery, s.timeout, s.pin)
	s.routes(e)
	s.engine = e
	// The hard deadline: whatever a handler does, its client hears 503
	// within RequestTimeout and a second. Uploads have their own, longer
	// bound (ReindexTimeout) and are not buffered.
	hard := http.TimeoutHandler(e, cfg.RequestTimeout+hardDeadlineSlack, `{"error":"the request took too long; try again or narrow it"}`)
	s.handler = s.admit(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			e.ServeHTTP(w, r)
			return
		}
		hard.ServeHTTP(w, r)
	}))
	return s, nil
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// routes registers every page and API endpoint on e. Every GET route
// answers HEAD too.
func (s *Server) routes(e *gin.Engine) {
	get := func(g gin.IRoutes, path string, h gin.HandlerFunc) {
		g.GET(path, h)
		g.HEAD(path, h)
	}
	get(e, "/", s.searchPage)
	get(e, "/measures", s.measuresList)
	get(e, "/measures/:report/:number", s.measurePage)
	get(e, "/agencies", s.agenciesPage)
	get(e, "/agencies/:id", s.agencyPage)
	get(e, "/dashboard", s.dashboardPage)
	get(e, "/help/search", s.searchHelpPage)
	get(e, "/charts/:id", s.chartPage)
	get(e, "/embed/charts/:id", s.embedChart)
	get(e, "/export/search.csv", s.exportSearchCSV)
	get(e, "/export/search.json", s.exportSearchJSON)
	get(e, "/static/*path", s.serveStatic)
	get(e, "/favicon.ico", s.favicon)
	get(e, "/healthz", s.healthz)
	if !s.cfg.MetricsElsewhere {
		get(e, "/metrics", s.serveMetrics)
	}

	api := e.Group("/api", s.cors)
	get(api, "/search", s.apiSearch)
	get(api, "/search.csv", s.apiSearchCSV)
	get(api, "/suggest", s.apiSuggest)
	get(api, "/measures/:report/:number", s.apiMeasure)
	get(api, "/agencies", s.apiAgencies)
	get(api, "/figures", s.apiFigures)
	get(api, "/charts", s.apiCharts)
	get(api, "/charts/:id", s.apiChart)
	api.OPTIONS("/*path", s.preflight)
	api.POST("/reports", s.uploadReport)

	e.NoRoute(func(c *gin.Context) { s.fail(c, errNotFound) })
	e.NoMethod(func(c *gin.Context) {
		// Every /api path has the CORS preflight route; a path that only
		// that route matches names nothing.
		if c.Writer.Header().Get("Allow") == http.MethodOptions {
			c.Writer.Header().Del("Allow")
			s.fail(c, errNotFound)
			return
		}
		s.fail(c, errMethod)
	})
}

// favicon serves the site icon at the path browsers ask for by default.
func (s *Server) favicon(c *gin.Context) {
	b, err := fs.ReadFile(s.static, "favicon.svg")
	if err != nil {
		s.fail(c, fmt.Errorf("web: favicon: %w", err))
		return
	}
	c.Header("Cache-Control", "public, max-age=86400")
	c.Data(http.StatusOK, "image/svg+xml", b)
}

// healthz answers 200 while the server has a searcher with reports.
func (s *Server) healthz(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	n := s.cfg.Searcher.NumReports()
	if n == 0 {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "no reports"})
		return
	}
	// "ready" tells it from the 503 {"status":"warming","ready":false}
	// that "hesabat serve" answers while it opens a large index.
	c.JSON(http.StatusOK, gin.H{"status": "ok", "ready": true, "reports": n})
}
