package search

import (
	"container/heap"
	"context"
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/hesabat/hesabat/search/internal/postings"
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

	// Set by prepare, for a term: its postings (nil when remembered),
	// how many documents have it and its scorer; by load, its impacts.
	post  postings.Term
	count uint64
	sc    postings.Scorer
	imp   *impacts
}

// postingList is the documents a plan node matches, in increasing
// document-number order, with their scores.
type postingList struct {
	docs   []uint32
	scores []float64
	// weight, unless 1, multiplies each score (a term's query weight:
	// its scores are shared with the cache).
	weight float64
}

// score returns the score of the i-th document of l.
func (l *postingList) score(i int) float64 {
	if l.weight != 1.0 {
		return l.scores[i] * l.weight
	}
	return l.scores[i]
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

// each calls f with every term node under roots.
func each(roots []*planNode, f func(*planNode)) {
	for _, r := range roots {
		r.terms(f)
	}
}

// weight returns the sum of the squared weights of n's terms, as bleve's
// searchers compute it for the query norm.
func (n *planNode) weight() float64 {
	if n.kind == planTerm {
		return n.sc.SquaredWeight(n.boost)
	}
	sum := 0.0
	for _, c := range n.children {
		sum += c.weight()
	}
	return sum
}

// fieldStats remembers the average length of each field, as bleve rounds
// it (up), or 0 where bleve falls back to tf-idf.
type fieldStats struct {
	mu  sync.Mutex
	avg map[string]float64
}

// avgLength returns the average length of field in ex's snapshot, or 0
// when the index does not score with BM25.
func (ex *executor) avgLength(field string) (float64, error) {
	ex.stats.mu.Lock()
	defer ex.stats.mu.Unlock()
	if v, ok := ex.stats.avg[field]; ok {
		return v, nil
	}
	v, err := postings.AvgLength(ex.reader, ex.scoring, field)
	if err != nil {
		return 0, fmt.Errorf("search: %w", err)
	}
	if ex.stats.avg == nil {
		ex.stats.avg = make(map[string]float64)
	}
	ex.stats.avg[field] = v
	return v, nil
}

// prepare sets the impacts of the terms under roots that ex remembers,
// looks up the postings of every other, and gives each term its scorer.
func (ex *executor) prepare(roots ...*planNode) error {
	total, err := ex.reader.DocCount()
	if err != nil {
		return fmt.Errorf("search: document count: %w", err)
	}
	dicts := make(map[string]postings.Dict)
	each(roots, func(n *planNode) {
		if err != nil {
			return
		}
		avg, aerr := ex.avgLength(n.field)
		if aerr != nil {
			err = aerr
			return
		}
		defer func() { n.sc = postings.NewScorer(total, n.count, avg) }()
		// A remembered term needs no look-up: its list gives its count.
		if n.imp = ex.impacts.get(n.key()); n.imp != nil {
			n.count = uint64(len(n.imp.docs))
			return
		}
		d, ok := dicts[n.field]
		if !ok {
			if d, err = ex.post.Dict(n.field); err != nil {
				err = fmt.Errorf("search: %w", err)
				return
			}
			dicts[n.field] = d
		}
		if n.post, err = d.Term(n.term); err != nil {
			err = fmt.Errorf("search: %w", err)
			return
		}
		n.count = n.post.Count()
	})
	return err
}

// impacts is a term's postings, decoded: its documents in increasing
// number, each with the term's score in it before the query weight
// (bleve's BM25, or tf-idf, of the posting).
type impacts struct {
	docs  []uint32
	parts []float64
}

// size returns the bytes im holds.
func (im *impacts) size() int {
	return 12 * len(im.docs)
}

// decode reads the postings of term node n.
func (ex *executor) decode(ctx context.Context, n *planNode) (*impacts, error) {
	im := &impacts{docs: make([]uint32, 0, n.count), parts: make([]float64, 0, n.count)}
	err := n.post.Each(ctx, func(doc uint32, freq uint64, norm float64) {
		im.docs = append(im.docs, doc)
		im.parts = append(im.parts, n.sc.Score(freq, norm))
	})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return im, nil
}

// decodeAt reads the postings of term node n at the documents cands
// (sorted) only, scored with the query weight weight.
func (ex *executor) decodeAt(ctx context.Context, n *planNode, cands []uint32, weight float64) (postingList, error) {
	out := postingList{weight: 1}
	err := n.post.At(ctx, cands, func(doc uint32, freq uint64, norm float64) {
		s := n.sc.Score(freq, norm)
		if weight != 1.0 {
			s *= weight
		}
		out.docs = append(out.docs, doc)
		out.scores = append(out.scores, s)
	})
	if err != nil {
		return postingList{}, fmt.Errorf("search: %w", err)
	}
	return out, nil
}

// loadImpacts, after prepare, decodes and remembers the terms under roots
// not remembered yet that are short, searched before, or needed whole: a long list searched for the
// first time under a conjunction of several parts (or in the bonus, the
// second root) is left to eval, which may need only a few of its postings.
// Terms of ex.parallelMin postings or more in all are decoded in parallel.
func (ex *executor) loadImpacts(ctx context.Context, roots ...*planNode) error {
	var todo []*planNode
	total := uint64(0)
	var walk func(n *planNode, restrictable bool)
	walk = func(n *planNode, restrictable bool) {
		if n.kind != planTerm {
			restrictable = restrictable || (n.kind == planAll && len(n.children) > 1)
			for _, c := range n.children {
				walk(c, restrictable)
			}
			return
		}
		if n.imp != nil {
			return
		}
		if !restrictable || ex.impacts.short(n.count) || ex.impacts.admit(n.key()) {
			todo = append(todo, n)
			total += n.count
		}
	}
	for i, r := range roots {
		// The bonus (a second root) is read at the window's documents.
		walk(r, i > 0)
	}
	if len(todo) == 0 {
		return nil
	}
	// Terms go to the worker with the fewest postings so far, largest first.
	workers := 1
	if total >= ex.parallelMin && len(todo) > 1 {
		workers = min(ex.workers, len(todo))
	}
	sort.SliceStable(todo, func(i, j int) bool { return todo[i].count > todo[j].count })
	shares := make([][]*planNode, max(workers, 1))
	loads := make([]uint64, len(shares))
	for _, n := range todo {
		w := 0
		for i := range loads {
			if loads[i] < loads[w] {
				w = i
			}
		}
		shares[w] = append(shares[w], n)
		loads[w] += n.count
	}
	return inParallel(len(shares), "decode", func(i int) error {
		for _, n := range shares[i] {
			im, err := ex.decode(ctx, n)
			if err != nil {
				return err
			}
			n.imp = im
			ex.impacts.put(n.key(), im)
		}
		return nil
	})
}

// key returns the cache key of term node n.
func (n *planNode) key() string {
	return n.field + "\x00" + n.term
}

// eval returns the matches of n among cands (sorted document numbers;
// nil: all documents), and maybe others, scored with the query norm norm
// (none when 0, as bleve's lone term): the caller intersects or looks up. A conjunction evaluates its rarest part first and
// the others among its matches only. A term not yet decoded is decoded
// whole (and remembered) unless the candidates are few.
func (ex *executor) eval(ctx context.Context, sc *scratch, n *planNode, norm float64, cands []uint32) (postingList, error) {
	switch n.kind {
	case planTerm:
		weight := n.sc.QueryWeight(n.boost, norm)
		if n.imp == nil {
			if cands != nil && uint64(len(cands))*ex.seekRatio < n.count {
				return ex.decodeAt(ctx, n, cands, weight)
			}
			im, err := ex.decode(ctx, n)
			if err != nil {
				return postingList{}, err
			}
			n.imp = im
			ex.impacts.put(n.key(), im)
		}
		all := postingList{docs: n.imp.docs, scores: n.imp.parts, weight: weight}
		if cands == nil || len(cands)*restrictRatio >= len(all.docs) {
			// The intersection above does the work without a copy.
			return all, nil
		}
		return restrict(sc, all, cands), nil
	case planAll:
		order := make([]int, len(n.children))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool {
			return n.children[order[a]].estimate() < n.children[order[b]].estimate()
		})
		lists := make([]postingList, len(n.children))
		for _, i := range order {
			l, err := ex.eval(ctx, sc, n.children[i], norm, cands)
			if err != nil || len(l.docs) == 0 {
				return postingList{}, err
			}
			lists[i], cands = l, l.docs
		}
		return intersect(sc, lists), nil
	default:
		lists := make([]postingList, len(n.children))
		for i, c := range n.children {
			l, err := ex.eval(ctx, sc, c, norm, cands)
			if err != nil {
				return postingList{}, err
			}
			lists[i] = l
		}
		return ex.union(sc, lists), nil
	}
}

