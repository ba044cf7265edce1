package search

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// A termPlan is a query made only of terms, conjunctions and disjunctions
// (under a boolean query's must, with any must-not), which the executor
// scores itself, a term at a time: it reads each term's postings list once,
// straight through, and combines the lists as bleve's conjunction and
// disjunction searchers combine their matches. bleve's searchers instead
// move every term's cursor document by document, through a pool of match
// objects and a scorer per level: most of the time of a query with many
// matches. The scores are bleve's, to rounding: BM25 (or tf-idf) per term
// with bleve's query weight and query norm, summed in a conjunction, summed
// and multiplied by the fraction of clauses matched (coord) in a
// disjunction. TestExecutorAgreesWithBleve checks it.
type termPlan struct {
	root *planNode
	// not, when not nil, matches the documents to leave out.
	not query.Query
	// normed reports whether bleve would give the root's terms a query
	// norm: it does at every conjunction and disjunction, never for a
	// lone term.
	normed bool
}

// planKind tells a term from a conjunction or disjunction.
type planKind uint8

const (
	planTerm planKind = iota
	planAll           // a conjunction
	planAny           // a disjunction
)

// planNode is one term, conjunction or disjunction of a termPlan.
type planNode struct {
	kind     planKind
	field    string
	term     string
	boost    float64
	children []*planNode

	// Set by prepare, for a term: its postings list in each segment,
	// how many documents have it, its idf and the field's average length
	// (0 for tf-idf).
	lists []segment.PostingsList
	count uint64
	idf   float64
	avg   float64
}

// postingList is the documents a plan node matches, in increasing
// document-number order, with their scores.
type postingList struct {
	docs   []uint32
	scores []float64
}

// compilePlan returns the term plan of q, or false when q has a part the
// executor leaves to bleve (a phrase by positions, a fuzzy or match-all
// query, a boost on a compound query, a should or filter clause).
func compilePlan(q query.Query) (*termPlan, bool) {
	b, ok := q.(*query.BooleanQuery)
	if !ok || b.Should != nil || b.Filter != nil || b.Must == nil || !unboosted(b.BoostVal) {
		return nil, false
	}
	root, ok := compileNode(b.Must)
	if !ok {
		return nil, false
	}
	return &termPlan{root: root, not: b.MustNot, normed: root.kind != planTerm}, true
}

// unboosted reports whether a compound query's boost is absent or 1.
func unboosted(b *query.Boost) bool {
	return b == nil || b.Value() == 1
}

// compileNode returns the plan node of q.
func compileNode(q query.Query) (*planNode, bool) {
	switch q := q.(type) {
	case *query.TermQuery:
		if q.FieldVal == "" {
			return nil, false
		}
		return &planNode{kind: planTerm, field: q.FieldVal, term: q.Term, boost: q.BoostVal.Value()}, true
	case *query.ConjunctionQuery:
		return compileChildren(planAll, q.Conjuncts, q.BoostVal)
	case *query.DisjunctionQuery:
		if q.Min > 1 {
			return nil, false
		}
		return compileChildren(planAny, q.Disjuncts, q.BoostVal)
	}
	return nil, false
}

func compileChildren(kind planKind, qs []query.Query, boost *query.Boost) (*planNode, bool) {
	if len(qs) == 0 || !unboosted(boost) {
		return nil, false
	}
	n := &planNode{kind: kind, children: make([]*planNode, 0, len(qs))}
	for _, c := range qs {
		cn, ok := compileNode(c)
		if !ok {
			return nil, false
		}
		n.children = append(n.children, cn)
	}
	return n, true
}

// terms calls f with every term node of n, in query order.
func (n *planNode) terms(f func(*planNode)) {
	if n.kind == planTerm {
		f(n)
		return
	}
	for _, c := range n.children {
		c.terms(f)
	}
}

// weight returns the sum of the squared weights of n's terms, as bleve's
// searchers compute it for the query norm.
func (n *planNode) weight() float64 {
	if n.kind == planTerm {
		w := n.boost * n.idf
		return w * w
	}
	sum := 0.0
	for _, c := range n.children {
		sum += c.weight()
	}
	return sum
}

