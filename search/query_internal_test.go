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

// Clause constructors for the parse tables.
func w(text string) clause  { return clause{kind: clauseWord, text: text} }
func ph(text string) clause { return clause{kind: clausePhrase, text: text} }
func excl(c clause) clause  { c.exclude = true; return c }
func anyOf(text string, alts ...clause) clause {
	return clause{kind: clauseAny, text: text, alts: alts}
}

func TestParseQuery(t *testing.T) {
	cases := []struct {
		name, q string
		want    []clause
	}{
		{"words", "korrupsiya riskləri", []clause{w("korrupsiya"), w("riskləri")}},
		{"phrase", `"qaynar xətt" 161`, []clause{ph("qaynar xətt"), w("161")}},
		{"exclusions", `müraciət -risk -"qaynar xətt"`, []clause{w("müraciət"), excl(w("risk")), excl(ph("qaynar xətt"))}},
		{"unterminated quote", `"açıq hökumət`, []clause{ph("açıq hökumət")}},
		{"lone dash and empty quotes", `- "" x`, []clause{w("-"), w("x")}},
		{"hyphen inside a word", "e-məhkəmə", []clause{w("e-məhkəmə")}},
		{"plus is dropped", "+büdcə", []clause{w("büdcə")}},
		{"operators are text", "a* b? c:d /e/ f^2", []clause{w("a*"), w("b?"), w("c:d"), w("/e/"), w("f^2")}},
		{"NFD input normalised", "mu\u0308raciət", []clause{w("m\u00fcraciət")}},
		{"OR joins two words", "ombudsman OR müvəkkil", []clause{anyOf("ombudsman OR müvəkkil", w("ombudsman"), w("müvəkkil"))}},
		{"OR chain", "a OR b OR c d", []clause{anyOf("a OR b OR c", w("a"), w("b"), w("c")), w("d")}},
		{"OR with a phrase", `"açıq hökumət" OR şəffaflıq`, []clause{anyOf(`"açıq hökumət" OR şəffaflıq`, ph("açıq hökumət"), w("şəffaflıq"))}},
		{"lowercase or is a word", "a or b", []clause{w("a"), w("or"), w("b")}},
		{"quoted OR is a phrase", `a "OR" b`, []clause{w("a"), ph("OR"), w("b")}},
		{"dangling OR dropped", "OR a OR", []clause{w("a")}},
		{"OR next to an exclusion dropped", "a OR -b c", []clause{w("a"), excl(w("b")), w("c")}},
		{"mixed", `büdcə OR maliyyə "açıq məlumat" -risk portal`, []clause{anyOf("büdcə OR maliyyə", w("büdcə"), w("maliyyə")), ph("açıq məlumat"), excl(w("risk")), w("portal")}},
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
	cases := []struct {
		name, text string
		want       map[string]string
	}{
		{"long form then acronym: initials",
			"yerli qeyri-hökumət təşkilatı (QHT) və Maliyyə Monitorinqi Xidməti (MMX), həmçinin (XYZ)",
			map[string]string{"qht": "qeyri-hökumət təşkilatı", "mmx": "Maliyyə Monitorinqi Xidməti"}},
		{"function words skipped in initials",
			"Kommunal Xidmətlərlə bağlı Vahid Çağrı Mərkəzinin (KXVÇM) yaradılması",
			map[string]string{"kxvcm": "Kommunal Xidmətlərlə bağlı Vahid Çağrı Mərkəzinin"}},
		{"foreign acronym: the capitalised name before it",
			"Avropa Şurasının Korrupsiyaya qarşı Dövlətlər Qrupu (GRECO) ilə",
			map[string]string{"greco": "Avropa Şurasının Korrupsiyaya qarşı Dövlətlər Qrupu"}},
		{"acronym then long form in brackets",
			"vətəndaşın FİN (fərdi identifikasiya nömrəsi) ilə",
			map[string]string{"fin": "fərdi identifikasiya nömrəsi"}},
		{"bracket after an acronym that does not expand it",
			"ASAN (2021-ci il) xidmət",
			map[string]string{}},
		{"short name given with bundan sonra",
			"hesabat Azərbaycan Respublikasının Korrupsiyaya qarşı mübarizə üzrə Komissiyaya (bundan sonra ─ Komissiya) təqdim edilir",
			map[string]string{"komissiya": "Respublikasının Korrupsiyaya qarşı mübarizə üzrə Komissiyaya"}}, // six words at most
		{"bundan sonra with an acronym",
			"Dövlət Xidmətlərinin Elektron Reyestri (bundan sonra - DXER) yaradılıb",
			map[string]string{"dxer": "Dövlət Xidmətlərinin Elektron Reyestri"}},
		{"a phrase given with bundan sonra is not a word to look up",
			"sistemin risk qiymətləndirilməsinin (bundan sonra ─ risk qiymətləndirilməsi) aparılması",
			map[string]string{}},
		{"lower-case word in brackets is no acronym",
			"elektron xidmətlər (portal) vasitəsilə",
			map[string]string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &corpus.Report{ID: "r", Measures: []corpus.Measure{{Report: "r", Number: "1.1",
				Narrative: []corpus.Block{{Text: c.text}}}}}
			got := acronyms([]*corpus.Report{r})
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("acronyms = %v, want %v", got, c.want)
			}
		})
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
