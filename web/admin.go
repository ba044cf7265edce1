package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/corpus/pdf"
)

// uploadField is the multipart form field POST /api/reports reads the file from.
const uploadField = "file"

// unsafeName matches the characters an uploaded file's name may not keep.
var unsafeName = regexp.MustCompile(`[^\p{L}\p{N}._-]+`)

// authorize checks the request's bearer token against Config.AdminToken in
// constant time. A client that sent maxTokenFailures wrong tokens within
// tokenFailureWindow is refused (429) until the window ends, whatever it
// sends (issue 16 finding 8: 15,000 tries went unchecked).
func (s *Server) authorize(c *gin.Context) error {
	client := c.ClientIP()
	if s.tokenFailures.blocked(client, time.Now()) {
		s.metrics.throttled.Inc()
		c.Header("Retry-After", strconv.Itoa(int(tokenFailureWindow.Seconds())))
		return errThrottled
	}
	h := c.GetHeader("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || tok == "" {
		return errUnauthorized
	}
	if subtle.ConstantTimeCompare([]byte(tok), []byte(s.cfg.AdminToken)) != 1 {
		s.tokenFailures.add(client, time.Now())
		return errForbidden
	}
	return nil
}

// The throttle on wrong admin tokens.
const (
	maxTokenFailures   = 10
	tokenFailureWindow = time.Minute
	// maxThrottledClients bounds the clients remembered; when full, the
	// table starts afresh (an attacker with that many addresses gains at
	// most maxTokenFailures tries per address per reset).
	maxThrottledClients = 10000
)

// failureTable counts wrong tokens per client in fixed windows.
type failureTable struct {
	mu sync.Mutex
	m  map[string]*failureCount
}

// failureCount is one client's wrong tokens since start.
type failureCount struct {
	start time.Time
	n     int
}

// blocked reports whether client has used up its tries in its window.
func (t *failureTable) blocked(client string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	f := t.m[client]
	return f != nil && now.Sub(f.start) < tokenFailureWindow && f.n >= maxTokenFailures
}

// add counts a wrong token of client.
func (t *failureTable) add(client string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil || len(t.m) >= maxThrottledClients {
		t.m = make(map[string]*failureCount)
	}
	f := t.m[client]
	if f == nil || now.Sub(f.start) >= tokenFailureWindow {
		f = &failureCount{start: now}
		t.m[client] = f
	}
	f.n++
}

// uploadReadTimeout bounds the time an authorised upload may take to send
// its body: 16 MB at ≈ 0.6 MB/s.
const uploadReadTimeout = 30 * time.Second

// formSlack is what a multipart form may add to the report's own bytes.
const formSlack = 1 << 20

// drainBody reads and discards what the client is still sending of a
// refused upload, up to twice the upload limit, so that it reads the answer
// rather than a reset connection. Only authorised uploads are drained.
func (s *Server) drainBody(c *gin.Context) {
	_, _ = io.Copy(io.Discard, io.LimitReader(c.Request.Body, 2*s.cfg.MaxUploadBytes+formSlack))
}

// uploadResult is the answer to a successful upload.
type uploadResult struct {
	Report   string `json:"report"`
	Title    string `json:"title"`
	Measures int    `json:"measures"`
	Replaced bool   `json:"replaced"`
	Reports  int    `json:"reports"`
}

// uploadSource returns the file name of the uploaded report and a function
// opening its content: the multipart field "file", or the raw body named by
// ?name=.
func (s *Server) uploadSource(c *gin.Context) (string, func() (io.ReadCloser, error), error) {
	if c.ContentType() == "multipart/form-data" {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.cfg.MaxUploadBytes+formSlack)
		fh, err := c.FormFile(uploadField)
		if err != nil {
			var maxErr *http.MaxBytesError
			if errors.As(err, &maxErr) {
				return "", nil, fmt.Errorf("%w: over %d bytes", errTooLarge, s.cfg.MaxUploadBytes)
			}
			return "", nil, fmt.Errorf("%w: want the report in form field %q: %v", errBadRequest, uploadField, err)
		}
		if fh.Size > s.cfg.MaxUploadBytes {
			return "", nil, fmt.Errorf("%w: %d bytes, at most %d", errTooLarge, fh.Size, s.cfg.MaxUploadBytes)
		}
		return fh.Filename, func() (io.ReadCloser, error) { return fh.Open() }, nil
	}
	names := c.QueryArray("name")
	if len(names) != 1 || names[0] == "" {
		return "", nil, fmt.Errorf("%w: name: a raw upload needs ?name= with the report's file name (.txt, .docx or .pdf), or send a multipart form with field %q", errBadRequest, uploadField)
	}
	return names[0], func() (io.ReadCloser, error) { return c.Request.Body, nil }, nil
}

