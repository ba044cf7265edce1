package corpus_test

import (
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

func TestAgencyNameIn(t *testing.T) {
	full := corpus.Agency{ID: "ma", Name: "Maliyyə Nazirliyi", NameEN: "Ministry of Finance"}
	tests := []struct {
		name string
		a    corpus.Agency
		lang string
		want string
	}{
		{"Azerbaijani", full, corpus.LangAZ, "Maliyyə Nazirliyi"},
		{"English", full, corpus.LangEN, "Ministry of Finance"},
		{"English missing: Azerbaijani", corpus.Agency{ID: "x", Name: "X Komitəsi"}, corpus.LangEN, "X Komitəsi"},
		{"no name: the ID", corpus.Agency{ID: "x"}, corpus.LangAZ, "x"},
		{"unknown language: Azerbaijani", full, "fr", "Maliyyə Nazirliyi"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.NameIn(tc.lang); got != tc.want {
				t.Errorf("NameIn(%q) = %q, want %q", tc.lang, got, tc.want)
			}
		})
	}
}
