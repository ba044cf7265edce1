package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/hesabat/hesabat/corpus"
)

// On-disk layout of a persistent index at PATH:
//
//	PATH/current          one line: the name of the generation being served, e.g. "gen-20261126T231500Z-123456"
//	PATH/gen-…/index/     a complete bleve (scorch) index, one directory per build
//	PATH/gen-…/reports.jsonl     the annotated reports the generation was built from, one JSON document per line
//	PATH/gen-…/reports.toc.json  where each report's line starts, with its ID
//	PATH/gen-…/version.json      the analysis and app versions that built it (version.go); Open refuses another analysis version
//
// Generations written before the line store hold reports.json (one JSON
// array of all reports) instead; Open still reads it, whole.
//
// Build writes a new generation directory, and only when it is complete
// renames a freshly written pointer file over PATH/current (rename is atomic on
// POSIX file systems). A crash mid-build leaves an orphan generation directory
// and the previous pointer, so the previous complete index keeps being served.
// After a successful build, generations other than the new one and the one it
// replaced are removed; the replaced one is kept because a running server may
// still have it open.
const (
	// CurrentFile is the name of the pointer file inside an index directory.
	CurrentFile = "current"
	// GenerationPrefix starts the name of every generation directory.
	GenerationPrefix = "gen-"
	bleveDir         = "index"
	// ReportsFile is the name of the file in which generations written
	// before the line store (ReportLinesFile) hold their reports.
	ReportsFile = "reports.json"
)

// Sentinel errors of package indexer, checked with errors.Is.
var (
	// ErrNoIndex means the path holds no index.
	ErrNoIndex = errors.New("no index")
	// ErrLocked means another process holds the index open for writing.
	ErrLocked = errors.New("index is locked by another process")
	// ErrInvalidReport means a report cannot be indexed (nil, duplicate measure IDs, …).
	ErrInvalidReport = errors.New("invalid report")
)

// DefaultLockTimeout is how long Open waits for the index lock before failing with ErrLocked.
const DefaultLockTimeout = time.Second

// Index is an open bleve index of measure documents.
type Index struct {
	b        bleve.Index
	dir      string
	analysis Analysis
	version  Version
	// store holds or reads the reports the index was built from.
	store *store
	// readers is the generation's readers lock, held shared while the
	// index is open (nil for an in-memory or bare bleve index).
	readers *os.File
	// derived holds the derived data of an in-memory index, by name.
	derived map[string][]byte

	closeOnce sync.Once
	closeErr  error
}

// Bleve returns the underlying bleve index.
func (x *Index) Bleve() bleve.Index { return x.b }

// Dir returns the directory of the bleve index, or "" for an in-memory index.
func (x *Index) Dir() string { return x.dir }

// Generation returns the name of the index's generation directory (as
// PATH/current names it), or "" for an in-memory or bare bleve index.
func (x *Index) Generation() string {
	if x.store == nil || x.store.gen == "" {
		return ""
	}
	return filepath.Base(x.store.gen)
}

// Analysis returns the analyzers the index was built with.
func (x *Index) Analysis() Analysis { return x.analysis }

// Close closes the index. Closing it again returns the first result (bleve
// itself panics on a second close).
func (x *Index) Close() error {
	x.closeOnce.Do(func() {
		x.store.close()
		if err := x.b.Close(); err != nil {
			x.closeErr = fmt.Errorf("indexer: close %s: %w", x.dir, err)
		}
		if x.readers != nil {
			unlock(x.readers)
			x.readers.Close()
		}
	})
	return x.closeErr
}

// Option configures Build and Open.
type Option func(*options)

type options struct {
	analysis    Analysis
	lockTimeout time.Duration
	batchSize   int
	// memBatchSize is the batch size of an in-memory index, which never
	// merges segments: each batch stays a segment every search visits.
	memBatchSize int
	// appVersion and analysisVersion are recorded with a generation (see
	// version.go); Open refuses a generation of another analysisVersion.
	appVersion      string
	analysisVersion int
	// current, when set, is the generation Build expects PATH/current to
	// name (WithCurrent).
	current    string
	hasCurrent bool
	// held is a writer lock the caller holds (WithWriteLock).
	held *WriteLock
	// derived lists the data Build computes from the reports alongside the index.
	derived []derivedSpec
}

func newOptions(opts []Option) options {
	o := options{analysis: DefaultAnalysis(), lockTimeout: DefaultLockTimeout, batchSize: 256, memBatchSize: 16384,
		analysisVersion: defaultAnalysisVersion}
	for _, f := range opts {
		f(&o)
	}
	return o
}

// WithAnalysis makes Build use the analyzers of a instead of DefaultAnalysis.
func WithAnalysis(a Analysis) Option { return func(o *options) { o.analysis = a } }

