package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
)

// Result is the answer to a Request, in the shape of the JSON API.
type Result struct {
	// Query is the query as given.
	Query string `json:"query"`
	// Total is the number of measures that match.
	Total uint64 `json:"total"`
	// TookMS is how long the search took, in milliseconds.
	TookMS float64 `json:"took_ms"`
	// Hits are the requested page of matches, best first (document order for an empty query).
	Hits []Hit `json:"hits"`
	// Facets are the counts per facet value.
	Facets Facets `json:"facets"`
	// Relaxed, when not nil, says that fewer measures than a page matched
	// every word, so measures matching fewer words follow them.
	Relaxed *Relaxation `json:"relaxed,omitempty"`
	// Searched, when not empty, is what was searched instead of Query: an
	// English query (Lang "en") mapped through the glossary to the reports'
	// Azerbaijani terms.
	Searched string `json:"searched,omitempty"`
	// DidYouMean, when not empty, is Query with its unknown words replaced
	// by the closest words of the index, offered when nothing matched.
	DidYouMean string `json:"did_you_mean,omitempty"`
}

// Hit is one matching measure.
type Hit struct {
	ID     string `json:"id"`
	Report string `json:"report"`
	// ReportLabel is the report's short name (corpus.Report.Label).
	ReportLabel string   `json:"report_label"`
	Number      string   `json:"number"`
	Section     int      `json:"section"`
	Title       string   `json:"title"`
	Period      string   `json:"period"`
	Years       []int    `json:"years"`
	Agencies    []Agency `json:"agencies"`
	Status      string   `json:"status"`
	Score       float64  `json:"score"`
	// Snippets are HTML: escaped narrative text with matches in <mark>.
	Snippets []string `json:"snippets"`
}

// Agency is an agency named by a hit, with its name in the request's language.
type Agency struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Facets holds the values of each facet with their counts.
type Facets struct {
	Section []FacetValue `json:"section"`
	Agency  []FacetValue `json:"agency"`
	Year    []FacetValue `json:"year"`
	Status  []FacetValue `json:"status"`
	Report  []FacetValue `json:"report"`
	// ReportYear counts the year each report describes, apart from Year,
	// the years of the measures' periods.
	ReportYear []FacetValue `json:"report_year"`
}

