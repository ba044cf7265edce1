package az

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// LowercaseName is the registered name of the Azerbaijani lower-case filter.
const LowercaseName = "az_lowercase"

// LowercaseFilter lowers terms with Azerbaijani rules: İ→i, I→ı, and a dotted
// capital written as I + U+0307 (NFD) becomes i. Unlike bleve's to_lower it
// never produces invalid UTF-8 and leaves offsets alone.
type LowercaseFilter struct{}

// Filter lowers each token's term in place.
func (LowercaseFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		tok.Term = lowerBytes(tok.Term)
	}
	return input
}

// needsLower reports whether b holds anything lowerBytes would change.
func needsLower(b []byte) bool {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			if c < utf8.RuneSelf {
				return true
			}
			r, size := utf8.DecodeRune(b[i:])
			if r == '\u0307' || unicode.IsUpper(r) || unicode.IsTitle(r) {
				return true
			}
			i += size - 1
		}
	}
	return false
}

// lowerBytes returns b lowered with Azerbaijani rules.
func lowerBytes(b []byte) []byte {
	if !needsLower(b) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		i += size
		if r == utf8.RuneError && size <= 1 {
			out = append(out, b[i-size:i]...)
			continue
		}
		if r == 'I' || r == 'i' {
			// I + combining dot above is İ written decomposed: it lowers to i.
			if i+1 < len(b) && b[i] == 0xCC && b[i+1] == 0x87 {
				i += 2
				out = append(out, 'i')
				continue
			}
		}
		out = utf8.AppendRune(out, unicode.AzeriCase.ToLower(r))
	}
	return out
}

// lowerString is lowerBytes for strings.
func lowerString(s string) string {
	return string(lowerBytes([]byte(s)))
}

func lowercaseFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	return LowercaseFilter{}, nil
}
