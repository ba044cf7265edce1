package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search"
	"github.com/hesabat/hesabat/web/chart"
)

var (
	// errNotFound answers a URL that names nothing Hesabat has.
	errNotFound = errors.New("web: not found")
	// errMethod answers a method a route does not allow.
	errMethod = errors.New("web: method not allowed")
	// errBadRequest marks a request the web layer itself refuses.
	errBadRequest = errors.New("web: bad request")
	// errUnauthorized answers a write without a bearer token.
	errUnauthorized = errors.New("web: missing bearer token")
	// errForbidden answers a write with the wrong bearer token.
	errForbidden = errors.New("web: wrong bearer token")
	// errThrottled answers a client that sent too many wrong tokens.
	errThrottled = errors.New("web: too many wrong tokens from this client; try again in a minute")
	// errTooLarge answers an upload over the size limit.
	errTooLarge = errors.New("web: upload too large")
)

// statusOf maps an error to its HTTP status. It is the one place where the
// errors of every package meet HTTP.
func statusOf(err error) int {
	var maxErr *http.MaxBytesError
	switch {
	case errors.Is(err, errNotFound),
		errors.Is(err, search.ErrNotFound),
		errors.Is(err, analytics.ErrNoChart),
		errors.Is(err, analytics.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, errMethod):
		return http.StatusMethodNotAllowed
	case errors.Is(err, errUnauthorized):
		return http.StatusUnauthorized
	case errors.Is(err, errForbidden):
		return http.StatusForbidden
	case errors.Is(err, errThrottled):
		return http.StatusTooManyRequests
	case errors.Is(err, indexer.ErrWriting), errors.Is(err, indexer.ErrChanged):
		return http.StatusConflict
	case errors.Is(err, errTooLarge), errors.Is(err, corpus.ErrTooLarge), errors.As(err, &maxErr):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, errBadRequest),
		errors.Is(err, search.ErrInvalid),
		errors.Is(err, corpus.ErrInvalid),
		errors.Is(err, chart.ErrLanguage):
		return http.StatusBadRequest
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, search.ErrClosed):
		return http.StatusServiceUnavailable
	case errors.Is(err, context.Canceled):
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

// publicMessage is what a client is told about err: the error itself for
// client errors, a generic sentence for server errors (which are logged).
func publicMessage(err error, status int) string {
	switch {
	case status == http.StatusNotFound:
		if err == errNotFound {
			return "not found"
		}
		return strings.TrimPrefix(err.Error(), "web: ")
	case status == http.StatusServiceUnavailable:
		return "the request took too long; try again or narrow it"
	case status >= 500:
		return "internal server error"
	default:
		return strings.TrimPrefix(err.Error(), "web: ")
	}
}

// isAPI reports whether c is a request for the JSON API.
func isAPI(c *gin.Context) bool {
	p := c.Request.URL.Path
	return p == "/api" || strings.HasPrefix(p, "/api/")
}

// fail answers c with err's status: JSON {"error": "…"} under /api, an HTML
// error page elsewhere. Server errors are logged here and only here.
func (s *Server) fail(c *gin.Context, err error) {
	status := statusOf(err)
	msg := publicMessage(err, status)
	if status >= 500 {
		s.log.ErrorContext(c.Request.Context(), "request failed",
			"method", c.Request.Method, "path", c.Request.URL.Path, "status", status, "err", err,
			"request_id", c.GetString(requestIDKey))
	}
	if status == http.StatusServiceUnavailable {
		c.Header("Retry-After", "1")
	}
	if status == http.StatusUnauthorized {
		c.Header("WWW-Authenticate", `Bearer realm="hesabat"`)
	}
	c.Header("Cache-Control", "no-store")
	if isAPI(c) || c.Request.URL.Path == "/metrics" || c.Request.URL.Path == "/healthz" {
		c.AbortWithStatusJSON(status, gin.H{"error": msg})
		return
	}
	s.renderError(c, status, msg)
}
