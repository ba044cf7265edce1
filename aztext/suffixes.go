package aztext

import (
	"sort"
	"strings"
)

// suffixTemplates are the inflectional endings the stemmer strips, written
// with archiphonemes: A is the two-way vowel (a/ə), I the four-way vowel
// (ı/i/u/ü). Buffer consonants y/n/s are spelled out. Derivational suffixes
// (-lıq, -lı, -sız, -çı, -laş) are not here: derivations stay apart.
var suffixTemplates = []string{
	// plural and predicative
	"lAr", "dIr", "dIrlAr",
	// possessives
	"Im", "m", "ImIz", "mIz", "In", "InIz", "nIz", "I", "sI",
	// cases: genitive, accusative, dative, locative, ablative, instrumental
	"nIn", "nI", "A", "yA", "nA", "dA", "ndA", "dAn", "ndAn", "lA", "ylA",
	// relative -ki, equative, terminative
	"kI", "dAkI", "ndAkI", "cA", "dAk",
	// personal endings
	"Am", "yAm", "sAn", "Iq", "yIq", "Ik", "yIk", "sInIz", "sIz",
	// verbal nouns and infinitive
	"mAq", "mAk", "mA", "mAsI", "mAyA", "mAğ", "mAy",
	// tenses and moods
	"dI", "dIm", "dIn", "dIq", "dIk", "dIlAr", "dInIz",
	"mIş", "mIşdIr", "mIşdIrlAr", "mIşlAr",
	"Ir", "yIr", "IrlAr", "mIr", "mIrlAr",
	"AcAq", "yAcAq", "AcAğ", "yAcAğ", "AcAk", "yAcAk", "AcAy", "yAcAy",
	"Ar", "mAz", "mAlI", "sA", "AsI", "yAsI",
	// participles and converbs
	"An", "yAn", "dIğ", "dIy", "Ib", "yIb", "ArAq", "yArAq", "ArAk", "yArAk", "AndA", "yAndA",
	"dIqdA", "dIkdA", "mAdAn", "mAyIb", "IncA", "yIncA", "dIqcA", "dIkcA",
	// voice: passive and causative
	"Il", "dIr", "t",
	// the aorist after a vowel (oxu-r, oxu-yar); the third-person imperative
	"r", "yAr", "sIn", "sInlAr",
}

// verbalTemplates are the endings only a verb takes: a remainder reached by
// stripping one of them counts as a stem only when it is a verb root.
var verbalTemplates = []string{
	// personal endings: nouns take them too (müəllim-ik), but rarely in
	// reports, while stripping them from unknown words does harm (publ-ik)
	"Am", "yAm", "sAn", "Iq", "yIq", "Ik", "yIk", "sInIz",
	"mA", "mAsI", "mAyA", "mAq", "mAk", "mAy", "dIk", "mAğ", "mAz", "mIr", "mIrlAr", "Ir", "yIr", "IrlAr",
	"dI", "dIm", "dIn", "dIq", "dIlAr", "dInIz",
	"mIş", "mIşdIr", "mIşdIrlAr", "mIşlAr",
	"AcAq", "yAcAq", "AcAğ", "yAcAğ", "AcAk", "yAcAk", "AcAy", "yAcAy",
	"Ar", "mAlI", "sA", "AsI", "yAsI",
	"An", "yAn", "dIğ", "dIy", "Ib", "yIb", "ArAq", "yArAq", "ArAk", "yArAk", "AndA", "yAndA",
	"dIqdA", "dIkdA", "mAdAn", "mAyIb", "IncA", "yIncA", "dIqcA", "dIkcA",
	"Il", "t", "r", "yAr", "sIn", "sInlAr",
}

// verbalToo are nominal endings that verbs take as well: the optative
// (ol-a, gəl-ə) looks like the dative. After them a remainder may be a word
// or a verb root.
var verbalToo = []string{"A", "yA"}

// suffixSet holds the expanded endings of one stemmer mode, longest first.
type suffixSet struct {
	all     []string
	byLast  map[byte][]string // endings grouped by their last byte
	set     map[string]struct{}
	verbal  map[string]bool // endings only a verb takes
	either  map[string]bool // endings a word or a verb takes
	passive map[string]bool // voice endings (-ıl, -t, -dır)
}

