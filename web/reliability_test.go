package web

import (
	"errors"
	"strings"
	"testing"
)

// TestLinksIgnoreHost checks that no link is built from the Host header
// (issue 16 finding 7): without a base URL the embed snippets, the chart
// pages and the CSV url column are relative; with one, they start with it.
func TestLinksIgnoreHost(t *testing.T) {
	targets := []string{"/api/charts", "/api/search.csv?q=", "/charts/status", "/embed/charts/status", "/api/charts/status"}
	tests := []struct {
		name, base, want string
	}{
		{"no base URL", "", ""},
		{"base URL", "https://hesabat.example.org/", "https://hesabat.example.org/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts := newServer(t, Config{BaseURL: tc.base}, defaultReport(t))
			found := false
			for _, target := range targets {
				w := ts.get(t, target, "Host", "evil.example")
				body := w.Body.String()
				if strings.Contains(body, "evil.example") {
					t.Errorf("GET %s with Host evil.example: the host is in the answer", target)
				}
				if tc.want != "" && strings.Contains(body, tc.want) {
					found = true
				}
			}
			if tc.want != "" && !found {
				t.Errorf("no answer carries the base URL %s", tc.want)
			}
		})
	}
	if _, err := New(Config{Searcher: newServer(t, Config{}, defaultReport(t)).searcher, BaseURL: "javascript:alert(1)"}); !errors.Is(err, ErrConfig) {
		t.Errorf("New with a bad base URL: %v, want ErrConfig", err)
	}
}
