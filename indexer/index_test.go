package indexer_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/indexer/indextest"
)

// reportWith returns a report with n measures whose titles carry word.
func reportWith(id, word string, n int) *corpus.Report {
	r := &corpus.Report{ID: id, Title: id, Sections: []corpus.Section{{Number: 1, Title: "Bölmə"}}}
	for i := 1; i <= n; i++ {
		r.Measures = append(r.Measures, corpus.Measure{
			Report: id, Number: fmt.Sprintf("1.%d", i), Section: 1,
			Title:     fmt.Sprintf("%s tədbiri %d", word, i),
			Period:    "2021",
			Years:     []int{2021},
			Narrative: []corpus.Block{{Kind: corpus.BlockParagraph, Text: "Bələdiyyələrin internetə çıxışı artırılıb.", Line: 1}},
			Agencies:  []corpus.AgencyMention{{Agency: corpus.Agency{ID: "ministry-of-finance", Name: "Maliyyə Nazirliyi"}}},
			Status:    corpus.StatusCompleted,
		})
	}
	return r
}

func docCount(t *testing.T, idx *indexer.Index) uint64 {
	t.Helper()
	n, err := idx.Bleve().DocCount()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// count returns the number of documents matching a term in a field.
func count(t *testing.T, idx *indexer.Index, field, term string) uint64 {
	t.Helper()
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	res, err := idx.Bleve().SearchInContext(context.Background(), bleve.NewSearchRequestOptions(q, 0, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}

func TestBuildInMemoryFields(t *testing.T) {
	r, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := indexer.Build(context.Background(), "", []*corpus.Report{r, reportWith("extra", "Büdcə", 3)})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if idx.Dir() != "" {
		t.Errorf("in-memory index has dir %q", idx.Dir())
	}
	if n := docCount(t, idx); n != uint64(len(r.Measures)+3) {
		t.Errorf("doc count %d, want %d", n, len(r.Measures)+3)
	}
	cases := []struct {
		name, field, term string
		want              uint64
	}{
		{"keyword report", indexer.FieldReport, "extra", 3},
		{"keyword number", indexer.FieldNumber, "8.1", 1},
		{"keyword section", indexer.FieldSection, "9", 4},
		{"keyword year", indexer.FieldYear, "2021", 3 + uint64(countYear(r, 2021))},
		{"keyword status", indexer.FieldStatus, "completed", 3},
		{"keyword agency", indexer.FieldAgency, "ministry-of-finance", 3},
		{"stemmed title", indexer.FieldTitle, "büdcə", 0},
		{"folded title", indexer.FieldTitleFolded, "budce", 0},
		{"stemmed narrative", indexer.FieldNarrative, "bələdiyyə", 0},
		{"folded narrative", indexer.FieldNarrativeFolded, "belediyye", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := count(t, idx, c.field, c.term)
			if c.want == 0 {
				if got <= 3 {
					t.Errorf("%s:%s matches %d, want more than the fixture's 3", c.field, c.term, got)
				}
				return
			}
			if got != c.want {
				t.Errorf("%s:%s matches %d, want %d", c.field, c.term, got, c.want)
			}
		})
	}
}

// TestFoldedMatchesExact checks that a word indexed with diacritics is found
// through the folded field as often as through the exact one.
func TestFoldedMatchesExact(t *testing.T) {
	r, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := indexer.Build(context.Background(), "", []*corpus.Report{r})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	for _, c := range [][2]string{{"büdcə", "budce"}, {"müraciət", "muraciet"}, {"bələdiyyə", "belediyye"}} {
		for _, f := range [][2]string{{indexer.FieldTitle, indexer.FieldTitleFolded}, {indexer.FieldNarrative, indexer.FieldNarrativeFolded}} {
			exact, folded := count(t, idx, f[0], c[0]), count(t, idx, f[1], c[1])
			if exact == 0 || exact != folded {
				t.Errorf("%s:%s matches %d, %s:%s %d", f[0], c[0], exact, f[1], c[1], folded)
			}
		}
	}
}

func countYear(r *corpus.Report, y int) int {
	n := 0
	for _, m := range r.Measures {
		if slices.Contains(m.Years, y) {
			n++
		}
	}
	return n
}

func TestBuildRejectsBadReports(t *testing.T) {
	dup := reportWith("r", "x", 2)
	dup.Measures[1].Number = dup.Measures[0].Number
	cases := []struct {
		name    string
		reports []*corpus.Report
	}{
		{"nil report", []*corpus.Report{nil}},
		{"duplicate measure", []*corpus.Report{dup}},
		{"same report twice", []*corpus.Report{reportWith("r", "x", 1), reportWith("r", "y", 1)}},
		{"measure without number", []*corpus.Report{{ID: "r", Measures: []corpus.Measure{{Report: "r"}}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			_, err := indexer.Build(context.Background(), dir, c.reports)
			if !errors.Is(err, indexer.ErrInvalidReport) {
				t.Fatalf("error %v, want ErrInvalidReport", err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("a failed build left %d entries", len(entries))
			}
		})
	}
}

func TestMappingFor(t *testing.T) {
	if _, err := indexer.MappingFor(indexer.Analysis{Text: "az"}); err == nil {
		t.Error("MappingFor without a folded analyzer succeeded")
	}
	if _, err := indexer.MappingFor(indexer.Analysis{Text: "no-such-analyzer", Folded: "az_folded"}); err == nil {
		t.Error("MappingFor with an unknown analyzer succeeded")
	}
	idx, err := indexer.Build(context.Background(), "", []*corpus.Report{reportWith("r", "Büdcə", 1)}, indexer.WithAnalysis(indexer.StandardAnalysis()))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if idx.Analysis() != indexer.StandardAnalysis() {
		t.Errorf("analysis %+v", idx.Analysis())
	}
	// bleve's standard analyzer neither stems nor folds.
	if n := count(t, idx, indexer.FieldTitleFolded, "budce"); n != 0 {
		t.Errorf("standard analysis folded büdcə (%d matches)", n)
	}
}

// TestPersistentRebuild builds, rebuilds and reopens an index directory:
// the pointer moves atomically, the replaced generation is kept for servers
// that still have it open, older ones are removed, and a failed build leaves
// the current index in place.
func TestPersistentRebuild(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	gens := func() []string {
		var out []string
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), indexer.GenerationPrefix) {
				out = append(out, e.Name())
			}
		}
		return out
	}
	current := func() string {
		b, err := os.ReadFile(filepath.Join(dir, indexer.CurrentFile))
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(string(b))
	}

	first, err := indexer.Build(ctx, dir, []*corpus.Report{reportWith("r", "Birinci", 2)})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	gen1 := current()

	// A reader holds the first generation open while it is replaced.
	reader, err := indexer.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	second, err := indexer.Build(ctx, dir, []*corpus.Report{reportWith("r", "İkinci", 5)})
	if err != nil {
		t.Fatal(err)
	}
	second.Close()
	gen2 := current()
	if gen2 == gen1 {
		t.Fatal("the pointer did not move")
	}
	if n := docCount(t, reader); n != 2 {
		t.Errorf("open reader sees %d docs, want the old 2", n)
	}
	reader.Close()
	if g := gens(); !slices.Equal(g, []string{gen1, gen2}) && !slices.Equal(g, []string{gen2, gen1}) {
		t.Errorf("generations %v, want %s and %s", g, gen1, gen2)
	}

	// A cancelled build fails and leaves the current index served.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := indexer.Build(cctx, dir, []*corpus.Report{reportWith("r", "Üçüncü", 9)}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled build: %v", err)
	}
	if current() != gen2 {
		t.Error("a failed build moved the pointer")
	}
	idx, err := indexer.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := docCount(t, idx); n != 5 {
		t.Errorf("after a failed build: %d docs, want 5", n)
	}
	if idx.Analysis() != indexer.DefaultAnalysis() {
		t.Errorf("reopened analysis %+v, want %+v", idx.Analysis(), indexer.DefaultAnalysis())
	}
	idx.Close()

	// An orphan generation (a build killed before its pointer swap) is
	// ignored by Open and removed by the next successful build, together
	// with generations older than the replaced one.
	orphan := filepath.Join(dir, indexer.GenerationPrefix+"orphan")
	if err := os.MkdirAll(filepath.Join(orphan, "index"), 0o755); err != nil {
		t.Fatal(err)
	}
	third, err := indexer.Build(ctx, dir, []*corpus.Report{reportWith("r", "Üçüncü", 7)})
	if err != nil {
		t.Fatal(err)
	}
	third.Close()
	gen3 := current()
	if g := gens(); len(g) != 2 || !slices.Contains(g, gen3) || !slices.Contains(g, gen2) {
		t.Errorf("generations %v, want only %s and %s", g, gen2, gen3)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	t.Run("empty directory", func(t *testing.T) {
		if _, err := indexer.Open(ctx, t.TempDir()); !errors.Is(err, indexer.ErrNoIndex) {
			t.Errorf("error %v, want ErrNoIndex", err)
		}
	})
	t.Run("bad pointer", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, indexer.CurrentFile), []byte("../../etc\n"), 0o644)
		if _, err := indexer.Open(ctx, dir); err == nil || !strings.Contains(err.Error(), "bad generation name") {
			t.Errorf("error %v, want a bad generation name", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := indexer.Open(cctx, t.TempDir()); !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
	})
	t.Run("locked by a writer", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "index")
		w, err := indexer.Build(ctx, dir, []*corpus.Report{reportWith("r", "x", 1)})
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close() // still open for writing
		start := time.Now()
		_, err = indexer.Open(ctx, dir, indexer.WithLockTimeout(200*time.Millisecond))
		if !errors.Is(err, indexer.ErrLocked) {
			t.Fatalf("error %v, want ErrLocked", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("Open blocked for %v", d)
		}
	})
}

