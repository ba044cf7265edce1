package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
)

// runCLI runs hesabat with args and environment vars and returns the exit
// code and output.
func runCLI(t *testing.T, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut, func(k string) string { return vars[k] })
	return code, out.String(), errOut.String()
}

// TestHelpToStdout checks that every subcommand prints its one-line
// description, synopsis and flags to standard output for -h, --help and
// "hesabat help CMD", and exits 0.
func TestHelpToStdout(t *testing.T) {
	for _, c := range commands() {
		if c.summary == "" || strings.Contains(c.summary, "\n") {
			t.Errorf("%s: summary %q; want one line", c.name, c.summary)
		}
		for _, args := range [][]string{{c.name, "-h"}, {c.name, "--help"}, {"help", c.name}} {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				code, out, errOut := runCLI(t, nil, args...)
				if code != 0 || errOut != "" {
					t.Errorf("exit %d, stderr %q; want 0 and nothing", code, errOut)
				}
				for _, want := range []string{"hesabat " + c.name + ": " + c.summary, "Usage: hesabat " + c.name} {
					if !strings.Contains(out, want) {
						t.Errorf("stdout %q lacks %q", out, want)
					}
				}
			})
		}
	}
}

// TestCLIErrors checks the one line a failing command prints: its name once
// (no "hesabat serve: serve: …"), what went wrong, and the exit code.
func TestCLIErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad flag", []string{"serve", "--nope"}, 2, `hesabat serve: usage: flag provided but not defined: -nope (see "hesabat serve -h")`},
		{"extra argument", []string{"version", "x"}, 2, `hesabat version: usage: unexpected arguments ["x"]`},
		{"address in use", []string{"serve", "--addr", busy.Addr().String()}, 1, "hesabat serve: listen: listen tcp " + busy.Addr().String()},
		{"unknown command", []string{"sreve"}, 2, `hesabat: unknown command "sreve"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, nil, tc.args...)
			if code != tc.code || !strings.HasPrefix(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tc.code, tc.want)
			}
			if out != "" {
				t.Errorf("stdout %q on error", out)
			}
			if name := tc.args[0]; strings.Contains(errOut, name+": "+name+":") {
				t.Errorf("doubled prefix: %q", errOut)
			}
		})
	}
}

// TestErrorText checks that a leading command name is dropped once.
func TestErrorText(t *testing.T) {
	tests := []struct{ name, cmd, err, want string }{
		{"prefixed", "serve", "serve: listen: x", "listen: x"},
		{"package prefix kept", "parse", "corpus: a.txt:2: bad", "corpus: a.txt:2: bad"},
		{"only once", "serve", "serve: serve: x", "serve: x"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := errorText(tc.cmd, errors.New(tc.err)); got != tc.want {
				t.Errorf("errorText(%q, %q) = %q, want %q", tc.cmd, tc.err, got, tc.want)
			}
		})
	}
}

// TestServeFlagsConfig checks how flags and environment make the serve
// configuration.
func TestServeFlagsConfig(t *testing.T) {
	tests := []struct {
		name string
		args []string
		vars map[string]string
		want serveConfig
	}{
		{"defaults", nil, nil, serveConfig{addr: defaultAddr, memoryLimit: defaultMemoryLimit}},
		{"environment", nil, map[string]string{"HESABAT_ADDR": ":9000", "HESABAT_ADMIN_TOKEN": "t", "GOMEMLIMIT": "1GiB"},
			serveConfig{addr: ":9000", adminToken: "t"}},
		{"memory limit from the environment", nil, map[string]string{"HESABAT_MEMORY_LIMIT": "1GiB", "GOMEMLIMIT": "64MiB"},
			serveConfig{addr: defaultAddr, memoryLimit: 1 << 30}},
		{"memory limit flag", []string{"--memory-limit", "off"}, map[string]string{"HESABAT_MEMORY_LIMIT": "1GiB"},
			serveConfig{addr: defaultAddr, memoryLimit: math.MaxInt64}},
		{"flag over environment", []string{"--addr", ":1", "--index", "i", "--corpus", "c", "--base-url", "https://x", "--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "::1"},
			map[string]string{"HESABAT_ADDR": ":9000"},
			serveConfig{addr: ":1", indexPath: "i", corpusPath: "c", baseURL: "https://x", trustedProxies: []string{"10.0.0.0/8", "::1"}, memoryLimit: defaultMemoryLimit}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := &env{stdout: io.Discard, stderr: io.Discard, logger: slog.New(slog.DiscardHandler), getenv: func(k string) string { return tc.vars[k] }}
			got, err := serveFlags(e, tc.args)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestIndexCorpusDisagree builds an index of the embedded report and points
// serve and search at it with a corpus of a changed copy: search refuses
// with the command that fixes it, serve rebuilds the index from the corpus.
func TestIndexCorpusDisagree(t *testing.T) {
	ctx := context.Background()
	e := &env{stdout: io.Discard, stderr: io.Discard, logger: slog.New(slog.DiscardHandler), getenv: func(string) string { return "" }}
	dir := t.TempDir()
	indexPath := filepath.Join(dir, "index")
	if code, _, errOut := runCLI(t, nil, "index", "--index", indexPath); code != 0 {
		t.Fatalf("index: %s", errOut)
	}
	corpusDir := filepath.Join(dir, "corpus")
	os.Mkdir(corpusDir, 0o755)
	changed := strings.Replace(corpus.DefaultText(), "Qabaqcıl beynəlxalq təcrübə", "Yeni başlıq", 1)
	if err := os.WriteFile(filepath.Join(corpusDir, corpus.DefaultName), []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}

	code, _, errOut := runCLI(t, nil, "search", "--index", indexPath, "--corpus", corpusDir, "başlıq")
	want := fmt.Sprintf(`was not built from %s (report ogp-nap-2021-report differs from ogp-nap-2021-report): run "hesabat index --index %s --corpus %s"`, corpusDir, indexPath, corpusDir)
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("search with a disagreeing corpus: exit %d, stderr %q; want 1 and %q", code, errOut, want)
	}

	s, idx, err := openSearcher(ctx, e, indexPath, corpusSource{path: corpusDir}, true)
	if err != nil {
		t.Fatalf("serve's open with rebuild: %v", err)
	}
	reports, err := loadReports(ctx, e, corpusSource{path: corpusDir})
	if err != nil {
		t.Fatal(err)
	}
	if diff, err := indexDiffers(ctx, idx, reports); err != nil || diff != "" {
		t.Errorf("after the rebuild the index still differs: %q %v", diff, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	reopened, err := indexer.Open(ctx, indexPath)
	if err != nil {
		t.Fatal(err)
	}
	defer reopened.Close()
	if diff, err := indexDiffers(ctx, reopened, reports); err != nil || diff != "" {
		t.Errorf("the rebuilt index on disk differs: %q %v", diff, err)
	}
}
