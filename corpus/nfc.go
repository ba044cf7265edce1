package corpus

import "strings"

// nfc returns s in Unicode Normalization Form C for the scripts a report in
// Azerbaijani may contain: Latin (with its combining marks), Greek and
// Cyrillic. Runes of other scripts pass through unchanged. The tables come
// from golang.org/x/text (see gen_nfc.go) so that the package needs only the
// standard library; TestNFCMatchesXText checks the result against x/text.
func nfc(s string) string {
	if !needsNFC(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var seg []rune // the decomposed runes since the last starter
	for _, r := range s {
		d, ok := nfcDecomp[r]
		if !ok {
			d = string(r)
		}
		for _, x := range d {
			if nfcCCC[x] == 0 && len(seg) > 0 {
				b.WriteString(compose(seg))
				seg = seg[:0]
			}
			seg = append(seg, x)
		}
	}
	b.WriteString(compose(seg))
	return b.String()
}

// needsNFC reports whether s has a rune that nfc could change: a combining
// mark (which may compose with what precedes it) or a rune that is never in
// NFC. Precomposed letters such as "ö" alone are already NFC.
func needsNFC(s string) bool {
	for _, r := range s {
		if r < 0x300 {
			continue
		}
		if nfcCCC[r] != 0 || nfcNot[r] {
			return true
		}
	}
	return false
}

// compose puts the marks of one decomposed segment (a starter and the marks
// after it) in canonical order and composes what can be composed.
func compose(seg []rune) string {
	if len(seg) == 0 {
		return ""
	}
	// Canonical ordering: a stable insertion sort of the marks by class.
	for i := 1; i < len(seg); i++ {
		for j := i; j > 0; j-- {
			a, b := nfcCCC[seg[j-1]], nfcCCC[seg[j]]
			if a == 0 || b == 0 || a <= b {
				break
			}
			seg[j-1], seg[j] = seg[j], seg[j-1]
		}
	}
	out := []rune{seg[0]}
	starter := 0
	if nfcCCC[seg[0]] != 0 {
		starter = -1
	}
	var last uint8 // class of the last rune kept after the starter
	for _, r := range seg[1:] {
		c := nfcCCC[r]
		if starter >= 0 {
			adjacent := len(out)-1 == starter
			if adjacent || (last != 0 && last < c) {
				if comp, ok := nfcComp[[2]rune{out[starter], r}]; ok {
					out[starter] = comp
					continue
				}
			}
		}
		if c == 0 {
			starter = len(out)
		}
		last = c
		out = append(out, r)
	}
	return string(out)
}
