package aztext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// needsLower reports whether b holds anything LowerBytes would change.
func needsLower(b []byte) bool {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return true
			}
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == '\u0307' || ClassOf(r)&ClassUpper != 0 {
			return true
		}
		i += size - 1
	}
	return false
}

// LowerBytes returns b lowered with Azerbaijani rules: İ→i, I→ı, and I
// followed by a combining dot above (İ written decomposed) → i. It returns b
// itself when nothing changes, never modifies b, and passes invalid UTF-8
// through unchanged.
func LowerBytes(b []byte) []byte {
	if !needsLower(b) {
		return b
	}
	return AppendLower(make([]byte, 0, len(b)), b)
}

// NeedsLower reports whether Lower would change b.
func NeedsLower(b []byte) bool { return needsLower(b) }

// AppendLower appends b lowered with Azerbaijani rules (see LowerBytes) to
// out and returns the extended slice. The lowered text may be longer than b
// (I is one byte, ı two), at most twice as long.
func AppendLower(out, b []byte) []byte {
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

// Lower returns s lowered with Azerbaijani rules (see LowerBytes).
func Lower(s string) string {
	if !needsLower([]byte(s)) { // the conversion does not allocate
		return s
	}
	return string(LowerBytes([]byte(s)))
}

// Upper returns s in capitals with Azerbaijani rules: i→İ, ı→I.
func Upper(s string) string {
	return strings.ToUpperSpecial(unicode.AzeriCase, s)
}
