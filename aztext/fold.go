package aztext

import (
	"strings"
	"unicode/utf8"
)

// FoldRune returns the ASCII letter people type for the lower-case
// Azerbaijani letter r (ə→e, ı→i, ö→o, ü→u, ş→s, ç→c, ğ→g), and whether r is
// one of them.
func FoldRune(r rune) (folded byte, ok bool) {
	switch r {
	case 'ə':
		return 'e', true
	case 'ı':
		return 'i', true
	case 'ö':
		return 'o', true
	case 'ü':
		return 'u', true
	case 'ş':
		return 's', true
	case 'ç':
		return 'c', true
	case 'ğ':
		return 'g', true
	}
	return 0, false
}

// isASCII reports whether b holds only ASCII bytes.
func isASCII[T string | []byte](b T) bool {
	for i := 0; i < len(b); i++ {
		if b[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// FoldBytes returns the lower-case b with its Azerbaijani letters folded
// (FoldRune): b itself when there is nothing to fold, else a new, shorter
// slice. Folding changes byte lengths, which is why it works on terms and
// never on the text a tokenizer takes offsets from.
func FoldBytes(b []byte) []byte {
	if isASCII(b) {
		return b
	}
	return AppendFold(make([]byte, 0, len(b)), b)
}

// NeedsFold reports whether b holds a byte beyond ASCII, which Fold may
// change; a term without one is left as it is.
func NeedsFold(b []byte) bool { return !isASCII(b) }

// AppendFold appends the lower-case b with its Azerbaijani letters folded
// (FoldRune) to out and returns the extended slice; the folded text is never
// longer than b.
func AppendFold(out, b []byte) []byte {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if f, ok := FoldRune(r); ok {
			out = append(out, f)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// Fold returns the lower-case s with its Azerbaijani letters folded
// (FoldRune); s itself when there is nothing to fold.
func Fold(s string) string {
	if isASCII(s) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if f, ok := FoldRune(r); ok {
			sb.WriteByte(f)
		} else {
			sb.WriteString(s[i : i+size])
		}
		i += size
	}
	return sb.String()
}

// LowerFold lowers s with Azerbaijani rules and folds it, so that names and
// words match whatever the case and diacritics of their source. A combining
// dot above that survives lowering (after a lower-case i) is dropped.
func LowerFold(s string) string {
	s = Fold(Lower(s))
	if strings.IndexByte(s, 0xCC) >= 0 { // U+0307 is CC 87 in UTF-8
		s = strings.ReplaceAll(s, "\u0307", "")
	}
	return s
}