// WithBatchSize sets how many documents Build indexes per batch. An
// in-memory index keeps each batch as a segment (the default makes one per
// 16384 documents); an index on disk is merged into one segment anyway.
func WithBatchSize(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.batchSize, o.memBatchSize = n, n
		}
	}
}

// WithCurrent makes Build fail with ErrChanged, before it writes anything,
// unless PATH/current still names generation gen ("" for none): a server
// that rebuilds the index from the reports it serves then never rolls back
// a generation another process wrote meanwhile.
func WithCurrent(gen string) Option {
	return func(o *options) { o.current, o.hasCurrent = gen, true }
}

// WithWriteLock tells Build that the caller holds the writer lock l
// (LockWriter) of the directory it builds in, so that Build does not take it.
func WithWriteLock(l *WriteLock) Option { return func(o *options) { o.held = l } }

// WithLockTimeout sets how long Open waits for a locked index (default DefaultLockTimeout).
func WithLockTimeout(d time.Duration) Option { return func(o *options) { o.lockTimeout = d } }

// Build indexes the measures of reports. With path "" the index lives in
// memory; otherwise a new generation is written under path and made current
// atomically (see the on-disk layout above). The returned Index is open and
// must be closed by the caller.
func Build(ctx context.Context, path string, reports []*corpus.Report, opts ...Option) (*Index, error) {
	o := newOptions(opts)
	if err := checkReports(reports); err != nil {
		return nil, err
	}
	m, err := MappingFor(o.analysis)
	if err != nil {
		return nil, err
	}
	o.analysis.Pairs, o.analysis.FoldedPairs = pairsAnalyzer, foldedPairsAnalyzer
	// Derived data is computed while the index is built; a failed build
	// still waits for it (it reads the reports).
	waitDerived, err := startDerived(ctx, o, reports)
	if err != nil {
		return nil, err
	}
	if path == "" {
		b, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
		if err != nil {
			waitDerived()
			return nil, fmt.Errorf("indexer: new in-memory index: %w", err)
		}
		err = fill(ctx, b, reports, o.memBatchSize)
		derived, derr := waitDerived()
		if err = errors.Join(err, derr); err != nil {
			b.Close()
			return nil, err
		}
		return &Index{b: b, analysis: o.analysis, version: o.version(), store: memStore(reports), derived: derived}, nil
	}
	derivedDone := false
	defer func() {
		if !derivedDone {
			waitDerived()
		}
	}()
	return buildGeneration(ctx, path, m, reports, o, func() (map[string][]byte, error) {
		derivedDone = true
		return waitDerived()
	})
}

// buildGeneration writes a new generation of reports under index directory
// path, holding the writer lock (lockWriter) throughout, makes it current
// and prunes the generations no open Index uses. On failure it removes what
// it wrote and leaves PATH/current as it was.
// waitDerived waits for the derived data Build started computing.
func buildGeneration(ctx context.Context, path string, m mapping.IndexMapping, reports []*corpus.Report, o options,
	waitDerived func() (map[string][]byte, error)) (_ *Index, err error) {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("indexer: build %s: %w", path, err)
	}
	if _, err := os.Stat(filepath.Join(path, "index_meta.json")); err == nil {
		return nil, fmt.Errorf("indexer: build %s: the directory holds a bare bleve index, not a Hesabat index directory", path)
	}
	if o.held == nil || filepath.Clean(o.held.path) != filepath.Clean(path) {
		lock, err := lockWriter(path)
		if err != nil {
			return nil, err
		}
		defer lock.release()
	}
	previous, _ := readCurrent(path)
	if o.hasCurrent && previous != o.current {
		return nil, fmt.Errorf("indexer: build %s: %w (generation %q, expected %q)", path, ErrChanged, previous, o.current)
	}
	gen, err := os.MkdirTemp(path, GenerationPrefix+time.Now().UTC().Format("20060102T150405Z")+"-")
	if err != nil {
		return nil, fmt.Errorf("indexer: build %s: %w", path, err)
	}
	readers := lockReaders(gen)
	dir := filepath.Join(gen, bleveDir)
	b, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, map[string]interface{}{
		"bolt_timeout": o.lockTimeout.String(),
	})
	if err != nil {
		os.RemoveAll(gen)
		return nil, fmt.Errorf("indexer: create %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			b.Close()
			os.RemoveAll(gen)
			if readers != nil {
				readers.Close()
			}
		}
	}()
	if err := fill(ctx, b, reports, o.batchSize); err != nil {
		return nil, err
	}
	if err := mergeSegments(ctx, b); err != nil {
		return nil, err
	}
	if err := writeReportStore(gen, reports); err != nil {
		return nil, err
	}
	derived, err := waitDerived()
	if err != nil {
		return nil, err
	}
	if err := writeDerived(gen, derived); err != nil {
		return nil, err
	}
	if err := writeVersion(gen, o.version()); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("indexer: build: %w", err)
	}
	if err := writeCurrent(path, filepath.Base(gen)); err != nil {
		return nil, err
	}
	prune(path, filepath.Base(gen), previous)
	// The returned index reads its reports back from the store, like one
	// that Open opened, so that it does not pin the caller's reports.
	return &Index{b: b, dir: dir, analysis: o.analysis, version: o.version(), store: &store{gen: gen}, readers: readers}, nil
}

