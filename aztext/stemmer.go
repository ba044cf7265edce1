package aztext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxDepth bounds how many endings the stemmer strips from one word.
const maxDepth = 7

// maxVisits bounds the remainders the stemmer examines for one word, so
// that a pathological input ("larlarlar…") costs no more than a real word.
const maxVisits = 150

// maxWordBytes is the longest word the stemmer works on; longer tokens
// (hashes, URLs run together) are left as they are.
const maxWordBytes = 80

// minFallbackStem is the shortest stem, in letters, the stemmer leaves when
// no lexicon entry confirms it.
const minFallbackStem = 4

// Stemmer strips inflectional endings from lower-case Azerbaijani words. It
// tries every way of peeling endings off the word (plural, possessive, case,
// -ki, personal endings, tense, participle, converb, voice), each spelled in
// every harmonic variant (a/ə; ı/i/u/ü) and buffered by y/n/s, and keeps the
// longest remainder that the lexicon knows and whose last vowel agrees with
// the ending by vowel harmony. A verb-only ending must leave a verb root,
// another ending a word. On the way it repairs stem-final alternations
// (yatağ→yataq, ürəy→ürək, ged→get) and restores a dropped vowel (ağz→ağız,
// burn→burun). Words the lexicon already knows are left whole, which keeps
// short roots apart (təmin ≠ təmir, sənəd stays), two-letter stems must be
// verb roots or a short list of nouns (il, ay, iş…), and verbal nouns and
// passives go to their verb root (yaradılması → yarat). A word no lexicon
// entry explains loses its nominal endings greedily down to minFallbackStem
// letters (see fallback).
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
	if n <= 2 || len(w) > maxWordBytes || !letters(w) {
		return w
	}
	if p, ok := pronouns[w]; ok {
		return p
	}
	if s.lex.has(w) {
		return s.finish(w)
	}
	q := search{s: s}
	q.visit(w, 0)
	best := q.best
	if best == "" {
		best = q.repaired
	}
	if best != "" {
		return s.finish(best)
	}
	return s.fallback(w)
}

// finish maps a lexicon hit to the stem the index keeps: a word listed in
// inflectedReading goes to its noun, a verb form to its root.
func (s *Stemmer) finish(h string) string {
	if n, ok := inflectedReading[h]; ok {
		return n
	}
	return s.reduceVerb(h)
}

// inflectedReading lists words the lexicon holds in their own right that
// reports nearly always use as an inflected noun: "dekabr ayı" is the month
// (ay), not the bear; "ASAN Xidmət Mərkəzi" is a centre (mərkəz). Relational
// adjectives on the list (mərkəzi "central", şəxsi "personal") meet their
// noun too, which a search wants.
var inflectedReading = func() map[string]string {
	m := map[string]string{
		"ayı": "ay", "sayı": "say", "yeri": "yer", "xidməti": "xidmət",
		"mərkəzi": "mərkəz", "şəxsi": "şəxs", "hüquqi": "hüquq", "olun": "ol",
	}
	out := make(map[string]string, 2*len(m))
	for k, v := range m {
		out[k] = v
		out[Fold(k)] = Fold(v)
	}
	return out
}()

// reduceVerb takes a verbal noun in -ma/-mə (yanaşma → yanaş) and a passive
// or reflexive in -ıl/-il/-ul/-ül/-ın/-in/-un/-ün/-n (yaradıl → yarat,
// olun → ol) back to the verb root, when the lexicon knows that root.
func (s *Stemmer) reduceVerb(w string) string {
	for range 3 {
		next := ""
		if base, ok := cutAny(w, "ma", "mə", "me"); ok && s.lex.verb(base) {
			next = base
		} else if s.lex.verb(w) {
			base, ok := cutAny(w, "ıl", "il", "ul", "ül")
			if !ok {
				// -ın/-n are also the end of many roots (yayın, talan):
				// only long bases count.
				if base, ok = cutAny(w, "ın", "in", "un", "ün", "n"); utf8.RuneCountInString(base) < 4 {
					ok = false
				}
			}
			if ok && utf8.RuneCountInString(base) >= 2 {
				if s.lex.verb(base) {
					next = base
				} else if r, ok := s.repair(base); ok && s.lex.verb(r) {
					next = r
				}
			}
		}
		if next == "" {
			return w
		}
		w = next
	}
	return w
}

// cutAny removes the first of the endings that w ends with.
func cutAny(w string, endings ...string) (string, bool) {
	for _, e := range endings {
		if len(e) < len(w) && w[len(w)-len(e):] == e {
			return w[:len(w)-len(e)], true
		}
	}
	return w, false
}

