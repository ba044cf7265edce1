package search

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/corpus/synth"
	"github.com/hesabat/hesabat/indexer"
)

// execReports returns n annotated reports of the scale corpus.
func execReports(t testing.TB, n int) []*corpus.Report {
	t.Helper()
	g, err := synth.New(corpus.DefaultName, []byte(corpus.DefaultText()))
	if err != nil {
		t.Fatal(err)
	}
	reports, err := g.Reports(context.Background(), n, 7)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		if err := analytics.Annotate(r); err != nil {
			t.Fatal(err)
		}
	}
	return reports
}

// execSearcher indexes reports in memory in batches of 50 documents (so
// the snapshot has several segments) and returns a Searcher over them.
func execSearcher(t testing.TB, reports []*corpus.Report) *Searcher {
	t.Helper()
	idx, err := indexer.Build(context.Background(), "", reports, indexer.WithBatchSize(50))
	if err != nil {
		t.Fatal(err)
	}
	s := New(idx, reports)
	t.Cleanup(func() { s.Close() })
	if st := s.cur.Load(); st.exErr != nil {
		t.Fatal(st.exErr)
	}
	return s
}

// execRequests are searches with every kind of clause and filter.
func execRequests() []Request {
	return []Request{
		{Query: ""},
		{Query: "korrupsiya"},
		{Query: "elektron xidmetler"},
		{Query: `"qaynar xətt"`},
		{Query: "bələdiyyələrin hesabatları"},
		{Query: "qht"},
		{Query: "korupsiya"},
		{Query: "müraciət -qaynar"},
		{Query: `-"qaynar xətt"`},
		{Query: "zzqqxx"},
		{Query: "korrupsiya", Sections: []int{1}},
		{Query: "büdcə", Years: []int{2021}},
		{Query: "elektron", Statuses: []corpus.Status{corpus.StatusCompleted, corpus.StatusInProgress}},
		{Query: "", Sections: []int{2, 4}, Years: []int{2020}},
		{Query: "müraciət", Sections: []int{1}, Statuses: []corpus.Status{corpus.StatusInProgress}, Agencies: []string{"acc"}},
		{Query: "dövlət", Reports: []string{"x-none"}},
		{Query: "dövlət", From: 15, Size: 7},
		{Query: "", From: 100, Size: 20, Sections: []int{3}},
	}
}

// referenceQuery is the bleve query the Searcher answered before it kept its
// own facet sets: match and bonus in one boolean query, filters as a
// conjunction of term disjunctions, every facet but skip filtered.
func referenceQuery(st *state, req Request, skip string) (q query.Query, scored bool) {
	match, bonus, _, scored := st.build(parseQuery(req.Query))
	b := query.NewBooleanQuery([]query.Query{match}, nil, nil)
	if bonus != nil {
		b.AddShould(bonus)
	}
	filters := req.normalized().filterValues()
	var conj []query.Query
	for _, f := range facetSpecs() {
		if f.name == skip || len(filters[f.name]) == 0 {
			continue
		}
		var alts []query.Query
		for _, v := range filters[f.name] {
			tq := query.NewTermQuery(v)
			tq.SetField(f.field)
			alts = append(alts, tq)
		}
		conj = append(conj, query.NewDisjunctionQuery(alts))
	}
	if len(conj) > 0 {
		b.AddFilter(query.NewConjunctionQuery(conj))
	}
	return b, scored
}

// TestExecutorAgreesWithBleve checks the executor's totals, facet counts,
// pages and scores against bleve's own search with bleve facets, over an
// index of several segments.
func TestExecutorAgreesWithBleve(t *testing.T) {
	s := execSearcher(t, execReports(t, 3))
	st := s.cur.Load()
	eachReader(t, st, func(t *testing.T) { executorAgrees(t, s, st) })
}

