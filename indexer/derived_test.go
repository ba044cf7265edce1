package indexer_test

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
)

// countMeasures is a DeriveFunc: the number of measures, as text.
func countMeasures(_ context.Context, reports []*corpus.Report) ([]byte, error) {
	n := 0
	for _, r := range reports {
		n += len(r.Measures)
	}
	return []byte(strconv.Itoa(n)), nil
}

// TestDerived checks that data derived at build time is read back from an
// in-memory index, from a persistent one opened again, and that a missing
// name, a bad name and a failing function are reported.
func TestDerived(t *testing.T) {
	ctx := context.Background()
	reports := []*corpus.Report{reportWith("a", "elektron", 3), reportWith("b", "xidmət", 2)}
	dir := filepath.Join(t.TempDir(), "index")
	for _, tc := range []struct {
		name string
		path string
	}{
		{"in memory", ""},
		{"persistent", dir},
	} {
		t.Run(tc.name, func(t *testing.T) {
			idx, err := indexer.Build(ctx, tc.path, reports, indexer.WithDerived("count", countMeasures))
			if err != nil {
				t.Fatal(err)
			}
			if tc.path != "" {
				idx.Close()
				if idx, err = indexer.Open(ctx, tc.path); err != nil {
					t.Fatal(err)
				}
			}
			defer idx.Close()
			got, err := idx.Derived(ctx, "count")
			if err != nil || string(got) != "5" {
				t.Errorf("Derived(count) = %q, %v; want 5", got, err)
			}
			if _, err := idx.Derived(ctx, "other"); !errors.Is(err, indexer.ErrNoDerived) {
				t.Errorf("Derived(other) err = %v, want ErrNoDerived", err)
			}
		})
	}
	fail := errors.New("boom")
	for _, tc := range []struct {
		name string
		opt  indexer.Option
		want error
	}{
		{"failing function", indexer.WithDerived("x", func(context.Context, []*corpus.Report) ([]byte, error) { return nil, fail }), fail},
		{"bad name", indexer.WithDerived("../x", countMeasures), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := indexer.Build(ctx, filepath.Join(t.TempDir(), "index"), reports, tc.opt)
			if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) {
				t.Errorf("Build err = %v, want %v", err, tc.want)
			}
		})
	}
}
