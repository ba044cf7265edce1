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

// logRequests writes one slog line per request after it is answered.
func (s *Server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	level := slog.LevelInfo
	if c.Writer.Status() >= 500 {
		level = slog.LevelWarn
	}
	s.log.Log(c.Request.Context(), level, "request",
		"method", c.Request.Method,
		"path", c.Request.URL.Path,
		"route", route,
		"status", c.Writer.Status(),
		"bytes", c.Writer.Size(),
		"duration", time.Since(start),
		"client", c.ClientIP(),
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

// checkQuery refuses a query string that does not parse (a bad percent
// escape, a semicolon separator), which url.URL.Query would silently drop.
func (s *Server) checkQuery(c *gin.Context) {
	if _, err := url.ParseQuery(c.Request.URL.RawQuery); err != nil {
		s.fail(c, fmt.Errorf("%w: malformed query string: %v", errBadRequest, err))
		return
	}
	c.Next()
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

// securityHeaders sets the Content-Security-Policy (scripts only from this
// origin or with the request's nonce), nosniff, the referrer policy and the
// framing rules: no framing anywhere except the embed URLs.
func (s *Server) securityHeaders(c *gin.Context) {
	n := newNonce()
	c.Set(nonceKey, n)
	h := c.Writer.Header()
	frame := "'none'"
	if isEmbed(c.Request.URL.Path) {
		frame = "*"
	} else {
		h.Set("X-Frame-Options", "DENY")
	}
	h.Set("Content-Security-Policy", strings.Join([]string{
		"default-src 'none'",
		"script-src 'self' 'nonce-" + n + "'",
		// Style elements need the nonce; style attributes stay allowed
		// because ECharts writes them into its tooltips' markup. Browsers
		// without CSP3's -elem/-attr fall back to style-src.
		"style-src 'self' 'unsafe-inline'",
		"style-src-elem 'self' 'nonce-" + n + "'",
		"style-src-attr 'unsafe-inline'",
		"img-src 'self' data: blob:",
		"font-src 'self'",
		"connect-src 'self'",
		"frame-src 'self'",
		"form-action 'self'",
		"base-uri 'none'",
		"object-src 'none'",
		"frame-ancestors " + frame,
	}, "; "))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
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
