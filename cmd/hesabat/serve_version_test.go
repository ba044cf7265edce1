package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/indexer"
)

// TestServeStaleIndex proves that an index built with another analysis
// version is refused by "serve --index" alone, with a message that says to
// run "hesabat index", and rebuilt when serve is given the corpus.
func TestServeStaleIndex(t *testing.T) {
	ctx := context.Background()
	corpusPath := filepath.Join("..", "..", "corpus", "data", "ogp-nap-2021-report.az.txt")
	cases := []struct {
		name       string
		corpusPath string
		wantErr    bool
	}{
		{name: "index only", wantErr: true},
		{name: "with the corpus", corpusPath: corpusPath},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			e := &env{stdout: io.Discard, stderr: io.Discard, logger: slog.New(slog.NewTextHandler(io.Discard, nil)), getenv: func(string) string { return "" }}
			if err := cmdIndex(ctx, e, []string{"--index", dir, "--corpus", corpusPath}); err != nil {
				t.Fatal(err)
			}
			cur, err := os.ReadFile(filepath.Join(dir, indexer.CurrentFile))
			if err != nil {
				t.Fatal(err)
			}
			stale := filepath.Join(dir, strings.TrimSpace(string(cur)), indexer.VersionFile)
			if err := os.WriteFile(stale, []byte(`{"analysis":-1,"app":"old"}`), 0o644); err != nil {
				t.Fatal(err)
			}
			s, idx, err := openSearcher(ctx, e, dir, corpusSource{path: c.corpusPath}, true)
			if c.wantErr {
				if !errors.Is(err, indexer.ErrAnalysisVersion) || !strings.Contains(err.Error(), "hesabat index") {
					t.Fatalf("openSearcher: %v; want ErrAnalysisVersion saying to run hesabat index", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if v := idx.Version(); v.App != version || s.NumMeasures() != 64 {
				t.Errorf("rebuilt index: version %+v, %d measures; want app %q, 64", v, s.NumMeasures(), version)
			}
		})
	}
}
