// Package indextest provides what tests of packages that use an index
// need, as net/http/httptest does for HTTP: a persistent index built and
// opened again, as "hesabat index" then "hesabat serve --index" do.
package indextest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
)

// Reopened builds a persistent index of reports in a temporary directory,
// closes it and opens it again. It returns the open index, which the
// caller closes (directly or through what it hands the index to), and its
// directory. It fails tb on any error.
func Reopened(tb testing.TB, reports []*corpus.Report) (*indexer.Index, string) {
	tb.Helper()
	ctx := context.Background()
	dir := filepath.Join(tb.TempDir(), "index")
	built, err := indexer.Build(ctx, dir, reports)
	if err != nil {
		tb.Fatal(err)
	}
	if err := built.Close(); err != nil {
		tb.Fatal(err)
	}
	idx, err := indexer.Open(ctx, dir)
	if err != nil {
		tb.Fatal(err)
	}
	return idx, dir
}
