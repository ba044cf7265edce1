package search_test

import (
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

// defaultReports returns the shipped report, parsed.
func defaultReports(t testing.TB) []*corpus.Report {
	t.Helper()
	r, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	return []*corpus.Report{r}
}
