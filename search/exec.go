package search

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search/internal/postings"
)

// executor runs queries over one snapshot of an index and counts facets
// without reading doc values. It holds, for every value of every facet, the
// set of documents that have it (a roaring bitmap over the snapshot's
// document numbers), so counting a facet over the matches of a query is one
// bitmap intersection per value instead of a doc-value read per match; and a
// multi-select facet is counted from the same match set, without another query.
//
// Document numbers are only meaningful within one snapshot, so every query
// that produces them runs on ex.reader. The snapshot is immutable: an index
// opened read-only, or built in memory (no merger), never changes under it.
type executor struct {
	reader index.IndexReader
	// post reads the snapshot's postings and numbers its documents.
	post    postings.Reader
	mapping mapping.IndexMapping
	scoring string
	// all holds every live document.
	all *roaring.Bitmap
	// values maps a facet name to its values, each with its documents.
	values map[string]map[string]*roaring.Bitmap
	// perDoc maps a facet name to the values of each document, for
	// counting over a small set.
	perDoc map[string]*docValues
	// byOrder lists every document number in document order (the order field).
	byOrder []uint32
	// parallelMin and workers are parallelMinDocs and how many ranges a
	// large index is searched in; tests lower them.
	parallelMin uint64
	workers     int
	// stats remembers the average length of each field scored.
	stats fieldStats
	// impacts remembers decoded postings (nil: none).
	impacts *impactCache
	// seekRatio is seekPerCandidate; visitPerValue, smallSetPerValue.
	seekRatio     uint64
	visitPerValue int
	// maxDoc is the number after the last document.
	maxDoc uint32
	// dense holds *denseAcc arrays of maxDoc entries for unions;
	// denseRatio is denseUnionRatio (tests change it).
	dense      sync.Pool
	denseRatio int
	// scratches holds *scratch blocks for the merges of term plans.
	scratches sync.Pool
	// bleveOnly turns term plans off: every query runs through bleve's
	// searchers (tests compare the two).
	bleveOnly bool
}

// rescoreWindow is how many of the best matches a query's proximity bonus is
// computed for (as Elasticsearch's rescore window): phrases are costly to
// check in every match, and only the top of the list can move into view.
const rescoreWindow = 100

// newExecutor opens a snapshot of b and reads the facet sets.
func newExecutor(ctx context.Context, b bleve.Index) (*executor, error) {
	return newExecutorWith(ctx, b, postings.Open)
}

// newExecutorWith is newExecutor with the snapshot's postings read by the
// reader open returns (tests compare the readers).
func newExecutorWith(ctx context.Context, b bleve.Index, open func(index.IndexReader) (postings.Reader, error)) (*executor, error) {
	adv, err := b.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: open snapshot: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: open snapshot: %w", err)
	}
	ex := &executor{
		reader:  r,
		mapping: b.Mapping(),
		scoring: index.DefaultScoringModel,
		all:     roaring.New(),
		values:  make(map[string]map[string]*roaring.Bitmap, len(facetSpecs())),
		perDoc:  make(map[string]*docValues, len(facetSpecs())),

		parallelMin:   parallelMinDocs,
		impacts:       newImpactCache(impactCacheBytes, minCachedImpacts),
		denseRatio:    denseUnionRatio,
		seekRatio:     seekPerCandidate,
		visitPerValue: smallSetPerValue,
		workers:       min(runtime.GOMAXPROCS(0), maxParts),
	}
	if ex.post, err = open(r); err != nil {
		r.Close()
		return nil, fmt.Errorf("search: open snapshot: %w", err)
	}
	ex.maxDoc = ex.post.MaxDoc()
	if im, ok := b.Mapping().(*mapping.IndexMappingImpl); ok && im.ScoringModel != "" {
		ex.scoring = im.ScoringModel
	}
	if err := ex.load(ctx); err != nil {
		r.Close()
		return nil, err
	}
	return ex, nil
}

// load reads the live documents, the facet sets and the document order.
func (ex *executor) load(ctx context.Context) error {
	ids, err := ex.reader.DocIDReaderAll()
	if err != nil {
		return fmt.Errorf("search: list documents: %w", err)
	}
	for {
		id, err := ids.Next()
		if err != nil {
			ids.Close()
			return fmt.Errorf("search: list documents: %w", err)
		}
		if id == nil {
			break
		}
		n, err := ex.docNum(id)
		if err != nil {
			ids.Close()
			return err
		}
		ex.all.Add(n)
	}
	ids.Close()

	for _, f := range facetSpecs() {
		vals, err := ex.termSets(ctx, f.field)
		if err != nil {
			return err
		}
		ex.values[f.name] = vals
		ex.perDoc[f.name] = newDocValues(vals, ex.all)
	}
	return ex.loadOrder()
}