// Open opens the current generation of the index directory at path (as
// written by Build) read-only, or a bare bleve index directory. It fails with
// ErrNoIndex when path holds no index, with ErrLocked when the index stays
// locked for longer than the lock timeout, and with ErrAnalysisVersion when
// the generation was analysed otherwise than this program analyses queries.
func Open(ctx context.Context, path string, opts ...Option) (*Index, error) {
	o := newOptions(opts)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("indexer: open %s: %w", path, err)
	}
	dir := path
	st := &store{}
	var version Version
	var readers *os.File
	if gen, err := readCurrent(path); err == nil {
		dir = filepath.Join(path, gen, bleveDir)
		st.gen = filepath.Join(path, gen)
		// Lock the generation before opening it: from then on no writer
		// removes it (prune skips it until Close).
		readers = lockReaders(st.gen)
		if version, err = checkVersion(st.gen, o.analysisVersion); err != nil {
			closeFile(readers)
			return nil, err
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	} else if _, err := os.Stat(filepath.Join(path, "index_meta.json")); err != nil {
		return nil, fmt.Errorf("indexer: open %s: %w (build one with \"hesabat index\")", path, ErrNoIndex)
	}
	b, err := bleve.OpenUsing(dir, map[string]interface{}{
		"bolt_timeout": o.lockTimeout.String(),
		"read_only":    true,
	})
	if err != nil {
		closeFile(readers)
		if strings.Contains(err.Error(), "timeout") {
			return nil, fmt.Errorf("indexer: open %s: %w: %v", dir, ErrLocked, err)
		}
		return nil, fmt.Errorf("indexer: open %s: %w", dir, err)
	}
	return &Index{b: b, dir: dir, analysis: analysisOf(b), version: version, store: st, readers: readers}, nil
}

// mergeSegments merges the segments of a freshly built on-disk index into
// one. A search then walks one term dictionary and one posting list per
// term instead of one per segment, and touches fewer pages of the mmapped
// files: at 1000 reports the served index's resident file pages halve
// (docs/benchmarks/perf.md).
func mergeSegments(ctx context.Context, b bleve.Index) error {
	adv, err := b.Advanced()
	if err != nil {
		return fmt.Errorf("indexer: merge segments: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	// scorch's ForceMerge waits for its merger without watching ctx; the
	// caller closes b on failure, which ends the merge.
	done := make(chan error, 1)
	go func() { done <- s.ForceMerge(ctx, nil) }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("indexer: merge segments: %w", err)
		}
	case <-ctx.Done():
		return fmt.Errorf("indexer: merge segments: %w", ctx.Err())
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("indexer: build: %w", err)
	}
	return nil
}

// analysisOf reads the analyzers of the text fields back from an index's
// mapping. (bleve's AnalyzerNameForPath does not see fields that a property
// maps under another name, such as title_folded.)
func analysisOf(b bleve.Index) Analysis {
	var a Analysis
	im, ok := b.Mapping().(*mapping.IndexMappingImpl)
	if !ok || im.DefaultMapping == nil {
		return a
	}
	if p := im.DefaultMapping.Properties[FieldTitle]; p != nil {
		for _, f := range p.Fields {
			switch f.Name {
			case FieldTitle:
				a.Text = f.Analyzer
			case FieldTitleFolded:
				a.Folded = f.Analyzer
			case FieldTitlePairs:
				a.Pairs = f.Analyzer
			case FieldTitleFoldedPairs:
				a.FoldedPairs = f.Analyzer
			case FieldTitleFamily:
				a.Family = f.Analyzer
			}
		}
	}
	return a
}

