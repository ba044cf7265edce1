package az

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/hesabat/hesabat/aztext"
)

// FamilyName is the registered name of the token filter that reduces a
// folded stem to the root of its word family (aztext.Family).
const FamilyName = "az_family"

// FamilyAnalyzerName is the registered name of the word-family analyzer:
// the folded analyzer, then FamilyName. "elektronlaşdırılması" and
// "elektron" both give "elektron"; "hesabatlılıq" and "hesabat", "hesabat".
const FamilyAnalyzerName = "az_family"

// FamilyFilter is the token filter that replaces each folded stem by its
// word family's root; keyword and numeric tokens are left alone.
type FamilyFilter struct{}

// Filter reduces the terms of input in place.
func (FamilyFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if tok.KeyWord || tok.Type == analysis.Numeric {
			continue
		}
		if f := aztext.Family(string(tok.Term)); len(f) != len(tok.Term) {
			tok.Term = []byte(f)
		}
	}
	return input
}

func familyFilterConstructor(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
	return FamilyFilter{}, nil
}

func familyAnalyzerConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	a, err := newFromCache(cache, true)
	if err != nil {
		return nil, err
	}
	f, err := cache.TokenFilterNamed(FamilyName)
	if err != nil {
		return nil, fmt.Errorf("az: %w", err)
	}
	d := a.(*analysis.DefaultAnalyzer)
	d.TokenFilters = append(d.TokenFilters, f)
	return d, nil
}
