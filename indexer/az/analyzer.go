package az

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// AnalyzerName is the registered name of the Azerbaijani analyzer: look-alike
// character filter, Tokenizer, Azerbaijani lowercasing, stop words, Stemmer.
const AnalyzerName = "az"

// FoldedAnalyzerName is the registered name of the folded Azerbaijani
// analyzer: like AnalyzerName, but terms are folded (ə→e, ı→i, ö→o, ü→u,
// ç→c, ş→s, ğ→g) after lowercasing and stemmed in folded mode, so text typed
// without diacritics ("muracietlerin") meets the written form
// ("müraciətlərin").
const FoldedAnalyzerName = "az_folded"

// NewAnalyzer returns the analysis chain registered as AnalyzerName, or as
// FoldedAnalyzerName when folded is true.
func NewAnalyzer(folded bool) analysis.Analyzer {
	if folded {
		return &analysis.DefaultAnalyzer{
			CharFilters: []analysis.CharFilter{LookalikeFilter{}},
			Tokenizer:   Tokenizer{},
			TokenFilters: []analysis.TokenFilter{
				LowercaseFilter{},
				FoldFilter{},
				NewStopFilter(true),
				NewStemFilter(true),
			},
		}
	}
	return &analysis.DefaultAnalyzer{
		CharFilters: []analysis.CharFilter{LookalikeFilter{}},
		Tokenizer:   Tokenizer{},
		TokenFilters: []analysis.TokenFilter{
			LowercaseFilter{},
			NewStopFilter(false),
			NewStemFilter(false),
		},
	}
}

// Token is one term the analyzer makes of a text, with the byte offsets of
// the text it came from: text[Start:End] is the word as written.
type Token struct {
	Term  string `json:"term"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// sharedAnalyzers are the two chains Analyze uses, built on first use; they
// hold no mutable state and are safe for concurrent use.
var sharedAnalyzers = sync.OnceValue(func() [2]analysis.Analyzer {
	return [2]analysis.Analyzer{NewAnalyzer(false), NewAnalyzer(true)}
})

// Analyze runs the Azerbaijani analyzer (the folded one when folded is true)
// over text and returns its tokens in order. It is safe for concurrent use.
func Analyze(text string, folded bool) []Token {
	i := 0
	if folded {
		i = 1
	}
	stream := sharedAnalyzers()[i].Analyze([]byte(text))
	out := make([]Token, len(stream))
	for i, t := range stream {
		out[i] = Token{Term: string(t.Term), Start: t.Start, End: t.End}
	}
	return out
}

func analyzerConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	return newFromCache(cache, false)
}

func foldedAnalyzerConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	return newFromCache(cache, true)
}

// newFromCache assembles an analyzer from the registered components.
func newFromCache(cache *registry.Cache, folded bool) (analysis.Analyzer, error) {
	cf, err := cache.CharFilterNamed(CharFilterName)
	if err != nil {
		return nil, fmt.Errorf("az: %w", err)
	}
	tok, err := cache.TokenizerNamed(TokenizerName)
	if err != nil {
		return nil, fmt.Errorf("az: %w", err)
	}
	names := []string{LowercaseName, StopName, StemmerName}
	if folded {
		names = []string{LowercaseName, FoldName, FoldedStopName, FoldedStemmerName}
	}
	filters := make([]analysis.TokenFilter, 0, len(names))
	for _, n := range names {
		f, err := cache.TokenFilterNamed(n)
		if err != nil {
			return nil, fmt.Errorf("az: %w", err)
		}
		filters = append(filters, f)
	}
	return &analysis.DefaultAnalyzer{
		CharFilters:  []analysis.CharFilter{cf},
		Tokenizer:    tok,
		TokenFilters: filters,
	}, nil
}

// init registers the components and the analyzers with bleve. It is the
// project's only init function.
func init() {
	must := func(err error) {
		if err != nil {
			panic(fmt.Sprintf("az: register: %v", err))
		}
	}
	must(registry.RegisterCharFilter(CharFilterName, lookalikeFilterConstructor))
	must(registry.RegisterTokenizer(TokenizerName, tokenizerConstructor))
	must(registry.RegisterTokenFilter(LowercaseName, lowercaseFilterConstructor))
	must(registry.RegisterTokenFilter(FoldName, foldFilterConstructor))
	must(registry.RegisterTokenFilter(StopName, stopFilterConstructor))
	must(registry.RegisterTokenFilter(FoldedStopName, foldedStopFilterConstructor))
	must(registry.RegisterTokenFilter(StemmerName, stemFilterConstructor))
	must(registry.RegisterTokenFilter(FoldedStemmerName, foldedStemFilterConstructor))
	must(registry.RegisterAnalyzer(AnalyzerName, analyzerConstructor))
	must(registry.RegisterAnalyzer(FoldedAnalyzerName, foldedAnalyzerConstructor))
	must(registry.RegisterTokenFilter(FamilyName, familyFilterConstructor))
	must(registry.RegisterAnalyzer(FamilyAnalyzerName, familyAnalyzerConstructor))
}
