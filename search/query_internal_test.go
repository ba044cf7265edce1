package search

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
)

func TestParseQuery(t *testing.T) {
	cases := []struct {
		name, q string
		want    []clause
	}{
		{"words", "korrupsiya riskləri", []clause{{clauseWord, "korrupsiya", false}, {clauseWord, "riskləri", false}}},
		{"phrase", `"qaynar xətt" 161`, []clause{{clausePhrase, "qaynar xətt", false}, {clauseWord, "161", false}}},
		{"exclusions", `müraciət -risk -"qaynar xətt"`, []clause{{clauseWord, "müraciət", false}, {clauseWord, "risk", true}, {clausePhrase, "qaynar xətt", true}}},
		{"unterminated quote", `"açıq hökumət`, []clause{{clausePhrase, "açıq hökumət", false}}},
		{"lone dash and empty quotes", `- "" x`, []clause{{clauseWord, "-", false}, {clauseWord, "x", false}}},
		{"hyphen inside a word", "e-məhkəmə", []clause{{clauseWord, "e-məhkəmə", false}}},
		{"plus is dropped", "+büdcə", []clause{{clauseWord, "büdcə", false}}},
		{"operators are text", "a* b? c:d /e/ f^2", []clause{{clauseWord, "a*", false}, {clauseWord, "b?", false}, {clauseWord, "c:d", false}, {clauseWord, "/e/", false}, {clauseWord, "f^2", false}}},
		{"NFD input normalised", "mu\u0308raciət", []clause{{clauseWord, "m\u00fcraciət", false}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := parseQuery(c.q).clauses
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("parseQuery(%q) = %+v, want %+v", c.q, got, c.want)
			}
		})
	}
}

func TestFoldWord(t *testing.T) {
	cases := map[string]string{"BƏLƏDİYYƏ": "belediyye", "Işıq": "isiq", "çöl-ğüş": "col-gus", "“Açıq”": "aciq"}
	for in, want := range cases {
		if got := foldWord(in); got != want {
			t.Errorf("foldWord(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAcronyms(t *testing.T) {
	r := &corpus.Report{ID: "r", Measures: []corpus.Measure{{Report: "r", Number: "1.1",
		Narrative: []corpus.Block{{Text: "yerli qeyri-hökumət təşkilatı (QHT) və Maliyyə Monitorinqi Xidməti (MMX), həmçinin Açıq Hökumət Tərəfdaşlığı (OGP) və (XYZ)"}}}}}
	got := acronyms([]*corpus.Report{r})
	want := map[string]string{"qht": "qeyri-hökumət təşkilatı", "mmx": "Maliyyə Monitorinqi Xidməti"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("acronyms = %v, want %v", got, want)
	}
}

// FuzzQuery feeds arbitrary user input through the query parser and a real
// search: no panic, clause texts are valid non-empty UTF-8, and the search
// either succeeds or rejects the request as invalid.
func FuzzQuery(f *testing.F) {
	r, err := corpus.Default()
	if err != nil {
		f.Fatal(err)
	}
	reports := []*corpus.Report{r}
	idx, err := indexer.Build(context.Background(), "", reports)
	if err != nil {
		f.Fatal(err)
	}
	s := New(idx, reports)
	defer s.Close()
	for _, q := range []string{"korrupsiya", `"qaynar xətt" -risk`, "a*?", "-", `"`, "İCRA", "1.7", "e-mehkeme", "\x00", "((("} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, c := range parseQuery(q).clauses {
			if c.text == "" || !utf8.ValidString(c.text) && utf8.ValidString(q) {
				t.Fatalf("bad clause %+v of %q", c, q)
			}
		}
		_, err := s.Search(context.Background(), Request{Query: q})
		if err != nil && !strings.Contains(err.Error(), ErrInvalid.Error()) {
			t.Fatalf("Search(%q): %v", q, err)
		}
	})
}
