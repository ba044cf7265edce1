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

// lexicon is the set of known stems for one stemmer mode: words (nouns,
// adjectives, adverbs…) and verb roots.
type lexicon struct {
	words map[string]struct{}
	verbs map[string]struct{}
}

// lexicons holds the plain and folded lexicons, built on first use and never
// changed afterwards.
var lexicons = sync.OnceValue(func() [2]lexicon {
	var out [2]lexicon
	for i := range out {
		out[i] = lexicon{words: make(map[string]struct{}, 65000), verbs: make(map[string]struct{}, 10000)}
	}
	add := func(w string) {
		m := 0
		if verb, ok := strings.CutSuffix(w, "-"); ok {
			w, m = verb, 1
		}
		for i, l := range out {
			k := w
			if i == 1 {
				k = Fold(w)
			}
			if m == 1 {
				l.verbs[k] = struct{}{}
			} else {
				l.words[k] = struct{}{}
			}
		}
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
func (l lexicon) has(w string) bool {
	if _, ok := l.words[w]; ok {
		return true
	}
	_, ok := l.verbs[w]
	return ok
}

// verb reports whether w is a known verb root.
func (l lexicon) verb(w string) bool {
	_, ok := l.verbs[w]
	return ok
}
