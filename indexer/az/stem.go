package az

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/hesabat/hesabat/aztext"
)

// StemmerName is the registered name of the Azerbaijani stemmer.
const StemmerName = "az_stem"

// FoldedStemmerName is the registered name of the stemmer for folded terms
// (ə→e, ı→i, ö→o, ü→u, ç→c, ş→s, ğ→g).
const FoldedStemmerName = "az_stem_folded"

// stemCacheSize bounds the words a StemFilter remembers: the vocabulary of
// a thousand reports fits, and the least recently used word goes first.
const stemCacheSize = 1 << 16

// StemFilter is the token filter that stems each token's term with
// aztext's Stemmer; keyword and numeric tokens are left alone. It remembers
// the stems of the stemCacheSize most recently stemmed words (a report's
// vocabulary repeats from measure to measure, and the same filter serves
// every field analysed with it), in an LRU cache from
// github.com/hashicorp/golang-lru. It is safe for concurrent use.
type StemFilter struct {
	stemmer *aztext.Stemmer
	cache   *lru.Cache[string, string] // word → stem
}

// NewStemFilter returns the stem filter for plain or folded terms.
func NewStemFilter(folded bool) *StemFilter {
	c, err := lru.New[string, string](stemCacheSize)
	if err != nil {
		panic("az: " + err.Error()) // only for a size ≤ 0
	}
	return &StemFilter{stemmer: aztext.NewStemmer(folded), cache: c}
}

// Filter stems the terms of input in place.
func (f *StemFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if tok.KeyWord || tok.Type == analysis.Numeric {
			continue
		}
		if st, ok := f.cache.Get(string(tok.Term)); ok {
			if st != string(tok.Term) {
				tok.Term = []byte(st) // terms never share storage
			}
			continue
		}
		w := string(tok.Term)
		st := f.stemmer.Stem(w)
		if st != w {
			tok.Term = []byte(st)
		}
		f.cache.Add(w, st)
	}
	return input
}

func stemFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	return NewStemFilter(false), nil
}

func foldedStemFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	return NewStemFilter(true), nil
}