// fieldStats is what BM25 needs of a field: the average field length, as
// bleve rounds it (up), or 0 where bleve falls back to tf-idf.
type fieldStats struct {
	mu  sync.Mutex
	avg map[string]float64
}

// avgLength returns bleve's average length of field in ex's snapshot, or 0
// when the index does not score with BM25.
func (ex *executor) avgLength(field string) (float64, error) {
	if ex.scoring != index.BM25Scoring {
		return 0, nil
	}
	ex.stats.mu.Lock()
	defer ex.stats.mu.Unlock()
	if v, ok := ex.stats.avg[field]; ok {
		return v, nil
	}
	count, err := ex.reader.DocCount()
	if err != nil {
		return 0, fmt.Errorf("search: document count: %w", err)
	}
	card := 0
	if r, ok := ex.reader.(index.BM25Reader); ok {
		if card, err = r.FieldCardinality(field); err != nil {
			return 0, fmt.Errorf("search: length of %s: %w", field, err)
		}
	}
	v := 0.0
	if count != 0 || card != 0 {
		v = math.Ceil(float64(card) / float64(count))
	}
	if ex.stats.avg == nil {
		ex.stats.avg = make(map[string]float64)
	}
	ex.stats.avg[field] = v
	return v, nil
}

// segmentRef is one segment of the executor's snapshot: its documents are
// numbered [offset, end) snapshot-wide; deleted ones are left out of its
// postings.
type segmentRef struct {
	seg         segment.Segment
	deleted     *roaring.Bitmap
	offset, end uint64
}

// segmentsOf returns the segments of a scorch snapshot, or false for any
// other reader (which term plans then leave to bleve).
func segmentsOf(r index.IndexReader) ([]segmentRef, bool) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, false
	}
	var out []segmentRef
	running := uint64(0)
	for _, s := range snap.Segments() {
		n := s.Segment().Count()
		out = append(out, segmentRef{seg: s.Segment(), deleted: s.Deleted(), offset: running, end: running + n})
		running += n
	}
	return out, true
}

// prepare looks up the postings list of every term of p in every segment
// and computes each term's idf as bleve's term scorer does.
func (ex *executor) prepare(p *termPlan) error {
	total, err := ex.reader.DocCount()
	if err != nil {
		return fmt.Errorf("search: document count: %w", err)
	}
	dicts := make(map[string][]segment.TermDictionary)
	p.root.terms(func(n *planNode) {
		if err != nil {
			return
		}
		if n.avg, err = ex.avgLength(n.field); err != nil {
			return
		}
		ds, ok := dicts[n.field]
		if !ok {
			ds = make([]segment.TermDictionary, len(ex.segs))
			for i, s := range ex.segs {
				if ds[i], err = s.seg.Dictionary(n.field); err != nil {
					err = fmt.Errorf("search: terms of %s: %w", n.field, err)
					return
				}
			}
			dicts[n.field] = ds
		}
		n.lists = make([]segment.PostingsList, len(ex.segs))
		n.count = 0
		for i, s := range ex.segs {
			pl, lerr := ds[i].PostingsList([]byte(n.term), s.deleted, nil)
			if lerr != nil {
				err = fmt.Errorf("search: postings of %s:%s: %w", n.field, n.term, lerr)
				return
			}
			n.lists[i] = pl
			n.count += pl.Count()
		}
		if n.avg > 0 {
			n.idf = math.Log(1 + (float64(total)-float64(n.count)+0.5)/(float64(n.count)+0.5))
		} else {
			n.idf = 1.0 + math.Log(float64(total)/float64(n.count+1.0))
		}
	})
	return err
}

// estimate returns an upper bound of the number of documents n matches.
func (n *planNode) estimate() uint64 {
	switch n.kind {
	case planTerm:
		return n.count
	case planAll:
		est := uint64(math.MaxUint64)
		for _, c := range n.children {
			est = min(est, c.estimate())
		}
		return est
	default:
		est := uint64(0)
		for _, c := range n.children {
			est += c.estimate()
		}
		return est
	}
}

// cursor walks one term's postings in document order, across the segments.
type cursor struct {
	its  []segment.PostingsIterator
	segs []segmentRef
	si   int
	// doc, freq and norm are the current posting's, once started and
	// until done.
	doc     uint64
	freq    uint64
	norm    float64
	started bool
	done    bool
}

