package browsertest

import (
	"fmt"
	"slices"
	"testing"
)

func TestLoopback(t *testing.T) {
	tests := []struct {
		name string
		url  string
		want bool
	}{
		{name: "IPv4 loopback", url: "http://127.0.0.1:8080/dashboard", want: true},
		{name: "other IPv4 loopback", url: "http://127.0.0.2/", want: true},
		{name: "IPv6 loopback", url: "https://[::1]:4443/api/search?q=x", want: true},
		{name: "localhost", url: "http://localhost/", want: true},
		{name: "websocket on loopback", url: "ws://127.0.0.1:9222/devtools", want: true},
		{name: "data URL", url: "data:image/png;base64,iVBORw0KGgo=", want: true},
		{name: "blob URL", url: "blob:http://127.0.0.1/5f1c", want: true},
		{name: "about:blank", url: "about:blank", want: true},
		{name: "CDN", url: "https://cdn.jsdelivr.net/npm/echarts@5/dist/echarts.min.js", want: false},
		{name: "public IP", url: "http://93.184.216.34/", want: false},
		{name: "private network", url: "http://192.168.1.10/", want: false},
		{name: "unspecified address", url: "http://0.0.0.0:8080/", want: false},
		{name: "localhost as a subdomain", url: "http://localhost.example.com/", want: false},
		{name: "unknown scheme", url: "ftp://127.0.0.1/file", want: false},
		{name: "chrome extension", url: "chrome-extension://abc/script.js", want: false},
		{name: "no scheme", url: "127.0.0.1/", want: false},
		{name: "unparsable", url: "http://[::1/", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Loopback(tt.url); got != tt.want {
				t.Errorf("Loopback(%q) = %v, want %v", tt.url, got, tt.want)
			}
		})
	}
}

// recorder is a testing.TB that keeps the failures reported to it.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Error(args ...any) { r.errors = append(r.errors, fmt.Sprint(args...)) }

func TestWatchCheck(t *testing.T) {
	tests := []struct {
		name     string
		problems []string
		requests []string
		expected []string
		want     []string
	}{
		{
			name:     "clean tab",
			requests: []string{"http://127.0.0.1:1/", "data:,x"},
		},
		{
			name:     "a problem",
			problems: []string{"console.error: boom"},
			requests: []string{"http://127.0.0.1:1/"},
			want:     []string{"browser reported: console.error: boom"},
		},
		{
			name:     "an expected problem",
			problems: []string{"log: Refused to frame because of frame-ancestors http://127.0.0.1:1/"},
			requests: []string{"http://127.0.0.1:1/"},
			expected: []string{"frame-ancestors"},
		},
		{
			name:     "an expected problem that did not happen",
			requests: []string{"http://127.0.0.1:1/"},
			expected: []string{"frame-ancestors"},
			want:     []string{`browser did not report the expected "frame-ancestors"`},
		},
		{
			name: "no requests",
			want: []string{"no requests seen: is the network listener working?"},
		},
		{
			name:     "a request off the machine",
			requests: []string{"http://127.0.0.1:1/", "https://cdn.example.com/x.js"},
			want:     []string{"request left localhost: https://cdn.example.com/x.js"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &Watch{problems: tt.problems, requests: tt.requests}
			r := &recorder{TB: t}
			w.Check(r, tt.expected...)
			if !slices.Equal(r.errors, tt.want) {
				t.Errorf("Check reported %q, want %q", r.errors, tt.want)
			}
		})
	}
}
