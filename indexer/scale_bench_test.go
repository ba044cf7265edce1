package indexer_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/corpus/synth"
	"github.com/hesabat/hesabat/indexer"
)

// benchSeed is the seed of every scale corpus the benchmarks build.
const benchSeed = 1

// buildSizes returns the corpus sizes (reports) to index: 100, and 1000 only
// when HESABAT_BENCH_MAX_N allows it (make bench sets it to 1000), so a plain
// "go test -bench" stays short.
func buildSizes(b *testing.B) []int {
	max := 100
	if s := os.Getenv("HESABAT_BENCH_MAX_N"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("HESABAT_BENCH_MAX_N=%q: %v", s, err)
		}
		max = n
	}
	var out []int
	for _, n := range []int{100, 1000} {
		if n <= max {
			out = append(out, n)
		}
	}
	return out
}

// scaleReports returns n annotated reports of the scale corpus and the bytes
// of report text they were parsed from.
func scaleReports(tb testing.TB, n int) ([]*corpus.Report, int64) {
	tb.Helper()
	g, err := synth.New(corpus.DefaultName, []byte(corpus.DefaultText()))
	if err != nil {
		tb.Fatal(err)
	}
	reports, err := g.Reports(context.Background(), n, benchSeed)
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range reports {
		if err := analytics.Annotate(r); err != nil {
			tb.Fatal(err)
		}
	}
	return reports, g.Size(n, benchSeed)
}

// dirSize returns the bytes of the regular files under dir.
func dirSize(tb testing.TB, dir string) int64 {
	tb.Helper()
	var total int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return total
}

// BenchmarkBuildScale measures building a persistent index of N = 100 (and
// 1000 with HESABAT_BENCH_MAX_N=1000) scale-corpus reports with Hesabat's
// Azerbaijani analysis and, in the same run, with bleve's standard analyzer.
// MB/s counts the report text; it reports measures/s and the size on disk
// after the build: index-MB for the whole generation directory (bleve index
// plus the stored reports), bleve-MB for the bleve index alone.
func BenchmarkBuildScale(b *testing.B) {
	ctx := context.Background()
	for _, n := range buildSizes(b) {
		reports, textBytes := scaleReports(b, n)
		measures := 0
		for _, r := range reports {
			measures += len(r.Measures)
		}
		for _, a := range []struct {
			name     string
			analysis indexer.Analysis
		}{
			{"az", indexer.DefaultAnalysis()},
			{"standard", indexer.StandardAnalysis()},
		} {
			b.Run(fmt.Sprintf("N=%d/analyzer=%s", n, a.name), func(b *testing.B) {
				b.SetBytes(textBytes)
				var size, bleveSize int64
				var elapsed time.Duration
				iters := 0
				for b.Loop() {
					dir := filepath.Join(b.TempDir(), "index")
					t0 := time.Now()
					idx, err := indexer.Build(ctx, dir, reports, indexer.WithAnalysis(a.analysis))
					if err != nil {
						b.Fatal(err)
					}
					if err := idx.Close(); err != nil {
						b.Fatal(err)
					}
					elapsed += time.Since(t0)
					iters++
					b.StopTimer()
					size = dirSize(b, dir)
					bleveSize = dirSize(b, idx.Dir())
					if err := os.RemoveAll(dir); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				b.ReportMetric(float64(measures*iters)/elapsed.Seconds(), "measures/s")
				b.ReportMetric(float64(size)/1e6, "index-MB")
				b.ReportMetric(float64(bleveSize)/1e6, "bleve-MB")
			})
		}
	}
}

// TestScaleCorpusIndexes guards the benchmark: a small scale corpus indexes
// with both analyses and holds one document per measure.
func TestScaleCorpusIndexes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two indexes")
	}
	ctx := context.Background()
	reports, _ := scaleReports(t, 3)
	want := uint64(0)
	for _, r := range reports {
		want += uint64(len(r.Measures))
	}
	for _, a := range []indexer.Analysis{indexer.DefaultAnalysis(), indexer.StandardAnalysis()} {
		t.Run(a.Text, func(t *testing.T) {
			idx, err := indexer.Build(ctx, filepath.Join(t.TempDir(), "index"), reports, indexer.WithAnalysis(a))
			if err != nil {
				t.Fatal(err)
			}
			defer idx.Close()
			n, err := idx.Bleve().DocCount()
			if err != nil {
				t.Fatal(err)
			}
			if n != want {
				t.Errorf("DocCount = %d, want %d", n, want)
			}
		})
	}
}