// newCursor returns a cursor over the postings of term node n, before its first.
func (ex *executor) newCursor(n *planNode) *cursor {
	c := &cursor{its: make([]segment.PostingsIterator, len(ex.segs)), segs: ex.segs}
	for i, pl := range n.lists {
		if pl != nil && pl.Count() > 0 {
			c.its[i] = pl.Iterator(true, true, false, nil)
		}
	}
	return c
}

func (c *cursor) set(p segment.Posting) {
	c.doc = p.Number() + c.segs[c.si].offset
	c.freq = p.Frequency()
	c.norm = p.Norm()
}

// next moves to the next posting.
func (c *cursor) next() error {
	c.started = true
	for c.si < len(c.its) {
		if it := c.its[c.si]; it != nil {
			p, err := it.Next()
			if err != nil {
				return err
			}
			if p != nil {
				c.set(p)
				return nil
			}
		}
		c.si++
	}
	c.done = true
	return nil
}

// seek moves to the first posting at or after document target.
func (c *cursor) seek(target uint64) error {
	if c.done || (c.started && c.doc >= target) {
		return nil
	}
	c.started = true
	for c.si < len(c.its) && target >= c.segs[c.si].end {
		c.si++
	}
	if c.si == len(c.its) {
		c.done = true
		return nil
	}
	if it := c.its[c.si]; it != nil {
		local := uint64(0)
		if target > c.segs[c.si].offset {
			local = target - c.segs[c.si].offset
		}
		p, err := it.Advance(local)
		if err != nil {
			return err
		}
		if p != nil {
			c.set(p)
			return nil
		}
	}
	c.si++
	return c.next()
}

// seekPerCandidate: a term's postings are read by seeking to each candidate
// when there are fewer than 1/seekPerCandidate candidates per posting, and
// straight through otherwise (executor.seekRatio; tests change it).
const seekPerCandidate = 4

// planRun evaluates a prepared plan over one range of documents.
type planRun struct {
	ex   *executor
	ctx  context.Context
	norm float64
	r    docRange
	// reads counts postings read, for checking the context now and then.
	reads int
}

// eval returns the matches of n in the run's range, restricted to cands
// (sorted document numbers in the range) unless cands is nil.
func (pr *planRun) eval(n *planNode, cands []uint32) (postingList, error) {
	switch n.kind {
	case planTerm:
		return pr.term(n, cands)
	case planAll:
		// The rarest part first; the others are read only where it matched.
		order := make([]int, len(n.children))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool {
			return n.children[order[a]].estimate() < n.children[order[b]].estimate()
		})
		lists := make([]postingList, len(n.children))
		for _, i := range order {
			l, err := pr.eval(n.children[i], cands)
			if err != nil {
				return postingList{}, err
			}
			if len(l.docs) == 0 {
				return postingList{}, nil
			}
			lists[i] = l
			cands = l.docs
		}
		return intersect(lists), nil
	default:
		lists := make([]postingList, len(n.children))
		for i, c := range n.children {
			l, err := pr.eval(c, cands)
			if err != nil {
				return postingList{}, err
			}
			lists[i] = l
		}
		return union(lists), nil
	}
}

