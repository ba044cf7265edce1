package az

import (
	_ "embed"
	"strings"
	"sync"
)

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
	"həmçinin", "eləcə", "ərzində", "müddətində", "nəticəsində", "əsasında",
	"çərçivəsində", "sahəsində", "məqsədilə", "yanında", "birlikdə", "hələ",
	"indi", "bəzən", "həmişə", "artıq", "daha", "ancaq", "lakin", "amma",
}

// lexicon is the set of known stems for one stemmer mode.
type lexicon map[string]struct{}

// lexicons holds the plain and folded lexicons, built on first use and never
// changed afterwards.
var lexicons = sync.OnceValue(func() [2]lexicon {
	plain := make(lexicon, 80000)
	folded := make(lexicon, 80000)
	add := func(w string) {
		plain[w] = struct{}{}
		folded[Fold(w)] = struct{}{}
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
	return [2]lexicon{plain, folded}
})

// has reports whether w is a known stem.
func (l lexicon) has(w string) bool {
	_, ok := l[w]
	return ok
}
