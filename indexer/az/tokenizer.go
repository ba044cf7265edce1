package az

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/hesabat/hesabat/aztext"
)

// TokenizerName is the registered name of the Azerbaijani tokenizer.
const TokenizerName = "az_tokenizer"

// MaxTokenBytes is the longest run of word characters, in bytes, that
// makes a token; longer runs (no word of any language is this long) are
// dropped. Uploads with such runs are refused before indexing (package web).
const MaxTokenBytes = 256

// Tokenizer splits text into words and numbers. A word is a run of letters,
// combining marks and digits; a number may hold '.' or ',' between digits
// ("3.1", "1,5"). Suffixes written after a number, an acronym, an apostrophe
// or a closing quote ("2021-ci", "5131-i", "73%-dək", "QHT-lərə",
// "“Açıq Hökumət”in", "Bakı'da") belong to the word before them and make no
// token of their own. Each token's term is the NFC form of its bytes, while
// Start and End are byte offsets into the input as given.
type Tokenizer struct{}

// run is a maximal sequence of word characters in the input.
type run struct {
	start, end int
	letters    int  // number of letters
	digits     int  // number of digits
	upper      int  // number of upper-case letters
	numeric    bool // digits only, with '.' or ',' between digits
}

func isWordRune(r rune) bool {
	c := aztext.ClassOf(r)
	return !isApostrophe(r) && c&aztext.ClassLetter != 0 || c&(aztext.ClassDigit|aztext.ClassMark) != 0
}

func isHyphen(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2011'
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u02BC', '\u2018', '`', '\u00B4', '\u02BB':
		return true
	}
	return false
}

// isClosing reports whether r closes a quotation or bracket, or is a percent
// sign, after which a suffix may be written directly ("Hökumət”in", "73%-dək").
func isClosing(r rune) bool {
	switch r {
	case '"', '\u201D', '\u201C', '\u00BB', '\u00AB', '\u201E', ')', ']', '%', '\u2019', '\'':
		return true
	}
	return false
}

// scanRun reads the run of word characters that starts at i.
func scanRun(input []byte, i int) run {
	rn := run{start: i, numeric: true}
	for i < len(input) {
		if c := input[i]; c < utf8.RuneSelf { // ASCII fast path
			switch {
			case 'a' <= c && c <= 'z':
				rn.letters++
				rn.numeric = false
				i++
				continue
			case 'A' <= c && c <= 'Z':
				rn.letters++
				rn.upper++
				rn.numeric = false
				i++
				continue
			case '0' <= c && c <= '9':
				rn.digits++
				i++
				continue
			}
		}
		r, size := utf8.DecodeRune(input[i:])
		cls := aztext.ClassOf(r)
		switch {
		case isApostrophe(r): // ʼ and ʻ are letters to Unicode
			rn.end = i
			return rn
		case cls&aztext.ClassDigit != 0:
			rn.digits++
		case cls&aztext.ClassLetter != 0:
			rn.letters++
			rn.numeric = false
			if cls&aztext.ClassUpper != 0 {
				rn.upper++
			}
		case r != utf8.RuneError && cls&aztext.ClassMark != 0:
			rn.numeric = false
		case (r == '.' || r == ',') && rn.numeric && rn.digits > 0:
			// A decimal or thousands separator between two digits.
			next, _ := utf8.DecodeRune(input[i+size:])
			if i+size < len(input) && next < utf8.RuneSelf && next >= '0' && next <= '9' {
				i += size
				continue
			}
			rn.end = i
			return rn
		default:
			rn.end = i
			return rn
		}
		i += size
	}
	rn.end = i
	return rn
}

// acronym reports whether rn is written in capitals ("QHT", "ASAN", "DİM")
// or mixes letters and digits ("G20").
func (rn run) acronym() bool {
	return (rn.letters >= 2 && rn.upper == rn.letters) || (rn.letters > 0 && rn.digits > 0)
}

// Tokenize splits input into tokens. Terms already in NFC share input's
// bytes, as bleve's own tokenizers do; later filters replace, never modify,
// a term.
func (Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	var out analysis.TokenStream
	var slab []analysis.Token // tokens are allocated in blocks
	var prev run              // the last run that made a token
	havePrev := false
	pos := 1
	i := 0
	for i < len(input) {
		c := input[i]
		if c < utf8.RuneSelf && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			i++ // ASCII space and punctuation
			continue
		}
		r, size := utf8.DecodeRune(input[i:])
		if r == utf8.RuneError || !isWordRune(r) || aztext.ClassOf(r)&aztext.ClassMark != 0 {
			i += size
			continue
		}
		rn := scanRun(input, i)
		i = rn.end
		if havePrev && isAttachedSuffix(input, prev, rn) {
			continue
		}
		if rn.end-rn.start > MaxTokenBytes {
			// No word is this long: indexing it would cost the term
			// builder ~200 bytes per byte (issue 16 finding 2: one 30 MB
			// "word" took 4 GB). It makes no token.
			continue
		}
		term := aztext.NFCBytes(input[rn.start:rn.end:rn.end])
		typ := analysis.AlphaNumeric
		if rn.numeric {
			typ = analysis.Numeric
		}
		if len(slab) == cap(slab) {
			// Blocks of 64 tokens, the first no larger than the rest of
			// the input can need (a query word is one token, not 64).
			slab = make([]analysis.Token, 0, min(64, (len(input)-rn.start)/4+2))
		}
		slab = append(slab, analysis.Token{
			Term:     term,
			Start:    rn.start,
			End:      rn.end,
			Position: pos,
			Type:     typ,
		})
		out = append(out, &slab[len(slab)-1])
		pos++
		prev, havePrev = rn, true
	}
	return out
}

// maxChainLetters is the longest run, in letters, that can be a chain of
// suffixes written after a number or acronym ("-larındakılardan").
const maxChainLetters = 16

// isAttachedSuffix reports whether rn is an inflectional suffix written onto
// the token prev: separated from it only by a hyphen, apostrophe, percent
// sign or closing quote, with no space, and made only of suffixes.
func isAttachedSuffix(input []byte, prev, rn run) bool {
	if rn.digits > 0 || rn.letters == 0 || rn.letters > maxChainLetters || rn.start == prev.end {
		return false
	}
	gap := input[prev.end:rn.start]
	if len(gap) > 8 {
		return false
	}
	hyphen, apos, closing := false, false, false
	for j := 0; j < len(gap); {
		r, size := utf8.DecodeRune(gap[j:])
		switch {
		case isHyphen(r):
			hyphen = true
		case isApostrophe(r):
			apos = true
		case isClosing(r):
			closing = true
		default:
			return false
		}
		j += size
	}
	// A hyphen joins a suffix only to a number or an acronym: between two
	// words it joins words (e-məhkəmə, sosial-iqtisadi).
	if !apos && !closing && !(hyphen && (prev.numeric || prev.acronym())) {
		return false
	}
	word := aztext.Lower(aztext.NFC(string(input[rn.start:rn.end])))
	return aztext.IsSuffixChain(word)
}

func tokenizerConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.Tokenizer, error) {
	return Tokenizer{}, nil
}