// termSets returns, for every term of a keyword field, the documents that have it.
func (ex *executor) termSets(ctx context.Context, field string) (map[string]*roaring.Bitmap, error) {
	dict, err := ex.reader.FieldDict(field)
	if err != nil {
		return nil, fmt.Errorf("search: terms of %s: %w", field, err)
	}
	defer dict.Close()
	out := make(map[string]*roaring.Bitmap)
	var tfd index.TermFieldDoc
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("search: terms of %s: %w", field, err)
		}
		if e == nil {
			break
		}
		tfr, err := ex.reader.TermFieldReader(ctx, []byte(e.Term), field, false, false, false)
		if err != nil {
			return nil, fmt.Errorf("search: postings of %s:%s: %w", field, e.Term, err)
		}
		set := roaring.New()
		for {
			d, err := tfr.Next(&tfd)
			if err != nil {
				tfr.Close()
				return nil, fmt.Errorf("search: postings of %s:%s: %w", field, e.Term, err)
			}
			if d == nil {
				break
			}
			n, err := ex.docNum(d.ID)
			if err != nil {
				tfr.Close()
				return nil, err
			}
			set.Add(n)
		}
		tfr.Close()
		set.RunOptimize()
		out[e.Term] = set
	}
	return out, nil
}

// loadOrder sorts the document numbers by the order field; documents
// without one go last, in document-number order.
func (ex *executor) loadOrder() error {
	dvr, err := ex.reader.DocValueReader([]string{indexer.FieldOrder})
	if err != nil {
		return fmt.Errorf("search: document order: %w", err)
	}
	type doc struct {
		num   uint32
		order float64
	}
	docs := make([]doc, 0, ex.all.GetCardinality())
	var buf []byte
	it := ex.all.Iterator()
	for it.HasNext() {
		n := it.Next()
		buf = ex.post.ID(n, buf)
		d := doc{num: n, order: math.Inf(1)}
		err := dvr.VisitDocValues(buf, func(field string, term []byte) {
			pc := numeric.PrefixCoded(term)
			if s, err := pc.Shift(); err != nil || s != 0 {
				return
			}
			if v, err := pc.Int64(); err == nil {
				d.order = numeric.Int64ToFloat64(v)
			}
		})
		if err != nil {
			return fmt.Errorf("search: document order: %w", err)
		}
		docs = append(docs, d)
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].order < docs[j].order })
	ex.byOrder = make([]uint32, len(docs))
	for i, d := range docs {
		ex.byOrder[i] = d.num
	}
	return nil
}

// close releases the snapshot.
func (ex *executor) close() error {
	if err := ex.reader.Close(); err != nil {
		return fmt.Errorf("search: close snapshot: %w", err)
	}
	return nil
}

// docNum returns the number of the document with internal ID id.
func (ex *executor) docNum(id index.IndexInternalID) (uint32, error) {
	n, err := ex.post.Num(id)
	if err != nil {
		return 0, fmt.Errorf("search: %w", err)
	}
	return n, nil
}

// searchContext returns ctx with what bleve's searchers expect of a search
// run through bleve.Index: the index's scoring model.
func (ex *executor) searchContext(ctx context.Context) context.Context {
	return postings.Context(ctx, ex.scoring)
}

// filterSet returns the documents that have one of the selected values of
// every facet except skip, or nil when no such facet has a selection.
func (ex *executor) filterSet(filters map[string][]string, skip string) *roaring.Bitmap {
	var out *roaring.Bitmap
	for _, f := range facetSpecs() {
		vals := filters[f.name]
		if f.name == skip || len(vals) == 0 {
			continue
		}
		any := roaring.New()
		for _, v := range vals {
			if set, ok := ex.values[f.name][v]; ok {
				any.Or(set)
			}
		}
		if out == nil {
			out = any
		} else {
			out.And(any)
		}
	}
	return out
}

// valueCounts is how many documents of a set have each value of a facet:
// n[i] have names[i] (names sorted, shared with the executor).
type valueCounts struct {
	names []string
	n     []int
}

// get returns the count of value v.
func (c valueCounts) get(v string) int {
	if i, ok := slices.BinarySearch(c.names, v); ok {
		return c.n[i]
	}
	return 0
}