// FacetValue is one value of a facet: how many matches have it and whether
// the request selects it.
type FacetValue struct {
	Value    string `json:"value"`
	Label    string `json:"label"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
}

// Searcher answers requests over an index and the reports it was built from.
// It is safe for concurrent use. It owns the index: Swap and Close close it.
//
// It holds a compact catalog of the measures (what a hit shows) and the
// labels facets need, not the reports: those it reads from the index's report
// store when a page needs one (unless they were given to New, which then
// serves them from memory).
type Searcher struct {
	cur atomic.Pointer[state]
}

// state is one index with its catalog. Every reader holds a reference
// (acquire … release) while it uses it; Swap retires it, and whoever drops
// the last reference of a retired state closes it: the reader that finishes
// last, or Swap itself when no reader holds it.
type state struct {
	// refs is twice the number of references held, plus 1 once retired:
	// a state whose refs is 1 is (being) closed and takes no reference.
	refs      atomic.Int64
	closeOnce sync.Once
	closeErr  error
	idx       *indexer.Index
	// reports are the reports given to New (held by the caller anyway), or
	// nil when they are read from idx on demand.
	reports []*corpus.Report
	// catalog describes every measure in report and measure order; byID
	// maps a measure's document ID to its place in catalog.
	catalog []measureEntry
	byID    map[string]int32
	// reportIDs lists the report IDs in order; reportTitles maps them to titles.
	reportIDs    []string
	reportTitles map[string]string
	// reportInfo describes each report by ID: its label, year and plan.
	reportInfo map[string]ReportInfo
	// loaded keeps the last reports read from idx.
	loaded *reportCache
	// text, folded, pairs and foldedPairs are the analyzers of the text,
	// folded and pair fields (the pair ones nil for an index without pair fields).
	text, folded, pairs, foldedPairs analysis.Analyzer
	// family is the analyzer of the word-family fields (nil without them).
	family analysis.Analyzer
	// acronyms maps folded acronyms the reports define to their long forms.
	acronyms map[string]string
	// glossary maps English terms to the reports' Azerbaijani ones.
	glossary *glossary
	// dictionary lists the reports' word forms for did-you-mean.
	dictionary []dictWord
	// agencies maps agency IDs to agencies as the reports name them.
	agencies map[string]corpus.Agency
	// surfaces maps folded terms to the word forms they come from, with counts.
	surfaces map[string]map[string]int
	// docFreq maps folded terms to the number of measures they occur in.
	docFreq map[string]int
	// sectionTitles maps a section number to its title in the first report that has it.
	sectionTitles map[int]string
	// reportOrder maps report IDs to their position in reports.
	reportOrder map[string]int
	// analyses remembers the terms of analysed query words; terms, whether
	// a field's dictionary has a term.
	analyses memo[[]string]
	terms    memo[bool]
	// ex runs queries over a snapshot of idx; exErr is why it could not be made.
	ex    *executor
	exErr error
}

// measureEntry is what the catalog keeps of a measure: what a hit shows
// (but its title and narrative, which the index stores) and where the
// measure is among the reports. Its strings and slices are shared between
// measures (see interner): at a thousand reports most values repeat.
type measureEntry struct {
	id, report, number, period, status string
	section                            int
	years                              []int
	// agencies are the distinct IDs of the agencies it names, in order.
	agencies []string
	// reportIndex and measureIndex place it in the reports.
	reportIndex, measureIndex int32
}

// New returns a Searcher over idx, which was built from reports. The Searcher
// takes ownership of idx; reports stay in memory as given. To read the
// reports from the index instead, use Open.
func New(idx *indexer.Index, reports []*corpus.Report) *Searcher {
	s := &Searcher{}
	st, err := newState(context.Background(), idx, reports)
	if err != nil {
		// The reports are in memory, so only the index can fail: every
		// search then says why.
		st = &state{idx: idx, reports: reports, exErr: err}
	}
	s.cur.Store(st)
	return s
}

// Open returns a Searcher over idx and the reports stored in it, which it
// reads once to build its catalog and afterwards one at a time when a page
// needs one, so that it never holds them all. The Searcher takes ownership
// of idx (also when Open fails, it closes idx).
func Open(ctx context.Context, idx *indexer.Index) (*Searcher, error) {
	st, err := newState(ctx, idx, nil)
	if err != nil {
		idx.Close()
		return nil, err
	}
	s := &Searcher{}
	s.cur.Store(st)
	return s, nil
}

// newState builds the state of idx: from reports when they are given, else
// from the reports stored in idx, streamed; and the executor over a
// snapshot of idx.
func newState(ctx context.Context, idx *indexer.Index, reports []*corpus.Report) (*state, error) {
	st := &state{
		idx:           idx,
		reports:       reports,
		byID:          make(map[string]int32),
		reportTitles:  make(map[string]string),
		reportInfo:    make(map[string]ReportInfo),
		agencies:      make(map[string]corpus.Agency),
		sectionTitles: make(map[int]string),
		reportOrder:   make(map[string]int, len(reports)),
		loaded:        newReportCache(loadedReports),
	}
	if a := idx.Analysis(); a.Folded != "" && a.Text != "" {
		st.text = idx.Bleve().Mapping().AnalyzerNamed(a.Text)
		st.folded = idx.Bleve().Mapping().AnalyzerNamed(a.Folded)
		if a.Family != "" {
			st.family = idx.Bleve().Mapping().AnalyzerNamed(a.Family)
		}
		if a.Pairs != "" && a.FoldedPairs != "" {
			st.pairs = idx.Bleve().Mapping().AnalyzerNamed(a.Pairs)
			st.foldedPairs = idx.Bleve().Mapping().AnalyzerNamed(a.FoldedPairs)
		}
	}
	g, err := parseGlossary("glossary_en.tsv", glossaryEN)
	if err != nil {
		return nil, err
	}
	st.glossary = g
	surfaces := newSurfaceBuilder(st.folded)
	acr := newAcronymBuilder()
	in := newInterner()
	add := func(i int, r *corpus.Report) error {
		if r == nil {
			return nil
		}
		st.addReport(i, r, in)
		surfaces.add(r)
		acr.add(r)
		return nil
	}
	if reports != nil {
		for i, r := range reports {
			_ = add(i, r)
		}
	} else if err := idx.EachReport(ctx, add); err != nil {
		return nil, fmt.Errorf("search: read reports: %w", err)
	}
	// Drop the spare capacity that appending left.
	st.catalog, st.reportIDs = slices.Clone(st.catalog), slices.Clone(st.reportIDs)
	st.surfaces, st.docFreq = surfaces.surfaces, surfaces.docFreq
	st.dictionary = newDictionary(st.surfaces)
	st.acronyms = acr.out
	ex, err := newExecutor(ctx, idx.Bleve())
	if err != nil {
		return nil, err
	}
	st.ex = ex
	return st, nil
}

// addReport adds report i to the catalog and the label maps, with the
// strings it keeps taken from in.
func (st *state) addReport(i int, r *corpus.Report, in *interner) {
	id := in.str(r.ID)
	if _, ok := st.reportOrder[id]; !ok {
		st.reportOrder[id] = i
		st.reportTitles[id] = strings.Clone(r.Title)
		st.reportInfo[id] = ReportInfo{ID: id, Title: st.reportTitles[id], Label: r.Label(), Year: r.Year, PlanKey: r.PlanKey()}
	} else if st.reportTitles[id] == "" {
		st.reportTitles[id] = strings.Clone(r.Title)
	}
	st.reportIDs = append(st.reportIDs, id)
	for _, sec := range r.Sections {
		if _, ok := st.sectionTitles[sec.Number]; !ok {
			st.sectionTitles[sec.Number] = in.str(sec.Title)
		}
	}
	for j := range r.Measures {
		m := &r.Measures[j]
		id := m.ID()
		if m.Report == "" {
			id = r.ID + "/" + m.Number
		}
		status := string(m.Status)
		if status == "" {
			status = string(corpus.StatusUnknown)
		}
		e := measureEntry{
			id: strings.Clone(id), report: in.str(reportOf(id, m)), number: in.str(m.Number), period: in.str(m.Period),
			status: in.str(status), section: m.Section, years: in.ints(m.Years),
			reportIndex: int32(i), measureIndex: int32(j),
		}
		var agencies []string
		for _, a := range m.Agencies {
			if a.ID == "" || slices.Contains(agencies, a.ID) {
				continue
			}
			agencies = append(agencies, in.str(a.ID))
			if _, ok := st.agencies[a.ID]; !ok {
				ag := a.Agency
				ag.ID, ag.Name, ag.NameEN = in.str(ag.ID), in.str(ag.Name), in.str(ag.NameEN)
				ag.Abbrev = slices.Clone(ag.Abbrev)
				for k := range ag.Abbrev {
					ag.Abbrev[k] = in.str(ag.Abbrev[k])
				}
				st.agencies[ag.ID] = ag
			}
		}
		e.agencies = in.strs(agencies)
		st.byID[id] = int32(len(st.catalog))
		st.catalog = append(st.catalog, e)
	}
}

// entry returns the catalog entry of the measure with document ID id.
func (st *state) entry(id string) (*measureEntry, bool) {
	i, ok := st.byID[id]
	if !ok {
		return nil, false
	}
	return &st.catalog[i], true
}

// report returns report i: from the reports given to New, or read from the
// index (and kept among the last few read).
func (st *state) report(ctx context.Context, i int) (*corpus.Report, error) {
	if st.reports != nil {
		if i < 0 || i >= len(st.reports) || st.reports[i] == nil {
			return nil, fmt.Errorf("search: report %d: %w", i, ErrNotFound)
		}
		return st.reports[i], nil
	}
	return st.loaded.get(ctx, i, st.idx.Report)
}

// tryRef takes a reference to st unless st is closed; a retired state
// takes one only from a holder (pinned), which keeps it open anyway.
func (st *state) tryRef(pinned bool) bool {
	for {
		n := st.refs.Load()
		if n == 1 || (n&1 == 1 && !pinned) {
			return false
		}
		if st.refs.CompareAndSwap(n, n+2) {
			return true
		}
	}
}

// release drops a reference; the last one of a retired state closes it.
func (st *state) release() {
	if st.refs.Add(-2) == 1 {
		_ = st.close()
	}
}

// retire marks st as no longer current and closes it unless readers hold
// it, returning the error of closing it then (the last reader closes it
// otherwise).
func (st *state) retire() error {
	if old := st.refs.Or(1); old == 0 {
		return st.close()
	}
	return nil
}

// acquire returns the current state with a reference held (release it
// with st.release), or ErrClosed once the Searcher is closed. A state
// retired by Swap is skipped for its successor.
func (s *Searcher) acquire() (*state, error) {
	for {
		st := s.cur.Load()
		if st.tryRef(false) {
			return st, nil
		}
		if s.cur.Load() == st {
			return nil, fmt.Errorf("search: %w", ErrClosed)
		}
	}
}

// pinKey is the context key of the state Pin holds for a Searcher.
type pinKey struct{ s *Searcher }

// Pin holds the index state being served for the life of a request: every
// call of s with the returned context (or one derived from it) uses that
// same state, even when a Swap replaces it meanwhile, and the state stays
// open until release is called (issue 16 finding 3: a page that walked the
// reports while an upload swapped the index failed or was cut short). A
// closed Searcher pins nothing. release must be called once.
func (s *Searcher) Pin(ctx context.Context) (_ context.Context, release func()) {
	st, err := s.acquire()
	if err != nil {
		return ctx, func() {}
	}
	var once sync.Once
	return context.WithValue(ctx, pinKey{s}, st), func() { once.Do(st.release) }
}

// acquireCtx is acquire that prefers the state ctx pins (Pin).
func (s *Searcher) acquireCtx(ctx context.Context) (*state, error) {
	if st, ok := ctx.Value(pinKey{s}).(*state); ok && st.tryRef(true) {
		return st, nil
	}
	return s.acquire()
}

// Swap replaces the index and reports atomically: new searches use idx at
// once; searches and pinned requests in flight finish on the old index,
// which the last of them closes. Swap returns the error of closing the old
// index if none held it. The reports stay in memory as given; SwapIndex
// reads them from idx. If idx cannot be searched, the old index keeps being
// served and idx is closed.
func (s *Searcher) Swap(idx *indexer.Index, reports []*corpus.Report) error {
	st, err := newState(context.Background(), idx, reports)
	if err != nil {
		idx.Close()
		return err
	}
	old := s.cur.Swap(st)
	return old.retire()
}

// SwapIndex is Swap with the reports stored in idx, read as Open reads
// them. If reading them fails, the old index keeps being served and idx is
// closed.
func (s *Searcher) SwapIndex(ctx context.Context, idx *indexer.Index) error {
	st, err := newState(ctx, idx, nil)
	if err != nil {
		idx.Close()
		return err
	}
	old := s.cur.Swap(st)
	return old.retire()
}

// Close closes the current index once no request holds it. The Searcher
// must not be used afterwards.
func (s *Searcher) Close() error {
	return s.cur.Load().retire()
}

// close closes st's executor and index, once.
func (st *state) close() error {
	st.closeOnce.Do(func() {
		if st.ex != nil {
			if err := st.ex.close(); err != nil {
				st.idx.Close()
				st.closeErr = err
				return
			}
		}
		if err := st.idx.Close(); err != nil {
			st.closeErr = fmt.Errorf("search: %w", err)
		}
	})
	return st.closeErr
}

// Generation identifies the index state being served: it changes with
// every Swap, so callers can key what they derive from the reports by it.
func (s *Searcher) Generation() any {
	return s.cur.Load()
}

// GenerationOf is Generation for the state ctx pins (Pin), if any.
func (s *Searcher) GenerationOf(ctx context.Context) any {
	if st, ok := ctx.Value(pinKey{s}).(*state); ok {
		return st
	}
	return s.cur.Load()
}

// NumReports returns the number of reports being served.
func (s *Searcher) NumReports() int {
	return len(s.cur.Load().reportIDs)
}

// NumMeasures returns the number of measures of the reports being served.
func (s *Searcher) NumMeasures() int {
	return len(s.cur.Load().catalog)
}

// ReportIDs returns the IDs of the reports being served, in order.
func (s *Searcher) ReportIDs() []string {
	return slices.Clone(s.cur.Load().reportIDs)
}

// Report returns the served report with ID id, read from the index when the
// Searcher was opened with Open. Callers must not modify it. The error
// satisfies errors.Is(err, ErrNotFound) when there is no such report.
func (s *Searcher) Report(ctx context.Context, id string) (*corpus.Report, error) {
	st, err := s.acquireCtx(ctx)
	if err != nil {
		return nil, err
	}
	defer st.release()
	i, ok := st.reportOrder[id]
	if !ok {
		return nil, fmt.Errorf("search: report %s: %w", id, ErrNotFound)
	}
	return st.report(ctx, i)
}

// ReportInfo describes a served report without its measures.
type ReportInfo struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Label is the report's short name (corpus.Report.Label).
	Label string `json:"label"`
	// Year is the year the report describes, 0 if its title gives none.
	Year int `json:"year"`
	// PlanKey identifies the plan the report is on (corpus.Report.PlanKey):
	// reports with one key are years of one plan.
	PlanKey string `json:"plan_key"`
}

// Reports describes the served reports, in order.
func (s *Searcher) Reports() ([]ReportInfo, error) {
	st, err := s.acquire()
	if err != nil {
		return nil, err
	}
	defer st.release()
	out := make([]ReportInfo, 0, len(st.reportOrder))
	for _, id := range st.reportIDs {
		if info, ok := st.reportInfo[id]; ok && (len(out) == 0 || out[len(out)-1].ID != id) {
			out = append(out, info)
		}
	}
	return out, nil
}

// EachReport calls fn with every served report in order, reading them from
// the index one at a time when the Searcher was opened with Open. It stops
// at the first error. fn must not modify the reports. It holds the index
// state for the whole walk: a Swap meanwhile closes it only after the walk.
func (s *Searcher) EachReport(ctx context.Context, fn func(r *corpus.Report) error) error {
	st, err := s.acquireCtx(ctx)
	if err != nil {
		return err
	}
	defer st.release()
	if st.reports != nil {
		for _, r := range st.reports {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("search: reports: %w", err)
			}
			if r == nil {
				continue
			}
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}
	return st.idx.EachReport(ctx, func(_ int, r *corpus.Report) error { return fn(r) })
}

// Measure returns measure number of report, reading its report from the
// index when the Searcher was opened with Open. Callers must not modify it.
// The error satisfies errors.Is(err, ErrNotFound) when there is no such
// measure.
func (s *Searcher) Measure(ctx context.Context, report, number string) (*corpus.Measure, error) {
	st, err := s.acquireCtx(ctx)
	if err != nil {
		return nil, err
	}
	defer st.release()
	e, ok := st.entry(report + "/" + number)
	if !ok {
		return nil, fmt.Errorf("search: measure %s/%s: %w", report, number, ErrNotFound)
	}
	r, err := st.report(ctx, int(e.reportIndex))
	if err != nil {
		return nil, err
	}
	if int(e.measureIndex) >= len(r.Measures) {
		return nil, fmt.Errorf("search: measure %s/%s: %w", report, number, ErrNotFound)
	}
	return &r.Measures[e.measureIndex], nil
}

// facetSpec describes one facet: its name, its index field and how many values to count.
type facetSpec struct {
	name  string
	field string
}

// facetSpecs returns the facets in API order.
func facetSpecs() []facetSpec {
	return []facetSpec{
		{"section", indexer.FieldSection},
		{"agency", indexer.FieldAgency},
		{"agency_recipient", indexer.FieldAgencyRecipient},
		{"agency_mentioned", indexer.FieldAgencyMentioned},
		{"agency_any", indexer.FieldAgencyAny},
		{"year", indexer.FieldYear},
		{"status", indexer.FieldStatus},
		{"report", indexer.FieldReport},
		{"report_year", indexer.FieldReportYear},
	}
}

// MaxFacetValuesShown bounds the values a Result lists per facet: the
// selected ones and the most frequent others. (An archive of 1000 reports
// would otherwise send 1000 report titles with every answer.)
const MaxFacetValuesShown = 100

// maxFacetValues bounds the number of values counted per facet.
const maxFacetValues = 1000

// Search runs req. Invalid requests fail with an error satisfying
// errors.Is(err, ErrInvalid).
func (s *Searcher) Search(ctx context.Context, req Request) (*Result, error) {
	start := time.Now()
	if err := req.Validate(); err != nil {
		return nil, err
	}
	req = req.normalized()
	st, err := s.acquireCtx(ctx)
	if err != nil {
		return nil, err
	}
	defer st.release()
	if st.exErr != nil {
		return nil, st.exErr
	}
	ex := st.ex

	q, searched := req.Query, ""
	if req.Lang == corpus.LangEN {
		if az, ok := st.glossary.translate(q); ok {
			q, searched = az, az
		}
	}
	p := st.plan(parseQuery(q))
	match, highlight, scored := p.strict(), p.highlight, p.scored()
	filters := req.filterValues()
	filter := ex.filterSet(filters, "")

	// matched is every document the query matches; final, those that also
	// pass the filters. Facets are counted over them, not by bleve.
	hits, matched, final, relax, err := st.matchRequest(ctx, req, p, match, scored, filter)
	if err != nil {
		return nil, err
	}
	counts := ex.facetCounts(matched, final, filters, req.Role)

	var locs map[string]bsearch.FieldTermLocationMap
	if highlight != nil && len(hits) > 0 {
		if locs, err = ex.locations(ctx, highlight, hits); err != nil {
			return nil, fmt.Errorf("search: highlights of %q: %w", req.Query, err)
		}
	}

	out := &Result{
		Query:    req.Query,
		Total:    final.GetCardinality(),
		Hits:     make([]Hit, 0, len(hits)),
		Facets:   st.facets(counts, filters, req.Lang, agencyFacet(req.Role)),
		Relaxed:  relax,
		Searched: searched,
	}
	for _, dm := range hits {
		if l, ok := locs[dm.ID]; ok {
			dm.Locations = l
		}
		out.Hits = append(out.Hits, st.hit(dm, req.Lang, scored))
	}
	if out.Total == 0 && scored {
		out.DidYouMean = st.didYouMean(parseQuery(q))
	}
	out.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}

// matchRequest finds the documents p matches (matched) and those of them
// that also pass filter (final), with the hits of the page req asks for and,
// for a scored query, the relaxation applied.
func (st *state) matchRequest(ctx context.Context, req Request, p *queryPlan, match query.Query, scored bool, filter *roaring.Bitmap) (hits bsearch.DocumentMatchCollection, matched, final *roaring.Bitmap, relax *Relaxation, err error) {
	ex := st.ex
	if scored {
		n := req.From + req.Size
		all, m, r, err := st.scoredMatches(ctx, p, filter, n)
		if err != nil {
			return nil, nil, nil, nil, fmt.Errorf("search: %q: %w", req.Query, err)
		}
		hits, matched, relax = all[min(req.From, len(all)):min(n, len(all))], m, r
	} else if bq, ok := match.(*query.BooleanQuery); ok && bq.MustNot == nil {
		matched = ex.all
	} else if matched, err = ex.matches(ctx, match); err != nil {
		return nil, nil, nil, nil, fmt.Errorf("search: %q: %w", req.Query, err)
	}
	final = matched
	if filter != nil {
		final = roaring.And(matched, filter)
	}
	if !scored {
		if hits, err = ex.ordered(final, req.From, req.Size); err != nil {
			return nil, nil, nil, nil, err
		}
	}
	return hits, matched, final, relax, nil
}

// facetCounts counts the values of each facet shown for role over final.
// Multi-select: a facet with selected values is counted over matched with
// the other facets' filters only, so its unselected values show what
// selecting them adds.
func (ex *executor) facetCounts(matched, final *roaring.Bitmap, filters map[string][]string, role string) map[string]valueCounts {
	counts := make(map[string]valueCounts, len(facetSpecs()))
	for _, f := range facetSpecs() {
		if strings.HasPrefix(f.name, "agency") && f.name != agencyFacet(role) {
			continue // the agency facet counts bodies in the role asked for
		}
		set := final
		if len(filters[f.name]) > 0 {
			set = matched
			if other := ex.filterSet(filters, f.name); other != nil {
				set = roaring.And(matched, other)
			}
		}
		counts[f.name] = ex.count(set, f.name)
	}
	return counts
}

// filterValues returns the selected values of each facet as index terms.
func (r Request) filterValues() map[string][]string {
	f := make(map[string][]string, len(facetSpecs()))
	for _, n := range r.Sections {
		f["section"] = append(f["section"], strconv.Itoa(n))
	}
	f[agencyFacet(r.Role)] = append(f[agencyFacet(r.Role)], r.Agencies...)
	for _, n := range r.Years {
		f["year"] = append(f["year"], strconv.Itoa(n))
	}
	for _, s := range r.Statuses {
		f["status"] = append(f["status"], string(s))
	}
	f["report"] = append(f["report"], r.Reports...)
	for _, n := range r.ReportYears {
		f["report_year"] = append(f["report_year"], strconv.Itoa(n))
	}
	return f
}

// facets turns raw counts into labelled, ordered facet values. Selected
// values are always listed, with count 0 if nothing matches them.
func (st *state) facets(counts map[string]valueCounts, filters map[string][]string, lang, agencyFacet string) Facets {
	build := func(name string, label func(string) string, less func(a, b FacetValue) bool) []FacetValue {
		return buildFacet(counts[name], filters[name], label, less)
	}
	numeric := func(a, b FacetValue) bool {
		x, _ := strconv.Atoi(a.Value)
		y, _ := strconv.Atoi(b.Value)
		if x != y {
			return x < y
		}
		return a.Value < b.Value
	}
	byCount := func(a, b FacetValue) bool {
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Label < b.Label
	}
	reportOrder := st.reportOrder
	return Facets{
		Section: build("section", func(v string) string {
			n, _ := strconv.Atoi(v)
			if t, ok := st.sectionTitles[n]; ok {
				return t
			}
			return v
		}, numeric),
		Agency: build(agencyFacet, func(v string) string {
			if a, ok := st.agencies[v]; ok {
				return a.NameIn(lang)
			}
			return v
		}, byCount),
		Year: build("year", func(v string) string { return v }, numeric),
		// A status is a code: web names it (web/labels.go).
		Status:     build("status", func(v string) string { return v }, statusLess),
		ReportYear: build("report_year", func(v string) string { return v }, numeric),
		Report: build("report", func(v string) string {
			if l := st.reportInfo[v].Label; l != "" {
				return l
			}
			return v
		}, func(a, b FacetValue) bool {
			x, okx := reportOrder[a.Value]
			y, oky := reportOrder[b.Value]
			if okx != oky {
				return okx
			}
			if x != y {
				return x < y
			}
			return a.Value < b.Value
		}),
	}
}

// buildFacet lists the values of a facet counted in c, labelled by label and
// ordered by less. The selected values are always listed, with count 0 if
// nothing matches them; past MaxFacetValuesShown values, the most frequent
// others are kept.
func buildFacet(c valueCounts, selected []string, label func(string) string, less func(a, b FacetValue) bool) []FacetValue {
	sel := make(map[string]bool, len(selected))
	for _, v := range selected {
		sel[v] = true
	}
	// The values to list, as indexes into c (selected values the
	// index does not have are added after).
	keep := make([]int, 0, len(c.n))
	for i, n := range c.n {
		if n > 0 || sel[c.names[i]] {
			keep = append(keep, i)
		}
	}
	var absent []string
	for _, v := range selected {
		if _, ok := slices.BinarySearch(c.names, v); !ok && !slices.Contains(absent, v) {
			absent = append(absent, v)
		}
	}
	if len(keep)+len(absent) > MaxFacetValuesShown {
		// Keep the selected values and the most frequent others
		// (on equal counts, the first values: names are sorted).
		type rank struct{ i, n int }
		ranks := make([]rank, len(keep))
		for j, i := range keep {
			ranks[j] = rank{i, c.n[i]}
			if sel[c.names[i]] {
				ranks[j].n = math.MaxInt
			}
		}
		slices.SortFunc(ranks, func(a, b rank) int {
			if a.n != b.n {
				return cmp.Compare(b.n, a.n)
			}
			return cmp.Compare(a.i, b.i)
		})
		keep = keep[:max(0, min(len(keep), max(MaxFacetValuesShown, len(sel))-len(absent)))]
		for j := range keep {
			keep[j] = ranks[j].i
		}
	}
	out := make([]FacetValue, 0, len(keep)+len(absent))
	for _, i := range keep {
		v := c.names[i]
		out = append(out, FacetValue{Value: v, Label: label(v), Count: c.n[i], Selected: sel[v]})
	}
	for _, v := range absent {
		out = append(out, FacetValue{Value: v, Label: label(v), Count: 0, Selected: true})
	}
	sort.Slice(out, func(i, j int) bool { return less(out[i], out[j]) })
	return out
}

func statusLess(a, b FacetValue) bool {
	rank := func(v string) int {
		for i, s := range knownStatuses() {
			if string(s) == v {
				return i
			}
		}
		return len(knownStatuses())
	}
	if ra, rb := rank(a.Value), rank(b.Value); ra != rb {
		return ra < rb
	}
	return a.Value < b.Value
}

// hit builds the API hit for a bleve match.
func (st *state) hit(dm *bsearch.DocumentMatch, lang string, scored bool) Hit {
	h := Hit{ID: dm.ID, Score: dm.Score, Years: []int{}, Agencies: []Agency{}, Snippets: []string{}}
	if !scored {
		h.Score = 0
	}
	e, ok := st.entry(dm.ID)
	if !ok {
		return h
	}
	m := st.stored(e)
	h.Report = e.report
	h.ReportLabel = st.reportInfo[e.report].Label
	h.Number = e.number
	h.Section = e.section
	h.Title = m.Title
	h.Period = e.period
	h.Years = append(h.Years, e.years...)
	h.Status = e.status
	for _, id := range e.agencies {
		h.Agencies = append(h.Agencies, Agency{ID: id, Name: st.agencies[id].NameIn(lang)})
	}
	h.Snippets = snippets(dm, m)
	return h
}

// stored returns the measure of e with its title and narrative: the
// measure itself when the reports are in memory, else a measure with the
// title and the narrative (as one block) stored in the index: the same text,
// so highlight offsets agree.
func (st *state) stored(e *measureEntry) *corpus.Measure {
	if st.reports != nil {
		if r := st.reports[e.reportIndex]; r != nil && int(e.measureIndex) < len(r.Measures) {
			return &r.Measures[e.measureIndex]
		}
	}
	m := &corpus.Measure{Report: e.report, Number: e.number}
	if st.ex == nil {
		return m
	}
	doc, err := st.ex.reader.Document(e.id)
	if err != nil || doc == nil {
		return m
	}
	doc.VisitFields(func(f index.Field) {
		switch f.Name() {
		case indexer.FieldNarrative:
			m.Narrative = []corpus.Block{{Kind: corpus.BlockParagraph, Text: string(f.Value())}}
		case indexer.FieldTitle:
			m.Title = string(f.Value())
		}
	})
	return m
}

// interner hands out one copy of each distinct string, int slice and string
// slice, so that catalog entries share them and keep no decoded report alive.
type interner struct {
	strMap  map[string]string
	intsMap map[string][]int
	listMap map[string][]string
}

func newInterner() *interner {
	return &interner{strMap: map[string]string{}, intsMap: map[string][]int{}, listMap: map[string][]string{}}
}

// str returns the interner's copy of s.
func (in *interner) str(s string) string {
	if v, ok := in.strMap[s]; ok {
		return v
	}
	c := strings.Clone(s)
	in.strMap[c] = c
	return c
}

// ints returns the interner's copy of v (nil for an empty v).
func (in *interner) ints(v []int) []int {
	if len(v) == 0 {
		return nil
	}
	key := fmt.Sprint(v)
	if c, ok := in.intsMap[key]; ok {
		return c
	}
	c := slices.Clone(v)
	in.intsMap[key] = c
	return c
}

// strs returns the interner's copy of v, whose strings are interned already
// (nil for an empty v).
func (in *interner) strs(v []string) []string {
	if len(v) == 0 {
		return nil
	}
	key := strings.Join(v, "\x00")
	if c, ok := in.listMap[key]; ok {
		return c
	}
	c := slices.Clip(v)
	in.listMap[strings.Clone(key)] = c
	return c
}
