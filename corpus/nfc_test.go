package corpus

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// nfcAlphabet is what TestNFCMatchesXText builds strings from: ASCII,
// precomposed and decomposed Azerbaijani letters, other Latin, Greek and
// Cyrillic letters and combining marks in every order.
var nfcAlphabet = []rune("aAeEiIoOuUsScCgGnNyY əƏıİöÖüÜşŞçÇğĞ" +
	"\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u030A\u030B\u030C\u0323\u0327\u0328\u031B\u0345" +
	"åÅñǖǘṩḉẞαωΑΩάήιϊЁёЙйӢ\u212B\u2126\u0340\u0344 .1─“”")

// TestNFCMatchesXText checks the standard-library-only nfc against
// golang.org/x/text/unicode/norm on fixed and random strings.
func TestNFCMatchesXText(t *testing.T) {
	tests := []struct{ name, in string }{
		{"ascii", "Hesabat 2021"},
		{"composed", "Şəffaflıq, ölçü, güc, çağ, İnformasiya"},
		{"decomposed", "S\u0327e\u0301ffafliq o\u0308lc\u0327u\u0308 g\u0306u\u0308c I\u0307nformasiya"},
		{"marks out of order", "a\u0323\u0302 a\u0302\u0323 u\u0308\u0304"},
		{"blocked", "a\u0301\u0301 o\u0328\u0304"},
		{"singletons", "\u212B \u2126 \u0340"},
		{"leading mark", "\u0301a"},
		{"empty", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := nfc(tc.in), norm.NFC.String(tc.in); got != want {
				t.Errorf("nfc(%+q) = %+q, want %+q", tc.in, got, want)
			}
		})
	}
	t.Run("random", func(t *testing.T) {
		rng := rand.New(rand.NewPCG(7, 11))
		for i := range 20000 {
			rs := make([]rune, 1+rng.IntN(8))
			for j := range rs {
				rs[j] = nfcAlphabet[rng.IntN(len(nfcAlphabet))]
			}
			in := string(rs)
			if got, want := nfc(in), norm.NFC.String(in); got != want {
				t.Fatalf("case %d: nfc(%+q) = %+q, want %+q", i, in, got, want)
			}
		}
	})
	t.Run("default report is unchanged", func(t *testing.T) {
		if !norm.NFC.IsNormalString(DefaultText()) || nfc(DefaultText()) != DefaultText() {
			t.Error("nfc changed the NFC default report")
		}
	})
}

func FuzzNFC(f *testing.F) {
	f.Add("S\u0327e\u0301ffafliq")
	f.Add("a\u0323\u0302")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		// nfc covers Latin, Greek and Cyrillic; compare only strings of those.
		for _, r := range s {
			if r >= 0x500 && !(r >= 0x1E00 && r <= 0x1FFF) && r != 0x2126 && r != 0x212A && r != 0x212B {
				return
			}
		}
		if got, want := nfc(s), norm.NFC.String(s); got != want {
			t.Fatalf("nfc(%+q) = %+q, want %+q", s, got, want)
		}
	})
}
