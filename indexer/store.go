package indexer

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/hesabat/hesabat/corpus"
)

// Files of a generation's report store: one JSON document per report per
// line (ReportLinesFile) and a table of contents (ReportsTOCFile) that says
// where each line starts, so that a reader can decode one report at a time
// and never hold them all.
const (
	// ReportLinesFile is the name of the file in a generation that holds its
	// reports, one JSON document per line.
	ReportLinesFile = "reports.jsonl"
	// ReportGzipFile is the name of the file in which a generation holds
	// its reports compressed: ReportLinesFile's lines, each compressed as
	// its own gzip member, so that one report is read and decompressed
	// without the others (and zcat gives the lines). Generations written
	// before it hold ReportLinesFile; ReportsTOCFile locates the members.
	ReportGzipFile = "reports.jsonl.gz"
	// ReportsTOCFile is the name of the file in a generation that holds the
	// offset, length and ID of each line of ReportLinesFile.
	ReportsTOCFile = "reports.toc.json"
)

// tocEntry locates one report in ReportLinesFile.
type tocEntry struct {
	ID     string `json:"id"`
	Offset int64  `json:"offset"`
	Length int64  `json:"length"`
}

// store gives access to the reports of an index: the slice given to Build
// for an in-memory index, or the report store of the generation Open
// opened, read one report at a time. The zero store holds no reports.
type store struct {
	// mem is set when the reports are in memory (an in-memory index, or a
	// generation written before the line store, read whole).
	mem    []*corpus.Report
	hasMem bool

	// gen is the generation directory of an on-disk store.
	gen  string
	once sync.Once
	toc  []tocEntry
	f    *os.File
	// gz says that f is ReportGzipFile, each entry a gzip member.
	gz  bool
	err error
}

// memStore returns a store of reports held in memory.
func memStore(reports []*corpus.Report) *store {
	return &store{mem: reports, hasMem: true}
}

// open reads the table of contents and opens the lines file, once. A
// generation without them falls back to the whole-array reports.json of
// older generations, and one without any report file holds no reports.
func (s *store) open() error {
	if s == nil {
		return nil
	}
	s.once.Do(func() {
		if s.hasMem || s.gen == "" {
			return
		}
		data, err := os.ReadFile(filepath.Join(s.gen, ReportsTOCFile))
		if errors.Is(err, os.ErrNotExist) {
			s.mem, s.err = readReports(filepath.Join(s.gen, ReportsFile))
			s.hasMem = true
			return
		}
		if err != nil {
			s.err = fmt.Errorf("indexer: read reports: %w", err)
			return
		}
		if err := json.Unmarshal(data, &s.toc); err != nil {
			s.err = fmt.Errorf("indexer: read reports %s: %w", filepath.Join(s.gen, ReportsTOCFile), err)
			return
		}
		f, err := os.Open(filepath.Join(s.gen, ReportGzipFile))
		s.gz = err == nil
		if errors.Is(err, os.ErrNotExist) {
			f, err = os.Open(filepath.Join(s.gen, ReportLinesFile))
		}
		if err != nil {
			s.err = fmt.Errorf("indexer: read reports: %w", err)
			return
		}
		s.f = f
	})
	return s.err
}

// close closes the lines file if it is open.
func (s *store) close() {
	if s == nil {
		return
	}
	s.once.Do(func() {}) // no open after close
	if s.f != nil {
		s.f.Close()
	}
}

// len returns the number of reports.
func (s *store) len() (int, error) {
	if err := s.open(); err != nil || s == nil {
		return 0, err
	}
	if s.hasMem {
		return len(s.mem), nil
	}
	return len(s.toc), nil
}

// report returns report i, decoding it from disk for an on-disk store.
func (s *store) report(i int, buf []byte) (*corpus.Report, []byte, error) {
	if err := s.open(); err != nil {
		return nil, buf, err
	}
	if s == nil {
		return nil, buf, fmt.Errorf("indexer: report %d: the index holds no reports", i)
	}
	if s.hasMem {
		if i < 0 || i >= len(s.mem) {
			return nil, buf, fmt.Errorf("indexer: report %d of %d: out of range", i, len(s.mem))
		}
		return s.mem[i], buf, nil
	}
	if i < 0 || i >= len(s.toc) {
		return nil, buf, fmt.Errorf("indexer: report %d of %d: out of range", i, len(s.toc))
	}
	e := s.toc[i]
	if cap(buf) < int(e.Length) {
		buf = make([]byte, e.Length)
	}
	buf = buf[:e.Length]
	if _, err := s.f.ReadAt(buf, e.Offset); err != nil {
		return nil, buf, fmt.Errorf("indexer: read report %s: %w", e.ID, err)
	}
	data := buf
	if s.gz {
		var err error
		if data, err = gunzip(buf); err != nil {
			return nil, buf, fmt.Errorf("indexer: read report %s from %s: %w", e.ID, s.f.Name(), err)
		}
	}
	r := new(corpus.Report)
	if err := json.Unmarshal(data, r); err != nil {
		return nil, buf, fmt.Errorf("indexer: read report %s from %s: %w", e.ID, s.f.Name(), err)
	}
	if r.ID != e.ID {
		return nil, buf, fmt.Errorf("indexer: read report %d from %s: ID %q, the table of contents says %q", i, s.f.Name(), r.ID, e.ID)
	}
	shareStrings([]*corpus.Report{r})
	return r, buf, nil
}

