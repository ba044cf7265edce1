package main

import (
	"strings"
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

func TestResolveAgency(t *testing.T) {
	known := map[string]*agencyForms{}
	add := func(id, name, en string, texts ...string) {
		k := &agencyForms{agency: corpus.Agency{ID: id, Name: name, NameEN: en}, forms: map[string]bool{}}
		for _, f := range append([]string{id, name, en}, texts...) {
			k.forms[normName(f)] = true
		}
		known[id] = k
	}
	add("cabinet-of-ministers", "Nazirlər Kabineti", "Cabinet of Ministers", "Nazirlər Kabinetinə")
	add("ministry-of-finance", "Maliyyə Nazirliyi", "Ministry of Finance")
	add("ministry-of-economy", "İqtisadiyyat Nazirliyi", "Ministry of Economy")
	add("state-customs-committee", "Dövlət Gömrük Komitəsi", "")
	tests := []struct {
		name, in, want, err string
	}{
		{"id", "ministry-of-finance", "ministry-of-finance", ""},
		{"name", "Maliyyə Nazirliyi", "ministry-of-finance", ""},
		{"form seen in the reports", "Nazirlər Kabinetinə", "cabinet-of-ministers", ""},
		{"inflection not seen", "Maliyyə Nazirliyinin", "ministry-of-finance", ""},
		{"upper case, dotted İ", "İQTİSADİYYAT NAZİRLİYİ", "ministry-of-economy", ""},
		{"no Azerbaijani letters", "dovlet gomruk komitesine", "state-customs-committee", ""},
		{"English name", "cabinet of ministers", "cabinet-of-ministers", ""},
		{"initials suggest", "nk", "", `names no agency of the reports; did you mean cabinet-of-ministers (Nazirlər Kabineti)`},
		{"typo suggests", "Maliye Nazirliyi", "ministry-of-finance", ""},
		{"misspelt id suggests", "ministry-of-finanse", "", "did you mean ministry-of-finance (Maliyyə Nazirliyi)"},
		{"nothing close", "zzzzzzzzzzzz", "", `lists them`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := resolveAgency(known, tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("resolveAgency(%q) = %q, %v; want an error with %q", tc.in, got, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("resolveAgency(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}

// TestSearchAgencyByName checks "hesabat search --agency" with a name in
// an inflected form, and an unknown value that gets suggestions instead of
// a silent empty result.
func TestSearchAgencyByName(t *testing.T) {
	code, byName, errOut := runCLI(t, nil, "search", "--size", "1", "--agency", "Nazirlər Kabinetinə")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	_, byID, _ := runCLI(t, nil, "search", "--size", "1", "--agency", "cabinet-of-ministers")
	first := func(s string) string { return strings.SplitN(s, " (", 2)[0] }
	if first(byName) != first(byID) || strings.HasPrefix(byName, "0 results") {
		t.Errorf("by name: %q; by id: %q", first(byName), first(byID))
	}
	code, out, errOut := runCLI(t, nil, "search", "--agency", "nk")
	if code != 2 || out != "" || !strings.Contains(errOut, "did you mean cabinet-of-ministers") {
		t.Errorf("--agency nk: exit %d, stderr %q; want 2 and a suggestion", code, errOut)
	}
}
