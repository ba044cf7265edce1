package web

import (
	"bytes"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestRequestID checks that a valid X-Request-Id is kept and sent back and
// logged, and that a missing or invalid one is replaced by a fresh id.
func TestRequestID(t *testing.T) {
	var logs bytes.Buffer
	ts := newServer(t, Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))}, defaultReport(t))
	tests := []struct {
		name, sent string
		keep       bool
	}{
		{"valid", "abc-123_X.y", true},
		{"none", "", false},
		{"markup", "<script>", false},
		{"too long", strings.Repeat("a", 65), false},
	}
	seen := map[string]bool{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var w *httptest.ResponseRecorder
			if tc.sent == "" {
				w = ts.get(t, "/healthz")
			} else {
				w = ts.get(t, "/healthz", "X-Request-Id", tc.sent)
			}
			got := w.Header().Get("X-Request-Id")
			if tc.keep && got != tc.sent || !tc.keep && (got == "" || got == tc.sent || seen[got]) {
				t.Errorf("sent %q, got %q", tc.sent, got)
			}
			seen[got] = true
			if !strings.Contains(logs.String(), "request_id="+got) {
				t.Errorf("the log lacks request_id=%s", got)
			}
		})
	}
}

// TestUploadReadDeadline announces a large upload with a valid token and
// sends nothing (issue 16 finding 8: the connection was held 2 minutes);
// the server gives up after uploadReadTimeout.
func TestUploadReadDeadline(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the upload read timeout")
	}
	ts := newServer(t, Config{AdminToken: "tok"}, defaultReport(t))
	srv := httptest.NewServer(ts.handler)
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "POST /api/reports?name=x.txt HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tok\r\nContent-Type: text/plain\r\nContent-Length: 10000000\r\n\r\n")
	start := time.Now()
	conn.SetReadDeadline(time.Now().Add(uploadReadTimeout + 20*time.Second))
	_, _ = io.ReadAll(conn) // until the server answers and closes, or gives up
	if d := time.Since(start); d > uploadReadTimeout+10*time.Second {
		t.Errorf("the stalled upload held the connection %v", d)
	} else {
		t.Logf("stalled upload released after %v", d.Round(time.Millisecond))
	}
}

// TestTokenThrottle checks that a client that sent maxTokenFailures wrong
// admin tokens is refused with 429 and Retry-After, even with the right
// token, while another client still gets in.
func TestTokenThrottle(t *testing.T) {
	ts := newServer(t, Config{AdminToken: "tok"}, defaultReport(t))
	send := func(tok, addr string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", "/api/reports?name=x.az.txt", strings.NewReader("no report here"))
		r.RemoteAddr = addr
		return ts.do(t, r, "Authorization", "Bearer "+tok)
	}
	for i := range maxTokenFailures {
		if w := send("wrong", "192.0.2.1:1000"); w.Code != 403 {
			t.Fatalf("wrong token %d: %d, want 403", i, w.Code)
		}
	}
	w := send("tok", "192.0.2.1:1000")
	if w.Code != 429 || w.Header().Get("Retry-After") == "" {
		t.Errorf("right token after %d wrong ones: %d, want 429 with Retry-After", maxTokenFailures, w.Code)
	}
	if w := send("tok", "192.0.2.2:1000"); w.Code != 400 {
		t.Errorf("another client with the right token: %d, want 400 (past authorisation, bad report)", w.Code)
	}
}
