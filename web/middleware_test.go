package web

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// TestSecurityHeaderValues pins every security header, the CSP directive
// by directive, on a page, an API answer and an embed URL.
func TestSecurityHeaderValues(t *testing.T) {
	ts := newDefaultFake(t, Config{})
	nonceRE := regexp.MustCompile(`'nonce-([A-Za-z0-9_-]{24})'`)
	for _, tc := range []struct {
		path, frame string
	}{
		{"/", "'none'"},
		{"/api/search?q=korrupsiya", "'none'"},
		{"/embed/charts/measures-by-section", "*"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			w := ts.get(t, tc.path)
			h := w.Header()
			m := nonceRE.FindStringSubmatch(h.Get("Content-Security-Policy"))
			if m == nil {
				t.Fatalf("CSP %q has no nonce", h.Get("Content-Security-Policy"))
			}
			want := strings.Join([]string{
				"default-src 'none'",
				"script-src 'self' 'nonce-" + m[1] + "'",
				"style-src 'self' 'unsafe-inline'",
				"style-src-elem 'self' 'nonce-" + m[1] + "'",
				"style-src-attr 'unsafe-inline'",
				"img-src 'self' data: blob:",
				"font-src 'self'",
				"connect-src 'self'",
				"frame-src 'self'",
				"form-action 'self'",
				"base-uri 'none'",
				"object-src 'none'",
				"frame-ancestors " + tc.frame,
			}, "; ")
			if got := h.Values("Content-Security-Policy"); len(got) != 1 || got[0] != want {
				t.Errorf("CSP = %q, want %q", got, want)
			}
			for name, want := range map[string]string{
				"X-Content-Type-Options":     "nosniff",
				"Referrer-Policy":            "strict-origin-when-cross-origin",
				"Cross-Origin-Opener-Policy": "same-origin",
				"Permissions-Policy":         "camera=(), microphone=(), geolocation=(), interest-cohort=()",
			} {
				if got := h.Values(name); len(got) != 1 || got[0] != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
			xfo := h.Values("X-Frame-Options")
			if tc.frame == "*" && len(xfo) != 0 || tc.frame != "*" && (len(xfo) != 1 || xfo[0] != "DENY") {
				t.Errorf("X-Frame-Options = %q", xfo)
			}
		})
	}
}

// BenchmarkMiddleware measures the middleware every request passes
// (logging, recovery, metrics, security headers, query check, timeout) in
// front of a handler that only answers 204, with logging off and with a
// text logger writing to io.Discard.
func BenchmarkMiddleware(b *testing.B) {
	for _, tc := range []struct {
		name string
		log  *slog.Logger
	}{
		{"log-off", slog.New(slog.DiscardHandler)},
		{"log-text", nil}, // newServer's default: a text handler writing to io.Discard
	} {
		b.Run(tc.name, func(b *testing.B) {
			ts := newServer(b, Config{Logger: tc.log}, defaultReport(b))
			ts.engine.GET("/bench-noop", func(c *gin.Context) { c.Status(http.StatusNoContent) })
			req := httptest.NewRequest(http.MethodGet, "/bench-noop?q=korrupsiya&section=1", nil)
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				ts.handler.ServeHTTP(w, req)
				if w.Code != http.StatusNoContent {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}
