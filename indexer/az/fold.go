package az

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/hesabat/hesabat/aztext"
)

// FoldName is the registered name of the ASCII-folding filter for
// Azerbaijani (aztext.FoldBytes): ə→e, ı→i, ö→o, ü→u, ç→c, ş→s, ğ→g. It
// runs after lowercasing.
// Unlike bleve's asciifolding it maps ə to e, the way people type.
const FoldName = "az_fold"

// FoldFilter is the token filter registered as FoldName.
type FoldFilter struct{}

// Filter folds each token's term in place.
func (FoldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	var slab termSlab
	for _, tok := range input {
		if aztext.NeedsFold(tok.Term) {
			tok.Term = slab.take(aztext.AppendFold(slab.room(len(tok.Term)), tok.Term))
		}
	}
	return input
}

func foldFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	return FoldFilter{}, nil
}
