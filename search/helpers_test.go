package search_test

import (
	"testing"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

// defaultReports returns the shipped report, parsed and annotated (agencies,
// status, figures), as the CLI and the server load it.
func defaultReports(t testing.TB) []*corpus.Report {
	t.Helper()
	r, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := analytics.Annotate(r); err != nil {
		t.Fatal(err)
	}
	return []*corpus.Report{r}
}
