package az

import (
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/registry"
)

// BenchmarkAnalyze measures throughput on the Wikipedia sample for our two
// analyzers and, in the same run, bleve's standard and Turkish analyzers.
func BenchmarkAnalyze(b *testing.B) {
	text := []byte(wikipediaText(b, externalDir(b)))
	for _, name := range []string{AnalyzerName, FoldedAnalyzerName, standard.Name, "tr"} {
		b.Run(name, func(b *testing.B) {
			a, err := registry.NewCache().AnalyzerNamed(name)
			if err != nil {
				b.Fatal(err)
			}
			a.Analyze([]byte("isinmə")) // load the lexicon outside the timer
			b.SetBytes(int64(len(text)))
			b.ResetTimer()
			for b.Loop() {
				analyzeSink = a.Analyze(text)
			}
		})
	}
}

// BenchmarkAnalyzeRatio runs the az and standard analyzers by turns on the
// shipped report and on the Wikipedia sample and reports each one's MB/s
// and their ratio, so that a busy machine slows both alike.
func BenchmarkAnalyzeRatio(b *testing.B) {
	texts := []struct {
		name string
		text func(testing.TB) string
	}{
		{"report", reportText},
		{"wikipedia", func(tb testing.TB) string { return wikipediaText(tb, externalDir(tb)) }},
	}
	for _, tc := range texts {
		b.Run(tc.name, func(b *testing.B) { analyzeRatio(b, []byte(tc.text(b))) })
	}
}

// analyzeRatio is BenchmarkAnalyzeRatio on one text.
func analyzeRatio(b *testing.B, text []byte) {
	cache := registry.NewCache()
	var analyzers []analysis.Analyzer
	for _, name := range []string{AnalyzerName, FoldedAnalyzerName, standard.Name} {
		a, err := cache.AnalyzerNamed(name)
		if err != nil {
			b.Fatal(err)
		}
		a.Analyze([]byte("isinmə"))
		analyzers = append(analyzers, a)
	}
	spent := make([]time.Duration, len(analyzers))
	b.ResetTimer()
	for b.Loop() {
		for i, a := range analyzers {
			start := time.Now()
			analyzeSink = a.Analyze(text)
			spent[i] += time.Since(start)
		}
	}
	mbps := func(d time.Duration) float64 { return float64(len(text)*b.N) / 1e6 / d.Seconds() }
	b.ReportMetric(mbps(spent[0]), "az-MB/s")
	b.ReportMetric(mbps(spent[1]), "az_folded-MB/s")
	b.ReportMetric(mbps(spent[2]), "standard-MB/s")
	b.ReportMetric(spent[2].Seconds()/spent[0].Seconds(), "az/standard")
	b.ReportMetric(spent[2].Seconds()/spent[1].Seconds(), "az_folded/standard")
}

var analyzeSink analysis.TokenStream