// uploadName returns the safe stored name for an uploaded report's file name,
// or an error when it is not a .txt, .docx or .pdf file.
func uploadName(filename string) (string, error) {
	name := filepath.Base(strings.ReplaceAll(filename, `\`, "/"))
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".txt" && ext != ".docx" && ext != ".pdf" {
		return "", fmt.Errorf("%w: file %q: want a .txt, .docx or .pdf report", errBadRequest, filename)
	}
	base := strings.Trim(unsafeName.ReplaceAllString(name[:len(name)-len(ext)], "-"), "-.")
	if base == "" {
		base = "report"
	}
	return base + ext, nil
}

// uploadReport answers POST /api/reports: it reads a .txt, .docx or .pdf report
// from the multipart field "file" (or the raw body, named by ?name=), parses and annotates it, and re-indexes
// the served reports with it added (or replacing the report with its ID)
// through Config.Reindex. Nothing changes unless every step succeeds. With
// no admin token configured it answers 404.
func (s *Server) uploadReport(c *gin.Context) {
	if s.cfg.AdminToken == "" || s.cfg.Reindex == nil {
		s.fail(c, fmt.Errorf("%w: writes are off (no admin token configured)", errNotFound))
		return
	}
	if err := s.authorize(c); err != nil {
		s.fail(c, err)
		return
	}
	// The body must arrive within uploadReadTimeout (issue 16 finding 8:
	// an upload announcing 1 GB and sending nothing held a connection for
	// the server's 2-minute read timeout). Not every writer supports it.
	_ = http.NewResponseController(c.Writer).SetReadDeadline(time.Now().Add(uploadReadTimeout))
	if cl := c.Request.ContentLength; cl > s.cfg.MaxUploadBytes+formSlack {
		s.drainBody(c)
		s.fail(c, fmt.Errorf("%w: %d bytes, at most %d", errTooLarge, cl, s.cfg.MaxUploadBytes))
		return
	}
	filename, open, err := s.uploadSource(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	name, err := uploadName(filename)
	if err != nil {
		s.fail(c, err)
		return
	}
	r, data, err := s.parseUpload(c, open, name)
	if err != nil {
		s.fail(c, err)
		return
	}
	if err := checkBudget(r); err != nil {
		s.fail(c, err)
		return
	}
	if err := analytics.Annotate(r); err != nil {
		s.fail(c, err)
		return
	}

	// One re-index at a time, so two uploads cannot drop each other's report.
	s.reindexMu.Lock()
	defer s.reindexMu.Unlock()
	next, replaced, err := s.reportsWith(c.Request.Context(), r)
	if err != nil {
		s.fail(c, fmt.Errorf("web: re-index with %s: %w", r.ID, err))
		return
	}
	if err := s.cfg.Reindex(c.Request.Context(), next); err != nil {
		s.fail(c, fmt.Errorf("web: re-index with %s: %w", r.ID, err))
		return
	}
	if s.cfg.SaveReport != nil {
		if err := s.cfg.SaveReport(c.Request.Context(), name, data); err != nil {
			s.fail(c, fmt.Errorf("web: report %s is served but was not saved: %w", r.ID, err))
			return
		}
	}
	s.log.InfoContext(c.Request.Context(), "report uploaded", "report", r.ID, "measures", len(r.Measures), "replaced", replaced)
	status := http.StatusCreated
	if replaced {
		status = http.StatusOK
	}
	c.JSON(status, uploadResult{Report: r.ID, Title: r.Title, Measures: len(r.Measures), Replaced: replaced, Reports: len(next)})
}

// reportsWith returns every served report with r added, or in place of the
// report with its ID (replaced). The new index is built from every report:
// they are all held until it is built (and released after, when the index
// is persistent).
func (s *Server) reportsWith(ctx context.Context, r *corpus.Report) ([]*corpus.Report, bool, error) {
	next := make([]*corpus.Report, 0, s.cfg.Searcher.NumReports()+1)
	replaced := false
	err := s.cfg.Searcher.EachReport(ctx, func(o *corpus.Report) error {
		if o.ID == r.ID {
			next = append(next, r)
			replaced = true
			return nil
		}
		next = append(next, o)
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	if !replaced {
		next = append(next, r)
	}
	return next, replaced, nil
}

// parseUpload copies the upload into a temporary directory under its
// (sanitised) name and parses it with corpus's file limits.
func (s *Server) parseUpload(c *gin.Context, open func() (io.ReadCloser, error), name string) (*corpus.Report, []byte, error) {
	f, err := open()
	if err != nil {
		return nil, nil, fmt.Errorf("web: read upload: %w", err)
	}
	defer f.Close()
	dir, err := os.MkdirTemp("", "hesabat-upload-")
	if err != nil {
		return nil, nil, fmt.Errorf("web: upload: %w", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, name)
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("web: upload: %w", err)
	}
	n, err := io.Copy(out, io.LimitReader(f, s.cfg.MaxUploadBytes+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, nil, fmt.Errorf("web: upload: %w", err)
	}
	if n > s.cfg.MaxUploadBytes {
		s.drainBody(c)
		return nil, nil, fmt.Errorf("%w: over %d bytes", errTooLarge, s.cfg.MaxUploadBytes)
	}
	if err := c.Request.Context().Err(); err != nil {
		return nil, nil, fmt.Errorf("web: upload: %w", err)
	}
	lim := pdf.With(corpus.DefaultLimits())
	if lim.MaxFileSize > s.cfg.MaxUploadBytes {
		lim.MaxFileSize = s.cfg.MaxUploadBytes
	}
	r, err := lim.ParseFile(path)
	if err != nil {
		// The temporary directory means nothing to the client: name the upload.
		return nil, nil, &uploadError{msg: strings.ReplaceAll(err.Error(), dir+string(os.PathSeparator), ""), err: err}
	}
	r.Source = "upload:" + name
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("web: upload: %w", err)
	}
	return r, data, nil
}

// uploadError is a parse error of an upload with the temporary directory
// taken out of its message.
type uploadError struct {
	msg string
	err error
}

func (e *uploadError) Error() string { return e.msg }
func (e *uploadError) Unwrap() error { return e.err }
