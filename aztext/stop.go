package aztext

import "sync"

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

// stopSets are the stop words, plain and folded, built on first use and
// never changed afterwards.
var stopSets = sync.OnceValue(func() [2]map[string]struct{} {
	out := [2]map[string]struct{}{make(map[string]struct{}, len(stopWords)), make(map[string]struct{}, len(stopWords))}
	for _, w := range stopWords {
		out[0][w] = struct{}{}
		out[1][Fold(w)] = struct{}{}
	}
	return out
})

// IsStopWord reports whether the lower-case w is an Azerbaijani function
// word that is not indexed (a conjunction, particle, postposition or
// pronoun form); with folded, whether w is one folded.
func IsStopWord(w string, folded bool) bool {
	i := 0
	if folded {
		i = 1
	}
	_, ok := stopSets()[i][w]
	return ok
}
