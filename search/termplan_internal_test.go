package search

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search/internal/postings"
)

// planQueries are queries whose match is a term plan, and some that are not.
func planQueries() []string {
	return []string{
		"korrupsiya", "elektron xidmetler", `"qaynar xətt"`, "bələdiyyələrin hesabatları",
		"qht", "müraciət -qaynar", "dövlət müəssisələrinin maliyyə hesabatları",
		"İnformasiya əldə etmək", "e-məhkəmə", "2.1", "beynelxalq teskilatlarla emekdasliq",
		"MONEYVAL hesabat", "korupsiya", "zzqqxx",
	}
}

// TestTermPlansAgreeWithBleveSearchers checks the executor's own scoring
// of term plans against bleve's searchers on the same queries: the same
// matches and the same best hits with the same scores, with postings
// decoded or remembered, decoded in parallel or not, with and without a
// filter.
func TestTermPlansAgreeWithBleveSearchers(t *testing.T) {
	s := execSearcher(t, execReports(t, 3))
	st := s.cur.Load()
	eachReader(t, st, func(t *testing.T) { plansAgree(t, st) })
}

// eachReader runs test with st's executor reading postings through each
// reader: the one Open picks (scorch's, unless built with the tag
// hesabat_publicapi) and, if that is not it, the public-API one. It
// checks that Open picks the fast reader where it can.
func eachReader(t *testing.T, st *state, test func(t *testing.T)) {
	if want := fastReader(); st.ex.post.Name() != want {
		t.Errorf("reader %s, want %s", st.ex.post.Name(), want)
	}
	t.Run(st.ex.post.Name(), test)
	if st.ex.post.Name() == "public" {
		return
	}
	ex, err := newExecutorWith(context.Background(), st.idx.Bleve(), postings.OpenPublic)
	if err != nil {
		t.Fatal(err)
	}
	saved := st.ex
	st.ex = ex
	defer func() {
		st.ex = saved
		ex.close()
	}()
	t.Run("public", test)
}

// plansAgree is TestTermPlansAgreeWithBleveSearchers with the reader st's
// executor has.
func plansAgree(t *testing.T, st *state) {
	ctx := context.Background()
	ex := st.ex
	filter := ex.filterSet(map[string][]string{"section": {"1", "3", "5"}}, "")
	planned := 0
	for _, q := range planQueries() {
		match, bonus, _, scored := st.build(parseQuery(q))
		if !scored {
			continue
		}
		_, isPlan := compilePlan(match)
		if isPlan {
			planned++
		} else if q != "korupsiya" && q != "zzqqxx" { // typo tolerance: fuzzy
			t.Errorf("%q: not a term plan", q)
		}
		ex.bleveOnly = true
		want, err := ex.scored(ctx, match, bonus, nil, 30)
		if err != nil {
			t.Fatal(err)
		}
		wantFiltered, err := ex.scored(ctx, match, bonus, filter, 30)
		if err != nil {
			t.Fatal(err)
		}
		ex.bleveOnly = false
		// Cold (decoded), then warm (remembered: every list is), without
		// a cache, and decoded in parallel.
		remembered := newImpactCache(impactCacheBytes, 1)
		// Unions merged (dense ratio 0) or summed in arrays (huge ratio).
		// A list is remembered from its second search ("seen"); the
		// first reads only the candidates of a conjunction it needs
		// (seek ratio 0: always; huge: never).
		for _, c := range []struct {
			name        string
			cache       *impactCache
			parallelMin uint64
			denseRatio  int
			seekRatio   uint64
		}{
			{"cold", remembered, parallelMinDocs, denseUnionRatio, 0},
			{"seen", remembered, parallelMinDocs, denseUnionRatio, 0},
			{"warm", remembered, parallelMinDocs, denseUnionRatio, 0},
			{"uncached", nil, parallelMinDocs, denseUnionRatio, seekPerCandidate},
			{"parallel", newImpactCache(impactCacheBytes, 1), 1, denseUnionRatio, 1 << 40},
			{"merged", nil, parallelMinDocs, 0, seekPerCandidate},
			{"dense", nil, parallelMinDocs, 1 << 20, seekPerCandidate},
		} {
			t.Run(fmt.Sprintf("%s/%s", q, c.name), func(t *testing.T) {
				saved := ex.impacts
				defer func() {
					ex.impacts, ex.parallelMin, ex.workers, ex.denseRatio, ex.seekRatio = saved, parallelMinDocs, 1, denseUnionRatio, seekPerCandidate
				}()
				if c.name == "warm" && isPlan && c.cache.bytes() == 0 {
					t.Fatal("nothing remembered")
				}
				ex.impacts, ex.parallelMin, ex.workers, ex.denseRatio, ex.seekRatio = c.cache, c.parallelMin, 2, c.denseRatio, c.seekRatio
				got, err := ex.scored(ctx, match, bonus, nil, 30)
				if err != nil {
					t.Fatal(err)
				}
				sameResult(t, got, want)
				gotFiltered, err := ex.scored(ctx, match, bonus, filter, 30)
				if err != nil {
					t.Fatal(err)
				}
				sameResult(t, gotFiltered, wantFiltered)
			})
		}
	}
	if planned < len(planQueries())-3 {
		t.Errorf("only %d queries are term plans", planned)
	}
}