// count returns how many documents of set have each value of a facet: by
// visiting the documents of a small set, else by intersecting set with each
// value's documents.
func (ex *executor) count(set *roaring.Bitmap, facet string) valueCounts {
	dv := ex.perDoc[facet]
	if dv == nil {
		return valueCounts{}
	}
	n := set.GetCardinality()
	if n == 0 {
		return valueCounts{names: dv.names, n: make([]int, len(dv.names))}
	}
	if n <= uint64(ex.visitPerValue*len(dv.names)) {
		return dv.count(set)
	}
	out := valueCounts{names: dv.names, n: make([]int, len(dv.names))}
	for i, docs := range dv.sets {
		out.n[i] = int(set.AndCardinality(docs))
	}
	return out
}

// smallSetPerValue sets when count visits documents: for a set of at most
// this many documents per value of the facet.
const smallSetPerValue = 64

// docValues lists the values of each document in compressed-row form: the
// values of document d are names[vals[off[d]:off[d+1]]].
type docValues struct {
	names []string
	// sets[i] holds the documents that have names[i].
	sets []*roaring.Bitmap
	off  []uint32
	vals []uint32
}

// newDocValues inverts the value sets of a facet over the documents of all.
func newDocValues(sets map[string]*roaring.Bitmap, all *roaring.Bitmap) *docValues {
	dv := &docValues{names: make([]string, 0, len(sets))}
	for v := range sets {
		dv.names = append(dv.names, v)
	}
	sort.Strings(dv.names)
	for _, v := range dv.names {
		dv.sets = append(dv.sets, sets[v])
	}
	size := uint32(0)
	if !all.IsEmpty() {
		size = all.Maximum() + 1
	}
	for _, set := range sets {
		if !set.IsEmpty() {
			size = max(size, set.Maximum()+1)
		}
	}
	counts := make([]uint32, size+1)
	total := 0
	for _, v := range dv.names {
		it := sets[v].Iterator()
		for it.HasNext() {
			counts[it.Next()+1]++
			total++
		}
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	dv.off = counts
	dv.vals = make([]uint32, total)
	next := append([]uint32(nil), counts[:size]...)
	for o, v := range dv.names {
		it := sets[v].Iterator()
		for it.HasNext() {
			d := it.Next()
			dv.vals[next[d]] = uint32(o)
			next[d]++
		}
	}
	return dv
}

// count returns how many documents of set have each value.
func (dv *docValues) count(set *roaring.Bitmap) valueCounts {
	n := make([]int, len(dv.names))
	it := set.Iterator()
	for it.HasNext() {
		d := it.Next()
		if int(d)+1 >= len(dv.off) {
			continue
		}
		for _, o := range dv.vals[dv.off[d]:dv.off[d+1]] {
			n[o]++
		}
	}
	return valueCounts{names: dv.names, n: n}
}

// scoredResult is the page of a scored query and its match sets.
type scoredResult struct {
	// hits are the best matches in the filtered set, best first, from 0 to
	// the window's end (the caller slices out the page).
	hits bsearch.DocumentMatchCollection
	// matched holds every document the query matches, before filters.
	matched *roaring.Bitmap
}

// parallelMinDocs is the index size from which a scored query runs in
// parallel over ranges of documents, one per CPU (at most maxParts): below
// it, a second searcher costs more than it saves.
const (
	parallelMinDocs = 16384
	maxParts        = 4
)

// scored runs match and keeps the best n matches that are in filter (every
// match when filter is nil), recording every match in the result's matched
// set as it goes: one pass scores, filters and collects the documents facets
// are counted over. A bonus query (nil for none) adds its score to the best
// max(n, rescoreWindow) matches, which are then ranked again; scores are
// normalised as bleve normalises a boolean query of match and bonus. On a
// large index the pass runs over ranges of documents in parallel. Ties are
// ranked in document-number order whatever the ranges.
func (ex *executor) scored(ctx context.Context, match, bonus query.Query, filter *roaring.Bitmap, n int) (*scoredResult, error) {
	ctx = ex.searchContext(ctx)
	window := n
	if bonus != nil {
		window = max(n, rescoreWindow)
	}
	if p, ok := compilePlan(match); ok && !ex.bleveOnly {
		var bp *planNode
		if bonus != nil {
			bp, ok = compileNode(bonus)
		}
		if ok {
			out, err := ex.scoredPlan(ctx, p, bp, filter, window)
			if err != nil {
				return nil, err
			}
			return ex.finish(out, nil, nil, n)
		}
	}
	var bs bsearch.Searcher
	pg := &page{}
	if bonus != nil {
		var err error
		if bs, err = bonus.Searcher(ctx, pageReader{ex.reader, ex.post, pg}, ex.mapping, bsearch.SearcherOptions{}); err != nil {
			return nil, err
		}
		defer bs.Close()
	}
	parts := ex.parts()
	// The last range runs here, on a searcher made first: its weight and the
	// bonus's give the query norm every range's searcher is set to.
	lastS, err := match.Searcher(ctx, ex.reader, ex.mapping, bsearch.SearcherOptions{})
	if err != nil {
		return nil, err
	}
	defer lastS.Close()
	norm := 0.0
	if bs != nil {
		norm = 1 / math.Sqrt(lastS.Weight()+bs.Weight())
		lastS.SetQueryNorm(norm)
		bs.SetQueryNorm(norm)
	}
	results := make([]*scoredResult, len(parts))
	last := len(parts) - 1
	err = inParallel(len(parts), "range", func(j int) error {
		// Job 0, on this goroutine, is the last range, on lastS.
		i := (j + last) % len(parts)
		if j == 0 {
			var err error
			results[i], err = ex.scoredRange(ctx, lastS, filter, window, parts[i])
			return err
		}
		s, err := match.Searcher(ctx, ex.reader, ex.mapping, bsearch.SearcherOptions{})
		if err != nil {
			return err
		}
		defer s.Close()
		if norm != 0 {
			s.SetQueryNorm(norm)
		}
		results[i], err = ex.scoredRange(ctx, s, filter, window, parts[i])
		return err
	})
	if err != nil {
		return nil, err
	}
	out := &scoredResult{matched: roaring.New()}
	for _, r := range results {
		out.hits = append(out.hits, r.hits...)
		out.matched.Or(r.matched)
	}
	rank(out.hits)
	out.hits = out.hits[:min(window, len(out.hits))]
	return ex.finish(out, bs, pg, n)
}

// finish adds the scores of the bonus searcher bs (nil for none; a
// searcher over a pageReader of pg) to the ranked hits of out, keeps the
// best n and looks up their external IDs.
func (ex *executor) finish(out *scoredResult, bs bsearch.Searcher, pg *page, n int) (*scoredResult, error) {
	var err error
	if bs != nil {
		if err := pg.set(ex.post, out.hits); err != nil {
			return nil, err
		}
		if err := ex.rescore(bs, out.hits); err != nil {
			return nil, err
		}
	}
	out.hits = out.hits[:min(n, len(out.hits))]
	for _, h := range out.hits {
		if h.ID == "" {
			if h.ID, err = ex.reader.ExternalID(h.IndexInternalID); err != nil {
				return nil, fmt.Errorf("search: document %x: %w", []byte(h.IndexInternalID), err)
			}
		}
	}
	return out, nil
}

// idLater is the snapshot reader the collector gets: it leaves the external
// IDs of its hits empty, for scored to look up only those of the hits it keeps.
type idLater struct{ index.IndexReader }

// ExternalID returns "" without looking the ID up.
func (idLater) ExternalID(index.IndexInternalID) (string, error) { return "", nil }

// docRange is a range [start, end) of document numbers.
type docRange struct{ start, end uint64 }

// parts splits the snapshot's documents into ranges of about equal size,
// one per CPU on a large index, else one.
func (ex *executor) parts() []docRange {
	count := ex.all.GetCardinality()
	p := uint64(max(ex.workers, 1))
	if count < ex.parallelMin || p < 2 || count < p {
		return []docRange{{0, math.MaxUint64}}
	}
	out := make([]docRange, 0, p)
	start := uint64(0)
	for i := uint64(1); i < p; i++ {
		b, err := ex.all.Select(uint32(i * count / p))
		if err != nil {
			break
		}
		out = append(out, docRange{start, uint64(b)})
		start = uint64(b)
	}
	return append(out, docRange{start, math.MaxUint64})
}

// scoredRange collects the best window matches of s in one range of documents.
func (ex *executor) scoredRange(ctx context.Context, s bsearch.Searcher, filter *roaring.Bitmap, window int, r docRange) (*scoredResult, error) {
	rs := &rangeSearcher{Searcher: s, post: ex.post, docRange: r, filter: filter, matched: roaring.New()}
	coll := collector.NewTopNCollector(window, 0, bsearch.SortOrder{&bsearch.SortScore{Desc: true}})
	if err := coll.Collect(ctx, rs, idLater{ex.reader}); err != nil {
		return nil, err
	}
	if rs.err != nil {
		return nil, rs.err
	}
	return &scoredResult{hits: coll.Results(), matched: rs.matched}, nil
}

// rank sorts hits best first, ties in document-number order.
func rank(hits bsearch.DocumentMatchCollection) {
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].IndexInternalID.Compare(hits[j].IndexInternalID) < 0
	})
}