// executorAgrees is TestExecutorAgreesWithBleve with the reader st's
// executor has.
func executorAgrees(t *testing.T, s *Searcher, st *state) {
	ctx := context.Background()
	for _, req := range execRequests() {
		t.Run(fmt.Sprintf("%q/%v/%v/%v/%v/%d", req.Query, req.Sections, req.Years, req.Statuses, req.Reports, req.From), func(t *testing.T) {
			got, err := s.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			norm := req.normalized()
			q, scored := referenceQuery(st, norm, "")
			ref := bleve.NewSearchRequestOptions(q, 10000, 0, false)
			if scored {
				ref.SortBy([]string{"-_score", indexer.FieldOrder})
			} else {
				ref.SortBy([]string{indexer.FieldOrder})
			}
			filters := norm.filterValues()
			for _, f := range facetSpecs() {
				if len(filters[f.name]) == 0 {
					ref.AddFacet(f.name, bleve.NewFacetRequest(f.field, 10000))
				}
			}
			want, err := st.idx.Bleve().SearchInContext(ctx, ref)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != want.Total {
				t.Fatalf("total %d, bleve %d", got.Total, want.Total)
			}
			counts := map[string]map[string]int{}
			for name, fr := range want.Facets {
				counts[name] = bleveCounts(fr)
			}
			for _, f := range facetSpecs() {
				if len(filters[f.name]) == 0 {
					continue
				}
				fq, _ := referenceQuery(st, norm, f.name)
				fr := bleve.NewSearchRequestOptions(fq, 0, 0, false)
				fr.AddFacet(f.name, bleve.NewFacetRequest(f.field, 10000))
				res, err := st.idx.Bleve().SearchInContext(ctx, fr)
				if err != nil {
					t.Fatal(err)
				}
				counts[f.name] = bleveCounts(res.Facets[f.name])
			}
			for name, values := range map[string][]FacetValue{"section": got.Facets.Section, "agency": got.Facets.Agency,
				"year": got.Facets.Year, "status": got.Facets.Status, "report": got.Facets.Report} {
				have := map[string]int{}
				for _, v := range values {
					if v.Count > 0 {
						have[v.Value] = v.Count
					}
				}
				if !reflect.DeepEqual(have, counts[name]) {
					t.Errorf("facet %s = %v, bleve %v", name, have, counts[name])
				}
			}
			// The page: the same documents as bleve's list from From on,
			// with the same scores (ties may be ordered differently).
			scores := map[string]float64{}
			for _, h := range want.Hits {
				scores[h.ID] = h.Score
			}
			for i, h := range got.Hits {
				j := norm.From + i
				if j >= len(want.Hits) {
					t.Fatalf("hit %d %s beyond bleve's %d hits", j, h.ID, len(want.Hits))
				}
				if !scored {
					if h.ID != want.Hits[j].ID {
						t.Errorf("hit %d = %s, bleve %s", j, h.ID, want.Hits[j].ID)
					}
					continue
				}
				ws, ok := scores[h.ID]
				if !ok {
					t.Errorf("hit %s does not match in bleve", h.ID)
				} else if math.Abs(h.Score-ws) > 1e-9*math.Max(1, ws) {
					t.Errorf("hit %s score %v, bleve %v", h.ID, h.Score, ws)
				}
				if math.Abs(h.Score-want.Hits[j].Score) > 1e-9*math.Max(1, ws) {
					t.Errorf("hit %d score %v, bleve's hit %d scores %v", j, h.Score, j, want.Hits[j].Score)
				}
			}
			if wantLen := min(norm.Size, max(0, len(want.Hits)-norm.From)); len(got.Hits) != wantLen {
				t.Errorf("%d hits, want %d", len(got.Hits), wantLen)
			}
		})
	}
}

func bleveCounts(fr *bsearch.FacetResult) map[string]int {
	out := map[string]int{}
	if fr == nil || fr.Terms == nil {
		return out
	}
	for _, t := range fr.Terms.Terms() {
		out[t.Term] = t.Count
	}
	return out
}

