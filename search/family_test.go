package search_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search"
)

// TestWordFamilies checks that a word finds the measures that only have a
// derivation of it, below those that have the word itself, and that an
// index without family fields (bleve's standard analysis) still searches.
func TestWordFamilies(t *testing.T) {
	s := shipped(t)
	cases := []struct {
		name, query string
		// family is a measure that has only a derivation of the word;
		// exact, one that has the word itself.
		family, exact string
	}{
		{"the word ranks above a measure with a derivation", "elektron", "9.1", "4.3"},
		{"the root of a noun in -lılıq", "hesabatlılıq", "2.12", "7.2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := numbers(mustSearch(t, s, search.Request{Query: c.query, Size: search.MaxSize}))
			fi := slices.Index(got, c.family)
			if fi < 0 {
				t.Fatalf("%q: hits %v lack %s", c.query, got, c.family)
			}
			if c.exact != "" {
				if ei := slices.Index(got, c.exact); ei < 0 || ei > fi {
					t.Errorf("%q: %s (the word itself) at %d, %s (a derivation) at %d", c.query, c.exact, ei, c.family, fi)
				}
			}
		})
	}
	ctx := context.Background()
	reports := defaultReports(t)
	idx, err := indexer.Build(ctx, "", reports, indexer.WithAnalysis(indexer.StandardAnalysis()))
	if err != nil {
		t.Fatal(err)
	}
	std := search.New(idx, reports)
	defer std.Close()
	if res := mustSearch(t, std, search.Request{Query: "elektron"}); res.Total == 0 {
		t.Error("an index without family fields finds nothing")
	}
}
