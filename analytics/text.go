package analytics

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hesabat/hesabat/aztext"
)

// token is one word of a text: a maximal run of letters (or of digits),
// with its byte span in the text it was cut from.
type token struct {
	start, end int
	raw        string
	fold       string
	upper      bool // the first letter is uppercase
	digit      bool
}

// tokenize cuts s into word tokens; hyphens, quotes and punctuation separate
// words ("QHT-lər" is "QHT" and "lər").
func tokenize(s string) []token { return tokenizeN(s, -1) }

// tokenizeN is tokenize stopping after n tokens (n < 0: all).
func tokenizeN(s string, n int) []token {
	c := len(s)/7 + 1
	if n >= 0 && n < c {
		c = n
	}
	toks := make([]token, 0, c)
	i := 0
	for i < len(s) && len(toks) != n {
		r, n := utf8.DecodeRuneInString(s[i:])
		isL, isD := unicode.IsLetter(r), unicode.IsDigit(r)
		if !isL && !isD {
			i += n
			continue
		}
		j := i + n
		for j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if r2 == '\u0307' || unicode.Is(unicode.Mn, r2) {
				j += n2
				continue
			}
			if (isL && unicode.IsLetter(r2)) || (isD && unicode.IsDigit(r2)) {
				j += n2
				continue
			}
			break
		}
		raw := s[i:j]
		toks = append(toks, token{start: i, end: j, raw: raw, fold: aztext.LowerFold(raw), upper: unicode.IsUpper(r), digit: isD})
		i = j
	}
	return toks
}

// sentences splits a block of narrative into sentences: a sentence ends at
// '.', '!' or '?' followed by space and a capital letter, a digit or an
// opening quote ("və s. ilə" and "21.10.2020-ci" do not end one). Sentences
// are returned trimmed, in order; an empty text gives none.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		// allow closing quotes/brackets right after the stop
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !strings.ContainsRune("”\"»)", r) {
				break
			}
			j += n
		}
		k := j
		for k < len(text) && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n' || text[k] == '\r') {
			k++
		}
		if k == j || k >= len(text) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[k:])
		if unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("“\"«„", r) {
			if s := strings.TrimSpace(text[start:j]); s != "" {
				out = append(out, s)
			}
			start = k
			i = k - 1
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// collapseSpace replaces every run of white space in s by one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
