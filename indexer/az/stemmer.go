package az

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// StemmerName is the registered name of the Azerbaijani stemmer.
const StemmerName = "az_stem"

// FoldedStemmerName is the registered name of the stemmer for folded terms
// (ə→e, ı→i, ö→o, ü→u, ç→c, ş→s, ğ→g).
const FoldedStemmerName = "az_stem_folded"

// maxDepth bounds how many endings the stemmer strips from one word.
const maxDepth = 7

// minFallbackStem is the shortest stem, in letters, the stemmer leaves when
// no lexicon entry confirms it.
const minFallbackStem = 4

// Stemmer strips inflectional endings from lower-case Azerbaijani words. It
// tries every way of peeling endings off the word (plural, possessive, case,
// -ki, personal endings, tense, participle, converb, voice) and keeps the
// longest remainder that the lexicon knows, repairing stem-final
// alternations on the way (yatağ→yataq, ürəy→ürək, ged→get) and restoring a
// dropped vowel (ağz→ağız, fikr→fikir). Words the lexicon already knows are
// left whole, which keeps short roots apart (təmin ≠ təmir, üçün ≠ üç).
// A word no lexicon entry explains loses its endings greedily down to
// minFallbackStem letters.
type Stemmer struct {
	folded bool
	lex    lexicon
	suf    *suffixSet
}

// NewStemmer returns the stemmer for plain or folded terms.
func NewStemmer(folded bool) *Stemmer {
	i := 0
	if folded {
		i = 1
	}
	return &Stemmer{folded: folded, lex: lexicons()[i], suf: suffixSets[i]}
}

// suffixSets are the expanded endings for plain and folded terms.
var suffixSets = [2]*suffixSet{newSuffixSet(false), newSuffixSet(true)}

// Stem returns the stem of the lower-case word w.
func (s *Stemmer) Stem(w string) string {
	n := utf8.RuneCountInString(w)
	if n <= 2 || s.lex.has(w) || !letters(w) {
		return w
	}
	best, bestLen := "", 0
	var seen [64]string
	nseen := 0
	var visit func(stem string, depth int)
	visit = func(stem string, depth int) {
		ends := s.suf.endingsOf(stem)
		for k := len(ends) - 1; k >= 0; k-- { // shortest ending first
			c := stem[:len(stem)-len(ends[k])]
			if len(c) <= bestLen || utf8.RuneCountInString(c) < 2 {
				continue
			}
			dup := false
			for _, x := range seen[:nseen] {
				if x == c {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
			if nseen < len(seen) {
				seen[nseen] = c
				nseen++
			}
			if hit, ok := s.lookup(c); ok {
				best, bestLen = hit, len(c)
				continue
			}
			if depth+1 < maxDepth {
				visit(c, depth+1)
			}
		}
	}
	visit(w, 0)
	if best != "" {
		return best
	}
	return s.fallback(w)
}

// lookup returns the lexicon entry the candidate stem c stands for: c itself,
// or c with its final consonant restored (ğ→q, y→k, d→t) or its dropped
// vowel put back.
func (s *Stemmer) lookup(c string) (string, bool) {
	if s.lex.has(c) {
		return c, true
	}
	last, size := utf8.DecodeLastRuneInString(c)
	head := c[:len(c)-size]
	var repl []string
	switch last {
	case 'ğ', 'g':
		repl = []string{"q"}
	case 'y':
		repl = []string{"k"}
	case 'd':
		repl = []string{"t"}
	}
	for _, r := range repl {
		if s.lex.has(head + r) {
			return head + r, true
		}
	}
	// A dropped high vowel between the last two consonants: ağz → ağız.
	prev, psize := utf8.DecodeLastRuneInString(head)
	if isConsonant(last) && isConsonant(prev) && utf8.RuneCountInString(head) >= 2 {
		vowels := []string{"ı", "i", "u", "ü"}
		if s.folded {
			vowels = []string{"i", "u"}
		}
		for _, v := range vowels {
			cand := head[:len(head)-psize] + string(prev) + v + string(last)
			if s.lex.has(cand) {
				return cand, true
			}
		}
	}
	return "", false
}

// fallback strips endings greedily, longest first, while at least
// minFallbackStem letters and a vowel remain.
func (s *Stemmer) fallback(w string) string {
	for {
		stripped := false
		for _, e := range s.suf.endingsOf(w) {
			c := w[:len(w)-len(e)]
			if utf8.RuneCountInString(c) >= minFallbackStem && hasVowel(c) {
				w, stripped = c, true
				break
			}
		}
		if !stripped {
			return w
		}
	}
}

func isVowel(r rune) bool {
	switch r {
	case 'a', 'ı', 'o', 'u', 'e', 'ə', 'i', 'ö', 'ü':
		return true
	}
	return false
}

func isConsonant(r rune) bool {
	return unicode.IsLetter(r) && !isVowel(r)
}

func hasVowel(w string) bool {
	for _, r := range w {
		if isVowel(r) {
			return true
		}
	}
	return false
}

func letters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// StemFilter is the token filter that stems each token's term; keyword and
// numeric tokens are left alone.
type StemFilter struct {
	stemmer *Stemmer
}

// Filter stems the terms of input in place.
func (f *StemFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if tok.KeyWord || tok.Type == analysis.Numeric {
			continue
		}
		w := string(tok.Term)
		if st := f.stemmer.Stem(w); st != w {
			tok.Term = []byte(st)
		}
	}
	return input
}

func stemFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	return &StemFilter{stemmer: NewStemmer(false)}, nil
}

func foldedStemFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	return &StemFilter{stemmer: NewStemmer(true)}, nil
}
