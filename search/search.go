package search

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

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
}

// Hit is one matching measure.
type Hit struct {
	ID       string   `json:"id"`
	Report   string   `json:"report"`
	Number   string   `json:"number"`
	Section  int      `json:"section"`
	Title    string   `json:"title"`
	Period   string   `json:"period"`
	Years    []int    `json:"years"`
	Agencies []Agency `json:"agencies"`
	Status   string   `json:"status"`
	Score    float64  `json:"score"`
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
type Searcher struct {
	cur atomic.Pointer[state]
}

// state is one index with its reports; searches hold mu for reading while
// they use it, and Swap closes it under mu once they have finished.
type state struct {
	mu      sync.RWMutex
	closed  bool
	idx     *indexer.Index
	reports []*corpus.Report
	byID    map[string]*corpus.Measure
	// reportByID maps report IDs to reports.
	reportByID map[string]*corpus.Report
	// text, folded, pairs and foldedPairs are the analyzers of the text,
	// folded and pair fields (the pair ones nil for an index without pair fields).
	text, folded, pairs, foldedPairs analysis.Analyzer
	// acronyms maps folded acronyms the reports define to their long forms.
	acronyms map[string]string
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

// New returns a Searcher over idx, which was built from reports. The Searcher
// takes ownership of idx.
func New(idx *indexer.Index, reports []*corpus.Report) *Searcher {
	s := &Searcher{}
	s.cur.Store(newState(idx, reports))
	return s
}

func newState(idx *indexer.Index, reports []*corpus.Report) *state {
	st := &state{
		idx:           idx,
		reports:       reports,
		byID:          make(map[string]*corpus.Measure),
		reportByID:    make(map[string]*corpus.Report),
		agencies:      make(map[string]corpus.Agency),
		sectionTitles: make(map[int]string),
		reportOrder:   make(map[string]int, len(reports)),
	}
	if a := idx.Analysis(); a.Folded != "" && a.Text != "" {
		st.text = idx.Bleve().Mapping().AnalyzerNamed(a.Text)
		st.folded = idx.Bleve().Mapping().AnalyzerNamed(a.Folded)
		if a.Pairs != "" && a.FoldedPairs != "" {
			st.pairs = idx.Bleve().Mapping().AnalyzerNamed(a.Pairs)
			st.foldedPairs = idx.Bleve().Mapping().AnalyzerNamed(a.FoldedPairs)
		}
	}
	for i, r := range reports {
		if r == nil {
			continue
		}
		st.reportByID[r.ID] = r
		if _, ok := st.reportOrder[r.ID]; !ok {
			st.reportOrder[r.ID] = i
		}
		for _, sec := range r.Sections {
			if _, ok := st.sectionTitles[sec.Number]; !ok {
				st.sectionTitles[sec.Number] = sec.Title
			}
		}
		for i := range r.Measures {
			m := &r.Measures[i]
			id := m.ID()
			if m.Report == "" {
				id = r.ID + "/" + m.Number
			}
			st.byID[id] = m
			for _, a := range m.Agencies {
				if _, ok := st.agencies[a.ID]; !ok && a.ID != "" {
					st.agencies[a.ID] = a.Agency
				}
			}
		}
	}
	st.ex, st.exErr = newExecutor(context.Background(), idx.Bleve())
	st.surfaces, st.docFreq = surfaceForms(st.folded, reports)
	st.acronyms = acronyms(reports)
	return st
}

// acquire returns the current state locked for reading (release it with
// st.mu.RUnlock), or ErrClosed once the Searcher is closed. A state closed
// by Swap is skipped for its successor.
func (s *Searcher) acquire() (*state, error) {
	for {
		st := s.cur.Load()
		st.mu.RLock()
		if !st.closed {
			return st, nil
		}
		st.mu.RUnlock()
		if s.cur.Load() == st {
			return nil, fmt.Errorf("search: %w", ErrClosed)
		}
	}
}

// Swap replaces the index and reports atomically: new searches use idx at
// once, searches in flight finish on the old index, which Swap then closes.
// Swap returns when the old index is closed, with the error of closing it.
func (s *Searcher) Swap(idx *indexer.Index, reports []*corpus.Report) error {
	old := s.cur.Swap(newState(idx, reports))
	return old.close()
}

// Close closes the current index. The Searcher must not be used afterwards.
func (s *Searcher) Close() error {
	return s.cur.Load().close()
}

func (st *state) close() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.closed {
		return nil
	}
	st.closed = true
	if st.ex != nil {
		if err := st.ex.close(); err != nil {
			st.idx.Close()
			return err
		}
	}
	if err := st.idx.Close(); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	return nil
}

// Reports returns the reports the current index was built from.
func (s *Searcher) Reports() []*corpus.Report {
	return s.cur.Load().reports
}

// Measure returns measure number of report. The error satisfies
// errors.Is(err, ErrNotFound) when there is no such measure.
func (s *Searcher) Measure(report, number string) (*corpus.Measure, error) {
	m, ok := s.cur.Load().byID[report+"/"+number]
	if !ok {
		return nil, fmt.Errorf("search: measure %s/%s: %w", report, number, ErrNotFound)
	}
	return m, nil
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
		{"year", indexer.FieldYear},
		{"status", indexer.FieldStatus},
		{"report", indexer.FieldReport},
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
	st, err := s.acquire()
	if err != nil {
		return nil, err
	}
	defer st.mu.RUnlock()
	if st.exErr != nil {
		return nil, st.exErr
	}
	ex := st.ex

	pq := parseQuery(req.Query)
	match, bonus, highlight, scored := st.build(pq)
	filters := req.filterValues()
	filter := ex.filterSet(filters, "")

	// matched is every document the query matches; final, those that also
	// pass the filters. Facets are counted over them, not by bleve.
	var (
		matched *roaring.Bitmap
		hits    bsearch.DocumentMatchCollection
		total   uint64
	)
	if scored {
		n := req.From + req.Size
		sr, err := ex.scored(ctx, match, bonus, filter, n)
		if err != nil {
			return nil, fmt.Errorf("search: %q: %w", req.Query, err)
		}
		hits = sr.hits[min(req.From, len(sr.hits)):min(n, len(sr.hits))]
		matched, total = sr.matched, sr.total
	} else {
		if bq, ok := match.(*query.BooleanQuery); ok && bq.MustNot == nil {
			matched = ex.all
		} else if matched, err = ex.matches(ctx, match); err != nil {
			return nil, fmt.Errorf("search: %q: %w", req.Query, err)
		}
		final := matched
		if filter != nil {
			final = roaring.And(matched, filter)
		}
		total = final.GetCardinality()
		if hits, err = ex.ordered(final, req.From, req.Size); err != nil {
			return nil, err
		}
	}
	final := matched
	if filter != nil {
		final = roaring.And(matched, filter)
	}
	// Multi-select: a facet with selected values is counted with the other
	// facets' filters only, so its unselected values show what selecting them adds.
	counts := make(map[string]map[string]int, len(facetSpecs()))
	for _, f := range facetSpecs() {
		set := final
		if len(filters[f.name]) > 0 {
			set = matched
			if other := ex.filterSet(filters, f.name); other != nil {
				set = roaring.And(matched, other)
			}
		}
		counts[f.name] = ex.count(set, f.name)
	}

	var locs map[string]bsearch.FieldTermLocationMap
	if highlight != nil && len(hits) > 0 {
		if locs, err = ex.locations(ctx, highlight, hits); err != nil {
			return nil, fmt.Errorf("search: highlights of %q: %w", req.Query, err)
		}
	}

	out := &Result{
		Query:  req.Query,
		Total:  total,
		Hits:   make([]Hit, 0, len(hits)),
		Facets: st.facets(counts, filters, req.Lang),
	}
	for _, dm := range hits {
		if l, ok := locs[dm.ID]; ok {
			dm.Locations = l
		}
		out.Hits = append(out.Hits, st.hit(dm, req.Lang, scored))
	}
	out.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}

// filterValues returns the selected values of each facet as index terms.
func (r Request) filterValues() map[string][]string {
	f := make(map[string][]string, len(facetSpecs()))
	for _, n := range r.Sections {
		f["section"] = append(f["section"], strconv.Itoa(n))
	}
	f["agency"] = append(f["agency"], r.Agencies...)
	for _, n := range r.Years {
		f["year"] = append(f["year"], strconv.Itoa(n))
	}
	for _, s := range r.Statuses {
		f["status"] = append(f["status"], string(s))
	}
	f["report"] = append(f["report"], r.Reports...)
	return f
}

// facets turns raw counts into labelled, ordered facet values. Selected
// values are always listed, with count 0 if nothing matches them.
func (st *state) facets(counts map[string]map[string]int, filters map[string][]string, lang string) Facets {
	build := func(name string, label func(string) string, less func(a, b FacetValue) bool) []FacetValue {
		c := counts[name]
		sel := make(map[string]bool, len(filters[name]))
		for _, v := range filters[name] {
			sel[v] = true
		}
		out := make([]FacetValue, 0, len(c)+len(sel))
		for v, n := range c {
			out = append(out, FacetValue{Value: v, Label: label(v), Count: n, Selected: sel[v]})
		}
		for _, v := range filters[name] {
			if _, ok := c[v]; !ok {
				out = append(out, FacetValue{Value: v, Label: label(v), Count: 0, Selected: true})
			}
		}
		if len(out) > MaxFacetValuesShown {
			// Keep the selected values and the most frequent others.
			sort.SliceStable(out, func(i, j int) bool {
				if out[i].Selected != out[j].Selected {
					return out[i].Selected
				}
				return out[i].Count > out[j].Count
			})
			out = out[:max(MaxFacetValuesShown, len(sel))]
		}
		sort.Slice(out, func(i, j int) bool { return less(out[i], out[j]) })
		return out
	}
	for _, f := range facetSpecs() {
		if counts[f.name] == nil {
			counts[f.name] = make(map[string]int)
		}
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
		Agency: build("agency", func(v string) string {
			if a, ok := st.agencies[v]; ok {
				return agencyName(a, lang)
			}
			return v
		}, byCount),
		Year:   build("year", func(v string) string { return v }, numeric),
		Status: build("status", func(v string) string { return StatusLabel(corpus.Status(v), lang) }, statusLess),
		Report: build("report", func(v string) string {
			if r, ok := st.reportByID[v]; ok && r.Title != "" {
				return r.Title
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

// StatusLabel returns a human label for a status in lang ("az" or "en").
func StatusLabel(s corpus.Status, lang string) string {
	en := lang == LangEN
	switch s {
	case corpus.StatusCompleted:
		if en {
			return "Completed"
		}
		return "İcra edilib"
	case corpus.StatusInProgress:
		if en {
			return "In progress"
		}
		return "İcra davam edir"
	case corpus.StatusNotImplemented:
		if en {
			return "Not implemented"
		}
		return "İcra edilməyib"
	case corpus.StatusRecommendation:
		if en {
			return "Commission's recommendation"
		}
		return "Komissiyanın tövsiyəsi"
	case corpus.StatusUnknown, "":
		if en {
			return "Unknown"
		}
		return "Məlum deyil"
	}
	return string(s)
}

func agencyName(a corpus.Agency, lang string) string {
	if lang == LangEN && a.NameEN != "" {
		return a.NameEN
	}
	if a.Name != "" {
		return a.Name
	}
	return a.ID
}

// hit builds the API hit for a bleve match.
func (st *state) hit(dm *bsearch.DocumentMatch, lang string, scored bool) Hit {
	h := Hit{ID: dm.ID, Score: dm.Score, Years: []int{}, Agencies: []Agency{}, Snippets: []string{}}
	if !scored {
		h.Score = 0
	}
	m, ok := st.byID[dm.ID]
	if !ok {
		return h
	}
	h.Report = reportOf(dm.ID, m)
	h.Number = m.Number
	h.Section = m.Section
	h.Title = m.Title
	h.Period = m.Period
	h.Years = append(h.Years, m.Years...)
	h.Status = string(m.Status)
	if h.Status == "" {
		h.Status = string(corpus.StatusUnknown)
	}
	seen := make(map[string]bool)
	for _, a := range m.Agencies {
		if a.ID == "" || seen[a.ID] {
			continue
		}
		seen[a.ID] = true
		h.Agencies = append(h.Agencies, Agency{ID: a.ID, Name: agencyName(a.Agency, lang)})
	}
	h.Snippets = snippets(dm, m)
	return h
}