// estimate returns an upper bound of the number of documents n matches.
func (n *planNode) estimate() uint64 {
	switch n.kind {
	case planTerm:
		if n.imp != nil {
			return uint64(len(n.imp.docs))
		}
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

// restrictRatio: a remembered list is cut down to the candidates only
// when it has restrictRatio times as many documents or more.
const restrictRatio = 4

// restrict returns the documents of l that are in cands (sorted), scored
// (weight 1).
func restrict(sc *scratch, l postingList, cands []uint32) postingList {
	n := min(len(cands), len(l.docs))
	out := postingList{docs: sc.docs(n), scores: sc.scores(n), weight: 1}
	j := 0
	for _, d := range cands {
		if j = gallop(l.docs, j, d); j == len(l.docs) {
			break
		}
		if l.docs[j] == d {
			out.docs = append(out.docs, d)
			out.scores = append(out.scores, l.score(j))
		}
	}
	return out
}

// seekPerCandidate: a term not yet decoded is read at the candidates only
// when there are fewer than 1/seekPerCandidate of them per posting
// (executor.seekRatio; tests change it).
const seekPerCandidate = 4

// intersect returns the documents in every one of lists, each scored with
// the sum of its scores (bleve's conjunction), in list order.
func intersect(sc *scratch, lists []postingList) postingList {
	if len(lists) == 1 {
		return lists[0]
	}
	out := intersect2(sc, lists[0], lists[1])
	for _, l := range lists[2:] {
		out = intersect2(sc, out, l)
	}
	return out
}

// intersect2 returns the documents in both a and b, each with the sum of
// its scores. The shorter list leads; the longer one is searched forward
// by galloping.
func intersect2(sc *scratch, a, b postingList) postingList {
	n := min(len(a.docs), len(b.docs))
	out := postingList{docs: sc.docs(n), scores: sc.scores(n), weight: 1}
	short, long := a, b
	if len(b.docs) < len(a.docs) {
		short, long = b, a
	}
	j := 0
	for i, d := range short.docs {
		j = gallop(long.docs, j, d)
		if j == len(long.docs) {
			break
		}
		if long.docs[j] != d {
			continue
		}
		// In list order: a's score, then b's.
		if len(b.docs) < len(a.docs) {
			out.scores = append(out.scores, long.score(j)+short.score(i))
		} else {
			out.scores = append(out.scores, short.score(i)+long.score(j))
		}
		out.docs = append(out.docs, d)
	}
	return out
}

// gallop returns the index of the first of docs[from:] that is at least d
// (len(docs) if none), looking 1, 2, 4... ahead before a binary search.
func gallop(docs []uint32, from int, d uint32) int {
	if from >= len(docs) || docs[from] >= d {
		return from
	}
	step := 1
	lo, hi := from, from+1
	for hi < len(docs) && docs[hi] < d {
		lo = hi
		step *= 2
		hi += step
	}
	hi = min(hi, len(docs))
	// docs[lo] < d; the answer is in (lo, hi].
	for lo+1 < hi {
		mid := int(uint(lo+hi) >> 1)
		if docs[mid] < d {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// union returns the documents in any of lists, each scored with the sum of
// its scores, in list order, times the fraction of lists it is in
// (bleve's disjunction). Long lists are summed in an array indexed by
// document; short ones are merged.
func (ex *executor) union(sc *scratch, lists []postingList) postingList {
	if len(lists) == 1 {
		// bleve's coord is 1/1.
		return lists[0]
	}
	size := 0
	for _, l := range lists {
		size += len(l.docs)
	}
	if size*ex.denseRatio >= int(ex.maxDoc) {
		return ex.denseUnion(sc, lists)
	}
	acc := unionAcc{docs: lists[0].docs, sums: lists[0].scores, weight: lists[0].weight}
	for _, l := range lists[1:] {
		acc = acc.merge(sc, l)
	}
	out := postingList{docs: acc.docs, scores: acc.sums, weight: 1}
	for i := range out.scores {
		out.scores[i] *= postings.Coord(int(acc.counts[i]), len(lists))
	}
	return out
}

// denseUnionRatio: lists are summed in an array when they hold at least
// one posting per denseUnionRatio documents of the index
// (executor.denseRatio).
const denseUnionRatio = 8

// denseAcc is an array of score sums and list counts indexed by document,
// all zero between uses.
type denseAcc struct {
	sums   []float64
	counts []uint16
}

// denseUnion is union by summing into a denseAcc.
func (ex *executor) denseUnion(sc *scratch, lists []postingList) postingList {
	acc, _ := ex.dense.Get().(*denseAcc)
	if acc == nil || len(acc.sums) < int(ex.maxDoc) {
		acc = &denseAcc{sums: make([]float64, ex.maxDoc), counts: make([]uint16, ex.maxDoc)}
	}
	defer ex.dense.Put(acc)
	lo, hi, most := uint32(math.MaxUint32), uint32(0), 0
	for _, l := range lists {
		if len(l.docs) == 0 {
			continue
		}
		lo, hi, most = min(lo, l.docs[0]), max(hi, l.docs[len(l.docs)-1]), max(most, len(l.docs))
		if l.weight != 1.0 {
			for i, d := range l.docs {
				acc.sums[d] += l.scores[i] * l.weight
				acc.counts[d]++
			}
		} else {
			for i, d := range l.docs {
				acc.sums[d] += l.scores[i]
				acc.counts[d]++
			}
		}
	}
	if most == 0 {
		return postingList{weight: 1}
	}
	size := 0
	for _, l := range lists {
		size += len(l.docs)
	}
	size = min(size, int(hi-lo)+1)
	out := postingList{docs: sc.docs(size), scores: sc.scores(size), weight: 1}
	sums, counts := acc.sums[:hi+1], acc.counts[:hi+1]
	for d := lo; d <= hi; d++ {
		if c := counts[d]; c != 0 {
			out.docs = append(out.docs, d)
			out.scores = append(out.scores, sums[d]*postings.Coord(int(c), len(lists)))
			sums[d], counts[d] = 0, 0
		}
	}
	return out
}

// unionAcc is a union in progress: each document with the sum of its
// scores so far and how many lists it is in (counts nil: one each, and
// sums shared, to be multiplied by weight).
type unionAcc struct {
	docs   []uint32
	sums   []float64
	counts []uint16
	weight float64
}

// merge returns the union of u and l.
func (u unionAcc) merge(sc *scratch, l postingList) unionAcc {
	n := len(u.docs) + len(l.docs)
	out := unionAcc{docs: sc.docs(n), sums: sc.scores(n), counts: sc.counts(n), weight: 1}
	sum := func(i int) float64 {
		if u.weight != 1.0 {
			return u.sums[i] * u.weight
		}
		return u.sums[i]
	}
	count := func(i int) uint16 {
		if u.counts == nil {
			return 1
		}
		return u.counts[i]
	}
	i, j := 0, 0
	for i < len(u.docs) && j < len(l.docs) {
		a, b := u.docs[i], l.docs[j]
		switch {
		case a < b:
			out.docs, out.sums, out.counts = append(out.docs, a), append(out.sums, sum(i)), append(out.counts, count(i))
			i++
		case b < a:
			out.docs, out.sums, out.counts = append(out.docs, b), append(out.sums, l.score(j)), append(out.counts, 1)
			j++
		default:
			out.docs, out.sums, out.counts = append(out.docs, a), append(out.sums, sum(i)+l.score(j)), append(out.counts, count(i)+1)
			i++
			j++
		}
	}
	for ; i < len(u.docs); i++ {
		out.docs, out.sums, out.counts = append(out.docs, u.docs[i]), append(out.sums, sum(i)), append(out.counts, count(i))
	}
	for ; j < len(l.docs); j++ {
		out.docs, out.sums, out.counts = append(out.docs, l.docs[j]), append(out.sums, l.score(j)), append(out.counts, 1)
	}
	return out
}

// scoredPlan is scored for a term plan: it scores every match of p from
// the postings, leaves out the matches of p's must-not query, records every
// match in matched, and keeps the best window matches in filter (every
// match when filter is nil), best first, ties in document-number order.
// A bonus plan (nil for none) adds its score to the kept matches, which
// are then ranked again; scores are normalised as bleve normalises a
// boolean query of match and bonus.
func (ex *executor) scoredPlan(ctx context.Context, p *termPlan, bonus *planNode, filter *roaring.Bitmap, window int) (*scoredResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	roots := []*planNode{p.root}
	if bonus != nil {
		roots = append(roots, bonus)
	}
	if err := ex.prepare(roots...); err != nil {
		return nil, err
	}
	if err := ex.loadImpacts(ctx, roots...); err != nil {
		return nil, err
	}
	norm := 0.0
	if p.normed || bonus != nil {
		w := p.root.weight()
		if bonus != nil {
			w += bonus.weight()
		}
		norm = postings.QueryNorm(w)
	}
	var not *roaring.Bitmap
	if p.not != nil {
		var err error
		if not, err = ex.matches(ctx, p.not); err != nil {
			return nil, err
		}
	}
	sc := ex.getScratch()
	defer ex.putScratch(sc)
	list, err := ex.eval(ctx, sc, p.root, norm, nil)
	if err != nil {
		return nil, err
	}
	top := &topHits{}
	kept := list.docs
	if not != nil {
		kept = make([]uint32, 0, len(list.docs))
	}
	for i, d := range list.docs {
		if not != nil {
			if not.Contains(d) {
				continue
			}
			kept = append(kept, d)
		}
		if filter != nil && !filter.Contains(d) {
			continue
		}
		top.offer(window, d, list.score(i))
	}
	out := &scoredResult{matched: roaring.New(), hits: top.results(ex.post)}
	out.matched.AddMany(kept)
	if bonus != nil && len(out.hits) > 0 {
		byNum := make([]*bsearch.DocumentMatch, len(out.hits))
		copy(byNum, out.hits)
		sort.Slice(byNum, func(i, j int) bool {
			return byNum[i].IndexInternalID.Compare(byNum[j].IndexInternalID) < 0
		})
		docs := make([]uint32, len(byNum))
		for i, h := range byNum {
			if docs[i], err = ex.docNum(h.IndexInternalID); err != nil {
				return nil, err
			}
		}
		b, err := ex.eval(ctx, sc, bonus, norm, docs)
		if err != nil {
			return nil, err
		}
		j := 0
		for i, d := range docs {
			if j = gallop(b.docs, j, d); j < len(b.docs) && b.docs[j] == d {
				byNum[i].Score += b.score(j)
			}
		}
		rank(out.hits)
	}
	return out, nil
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

// results returns the kept matches, best first, ties in document-number
// order, with the internal IDs of post's documents.
func (t *topHits) results(post postings.Reader) bsearch.DocumentMatchCollection {
	out := make(bsearch.DocumentMatchCollection, len(t.docs))
	for i := len(t.docs) - 1; i >= 0; i-- {
		h := heap.Pop(t).(hit)
		out[i] = &bsearch.DocumentMatch{
			IndexInternalID: post.ID(h.doc, nil),
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

// scratch hands out the slices one search's merges need from a few large
// blocks, which go back to a pool when the search is done: the merges of a
// large query allocate megabytes, and each garbage collection also walks an
// in-memory index. Nothing a search returns may point into them.
type scratch struct {
	u []uint32
	f []float64
	c []uint16
}

// minScratch is the smallest block a scratch allocates, in entries.
const minScratch = 1 << 14

// docs returns an empty slice with room for n document numbers.
func (s *scratch) docs(n int) []uint32 { return carve(&s.u, n) }

// scores returns an empty slice with room for n scores.
func (s *scratch) scores(n int) []float64 { return carve(&s.f, n) }

// counts returns an empty slice with room for n counts.
func (s *scratch) counts(n int) []uint16 { return carve(&s.c, n) }

// carve returns an empty slice with room for n entries from the free end of
// block, first replacing block by a larger one if it has no such room (the
// slices carved from the old one stay valid).
func carve[T any](block *[]T, n int) []T {
	if cap(*block)-len(*block) < n {
		*block = make([]T, 0, max(n, 2*cap(*block), minScratch))
	}
	i := len(*block)
	*block = (*block)[:i+n]
	return (*block)[i : i : i+n]
}

// getScratch returns an empty scratch from ex's pool.
func (ex *executor) getScratch() *scratch {
	if sc, ok := ex.scratches.Get().(*scratch); ok {
		return sc
	}
	return &scratch{}
}

// putScratch empties sc and gives it back to ex's pool.
func (ex *executor) putScratch(sc *scratch) {
	sc.u, sc.f, sc.c = sc.u[:0], sc.f[:0], sc.c[:0]
	ex.scratches.Put(sc)
}
