package corpus_test

import (
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"diacritics", "Müraciətlərin", "muracietlerin"},
		{"dotted capital I", "İCRA HAKİMİYYƏTİ", "icra hakimiyyeti"},
		{"dotless capital I", "Power BI", "power bi"},
		{"all letters", "ƏÖÜŞÇĞIİəöüşçğıi", "eouscgiieouscgii"},
		{"combining dot", "i\u0307cra", "icra"},
		{"other scripts kept", "Ölkə 2021-ci ildə №5", "olke 2021-ci ilde №5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := corpus.Fold(tc.in); got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