// pronouns maps the irregular case forms of the personal and demonstrative
// pronouns (o → onu, mən → mənim) to the pronoun; folded spellings included.
var pronouns = func() map[string]string {
	forms := map[string][]string{
		"o":   {"onu", "ona", "onun", "onda", "ondan", "onunla", "onlar", "onların", "onlara", "onları", "onlarda", "onlardan", "onlarla"},
		"bu":  {"bunu", "buna", "bunun", "bunda", "bundan", "bununla", "bunlar", "bunların", "bunlara", "bunları", "bunlarda", "bunlardan", "bunlarla"},
		"mən": {"mənim", "məni", "mənə", "məndə", "məndən", "mənimlə"},
		"sən": {"sənin", "səni", "sənə", "səndə", "səndən", "səninlə"},
		"biz": {"bizim", "bizi", "bizə", "bizdə", "bizdən", "bizimlə", "bizlər"},
		"siz": {"sizin", "sizi", "sizə", "sizdə", "sizdən", "sizinlə", "sizlər"},
		"kim": {"kimin", "kimə", "kimdə", "kimdən", "kimlər"},
		"nə":  {"nəyi", "nəyə", "nəyin", "nədə", "nədən", "nəylə"},
	}
	out := map[string]string{}
	for p, fs := range forms {
		for _, f := range fs {
			out[f] = p
			out[Fold(f)] = Fold(p)
		}
	}
	return out
}()

// shortWords are the two-letter nouns a stem may be ("ildə" → "il"); other
// two-letter stems must be verb roots ("edir" → "et").
var shortWords = map[string]bool{
	"il": true, "ay": true, "ad": true, "iş": true, "is": true, "ev": true,
	"əl": true, "el": true, "üz": true, "uz": true, "su": true, "ot": true,
	"od": true, "ox": true, "at": true, "ac": true, "aş": true, "as": true,
	"iz": true, "öz": true, "oz": true, "ət": true, "et": true, "ən": true,
}

// accept reports whether c, of n letters, is a stem once ending e is gone:
// a verb-only ending must leave a verb root, another ending a word (not a
// bare verb root) the lexicon knows; a two-letter stem must be a verb root (before a verbal
// ending) or one of shortWords, never left by a lone consonant ending.
func (s *Stemmer) accept(c string, n int, e string) bool {
	if !s.harmonic(c, e) {
		return false
	}
	if s.suf.verbal[e] {
		if e == "r" && (strings.HasSuffix(c, "la") || strings.HasSuffix(c, "lə") || strings.HasSuffix(c, "le")) {
			return false // başla-r would be başlar, the plural
		}
		return s.lex.verb(c) && (n > 2 || len(e) > 1)
	}
	if n > 2 {
		return s.lex.word(c) || s.suf.either[e] && s.lex.verb(c)
	}
	return shortWords[c] && (len(e) > 1 || isVowelByte(e[0]))
}

// harmonic reports whether ending e's first vowel agrees with the last vowel
// of c by Azerbaijani vowel harmony: a two-way vowel (a/ə) follows backness,
// a four-way one (ı/i/u/ü) backness and rounding. Folded text keeps only
// part of the contrast (e stands for e and ə, i for ı and i): there a back a
// and a front e still decide the two-way vowel.
func (s *Stemmer) harmonic(c, e string) bool {
	var ev rune
	for _, r := range e {
		if isVowel(r) {
			ev = r
			break
		}
	}
	if ev == 0 {
		return true
	}
	var cv rune
	for i := len(c); i > 0; {
		r, size := utf8.DecodeLastRuneInString(c[:i])
		i -= size
		if isVowel(r) {
			cv = r
			break
		}
	}
	if cv == 0 {
		return true
	}
	if s.folded {
		switch {
		case cv == 'a' && ev == 'e', cv == 'e' && ev == 'a':
			return false
		}
		return true
	}
	back := cv == 'a' || cv == 'ı' || cv == 'o' || cv == 'u'
	round := cv == 'o' || cv == 'u' || cv == 'ö' || cv == 'ü'
	switch ev {
	case 'a':
		return back
	case 'ə':
		return !back
	case 'ı':
		return back && !round
	case 'u':
		return back && round
	case 'i':
		return !back && !round
	case 'ü':
		return !back && round
	}
	return true // e, o, ö do not occur in endings
}

func isVowelByte(b byte) bool {
	return b >= 0x80 || b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u'
}

