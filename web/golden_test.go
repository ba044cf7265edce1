package web

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// volatile matches what changes between runs: the CSP nonce and the static
// files' version.
var volatile = regexp.MustCompile(`nonce="[A-Za-z0-9_-]+"|/static/v-[0-9a-f]+/`)

// TestPagesGolden compares whole pages over the hostile report with golden
// files, so that a change to what a page shows (or how it escapes report
// text) is reviewed. Run with -update to rewrite them.
func TestPagesGolden(t *testing.T) {
	ts := newServer(t, Config{}, parseReport(t, "hostile.az.txt", hostileReport))
	tests := []struct{ name, target string }{
		{"measure_az", "/measures/hostile/1.2"},
		{"measure_en", "/measures/hostile/1.1?lang=en"},
		{"search_az", "/?q=qaynar"},
		{"agencies_en", "/agencies?lang=en"},
		{"not_found_az", "/measures/hostile/9.9"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := ts.get(t, tc.target)
			got := volatile.ReplaceAll(w.Body.Bytes(), []byte(`NONCE_OR_VERSION`))
			got = regexp.MustCompile(`class="took">[0-9.]+<`).ReplaceAll(got, []byte(`class="took">T<`))
			path := filepath.Join("testdata", tc.name+".golden.html")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestPagesGolden -update)", err)
			}
			if string(got) != string(want) {
				t.Errorf("GET %s differs from %s (run with -update after checking the change):\n%s", tc.target, path, firstDiff(string(want), string(got)))
			}
		})
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := splitLines(want), splitLines(got)
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n want %s\n  got %s", i+1, w, g)
		}
	}
	return ""
}

func splitLines(s string) []string { return strings.Split(s, "\n") }
