package az

import (
	"testing"

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

// BenchmarkStem measures the stemmer alone on the Wikipedia sample's words.
func BenchmarkStem(b *testing.B) {
	text := []byte(wikipediaText(b, externalDir(b)))
	var words []string
	for _, t := range (LowercaseFilter{}).Filter(Tokenizer{}.Tokenize(text)) {
		words = append(words, string(t.Term))
	}
	st := NewStemmer(false)
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			stemSink = st.Stem(w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

var (
	analyzeSink analysis.TokenStream
	stemSink    string
)
