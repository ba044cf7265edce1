package az

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/hesabat/hesabat/aztext"
)

// LowercaseName is the registered name of the Azerbaijani lower-case filter.
const LowercaseName = "az_lowercase"

// LowercaseFilter lowers terms with Azerbaijani rules (aztext.LowerBytes):
// İ→i, I→ı, and a dotted capital written as I + U+0307 (NFD) becomes i. Unlike bleve's to_lower it
// never produces invalid UTF-8 and leaves offsets alone.
type LowercaseFilter struct{}

// Filter lowers each token's term in place.
func (LowercaseFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	var slab termSlab
	for _, tok := range input {
		if aztext.NeedsLower(tok.Term) {
			tok.Term = slab.take(aztext.AppendLower(slab.room(2*len(tok.Term)), tok.Term))
		}
	}
	return input
}

func lowercaseFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	return LowercaseFilter{}, nil
}
