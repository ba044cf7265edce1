package search_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search"
)

// BenchmarkSearch measures the latency of one request over an in-memory
// index of the shipped report (64 measures), facets counted, snippets made.
func BenchmarkSearch(b *testing.B) {
	s := newSearcher(b, defaultReports(b))
	ctx := context.Background()
	cases := []struct {
		name string
		req  search.Request
	}{
		{"empty query", search.Request{}},
		{"one word", search.Request{Query: "korrupsiya"}},
		{"inflected words", search.Request{Query: "bələdiyyələrin internetə çıxışı"}},
		{"ASCII words", search.Request{Query: "beynelxalq teskilatlarla emekdasliq"}},
		{"phrase", search.Request{Query: `"qaynar xətt"`}},
		{"exclusion", search.Request{Query: "korrupsiya -risk"}},
		{"typo (fuzzy)", search.Request{Query: "korupsiya"}},
		{"multi-select facets", search.Request{Query: "dövlət", Sections: []int{1, 4}, Statuses: []corpus.Status{corpus.StatusCompleted, corpus.StatusInProgress}, Years: []int{2021}}},
		{"page of 100", search.Request{Query: "dövlət", Size: 100}},
		{"long question (relaxed)", search.Request{Query: "bələdiyyələrdə kompüter və internet təminatının vəziyyəti"}},
		{"OR", search.Request{Query: "ombudsman OR prokurorluq"}},
		{"English (glossary)", search.Request{Query: "municipal internet access", Lang: corpus.LangEN}},
		{"no results (did-you-mean)", search.Request{Query: "xkorrupsiya"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Search(ctx, c.req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSuggest measures search-as-you-type suggestions for a prefix.
func BenchmarkSuggest(b *testing.B) {
	s := newSearcher(b, defaultReports(b))
	ctx := context.Background()
	for _, prefix := range []string{"bələd", "beled", "qaynar xə"} {
		b.Run(prefix, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Suggest(ctx, prefix, 10); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNew measures what search.New adds to start-up (surface forms for
// suggestions, acronyms, lookup tables) over 20 copies of the shipped report
// (1280 measures); the index is built once, outside the timing.
func BenchmarkNew(b *testing.B) {
	var reports []*corpus.Report
	for i := 0; i < 20; i++ {
		r := defaultReports(b)[0]
		r.ID = fmt.Sprintf("copy-%02d", i)
		for j := range r.Measures {
			r.Measures[j].Report = r.ID
		}
		reports = append(reports, r)
	}
	idx, err := indexer.Build(context.Background(), "", reports)
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	b.ReportAllocs()
	for b.Loop() {
		search.New(idx, reports) // not closed: the index is shared across iterations
	}
}