// rangeSearcher passes on the matches of its searcher whose document
// numbers are in its range and in filter (any, when filter is nil), and
// records every match in the range in matched.
type rangeSearcher struct {
	bsearch.Searcher
	post postings.Reader
	docRange
	filter  *roaring.Bitmap
	matched *roaring.Bitmap
	begun   bool
	done    bool
	// err is a document number out of range, reported after the search.
	err error
}

// Next returns the next match in range.
func (r *rangeSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !r.begun && r.start > 0 {
		return r.Advance(ctx, r.post.ID(uint32(r.start), nil))
	}
	r.begun = true
	if r.done {
		return nil, nil
	}
	d, err := r.Searcher.Next(ctx)
	return r.pass(ctx, d, err)
}

// Advance returns the first match in range at or after id.
func (r *rangeSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	r.begun = true
	if r.done {
		return nil, nil
	}
	if n, err := r.post.Num(id); err == nil && uint64(n) < r.start {
		id = r.post.ID(uint32(r.start), nil)
	}
	d, err := r.Searcher.Advance(ctx, id)
	return r.pass(ctx, d, err)
}

// pass returns d, or the first match after it, that is in range and in
// filter, recording the matches in range it passes over.
func (r *rangeSearcher) pass(ctx *bsearch.SearchContext, d *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	for ; d != nil && err == nil; d, err = r.Searcher.Next(ctx) {
		v, err := r.post.Num(d.IndexInternalID)
		if err != nil {
			ctx.DocumentMatchPool.Put(d)
			r.err, r.done = fmt.Errorf("search: %w", err), true
			return nil, nil
		}
		if uint64(v) >= r.end {
			ctx.DocumentMatchPool.Put(d)
			r.done = true
			return nil, nil
		}
		r.matched.Add(v)
		if r.filter == nil || r.filter.Contains(v) {
			return d, nil
		}
		ctx.DocumentMatchPool.Put(d)
	}
	return nil, err
}

