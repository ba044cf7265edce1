package web

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// nonceKey is the gin context key of the request's CSP nonce.
const nonceKey = "hesabat.nonce"

// requestIDKey is the gin context key of the request's id.
const requestIDKey = "hesabat.request_id"

// requestID gives each request an id: the client's X-Request-Id when it is
// 1–64 characters of [A-Za-z0-9._-], else a fresh random one. It is sent
// back in X-Request-Id and written in the request's log lines.
func (s *Server) requestID(c *gin.Context) {
	id := c.GetHeader("X-Request-Id")
	if !validRequestID(id) {
		var b [12]byte
		_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
		id = base64.RawURLEncoding.EncodeToString(b[:])
	}
	c.Set(requestIDKey, id)
	c.Header("X-Request-Id", id)
	c.Next()
}

// validRequestID reports whether a client's request id may be kept.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// logRequests writes one slog line per request after it is answered. The
// attributes are built only when the logger takes the line.
func (s *Server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	level := slog.LevelInfo
	if c.Writer.Status() >= 500 {
		level = slog.LevelWarn
	}
	ctx := c.Request.Context()
	if !s.log.Enabled(ctx, level) {
		return
	}
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	s.log.LogAttrs(ctx, level, "request",
		slog.String("method", c.Request.Method),
		slog.String("path", c.Request.URL.Path),
		slog.String("route", route),
		slog.Int("status", c.Writer.Status()),
		slog.Int("bytes", c.Writer.Size()),
		slog.Duration("duration", time.Since(start)),
		slog.String("client", c.ClientIP()),
		slog.String("request_id", c.GetString(requestIDKey)),
	)
}

// recoverPanics turns a panic in a handler into a logged 500 answer.
func (s *Server) recoverPanics(c *gin.Context) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v == http.ErrAbortHandler {
			panic(v)
		}
		s.log.ErrorContext(c.Request.Context(), "panic serving request",
			"method", c.Request.Method, "path", c.Request.URL.Path,
			"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		if c.Writer.Written() {
			c.Abort()
			return
		}
		status := http.StatusInternalServerError
		c.Header("Cache-Control", "no-store")
		if isAPI(c) {
			c.AbortWithStatusJSON(status, gin.H{"error": "internal server error"})
			return
		}
		s.renderError(c, status, "internal server error")
	}()
	c.Next()
}

// timeout bounds each request's context by Config.RequestTimeout; uploads
// get Config.ReindexTimeout instead.
func (s *Server) timeout(c *gin.Context) {
	d := s.cfg.RequestTimeout
	if c.Request.Method == http.MethodPost {
		d = s.cfg.ReindexTimeout
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), d)
	defer cancel()
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}

// pin holds the served index state for the whole request
// (search.Searcher.Pin): every search, report and walk over the reports the
// request makes sees the same generation, and a swap closes it only after
// the request. Static files and /metrics touch no index and are not pinned.
func (s *Server) pin(c *gin.Context) {
	if p := c.Request.URL.Path; strings.HasPrefix(p, "/static/") || p == "/metrics" {
		c.Next()
		return
	}
	ctx, release := s.cfg.Searcher.Pin(c.Request.Context())
	defer release()
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}

// queryKey is the gin context key of the request's parsed query parameters.
const queryKey = "hesabat.query"

// checkQuery refuses a query string that does not parse (a bad percent
// escape, a semicolon separator), which url.URL.Query would silently drop,
// and keeps the parsed parameters for query.
func (s *Server) checkQuery(c *gin.Context) {
	v, err := url.ParseQuery(c.Request.URL.RawQuery)
	if err != nil {
		s.fail(c, fmt.Errorf("%w: malformed query string: %v", errBadRequest, err))
		return
	}
	c.Set(queryKey, v)
	c.Next()
}

// query returns the request's query parameters, parsed once by checkQuery.
// Callers must not modify them.
func query(c *gin.Context) url.Values {
	if v, ok := c.Get(queryKey); ok {
		if v, ok := v.(url.Values); ok {
			return v
		}
	}
	return c.Request.URL.Query()
}

// newNonce returns a fresh random nonce for a Content-Security-Policy.
func newNonce() string {
	var b [18]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// nonce returns the request's CSP nonce.
func nonce(c *gin.Context) string { return c.GetString(nonceKey) }

// isEmbed reports whether path is an embed URL, which any site may frame.
func isEmbed(path string) bool { return strings.HasPrefix(path, "/embed/") }

// The Content-Security-Policy around the request's nonce: scripts only from
// this origin or with the nonce. Style elements need the nonce; style
// attributes stay allowed because ECharts writes them into its tooltips'
// markup. Browsers without CSP3's -elem/-attr fall back to style-src.
const (
	cspScript = "default-src 'none'; script-src 'self' 'nonce-"
	cspStyle  = "'; style-src 'self' 'unsafe-inline'; style-src-elem 'self' 'nonce-"
	cspRest   = "'; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; " +
		"connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors "
)

// securityHeaders sets the Content-Security-Policy (scripts only from this
// origin or with the request's nonce), nosniff, the referrer policy and the
// framing rules: no framing anywhere except the embed URLs.
func (s *Server) securityHeaders(c *gin.Context) {
	n := newNonce()
	c.Set(nonceKey, n)
	frame := "'none'"
	embed := isEmbed(c.Request.URL.Path)
	if embed {
		frame = "*"
	}
	// One allocation holds every header value; each header gets a capped
	// slice of it, so adding to one header's values cannot touch another's.
	vs := make([]string, 6)
	vs[0] = cspScript + n + cspStyle + n + cspRest + frame
	vs[1] = "nosniff"
	vs[2] = "strict-origin-when-cross-origin"
	vs[3] = "same-origin"
	vs[4] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
	vs[5] = "DENY"
	h := c.Writer.Header()
	h["Content-Security-Policy"] = vs[0:1:1]
	h["X-Content-Type-Options"] = vs[1:2:2]
	h["Referrer-Policy"] = vs[2:3:3]
	h["Cross-Origin-Opener-Policy"] = vs[3:4:4]
	h["Permissions-Policy"] = vs[4:5:5]
	if !embed {
		h["X-Frame-Options"] = vs[5:6:6]
	}
	c.Next()
}

// cors opens the read-only API to every origin.
func (s *Server) cors(c *gin.Context) {
	switch c.Request.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		c.Header("Access-Control-Allow-Origin", "*")
	}
	c.Next()
}

// preflight answers CORS preflight requests for the read-only API.
func (s *Server) preflight(c *gin.Context) {
	c.Header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
	c.Header("Access-Control-Allow-Headers", "Accept, Content-Type")
	c.Header("Access-Control-Max-Age", "86400")
	c.Status(http.StatusNoContent)
}
