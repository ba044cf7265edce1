package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FoldRune maps a lowercase Azerbaijani letter to the ASCII letter people
// type for it without diacritics (ə→e, ı→i, ö→o, ü→u, ş→s, ç→c, ğ→g); ok is
// false for every other rune.
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

// Fold lowercases s with Azerbaijani rules (İ→i, I→ı) and folds the
// Azerbaijani letters to ASCII with FoldRune, so that names and words match
// whatever the spelling and case of the source. The combining dot that a
// non-Azerbaijani lowercasing leaves after i is dropped.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				if r == 'I' {
					r = 'ı'
				} else {
					r += 'a' - 'A'
				}
			}
		} else {
			r = unicode.AzeriCase.ToLower(r)
		}
		if f, ok := FoldRune(r); ok {
			b.WriteByte(f)
			continue
		}
		if r == '\u0307' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
