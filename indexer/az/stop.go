package az

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/hesabat/hesabat/aztext"
)

// StopName is the registered name of the Azerbaijani stop-word filter.
const StopName = "az_stop"

// FoldedStopName is the registered name of the stop-word filter for folded
// terms (the same words, folded).
const FoldedStopName = "az_stop_folded"

// StopFilter removes tokens whose term is a stop word (aztext.IsStopWord).
type StopFilter struct {
	folded bool
}

// NewStopFilter returns the stop filter for plain (folded=false) or folded terms.
func NewStopFilter(folded bool) *StopFilter { return &StopFilter{folded: folded} }

// IsStop reports whether term is one of the filter's stop words.
func (f *StopFilter) IsStop(term string) bool { return aztext.IsStopWord(term, f.folded) }

// Filter removes stop words from input, keeping the other tokens' positions.
func (f *StopFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	j := 0
	for _, tok := range input {
		if aztext.IsStopWord(string(tok.Term), f.folded) {
			continue
		}
		input[j] = tok
		j++
	}
	return input[:j]
}

func stopFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	return NewStopFilter(false), nil
}

func foldedStopFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	return NewStopFilter(true), nil
}
