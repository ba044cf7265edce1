package web

import (
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Defaults of admission control (Config.MaxInFlight, Config.MaxQueue,
// Config.QueueWait) and of the hard deadline.
const (
	// DefaultQueueWait is how long a request waits for a slot before it
	// is shed: short, so that a shed client hears 503 at once.
	DefaultQueueWait = 25 * time.Millisecond
	// hardDeadlineSlack is how much longer than Config.RequestTimeout the
	// hard deadline (http.TimeoutHandler) lets a request run: handlers end
	// by their context's deadline first; the hard one bounds those that
	// do not (a walk over every report, a slow write).
	hardDeadlineSlack = time.Second
)

// defaultMaxInFlight returns the default bound on requests served at once:
// two per CPU, as a search is CPU-bound and more at once only makes each
// slower.
func defaultMaxInFlight() int { return 2 * runtime.GOMAXPROCS(0) }

// admission bounds the requests that read the index: at most cap(slots)
// run at once, at most maxQueue more wait, each at most wait; the rest are
// refused with 503 and Retry-After at once (issue 16 finding 6: at 2,000
// connections every request waited 12 s).
type admission struct {
	slots    chan struct{}
	waiting  atomic.Int64
	maxQueue int64
	wait     time.Duration
}

func newAdmission(inFlight, queue int, wait time.Duration) *admission {
	return &admission{slots: make(chan struct{}, inFlight), maxQueue: int64(queue), wait: wait}
}

// unadmitted reports whether a request for path skips admission control:
// static files, health and metrics read no index and must answer under load.
func unadmitted(path string) bool {
	return strings.HasPrefix(path, "/static/") || path == "/healthz" || path == "/metrics" || path == "/favicon.ico"
}

// admit wraps h, the whole server, with admission control. It runs before
// anything else (gin, the hard deadline's buffering goroutine), so that a
// shed request costs microseconds: its answer is a fixed 503.
func (s *Server) admit(h http.Handler) http.Handler {
	a := s.admission
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if unadmitted(r.URL.Path) || r.Method == http.MethodOptions {
			h.ServeHTTP(w, r)
			return
		}
		select {
		case a.slots <- struct{}{}:
		default:
			if !a.queue(r) {
				s.metrics.searches.WithLabelValues("shed").Inc()
				shed(w)
				return
			}
		}
		defer func() { <-a.slots }()
		s.metrics.searches.WithLabelValues("admitted").Inc()
		h.ServeHTTP(w, r)
	})
}

// shedBody is the answer to a shed request.
var shedBody = []byte(`{"error":"the server is busy; try again in a second"}` + "\n")

// shed answers a request refused by admission control: 503, Retry-After.
func shed(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Retry-After", "1")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(shedBody)))
	w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = w.Write(shedBody)
}

// queue waits for a slot if the queue has room, at most a.wait; it reports
// whether it got one.
func (a *admission) queue(r *http.Request) bool {
	if a.waiting.Add(1) > a.maxQueue {
		a.waiting.Add(-1)
		return false
	}
	defer a.waiting.Add(-1)
	t := time.NewTimer(a.wait)
	defer t.Stop()
	select {
	case a.slots <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-r.Context().Done():
		return false
	}
}
