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
// the stems of up to stemCacheSize words (a report's vocabulary repeats
// from measure to measure, and the same filter serves every field analysed
// with it) in a cache from github.com/hashicorp/golang-lru, evicting the
// oldest entry when full. It looks words up with Peek (a read lock) rather
// than Get, which also moves the entry to the front under the write lock:
// on the shipped report Get cost 12 % of the analyzers' CPU, and the price
// of Peek, evicting by age of insertion rather than of use, is one more
// Stem call for a word evicted while still in use. It is safe for
// concurrent use.
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
		st, ok := f.cache.Peek(string(tok.Term))
		if !ok {
			w := string(tok.Term)
			st = f.stemmer.Stem(w)
			f.cache.Add(w, st)
		}
		tok.Term = replaceTerm(tok.Term, st)
	}
	return input
}

// replaceTerm returns term replaced by st. A stem that is a prefix of the
// term (most are: endings come off the end) reuses the term's bytes, capped
// so that nothing can append into the bytes after it; another one gets its
// own copy, for terms never share storage.
func replaceTerm(term []byte, st string) []byte {
	if len(st) <= len(term) && string(term[:len(st)]) == st {
		return term[:len(st):len(st)]
	}
	return []byte(st)
}

func stemFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	return NewStemFilter(false), nil
}

func foldedStemFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	return NewStemFilter(true), nil
}
