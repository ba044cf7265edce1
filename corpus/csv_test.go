package corpus_test

import (
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

func TestCSVCell(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Maliyyə Nazirliyi", "Maliyyə Nazirliyi"},
		{"empty", "", ""},
		{"formula", "=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"plus", "+1", "'+1"},
		{"minus", "-2+3", "'-2+3"},
		{"at", "@SUM(A1)", "'@SUM(A1)"},
		{"tab", "\tx", "'\tx"},
		{"inner equals", "a=b", "a=b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := corpus.CSVCell(tc.in); got != tc.want {
				t.Errorf("CSVCell(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