// matches returns every document q matches, without scoring.
func (ex *executor) matches(ctx context.Context, q query.Query) (*roaring.Bitmap, error) {
	ctx = ex.searchContext(ctx)
	s, err := q.Searcher(ctx, ex.reader, ex.mapping, bsearch.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	sctx := newSearchContext(s, ex.reader)
	out := roaring.New()
	for i := 0; ; i++ {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		d, err := s.Next(sctx)
		if err != nil {
			return nil, err
		}
		if d == nil {
			break
		}
		n, err := ex.docNum(d.IndexInternalID)
		if err != nil {
			return nil, err
		}
		out.Add(n)
		sctx.DocumentMatchPool.Put(d)
	}
	return out, nil
}

// rescore adds the score of s, a searcher over ex.reader, to each of hits
// and ranks them again.
func (ex *executor) rescore(s bsearch.Searcher, hits bsearch.DocumentMatchCollection) error {
	err := ex.visit(s, hits, func(h, d *bsearch.DocumentMatch) { h.Score += d.Score })
	if err != nil {
		return err
	}
	rank(hits)
	return nil
}

// visit advances s, a searcher over ex.reader, to each of hits in document
// order, calling found with each hit s matches and its match (which found
// must not keep: it goes back to the pool).
func (ex *executor) visit(s bsearch.Searcher, hits bsearch.DocumentMatchCollection, found func(h, d *bsearch.DocumentMatch)) error {
	sctx := newSearchContext(s, ex.reader)
	byNum := make([]*bsearch.DocumentMatch, len(hits))
	copy(byNum, hits)
	sort.Slice(byNum, func(i, j int) bool {
		return byNum[i].IndexInternalID.Compare(byNum[j].IndexInternalID) < 0
	})
	var cur *bsearch.DocumentMatch
	var err error
	for _, h := range byNum {
		if cur == nil || cur.IndexInternalID.Compare(h.IndexInternalID) < 0 {
			if cur != nil {
				sctx.DocumentMatchPool.Put(cur)
			}
			if cur, err = s.Advance(sctx, h.IndexInternalID); err != nil {
				return err
			}
			if cur == nil {
				break
			}
		}
		if cur.IndexInternalID.Equals(h.IndexInternalID) {
			found(h, cur)
		}
	}
	return nil
}

// inParallel runs job(0) … job(n-1), job 0 on this goroutine and each
// other on its own, and returns their errors joined. A panic in a job is
// its error, named after what the jobs do (on another goroutine it would
// not reach the HTTP server's recovery).
func inParallel(n int, what string, job func(i int) error) error {
	errs := make([]error, n)
	run := func(i int) {
		defer func() {
			if v := recover(); v != nil {
				errs[i] = fmt.Errorf("search: %s %d: panic: %v", what, i, v)
			}
		}()
		errs[i] = job(i)
	}
	var wg sync.WaitGroup
	for i := 1; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(i)
		}()
	}
	if n > 0 {
		run(0)
	}
	wg.Wait()
	return errors.Join(errs...)
}