// sameResult reports where got differs from want: its matches, or its
// hits' scores, position by position (documents of equal scores may be
// ordered differently, to rounding).
func sameResult(t *testing.T, got, want *scoredResult) {
	t.Helper()
	if !got.matched.Equals(want.matched) {
		t.Errorf("%d matches, bleve %d", got.matched.GetCardinality(), want.matched.GetCardinality())
	}
	if len(got.hits) != len(want.hits) {
		t.Fatalf("%d hits, bleve %d", len(got.hits), len(want.hits))
	}
	scores := map[string]float64{}
	for _, h := range want.hits {
		scores[h.ID] = h.Score
	}
	for i, h := range got.hits {
		w := want.hits[i].Score
		if math.Abs(h.Score-w) > 1e-9*math.Max(1, w) {
			t.Errorf("hit %d %s score %v, bleve's hit %d %s %v", i, h.ID, h.Score, i, want.hits[i].ID, w)
		}
		if ws, ok := scores[h.ID]; ok && math.Abs(h.Score-ws) > 1e-9*math.Max(1, ws) {
			t.Errorf("hit %s score %v, bleve %v", h.ID, h.Score, ws)
		}
	}
}

// TestCompilePlan checks which queries become term plans.
func TestCompilePlan(t *testing.T) {
	term := func(f, v string) *query.TermQuery {
		q := query.NewTermQuery(v)
		q.SetField(f)
		return q
	}
	boosted := query.NewDisjunctionQuery([]query.Query{term("a", "x")})
	boosted.SetBoost(2)
	two := query.NewDisjunctionQuery([]query.Query{term("a", "x")})
	two.SetMin(2)
	noField := query.NewTermQuery("x")
	withNot := query.NewBooleanQuery([]query.Query{term("a", "x")}, nil, []query.Query{term("a", "y")})
	for _, c := range []struct {
		name string
		q    query.Query
		ok   bool
	}{
		{"terms", query.NewBooleanQuery([]query.Query{term("a", "x"), query.NewDisjunctionQuery([]query.Query{term("a", "y"), term("b", "y")})}, nil, nil), true},
		{"must not", withNot, true},
		{"bare term", term("a", "x"), false},
		{"should", query.NewBooleanQuery([]query.Query{term("a", "x")}, []query.Query{term("a", "y")}, nil), false},
		{"fuzzy", query.NewBooleanQuery([]query.Query{query.NewFuzzyQuery("x")}, nil, nil), false},
		{"phrase", query.NewBooleanQuery([]query.Query{query.NewMatchPhraseQuery("x y")}, nil, nil), false},
		{"match all", query.NewBooleanQuery([]query.Query{query.NewMatchAllQuery()}, nil, nil), false},
		{"boosted disjunction", query.NewBooleanQuery([]query.Query{boosted}, nil, nil), false},
		{"min 2", query.NewBooleanQuery([]query.Query{two}, nil, nil), false},
		{"no field", query.NewBooleanQuery([]query.Query{noField}, nil, nil), false},
		{"empty disjunction", query.NewBooleanQuery([]query.Query{query.NewDisjunctionQuery(nil)}, nil, nil), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, ok := compilePlan(c.q)
			if ok != c.ok {
				t.Fatalf("compilePlan ok = %v, want %v", ok, c.ok)
			}
			if ok && c.name == "must not" && p.not == nil {
				t.Error("must-not clause lost")
			}
		})
	}
}

