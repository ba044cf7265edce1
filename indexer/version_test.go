package indexer_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/indexer/az"
)

// TestAnalysisVersion proves that a generation records the analysis and app
// versions that built it, and that Open refuses one analysed with another
// version (or recording none) with ErrAnalysisVersion and a message that
// says how to rebuild it.
func TestAnalysisVersion(t *testing.T) {
	ctx := context.Background()
	reports := []*corpus.Report{reportWith("r", "Birinci", 2)}
	cases := []struct {
		name    string
		build   []indexer.Option
		open    []indexer.Option
		tamper  func(t *testing.T, gen string)
		wantErr bool
	}{
		{name: "same version", build: []indexer.Option{indexer.WithAppVersion("v1.2.3")}},
		{name: "index built by an older analyzer", build: []indexer.Option{indexer.WithAnalysisVersion(az.AnalysisVersion - 1)}, wantErr: true},
		{name: "program with a newer analyzer", open: []indexer.Option{indexer.WithAnalysisVersion(az.AnalysisVersion + 1)}, wantErr: true},
		{name: "generation without a version file", tamper: func(t *testing.T, gen string) {
			if err := os.Remove(filepath.Join(gen, indexer.VersionFile)); err != nil {
				t.Fatal(err)
			}
		}, wantErr: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			built, err := indexer.Build(ctx, dir, reports, c.build...)
			if err != nil {
				t.Fatal(err)
			}
			built.Close()
			cur, _ := os.ReadFile(filepath.Join(dir, indexer.CurrentFile))
			gen := filepath.Join(dir, strings.TrimSpace(string(cur)))
			if c.tamper != nil {
				c.tamper(t, gen)
			} else {
				data, err := os.ReadFile(filepath.Join(gen, indexer.VersionFile))
				if err != nil {
					t.Fatal(err)
				}
				var v indexer.Version
				if err := json.Unmarshal(data, &v); err != nil || v.App == "" {
					t.Fatalf("version file %s = %+v, %v", data, v, err)
				}
			}
			idx, err := indexer.Open(ctx, dir, c.open...)
			if !c.wantErr {
				if err != nil {
					t.Fatal(err)
				}
				if v := idx.Version(); v.App != "v1.2.3" || v.Analysis != az.AnalysisVersion {
					t.Errorf("Version() = %+v", v)
				}
				idx.Close()
				return
			}
			if err == nil {
				idx.Close()
				t.Fatal("Open accepted an index of another analysis version")
			}
			if !errors.Is(err, indexer.ErrAnalysisVersion) || !strings.Contains(err.Error(), "hesabat index") {
				t.Errorf("Open: %v; want ErrAnalysisVersion saying to run hesabat index", err)
			}
		})
	}
}