// term returns the postings of term node n in the run's range (within cands
// unless nil), each scored as bleve's term scorer scores it.
func (pr *planRun) term(n *planNode, cands []uint32) (postingList, error) {
	weight := 1.0
	if pr.norm != 0 {
		weight = n.boost * n.idf * pr.norm
	}
	c := pr.ex.newCursor(n)
	size := int(n.count)
	if cands != nil {
		size = min(size, len(cands))
	}
	out := postingList{docs: make([]uint32, 0, size), scores: make([]float64, 0, size)}
	add := func() {
		var tf float64
		if c.freq < scorer.MaxSqrtCache {
			tf = scorer.SqrtCache[int(c.freq)]
		} else {
			tf = math.Sqrt(float64(c.freq))
		}
		var s float64
		if n.avg > 0 {
			length := 1 / (c.norm * c.norm)
			s = n.idf * (tf * bsearch.BM25_k1) /
				(tf + bsearch.BM25_k1*(1-bsearch.BM25_b+(bsearch.BM25_b*length/n.avg)))
		} else {
			s = tf * c.norm * n.idf
		}
		if weight != 1.0 {
			s *= weight
		}
		out.docs = append(out.docs, uint32(c.doc))
		out.scores = append(out.scores, s)
	}
	check := func() error {
		pr.reads++
		if pr.reads%4096 == 0 {
			return pr.ctx.Err()
		}
		return nil
	}
	fail := func(err error) (postingList, error) {
		return postingList{}, fmt.Errorf("search: postings of %s:%s: %w", n.field, n.term, err)
	}
	if cands != nil && uint64(len(cands))*pr.ex.seekRatio < n.count {
		for _, d := range cands {
			if err := c.seek(uint64(d)); err != nil {
				return fail(err)
			}
			if c.done || c.doc >= pr.r.end {
				break
			}
			if c.doc == uint64(d) {
				add()
			}
			if err := check(); err != nil {
				return postingList{}, err
			}
		}
		return out, nil
	}
	if err := c.seek(pr.r.start); err != nil {
		return fail(err)
	}
	k := 0
	for !c.done && c.doc < pr.r.end {
		if c.doc > math.MaxUint32 {
			return postingList{}, fmt.Errorf("search: document number %d out of range", c.doc)
		}
		if cands == nil {
			add()
		} else {
			for k < len(cands) && uint64(cands[k]) < c.doc {
				k++
			}
			if k == len(cands) {
				break
			}
			if uint64(cands[k]) == c.doc {
				add()
			}
		}
		if err := check(); err != nil {
			return postingList{}, err
		}
		if err := c.next(); err != nil {
			return fail(err)
		}
	}
	return out, nil
}

// intersect returns the documents in every one of lists, each scored with
// the sum of its scores (bleve's conjunction).
func intersect(lists []postingList) postingList {
	if len(lists) == 1 {
		return lists[0]
	}
	// Lead with the shortest list.
	lead := 0
	for i, l := range lists {
		if len(l.docs) < len(lists[lead].docs) {
			lead = i
		}
	}
	out := postingList{
		docs:   make([]uint32, 0, len(lists[lead].docs)),
		scores: make([]float64, 0, len(lists[lead].docs)),
	}
	pos := make([]int, len(lists))
next:
	for _, d := range lists[lead].docs {
		for i, l := range lists {
			p := pos[i]
			for p < len(l.docs) && l.docs[p] < d {
				p++
			}
			pos[i] = p
			if p == len(l.docs) {
				break next
			}
			if l.docs[p] != d {
				continue next
			}
		}
		sum := 0.0
		for i, l := range lists {
			sum += l.scores[pos[i]]
		}
		out.docs = append(out.docs, d)
		out.scores = append(out.scores, sum)
	}
	return out
}

// union returns the documents in any of lists, each scored with the sum of
// its scores times the fraction of lists it is in (bleve's disjunction).
func union(lists []postingList) postingList {
	if len(lists) == 1 {
		// bleve's coord is 1/1.
		return lists[0]
	}
	size := 0
	for _, l := range lists {
		size = max(size, len(l.docs))
	}
	out := postingList{docs: make([]uint32, 0, size), scores: make([]float64, 0, size)}
	pos := make([]int, len(lists))
	total := float64(len(lists))
	for {
		d := uint32(math.MaxUint32)
		found := false
		for i, l := range lists {
			if pos[i] < len(l.docs) && (!found || l.docs[pos[i]] < d) {
				d, found = l.docs[pos[i]], true
			}
		}
		if !found {
			return out
		}
		sum, matched := 0.0, 0
		for i, l := range lists {
			if pos[i] < len(l.docs) && l.docs[pos[i]] == d {
				sum += l.scores[pos[i]]
				matched++
				pos[i]++
			}
		}
		out.docs = append(out.docs, d)
		out.scores = append(out.scores, sum*(float64(matched)/total))
	}
}

