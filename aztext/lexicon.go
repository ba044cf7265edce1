package aztext

import (
	_ "embed"
	"strings"
	"sync"
)

//go:generate go run ./internal/lexgen -src ../../shared/eval/external/lexicons -out lexicon.txt

// lexiconText is the embedded word list: headwords and verb roots from the
// MIT-licensed AzeLexicon and ANAS lists, built by internal/lexgen (see NOTICE).
//
//go:embed lexicon.txt
var lexiconText string

// keywords are words the lexicon lacks that must stay whole: postpositions
// and adverbs that look inflected ("üçün" is not "üç" + "ün").
var keywords = []string{
	"üçün", "bütün", "sonra", "görə", "qədər", "kimi", "ilə", "barədə",
	"haqqında", "tərəfindən", "arasında", "üzrə", "dair", "əsasən", "habelə",
	"həmçinin", "eləcə", "ərzində", "məqsədilə", "hələ",
	"indi", "bəzən", "həmişə", "artıq", "daha", "ancaq", "lakin", "amma",
	// ordinals: -ıncı is a derivation, kept whole
	"birinci", "ikinci", "üçüncü", "dördüncü", "beşinci", "altıncı",
	"yeddinci", "səkkizinci", "doqquzuncu", "onuncu",
}

// lexicon is the set of known stems for one stemmer mode: words (nouns,
// adjectives, adverbs…) and verb roots, in one map of kind bits.
type lexicon map[string]uint8

// The kinds of lexicon entry.
const (
	kindWord uint8 = 1 << iota
	kindVerb
)

// lexicons holds the plain and folded lexicons, built on first use and never
// changed afterwards.
var lexicons = sync.OnceValue(func() [2]lexicon {
	out := [2]lexicon{make(lexicon, 75000), make(lexicon, 75000)}
	add := func(w string) {
		kind := kindWord
		if verb, ok := strings.CutSuffix(w, "-"); ok {
			w, kind = verb, kindVerb
		}
		out[0][w] |= kind
		out[1][Fold(w)] |= kind
	}
	for line := range strings.SplitSeq(lexiconText, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		add(line)
	}
	for _, w := range keywords {
		add(w)
	}
	return out
})

// has reports whether w is a known word or verb root.
func (l lexicon) has(w string) bool { return l[w] != 0 }

// word reports whether w is a known word (not only a verb root).
func (l lexicon) word(w string) bool { return l[w]&kindWord != 0 }

// verb reports whether w is a known verb root.
func (l lexicon) verb(w string) bool { return l[w]&kindVerb != 0 }
