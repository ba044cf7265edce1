package az

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// FoldName is the registered name of the ASCII-folding filter for
// Azerbaijani: ə→e, ı→i, ö→o, ü→u, ç→c, ş→s, ğ→g. It runs after lowercasing.
// Unlike bleve's asciifolding it maps ə to e, the way people type.
const FoldName = "az_fold"

// FoldFilter is the token filter registered as FoldName.
type FoldFilter struct{}

// Filter folds each token's term in place.
func (FoldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		tok.Term = foldBytes(tok.Term)
	}
	return input
}

// foldRune returns the ASCII letter people type for the Azerbaijani letter r,
// and whether r is one of them.
func foldRune(r rune) (byte, bool) {
	switch r {
	case 'ə':
		return 'e', true
	case 'ı':
		return 'i', true
	case 'ö':
		return 'o', true
	case 'ü':
		return 'u', true
	case 'ç':
		return 'c', true
	case 'ş':
		return 's', true
	case 'ğ':
		return 'g', true
	}
	return 0, false
}

// foldBytes returns b folded; b itself when there is nothing to fold.
func foldBytes(b []byte) []byte {
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if f, ok := foldRune(r); ok {
			out = append(out, f)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// Fold returns s folded the way FoldFilter folds a term (s should be lower case).
func Fold(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if f, ok := foldRune(r); ok {
			sb.WriteByte(f)
		} else {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func foldFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	return FoldFilter{}, nil
}