// TestPageLocationsAgree checks that the locations found through a page
// reader are those a searcher over the whole snapshot finds in the same
// documents.
func TestPageLocationsAgree(t *testing.T) {
	ctx := context.Background()
	s := execSearcher(t, execReports(t, 3))
	st := s.cur.Load()
	ex := st.ex
	for _, q := range append(planQueries(), "korupsiya", `"İnformasiya əldə etmək haqqında"`) {
		match, bonus, highlight, scored := st.build(parseQuery(q))
		if !scored || highlight == nil {
			continue
		}
		sr, err := ex.scored(ctx, match, bonus, nil, 25)
		if err != nil {
			t.Fatal(err)
		}
		// Every third hit, so the page has gaps.
		var hits bsearch.DocumentMatchCollection
		for i, h := range sr.hits {
			if i%3 == 0 {
				hits = append(hits, h)
			}
		}
		if len(hits) == 0 {
			continue
		}
		want := map[string]bsearch.FieldTermLocationMap{}
		ws, err := highlight.Searcher(ex.searchContext(ctx), ex.reader, ex.mapping, bsearch.SearcherOptions{IncludeTermVectors: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := ex.visit(ws, hits, func(h, d *bsearch.DocumentMatch) {
			d.Complete(nil)
			want[h.ID] = d.Locations
			d.Locations = nil
		}); err != nil {
			t.Fatal(err)
		}
		ws.Close()
		for _, workers := range []int{1, 2} {
			ex.parallelMin, ex.workers = 1, workers
			got, err := ex.locations(ctx, highlight, hits)
			ex.parallelMin, ex.workers = parallelMinDocs, 1
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(spanSet(got), spanSet(want)) {
				t.Errorf("%q, %d workers: page locations\n%v\nwhole snapshot\n%v", q, workers, spanSet(got), spanSet(want))
			}
		}
		if len(want) == 0 && q != "2.1" {
			t.Errorf("%q: no locations at all", q)
		}
	}
}

// spanSet flattens locations into a set of document/field/term/start/end.
func spanSet(locs map[string]bsearch.FieldTermLocationMap) map[string]bool {
	out := map[string]bool{}
	for id, fields := range locs {
		for f, terms := range fields {
			for term, ls := range terms {
				for _, l := range ls {
					out[fmt.Sprintf("%s %s %s %d-%d", id, f, term, l.Start, l.End)] = true
				}
			}
		}
	}
	return out
}

// TestHighlightNarrativeOnly checks that the highlight query looks only in
// the fields snippets are cut from.
func TestHighlightNarrativeOnly(t *testing.T) {
	s := execSearcher(t, execReports(t, 1))
	st := s.cur.Load()
	for _, q := range []string{"elektron xidmetler", `"qaynar xətt"`, "qht", "korupsiya", "e-məhkəmə 2.1"} {
		_, _, hl, _ := st.build(parseQuery(q))
		if hl == nil {
			t.Errorf("%q: no highlight query", q)
			continue
		}
		fields := map[string]bool{}
		var walk func(q query.Query)
		walk = func(q query.Query) {
			switch q := q.(type) {
			case *query.DisjunctionQuery:
				for _, c := range q.Disjuncts {
					walk(c)
				}
			case *query.ConjunctionQuery:
				for _, c := range q.Conjuncts {
					walk(c)
				}
			case query.FieldableQuery:
				fields[q.Field()] = true
			}
		}
		walk(hl)
		for f := range fields {
			if f != indexer.FieldNarrative && f != indexer.FieldNarrativeFolded {
				t.Errorf("%q: highlight query looks in %s", q, f)
			}
		}
		if !fields[indexer.FieldNarrativeFolded] {
			t.Errorf("%q: highlight query does not look in %s (%v)", q, indexer.FieldNarrativeFolded, fields)
		}
	}
}

// TestMergesAgainstNaive checks gallop, intersect and union (merged and
// dense) against plain maps on random lists.
func TestMergesAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ex := &executor{maxDoc: 500}
	randomList := func() postingList {
		l := postingList{weight: 1}
		if rng.IntN(2) == 0 {
			l.weight = 0.5 + rng.Float64()
		}
		density := rng.Float64()
		for d := uint32(0); d < ex.maxDoc; d++ {
			if rng.Float64() < density*density {
				l.docs = append(l.docs, d)
				l.scores = append(l.scores, rng.Float64())
			}
		}
		return l
	}
	for round := range 200 {
		k := 1 + rng.IntN(4)
		lists := make([]postingList, k)
		for i := range lists {
			lists[i] = randomList()
		}
		// The expected union and intersection, summing in list order.
		sums, counts := map[uint32]float64{}, map[uint32]int{}
		for _, l := range lists {
			for i, d := range l.docs {
				sums[d] += l.score(i)
				counts[d]++
			}
		}
		check := func(name string, got postingList, want func(d uint32) (float64, bool)) {
			t.Helper()
			n := 0
			for d := uint32(0); d < ex.maxDoc; d++ {
				if _, ok := want(d); ok {
					n++
				}
			}
			if len(got.docs) != n {
				t.Fatalf("round %d %s: %d documents, want %d", round, name, len(got.docs), n)
			}
			for i, d := range got.docs {
				w, ok := want(d)
				if !ok || math.Abs(got.score(i)-w) > 1e-12 || (i > 0 && got.docs[i-1] >= d) {
					t.Fatalf("round %d %s: document %d score %v, want %v (%v)", round, name, d, got.score(i), w, ok)
				}
			}
		}
		for _, ratio := range []int{0, 1 << 20} {
			ex.denseRatio = ratio
			check(fmt.Sprintf("union ratio %d", ratio), ex.union(&scratch{}, lists), func(d uint32) (float64, bool) {
				return sums[d] * float64(counts[d]) / float64(k), counts[d] > 0
			})
		}
		check("intersect", intersect(&scratch{}, lists), func(d uint32) (float64, bool) {
			return sums[d], counts[d] == k
		})
		// gallop finds the first document at least d from any start.
		l := lists[0]
		for q := 0; q < 20; q++ {
			d, from := uint32(rng.IntN(int(ex.maxDoc)+2)), 0
			if len(l.docs) > 0 {
				from = rng.IntN(len(l.docs) + 1)
			}
			want := from
			for want < len(l.docs) && l.docs[want] < d {
				want++
			}
			if got := gallop(l.docs, from, d); got != want {
				t.Fatalf("gallop(%v, %d, %d) = %d, want %d", l.docs, from, d, got, want)
			}
		}
	}
}

// TestInParallel checks that every job runs, errors are joined and a
// panic becomes an error.
func TestInParallel(t *testing.T) {
	var ran [5]bool
	boom := errors.New("boom")
	err := inParallel(5, "job", func(i int) error {
		ran[i] = true
		switch i {
		case 2:
			return boom
		case 3:
			panic("bad")
		}
		return nil
	})
	if ran != [5]bool{true, true, true, true, true} {
		t.Errorf("ran %v", ran)
	}
	if !errors.Is(err, boom) || err == nil || !strings.Contains(err.Error(), "search: job 3: panic: bad") {
		t.Errorf("error %v", err)
	}
	if err := inParallel(0, "job", func(int) error { return boom }); err != nil {
		t.Errorf("no jobs: %v", err)
	}
}