func TestNarrativeTextAndAgencyIDs(t *testing.T) {
	m := &corpus.Measure{
		Narrative: []corpus.Block{{Text: "Birinci."}, {Kind: corpus.BlockItem, Marker: "1.", Text: "İkinci."}},
		Agencies: []corpus.AgencyMention{
			{Agency: corpus.Agency{ID: "b"}}, {Agency: corpus.Agency{ID: "a"}}, {Agency: corpus.Agency{ID: "b"}}, {Agency: corpus.Agency{}},
		},
	}
	if got := indexer.NarrativeText(m); got != "Birinci.\nİkinci." {
		t.Errorf("NarrativeText = %q", got)
	}
	if got := indexer.AgencyIDs(m); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("AgencyIDs = %v", got)
	}
}

func ExampleBuild() {
	ctx := context.Background()
	r, err := corpus.Default()
	if err != nil {
		panic(err)
	}
	dir, err := os.MkdirTemp("", "hesabat-index-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	// Build a persistent index, then open it as a server would.
	idx, err := indexer.Build(ctx, dir, []*corpus.Report{r})
	if err != nil {
		panic(err)
	}
	idx.Close()
	idx, err = indexer.Open(ctx, dir)
	if err != nil {
		panic(err)
	}
	defer idx.Close()
	n, _ := idx.Bleve().DocCount()
	fmt.Println(n, "measures")
	// Output: 64 measures
}

// TestReportsStoredWithGeneration proves that Open gives back the reports a
// generation was built from, so an index can be served without its corpus.
func TestReportsStoredWithGeneration(t *testing.T) {
	ctx := context.Background()
	idx, dir := indextest.Reopened(t, []*corpus.Report{reportWith("r", "Birinci", 3), reportWith("s", "İkinci", 2)})
	defer idx.Close()
	got, err := idx.Reports()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "r" || got[1].ID != "s" || len(got[0].Measures) != 3 || len(got[1].Measures) != 2 {
		t.Fatalf("Reports() after Open = %d reports, want r (3 measures) and s (2)", len(got))
	}
	if got[1].Measures[0].Title == "" {
		t.Error("stored measures lost their titles")
	}
	// A damaged reports file is an error, not an empty archive.
	gen, _ := os.ReadFile(filepath.Join(dir, indexer.CurrentFile))
	idx.Close()
	if err := os.WriteFile(filepath.Join(dir, strings.TrimSpace(string(gen)), indexer.ReportGzipFile), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	x, err := indexer.Open(ctx, dir)
	if err != nil {
		t.Fatal(err) // the reports are read only when asked for
	}
	defer x.Close()
	if _, err := x.Reports(); err == nil {
		t.Fatal("Reports accepted a damaged reports file")
	}
}

// TestReportStore proves that the reports of an opened generation can be
// read one at a time and in order, and that a generation written before the
// line store (one reports.json array) is still read.
func TestReportStore(t *testing.T) {
	ctx := context.Background()
	reports := []*corpus.Report{reportWith("r", "Birinci", 3), reportWith("s", "İkinci", 2), reportWith("u", "Üçüncü", 1)}
	cases := []struct {
		name         string
		legacy       bool
		uncompressed bool
	}{
		{"compressed line store", false, false},
		{"line store written before compression", false, true},
		{"legacy reports.json", true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			built, err := indexer.Build(ctx, dir, reports)
			if err != nil {
				t.Fatal(err)
			}
			built.Close()
			gen, _ := os.ReadFile(filepath.Join(dir, indexer.CurrentFile))
			g := filepath.Join(dir, strings.TrimSpace(string(gen)))
			lines := gunzipFile(t, filepath.Join(g, indexer.ReportGzipFile))
			if c.uncompressed {
				// The TOC of the old line store located lines: rewrite it.
				var toc []map[string]any
				off := 0
				for i, line := range strings.SplitAfter(strings.TrimSuffix(string(lines), "\n"), "\n") {
					line = strings.TrimSuffix(line, "\n")
					toc = append(toc, map[string]any{"id": reports[i].ID, "offset": off, "length": len(line)})
					off += len(line) + 1
				}
				data, _ := json.Marshal(toc)
				if err := os.WriteFile(filepath.Join(g, indexer.ReportsTOCFile), data, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(g, indexer.ReportLinesFile), lines, 0o644); err != nil {
					t.Fatal(err)
				}
				os.Remove(filepath.Join(g, indexer.ReportGzipFile))
			}
			if c.legacy {
				array := "[" + strings.Join(strings.Split(strings.TrimSpace(string(lines)), "\n"), ",") + "]"
				if err := os.WriteFile(filepath.Join(g, indexer.ReportsFile), []byte(array), 0o644); err != nil {
					t.Fatal(err)
				}
				os.Remove(filepath.Join(g, indexer.ReportGzipFile))
				os.Remove(filepath.Join(g, indexer.ReportsTOCFile))
			}
			idx, err := indexer.Open(ctx, dir)
			if err != nil {
				t.Fatal(err)
			}
			defer idx.Close()
			n, err := idx.NumReports()
			if err != nil || n != 3 {
				t.Fatalf("NumReports() = %d, %v; want 3", n, err)
			}
			r, err := idx.Report(ctx, 1)
			if err != nil || r.ID != "s" || len(r.Measures) != 2 || r.Measures[1].Agencies[0].Name != "Maliyyə Nazirliyi" {
				t.Fatalf("Report(1) = %+v, %v; want s with 2 measures", r, err)
			}
			if _, err := idx.Report(ctx, 3); err == nil {
				t.Error("Report(3) of 3 did not fail")
			}
			var ids []string
			err = idx.EachReport(ctx, func(i int, r *corpus.Report) error {
				ids = append(ids, fmt.Sprint(i, r.ID))
				return nil
			})
			if err != nil || !slices.Equal(ids, []string{"0r", "1s", "2u"}) {
				t.Fatalf("EachReport visited %v, %v", ids, err)
			}
			stop := errors.New("stop")
			if err := idx.EachReport(ctx, func(int, *corpus.Report) error { return stop }); !errors.Is(err, stop) {
				t.Errorf("EachReport returned %v, want fn's error", err)
			}
			cctx, cancel := context.WithCancel(ctx)
			cancel()
			if err := idx.EachReport(cctx, func(int, *corpus.Report) error { return nil }); !errors.Is(err, context.Canceled) {
				t.Errorf("EachReport with a cancelled context returned %v", err)
			}
		})
	}
}

// gunzipFile returns the decompressed content of a gzip file (all its members).
func gunzipFile(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
