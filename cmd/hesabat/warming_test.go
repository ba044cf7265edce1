package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestWarmingHandler checks what "serve" answers while it opens the index,
// and that setting the web server's handler takes over.
func TestWarmingHandler(t *testing.T) {
	sw := &switchHandler{}
	sw.set(warmingHandler())
	for _, tc := range []struct {
		name, path, body string
	}{
		{"healthz", "/healthz", `"status":"warming"`},
		{"page", "/agencies", "starting"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			sw.ServeHTTP(w, httptest.NewRequest("GET", tc.path, nil))
			if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), tc.body) || w.Header().Get("Retry-After") == "" {
				t.Errorf("%d %q (Retry-After %q), want 503 with %q", w.Code, w.Body.String(), w.Header().Get("Retry-After"), tc.body)
			}
		})
	}
	sw.set(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) }))
	w := httptest.NewRecorder()
	sw.ServeHTTP(w, httptest.NewRequest("GET", "/healthz", nil))
	if w.Code != http.StatusTeapot {
		t.Errorf("after set: %d, want the new handler's 418", w.Code)
	}
}