// NumReports returns the number of reports the index was built from (0 for
// a bare bleve index or a generation written before reports were stored).
func (x *Index) NumReports() (int, error) {
	return x.store.len()
}

// Report returns report i (0 ≤ i < NumReports) of the index, in the order
// they were given to Build. For an index opened from disk it is read and
// decoded on each call: callers that want it again should keep it.
func (x *Index) Report(ctx context.Context, i int) (*corpus.Report, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("indexer: report %d: %w", i, err)
	}
	r, _, err := x.store.report(i, nil)
	return r, err
}

// EachReport calls fn with every report of the index in order, reading them
// from disk one at a time for an index opened from disk, so that no more
// than one is held (unless fn keeps them). It stops at the first error of
// fn, of reading, or of ctx.
func (x *Index) EachReport(ctx context.Context, fn func(i int, r *corpus.Report) error) error {
	n, err := x.store.len()
	if err != nil {
		return err
	}
	var buf []byte
	for i := 0; i < n; i++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("indexer: reports: %w", err)
		}
		var r *corpus.Report
		if r, buf, err = x.store.report(i, buf); err != nil {
			return err
		}
		if err := fn(i, r); err != nil {
			return err
		}
	}
	return nil
}

// Reports returns every report the index was built from: those given to
// Build for an in-memory index, or those stored with the generation, read
// from disk on each call (nil for a bare bleve index or a generation written
// before reports were stored). It holds them all at once: a server should
// use NumReports, Report and EachReport instead.
func (x *Index) Reports() ([]*corpus.Report, error) {
	if err := x.store.open(); err != nil || x.store == nil {
		return nil, err
	}
	if x.store.hasMem {
		return x.store.mem, nil
	}
	if x.store.gen == "" {
		return nil, nil
	}
	out := make([]*corpus.Report, 0, len(x.store.toc))
	err := x.EachReport(context.Background(), func(_ int, r *corpus.Report) error {
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// writeReportStore writes reports into generation directory gen as
// ReportGzipFile and ReportsTOCFile, synced to disk.
func writeReportStore(gen string, reports []*corpus.Report) error {
	path := filepath.Join(gen, ReportGzipFile)
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("indexer: store reports: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	toc := make([]tocEntry, 0, len(reports))
	var off int64
	var zw gzipMembers
	for _, r := range reports {
		data, merr := json.Marshal(r)
		if merr != nil {
			err = merr
			break
		}
		if data, err = zw.member(append(data, '\n')); err != nil {
			break
		}
		if _, err = w.Write(data); err != nil {
			break
		}
		toc = append(toc, tocEntry{ID: r.ID, Offset: off, Length: int64(len(data))})
		off += int64(len(data))
	}
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("indexer: store reports %s: %w", path, err)
	}
	data, err := json.Marshal(toc)
	if err != nil {
		return fmt.Errorf("indexer: store reports: %w", err)
	}
	return WriteFileAtomic(filepath.Join(gen, ReportsTOCFile), data, 0o644)
}

// readReports reads the whole-array reports.json of generations written
// before the line store; a generation without the file yields nil.
func readReports(path string) ([]*corpus.Report, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("indexer: read reports: %w", err)
	}
	defer f.Close()
	var reports []*corpus.Report
	if err := json.NewDecoder(bufio.NewReader(f)).Decode(&reports); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("indexer: read reports %s: %w", path, err)
	} else if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("indexer: read reports %s: %w", path, io.ErrUnexpectedEOF)
	}
	shareStrings(reports)
	return reports, nil
}

// shareStrings makes the decoded copies of repeated text share memory again,
// as they did in the parsed reports: a sentence that a mention, figure or
// status quotes becomes a slice of its narrative block, and agency names are
// interned across reports.
func shareStrings(reports []*corpus.Report) {
	names := map[string]string{}
	intern := func(s string) string {
		if v, ok := names[s]; ok {
			return v
		}
		names[s] = s
		return s
	}
	for _, r := range reports {
		for i := range r.Measures {
			m := &r.Measures[i]
			quote := func(s string) string {
				for _, b := range m.Narrative {
					if j := strings.Index(b.Text, s); j >= 0 {
						return b.Text[j : j+len(s)]
					}
				}
				return s
			}
			m.StatusEvidence = quote(m.StatusEvidence)
			for k := range m.Agencies {
				a := &m.Agencies[k]
				a.ID, a.Name, a.NameEN = intern(a.ID), intern(a.Name), intern(a.NameEN)
				for n := range a.Abbrev {
					a.Abbrev[n] = intern(a.Abbrev[n])
				}
				a.Sentence = quote(a.Sentence)
			}
			for k := range m.Figures {
				f := &m.Figures[k]
				f.Measure, f.Unit, f.Counts, f.Qualifier = intern(f.Measure), intern(f.Unit), intern(f.Counts), intern(f.Qualifier)
				f.Sentence = quote(f.Sentence)
			}
		}
	}
}