// scoredPlan is scored for a term plan: it scores every match of p from
// the postings, leaves out the matches of p's must-not query, records every
// match in matched, and keeps the best window matches in filter (every
// match when filter is nil), best first, ties in document-number order. On
// a large index it runs over ranges of documents in parallel. bonusWeight
// is the weight of the bonus query whose scores are added later (0 for
// none): it enters the query norm, which scoredPlan returns.
func (ex *executor) scoredPlan(ctx context.Context, p *termPlan, bonusWeight float64, filter *roaring.Bitmap, window int) (*scoredResult, float64, error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	if err := ex.prepare(p); err != nil {
		return nil, 0, err
	}
	norm := 0.0
	if p.normed || bonusWeight != 0 {
		norm = 1 / math.Sqrt(p.root.weight()+bonusWeight)
	}
	var not *roaring.Bitmap
	if p.not != nil {
		var err error
		if not, err = ex.matches(ctx, p.not); err != nil {
			return nil, 0, err
		}
	}
	parts := ex.parts()
	type result struct {
		matched []uint32
		hits    bsearch.DocumentMatchCollection
	}
	results := make([]result, len(parts))
	errs := make([]error, len(parts))
	run := func(i int) {
		// A panic here would not reach the HTTP server's recovery.
		defer func() {
			if v := recover(); v != nil {
				errs[i] = fmt.Errorf("search: range %d: panic: %v", i, v)
			}
		}()
		pr := &planRun{ex: ex, ctx: ctx, norm: norm, r: parts[i]}
		list, err := pr.eval(p.root, nil)
		if err != nil {
			errs[i] = err
			return
		}
		top := &topHits{}
		kept := list.docs[:0:0]
		for j, d := range list.docs {
			if not != nil && not.Contains(d) {
				continue
			}
			kept = append(kept, d)
			if filter != nil && !filter.Contains(d) {
				continue
			}
			top.offer(window, d, list.scores[j])
		}
		results[i] = result{kept, top.results()}
	}
	var wg sync.WaitGroup
	for i := range parts[:len(parts)-1] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(i)
		}()
	}
	run(len(parts) - 1)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, 0, err
	}
	out := &scoredResult{matched: roaring.New()}
	for _, r := range results {
		out.matched.AddMany(r.matched)
		out.hits = append(out.hits, r.hits...)
	}
	rank(out.hits)
	out.hits = out.hits[:min(window, len(out.hits))]
	return out, norm, nil
}

// topHits keeps the best matches offered to it: a heap with the worst of
// them on top.
type topHits struct {
	docs   []uint32
	scores []float64
}

// offer keeps document d with score s if it is among the best n so far.
// Documents are offered in increasing number, so an equal score never
// replaces a kept document.
func (t *topHits) offer(n int, d uint32, s float64) {
	if n <= 0 {
		return
	}
	if len(t.docs) < n {
		heap.Push(t, hit{d, s})
		return
	}
	if s <= t.scores[0] {
		return
	}
	t.docs[0], t.scores[0] = d, s
	heap.Fix(t, 0)
}

// results returns the kept matches, best first, ties in document-number order.
func (t *topHits) results() bsearch.DocumentMatchCollection {
	out := make(bsearch.DocumentMatchCollection, len(t.docs))
	for i := len(t.docs) - 1; i >= 0; i-- {
		h := heap.Pop(t).(hit)
		out[i] = &bsearch.DocumentMatch{
			IndexInternalID: index.NewIndexInternalID(nil, uint64(h.doc)),
			Score:           h.score,
		}
	}
	return out
}

// hit is a document and its score.
type hit struct {
	doc   uint32
	score float64
}

func (t *topHits) Len() int { return len(t.docs) }

// Less puts the worse match first: the lower score, or on equal scores the
// later document.
func (t *topHits) Less(i, j int) bool {
	if t.scores[i] != t.scores[j] {
		return t.scores[i] < t.scores[j]
	}
	return t.docs[i] > t.docs[j]
}

func (t *topHits) Swap(i, j int) {
	t.docs[i], t.docs[j] = t.docs[j], t.docs[i]
	t.scores[i], t.scores[j] = t.scores[j], t.scores[i]
}

func (t *topHits) Push(x any) {
	h := x.(hit)
	t.docs = append(t.docs, h.doc)
	t.scores = append(t.scores, h.score)
}

func (t *topHits) Pop() any {
	n := len(t.docs) - 1
	h := hit{t.docs[n], t.scores[n]}
	t.docs, t.scores = t.docs[:n], t.scores[:n]
	return h
}
