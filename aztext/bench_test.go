package aztext

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// reportWords returns the lower-case words of the shipped report, in order.
func reportWords(tb testing.TB) []string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "corpus", "data", "ogp-nap-2021-report.az.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	fields := strings.FieldsFunc(NFC(string(b)), func(r rune) bool { return !unicode.IsLetter(r) })
	for i, w := range fields {
		fields[i] = Lower(w)
	}
	return fields
}

// BenchmarkStem measures the stemmer alone, without memo, on the words of
// the shipped report.
func BenchmarkStem(b *testing.B) {
	words := reportWords(b)
	for _, folded := range []bool{false, true} {
		name := "plain"
		if folded {
			name = "folded"
		}
		b.Run(name, func(b *testing.B) {
			st := NewStemmer(folded)
			in := words
			if folded {
				in = make([]string, len(words))
				for i, w := range words {
					in[i] = Fold(w)
				}
			}
			b.ResetTimer()
			for b.Loop() {
				for _, w := range in {
					stemSink = st.Stem(w)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(in)), "ns/word")
		})
	}
}

var stemSink string

// BenchmarkNFC compares NFC's byte scan with norm's quick check on the
// words of the shipped report (already NFC, as the tokenizer sees them).
func BenchmarkNFC(b *testing.B) {
	words := reportWords(b)
	b.Run("belowMarks", func(b *testing.B) {
		for b.Loop() {
			for _, w := range words {
				boolSink = belowMarks(w)
			}
		}
	})
	b.Run("norm.IsNormalString", func(b *testing.B) {
		for b.Loop() {
			for _, w := range words {
				boolSink = norm.NFC.IsNormalString(w)
			}
		}
	})
}

var boolSink bool
