package main

import (
	"net/http"
	"sync/atomic"
)

// switchHandler serves with whichever handler was set last: "serve"
// answers with a warming handler while it opens the index, then with the
// web server's, so that it answers within a second of starting however
// large the index is.
type switchHandler struct {
	h atomic.Pointer[http.Handler]
}

// set makes h answer the requests from now on.
func (s *switchHandler) set(h http.Handler) { s.h.Store(&h) }

func (s *switchHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	(*s.h.Load()).ServeHTTP(w, r)
}

// warmingHandler answers while the index is being opened: /healthz says
// {"status":"warming"}, every other path asks to come back shortly; both
// with 503, so that a load balancer waits for the 200 of the web server's
// /healthz.
func warmingHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Retry-After", "1")
		if r.URL.Path == "/healthz" {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"status":"warming","ready":false}`))
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("Hesabat is starting: the index is being opened. Try again in a moment.\n"))
	})
}