// newSearchContext returns a context for running s over reader by hand.
func newSearchContext(s bsearch.Searcher, reader index.IndexReader) *bsearch.SearchContext {
	return &bsearch.SearchContext{
		DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0),
		IndexReader:       reader,
	}
}

// ordered returns the page [from, from+size) of set in document order, as
// matches with their external IDs, and the size of set.
func (ex *executor) ordered(set *roaring.Bitmap, from, size int) (bsearch.DocumentMatchCollection, error) {
	out := make(bsearch.DocumentMatchCollection, 0, size)
	seen := 0
	for _, n := range ex.byOrder {
		if len(out) >= size {
			break
		}
		if set != nil && !set.Contains(n) {
			continue
		}
		if seen < from {
			seen++
			continue
		}
		iid := ex.post.ID(n, nil)
		id, err := ex.reader.ExternalID(iid)
		if err != nil {
			return nil, fmt.Errorf("search: document %d: %w", n, err)
		}
		out = append(out, &bsearch.DocumentMatch{ID: id, IndexInternalID: iid})
	}
	return out, nil
}

// locations returns the term locations q finds in each of hits, by ID. Only
// these documents are visited (q's searchers see the postings of no other
// document), so only their term vectors are read. On a large index the
// alternatives of a disjunction are split between the CPUs.
func (ex *executor) locations(ctx context.Context, q query.Query, hits bsearch.DocumentMatchCollection) (map[string]bsearch.FieldTermLocationMap, error) {
	ctx = ex.searchContext(ctx)
	pg := &page{}
	if err := pg.set(ex.post, hits); err != nil {
		return nil, err
	}
	groups := []query.Query{q}
	if d, ok := q.(*query.DisjunctionQuery); ok && len(d.Disjuncts) > 1 && len(ex.parts()) > 1 {
		n := min(len(ex.parts()), len(d.Disjuncts))
		alts := make([][]query.Query, n)
		for i, c := range d.Disjuncts {
			alts[i%n] = append(alts[i%n], c)
		}
		groups = groups[:0]
		for _, a := range alts {
			groups = append(groups, query.NewDisjunctionQuery(a))
		}
	}
	results := make([]map[string]bsearch.FieldTermLocationMap, len(groups))
	err := inParallel(len(groups), "highlights", func(i int) error {
		var err error
		results[i], err = ex.pageLocations(ctx, groups[i], pg, hits)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := results[0]
	for _, r := range results[1:] {
		for id, fields := range r {
			dst := out[id]
			if dst == nil {
				out[id] = fields
				continue
			}
			for f, terms := range fields {
				if dst[f] == nil {
					dst[f] = terms
					continue
				}
				for t, ls := range terms {
					dst[f][t] = append(dst[f][t], ls...)
				}
			}
		}
	}
	return out, nil
}

// pageLocations returns the term locations q finds in each of hits, the
// documents of pg, by ID.
func (ex *executor) pageLocations(ctx context.Context, q query.Query, pg *page, hits bsearch.DocumentMatchCollection) (map[string]bsearch.FieldTermLocationMap, error) {
	s, err := q.Searcher(ctx, pageReader{ex.reader, ex.post, pg}, ex.mapping, bsearch.SearcherOptions{IncludeTermVectors: true})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	out := make(map[string]bsearch.FieldTermLocationMap, len(hits))
	err = ex.visit(s, hits, func(h, d *bsearch.DocumentMatch) {
		d.Complete(nil)
		out[h.ID] = d.Locations
		d.Locations = nil
	})
	return out, err
}