// readCurrent returns the generation name PATH/current points to.
func readCurrent(path string) (string, error) {
	data, err := os.ReadFile(filepath.Join(path, CurrentFile))
	if err != nil {
		return "", fmt.Errorf("indexer: read pointer: %w", err)
	}
	gen := strings.TrimSpace(string(data))
	if !strings.HasPrefix(gen, GenerationPrefix) || strings.ContainsAny(gen, `/\`) || gen == "." || gen == ".." {
		return "", fmt.Errorf("indexer: %s: bad generation name %q", filepath.Join(path, CurrentFile), gen)
	}
	return gen, nil
}

// writeCurrent atomically points PATH/current at generation gen.
func writeCurrent(path, gen string) error {
	if err := WriteFileAtomic(filepath.Join(path, CurrentFile), []byte(gen+"\n"), 0o644); err != nil {
		return fmt.Errorf("indexer: write pointer: %w", err)
	}
	return nil
}

// prune removes the generation directories other than keep and previous
// that no open Index uses (removeUnused), and returns how many it removed.
// The caller holds the writer lock.
func prune(path, keep, previous string) int {
	entries, err := os.ReadDir(path)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, GenerationPrefix) || name == keep || name == previous {
			continue
		}
		if removeUnused(filepath.Join(path, name)) {
			n++
		}
	}
	return n
}

// checkReports rejects nil reports and measure IDs that occur twice.
func checkReports(reports []*corpus.Report) error {
	seen := make(map[string]bool)
	for i, r := range reports {
		if r == nil {
			return fmt.Errorf("indexer: report %d is nil: %w", i, ErrInvalidReport)
		}
		for j := range r.Measures {
			m := &r.Measures[j]
			if m.Number == "" {
				return fmt.Errorf("indexer: report %q measure %d has no number: %w", r.ID, j, ErrInvalidReport)
			}
			id := docID(r, m)
			if seen[id] {
				return fmt.Errorf("indexer: measure %s occurs twice: %w", id, ErrInvalidReport)
			}
			seen[id] = true
		}
	}
	return nil
}

// docID is a measure's document ID; it uses the report's ID when the measure lacks one.
func docID(r *corpus.Report, m *corpus.Measure) string {
	if m.Report == "" {
		return r.ID + "/" + m.Number
	}
	return m.ID()
}

// fill indexes every measure of reports in batches, checking ctx between them.
func fill(ctx context.Context, b bleve.Index, reports []*corpus.Report, batchSize int) error {
	batch := b.NewBatch()
	order := 0
	for _, r := range reports {
		for j := range r.Measures {
			m := &r.Measures[j]
			if err := batch.Index(docID(r, m), Document(r, m, order)); err != nil {
				return fmt.Errorf("indexer: index %s: %w", docID(r, m), err)
			}
			order++
			// Checked at every document: one document can take long (issue
			// 16 finding 2), and a check costs nanoseconds.
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("indexer: build: %w", err)
			}
			if batch.Size() >= batchSize {
				if err := b.Batch(batch); err != nil {
					return fmt.Errorf("indexer: write batch: %w", err)
				}
				batch.Reset()
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("indexer: build: %w", err)
	}
	if batch.Size() > 0 {
		if err := b.Batch(batch); err != nil {
			return fmt.Errorf("indexer: write batch: %w", err)
		}
	}
	return nil
}

// Document returns the bleve document of measure m of report r; order is
// the measure's position in document order across all indexed reports.
func Document(r *corpus.Report, m *corpus.Measure, order int) map[string]interface{} {
	report := m.Report
	if report == "" {
		report = r.ID
	}
	years := make([]string, 0, len(m.Years))
	for _, y := range m.Years {
		years = append(years, strconv.Itoa(y))
	}
	status := string(m.Status)
	if status == "" {
		status = string(corpus.StatusUnknown)
	}
	reportYear := []string{}
	if r.Year > 0 {
		reportYear = append(reportYear, strconv.Itoa(r.Year))
	}
	return map[string]interface{}{
		FieldReportYear:      reportYear,
		FieldReport:          report,
		FieldNumber:          m.Number,
		FieldSection:         strconv.Itoa(m.Section),
		FieldTitle:           m.Title,
		FieldNarrative:       NarrativeText(m),
		FieldAgency:          AgencyIDs(m, corpus.RoleResponsible),
		FieldAgencyRecipient: AgencyIDs(m, corpus.RoleRecipient),
		FieldAgencyMentioned: AgencyIDs(m, corpus.RoleMentioned),
		FieldAgencyAny:       AgencyIDs(m),
		FieldYear:            years,
		FieldStatus:          status,
		FieldOrder:           float64(order),
	}
}

// NarrativeText returns the text indexed as a measure's narrative: its blocks
// joined by newlines. Highlight offsets refer to this string.
func NarrativeText(m *corpus.Measure) string {
	var sb strings.Builder
	for i, b := range m.Narrative {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(b.Text)
	}
	return sb.String()
}

// AgencyIDs returns the distinct IDs of the agencies a measure names in one
// of roles (none: in any role), sorted.
func AgencyIDs(m *corpus.Measure, roles ...corpus.Role) []string {
	seen := make(map[string]bool, len(m.Agencies))
	ids := make([]string, 0, len(m.Agencies))
	for _, a := range m.Agencies {
		if a.ID == "" || seen[a.ID] || len(roles) > 0 && !slices.Contains(roles, corpus.NormRole(a.Role)) {
			continue
		}
		seen[a.ID] = true
		ids = append(ids, a.ID)
	}
	sort.Strings(ids)
	return ids
}