// search is the state of one Stem call's walk over the ways of peeling
// endings off a word; it lives on the caller's stack.
type search struct {
	s                    *Stemmer
	best, repaired       string // longest accepted remainder; longest repaired one
	bestLen, repairedLen int
	seen                 [64]string // remainders whose endings were explored
	nseen, visits        int
}

// visit tries every ending of stem, shortest first, and recurses on the
// remainders no lexicon entry accepts.
func (q *search) visit(stem string, depth int) {
	s := q.s
	ends := s.suf.byLast[stem[len(stem)-1]] // longest first
	for k := len(ends) - 1; k >= 0; k-- {   // shortest ending first
		e := ends[k]
		if len(e) >= len(stem) || stem[len(stem)-len(e):] != e {
			continue
		}
		if q.visits++; q.visits > maxVisits {
			return
		}
		c := stem[:len(stem)-len(e)]
		nc := utf8.RuneCountInString(c)
		if len(c) <= q.bestLen || nc < 2 {
			continue
		}
		if s.accept(c, nc, e) {
			q.best, q.bestLen = c, len(c)
			continue
		}
		// Alternations and vowel drop happen before an ending that starts
		// with a vowel (yatağ-ı, ürəy-i, ged-ir, ağz-ı).
		if len(c) > q.repairedLen && isVowelByte(e[0]) {
			if hit, ok := s.repair(c); ok && s.accept(hit, utf8.RuneCountInString(hit), e) {
				q.repaired, q.repairedLen = hit, len(c)
			}
		}
		// The same remainder can be reached along several paths: its endings
		// are explored once (acceptance depends on the ending, so it is
		// checked on every path).
		dup := false
		for _, x := range q.seen[:q.nseen] {
			if x == c {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		if q.nseen < len(q.seen) {
			q.seen[q.nseen] = c
			q.nseen++
		}
		if depth+1 < maxDepth {
			q.visit(c, depth+1)
		}
	}
}

// repair returns the lexicon entry the candidate stem c stands for when c is
// not one itself: c with its final consonant restored (ğ→q, y→k, d→t) or its
// dropped vowel put back.
func (s *Stemmer) repair(c string) (string, bool) {
	if len(c) > maxWordBytes {
		return "", false
	}
	var buf [maxWordBytes + 8]byte // candidates are built here, not on the heap
	last, size := utf8.DecodeLastRuneInString(c)
	head := c[:len(c)-size]
	var repl byte
	switch last {
	case 'ğ', 'g':
		repl = 'q'
	case 'y':
		repl = 'k'
	case 'd':
		repl = 't'
	}
	if repl != 0 {
		b := append(append(buf[:0], head...), repl)
		if s.lex[string(b)] != 0 {
			return string(b), true
		}
	}
	// A dropped high vowel between the last two consonants: ağz → ağız.
	prev, _ := utf8.DecodeLastRuneInString(head)
	if isConsonant(last) && isConsonant(prev) && utf8.RuneCountInString(head) >= 2 {
		vowels := [4]string{"ı", "i", "u", "ü"}
		if s.folded {
			vowels = [4]string{"i", "u"}
		}
		for _, v := range vowels {
			if v == "" {
				break
			}
			b := append(append(append(buf[:0], head...), v...), c[len(head):]...)
			if s.lex[string(b)] != 0 {
				return string(b), true
			}
		}
	}
	return "", false
}

// fallback strips endings greedily, longest first, while at least
// minFallbackStem letters and a vowel remain; a final ğ left behind becomes
// q. Lone consonants, voice endings and verb-only endings of one or two
// letters are left: without a known root they mislead more than they help.
// Harmony is not checked here: unknown words are often loans and names
// that break it, and every form of one must still reach the same stem.
func (s *Stemmer) fallback(w string) string {
	for {
		stripped := false
		for _, e := range s.suf.endingsOf(w) {
			if s.suf.verbal[e] && (utf8.RuneCountInString(e) < 3 || s.suf.passive[e]) || len(e) == 1 && !isVowelByte(e[0]) {
				continue
			}
			c := w[:len(w)-len(e)]
			if utf8.RuneCountInString(c) >= minFallbackStem && hasVowel(c) {
				w, stripped = c, true
				break
			}
		}
		if !stripped {
			// A final ğ is a q before a vowel ending (hesabatlılığ-ın).
			if base, ok := strings.CutSuffix(w, "ğ"); ok {
				return base + "q"
			}
			if base, ok := strings.CutSuffix(w, "g"); ok && s.folded {
				return base + "q"
			}
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