// expand spells out a template with every vowel the harmony allows.
func expand(t string) []string {
	out := []string{""}
	for _, r := range t {
		var opts []string
		switch r {
		case 'A':
			opts = []string{"a", "ə"}
		case 'I':
			opts = []string{"ı", "i", "u", "ü"}
		default:
			opts = []string{string(r)}
		}
		var next []string
		for _, p := range out {
			for _, o := range opts {
				next = append(next, p+o)
			}
		}
		out = next
	}
	return out
}

// expandAll spells out every template, folded when folded is true.
func expandAll(templates []string, folded bool) []string {
	var out []string
	for _, t := range templates {
		for _, e := range expand(t) {
			if folded {
				e = Fold(e)
			}
			out = append(out, e)
		}
	}
	return out
}

// newSuffixSet expands the templates, folded when folded is true. Spellings
// that break harmony inside the ending ("lər" with a back vowel later) are
// kept: the lexicon decides.
func newSuffixSet(folded bool) *suffixSet {
	s := &suffixSet{byLast: map[byte][]string{}, set: map[string]struct{}{}, verbal: map[string]bool{}, passive: map[string]bool{}, either: map[string]bool{}}
	for _, e := range expandAll(verbalToo, folded) {
		s.either[e] = true
	}
	for _, e := range expandAll([]string{"Il", "t", "dIr"}, folded) {
		s.passive[e] = true
	}
	for _, e := range expandAll(verbalTemplates, folded) {
		s.verbal[e] = true
	}
	for _, e := range expandAll(suffixTemplates, folded) {
		if _, dup := s.set[e]; dup {
			continue
		}
		s.set[e] = struct{}{}
		s.all = append(s.all, e)
	}
	sort.Slice(s.all, func(i, j int) bool {
		if len(s.all[i]) != len(s.all[j]) {
			return len(s.all[i]) > len(s.all[j])
		}
		return s.all[i] < s.all[j]
	})
	for _, e := range s.all {
		b := e[len(e)-1]
		s.byLast[b] = append(s.byLast[b], e)
	}
	return s
}

// endingsOf returns the endings w ends with, longest first.
func (s *suffixSet) endingsOf(w string) []string {
	if w == "" {
		return nil
	}
	var out []string
	for _, e := range s.byLast[w[len(w)-1]] {
		if len(e) < len(w) && strings.HasSuffix(w, e) {
			out = append(out, e)
		}
	}
	return out
}

// chain reports whether w is made only of nominal endings ("lərə", "ci",
// "dək"). Verb-only endings are left out: with them almost any short word
// parses as a chain (iq-t-i-sa-di).
func (s *suffixSet) chain(w string) bool {
	if w == "" {
		return true
	}
	if _, ok := s.set[w]; ok && !s.verbal[w] {
		return true
	}
	for _, e := range s.byLast[w[len(w)-1]] {
		if len(e) < len(w) && !s.verbal[e] && strings.HasSuffix(w, e) && s.chain(w[:len(w)-len(e)]) {
			return true
		}
	}
	return false
}

// chainSuffixes are the endings that may follow a number or acronym: the
// stemmer's endings plus the ordinal and adjectival endings ("2021-ci",
// "3-üncü", "5-li", "2-lik").
var chainSuffixes = func() [2]*suffixSet {
	var out [2]*suffixSet
	for i, folded := range []bool{false, true} {
		s := newSuffixSet(folded)
		for _, e := range expandAll([]string{"cI", "IncI", "ncI", "IncIsI", "ncIsI", "cIsI", "lI", "lIk", "lIq", "lIğ", "lIy"}, folded) {
			s.set[e] = struct{}{}
			s.byLast[e[len(e)-1]] = append(s.byLast[e[len(e)-1]], e)
		}
		out[i] = s
	}
	return out
}()

// IsSuffixChain reports whether the lower-case w is made only of
// inflectional endings ("lərə", "dək", "ci", "ün"), plain or folded: the
// suffixes written after a number or acronym ("2021-ci", "QHT-lərə"), which
// a tokenizer keeps with the word before them.
func IsSuffixChain(w string) bool {
	return chainSuffixes[0].chain(w) || chainSuffixes[1].chain(Fold(w))
}