// TestParallelRangesAgree checks that searching ranges of documents in
// parallel gives the answer of one pass.
func TestParallelRangesAgree(t *testing.T) {
	ctx := context.Background()
	serial := execSearcher(t, execReports(t, 3))
	parallel := execSearcher(t, execReports(t, 3))
	ex := parallel.cur.Load().ex
	ex.parallelMin, ex.workers = 1, 3
	if n := len(ex.parts()); n != 3 {
		t.Fatalf("%d ranges, want 3", n)
	}
	for _, req := range execRequests() {
		want, err := serial.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parallel.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		want.TookMS, got.TookMS = 0, 0
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: parallel\n%+v\nserial\n%+v", req, got, want)
		}
	}
}

// TestPairPhrasesAgreeWithPositions checks that two-word phrases found
// through the pair fields match the documents positional phrases match,
// for every pair of adjacent words in the titles of the shipped report.
func TestPairPhrasesAgreeWithPositions(t *testing.T) {
	ctx := context.Background()
	reports := execReports(t, 1)
	s := execSearcher(t, reports)
	st := s.cur.Load()
	seen := map[string]bool{}
	checked, differ := 0, 0
	for _, m := range reports[0].Measures {
		words := strings.FieldsFunc(m.Title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' })
		for i := 0; i+1 < len(words); i++ {
			phrase := words[i] + " " + words[i+1]
			if seen[phrase] || len(st.foldedTokens(phrase)) != 2 {
				continue
			}
			seen[phrase] = true
			pairs, err := st.ex.matches(ctx, st.phraseQuery(phrase))
			if err != nil {
				t.Fatal(err)
			}
			pos, err := st.ex.matches(ctx, st.positionalPhraseQuery(phrase))
			if err != nil {
				t.Fatal(err)
			}
			checked++
			if !pairs.Equals(pos) {
				differ++
				t.Errorf("%q: pairs match %v, positions %v", phrase, pairs.ToArray(), pos.ToArray())
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d phrases checked", checked)
	}
	t.Logf("%d two-word phrases, %d differ", checked, differ)
}

// TestOrderedPage checks the document-order page against the order field.
func TestOrderedPage(t *testing.T) {
	s := execSearcher(t, execReports(t, 2))
	ex := s.cur.Load().ex
	hits, err := ex.ordered(ex.all, 60, 10)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	if len(ids) != 10 {
		t.Fatalf("page %v", ids)
	}
	res, err := s.Search(context.Background(), Request{From: 60, Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids; !reflect.DeepEqual(got, hitIDs(res)) {
		t.Errorf("ordered page %v, Search %v", got, hitIDs(res))
	}
	// Measures 61..70 of the archive: the last 4 of report 1 and the first 6 of report 2.
	if !strings.HasSuffix(ids[3], "/9.4") || !strings.HasSuffix(ids[4], "/1.1") {
		t.Errorf("page %v does not cross from the first report's 9.4 to the second's 1.1", ids)
	}
}

func hitIDs(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}

// TestDocValuesCount checks counting by visiting documents against
// counting by intersecting value sets.
func TestDocValuesCount(t *testing.T) {
	s := execSearcher(t, execReports(t, 2))
	ex := s.cur.Load().ex
	some, err := ex.matches(context.Background(), query.NewMatchAllQuery())
	if err != nil {
		t.Fatal(err)
	}
	some.RemoveRange(10, 70)
	for _, f := range facetSpecs() {
		for name, set := range map[string]*roaring.Bitmap{"all": ex.all, "some": some, "one": roaring.BitmapOf(5)} {
			want := map[string]int{}
			for v, docs := range ex.values[f.name] {
				if n := set.AndCardinality(docs); n > 0 {
					want[v] = int(n)
				}
			}
			got := map[string]int{}
			c := ex.perDoc[f.name].count(set)
			for i, n := range c.n {
				if n > 0 {
					got[c.names[i]] = n
				}
			}
			ex.visitPerValue = 0 // intersect every value's set
			if big := ex.count(set, f.name); !reflect.DeepEqual(big, c) {
				t.Errorf("%s over %s: count %v, by visiting %v", f.name, name, big, c)
			}
			ex.visitPerValue = smallSetPerValue
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s over %s: %v, want %v", f.name, name, got, want)
			}
		}
	}
}
