package az

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// StopName is the registered name of the Azerbaijani stop-word filter.
const StopName = "az_stop"

// FoldedStopName is the registered name of the stop-word filter for folded
// terms (the same words, folded).
const FoldedStopName = "az_stop_folded"

// stopWords are Azerbaijani function words: conjunctions, particles,
// postpositions and pronouns with their case forms. The list started from
// spaCy's (MIT, via advertools) and was curated: content words that list
// carries (il, ildə, ay, faiz, saat, zaman, istifadə, səhv, on, xan, bəy,
// dəqiqə, saniyə, numerals, qarşı, artıq, az, bax) and forms of the verbs
// etmək/olmaq are kept out, because reports are searched for them.
var stopWords = []string{
	// conjunctions and particles
	"amma", "ancaq", "lakin", "və", "ya", "yaxud", "yoxsa", "həm", "həmçinin",
	"habelə", "eləcə", "isə", "ki", "da", "də", "çünki", "əgər", "yəni", "hətta",
	"belə", "elə", "bəli", "xeyr", "ha", "hə", "lap", "məhz", "sadəcə", "yalnız",
	"yenə", "indi", "daha", "ən", "çox", "biraz", "heç", "hər",
	"bütün", "bəzi", "bəzən", "həmişə", "deyil", "var", "yox", "yoxdur",
	"idi", "imiş", "ikən",
	// postpositions
	"ilə", "üçün", "kimi", "qədər", "görə", "sonra", "əvvəl", "haqqında",
	"barədə", "dair", "üzrə", "tərəfindən", "arasında", "ərzində", "dək", "digər",
	"başqa", "həmin",
	// pronouns and their case forms
	"mən", "mənim", "mənə", "məni", "məndə", "məndən",
	"sən", "sənin", "sənə", "səni", "səndə", "səndən",
	"o", "onun", "ona", "onu", "onda", "ondan", "onunla",
	"biz", "bizim", "bizə", "bizi", "bizdə", "bizdən", "bizlər",
	"siz", "sizin", "sizə", "sizi", "sizdə", "sizdən", "sizlər",
	"onlar", "onların", "onlara", "onları", "onlarda", "onlardan",
	"bu", "bunun", "buna", "bunu", "bunda", "bundan", "bunlar", "bunların",
	"bunlara", "bunları", "bununla", "burada", "buradan", "orada", "oradan",
	"öz", "özü", "özünün", "özünə", "özünü", "özləri", "özlərinin",
	"kim", "kimin", "kimə", "nə", "niyə", "harada", "hansı",
	"biri", "birşey", "mirşey", "obirisi", "onsuzda",
	// the fragments a split "2021-ci" or "QHT-lərin" would leave
	"ci", "cı", "cu", "cü", "in", "ın", "dir", "dən",
}

// StopFilter removes tokens whose term is a stop word.
type StopFilter struct {
	words map[string]struct{}
}

// NewStopFilter returns the stop filter for plain (folded=false) or folded terms.
func NewStopFilter(folded bool) *StopFilter {
	f := &StopFilter{words: make(map[string]struct{}, len(stopWords))}
	for _, w := range stopWords {
		if folded {
			w = Fold(w)
		}
		f.words[w] = struct{}{}
	}
	return f
}

// IsStop reports whether term is one of the filter's stop words.
func (f *StopFilter) IsStop(term string) bool {
	_, ok := f.words[term]
	return ok
}

// Filter removes stop words from input, keeping the other tokens' positions.
func (f *StopFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	j := 0
	for _, tok := range input {
		if _, ok := f.words[string(tok.Term)]; ok {
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
