package az

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"

	"github.com/hesabat/hesabat/aztext"
)

func termList(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Term
	}
	return out
}

func TestAnalyze(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		folded bool
		want   []string
	}{
		{"capitals in every position", "İCRA HAKİMİYYƏTİ", false, []string{"icra", "hakimiyyət"}},
		{"dotted capital at the end", "Power Bİ", false, []string{"power", "bi"}},
		{"dotted capital at the start", "İSO standartı", false, []string{"iso", "standart"}},
		{"dotless capital", "IŞIQ", false, []string{"ışıq"}},
		{"title case", "İnformasiya əldə etmək", false, []string{"informasiya", "əl", "et"}},
		{"NFD input", norm.NFD.String("İCRA Hökumət Müraciətlərin"), false, []string{"icra", "hökumət", "müraciət"}},
		{"Latin look-alike schwas", "Ǝlaqə ǝlaqələr", false, []string{"əlaqə", "əlaqə"}},
		{"Cyrillic look-alike schwas", "Әlaqə әlaqələrin", false, []string{"əlaqə", "əlaqə"}},
		{"ordinal after a year", "2021-ci ildə", false, []string{"2021", "il"}},
		{"case after a number", "5131-i təmin edilib", false, []string{"5131", "təmin", "et"}},
		{"percent and terminative", "73%-dək artıb", false, []string{"73", "art"}},
		{"case after an acronym", "QHT-lərə və ASAN-da", false, []string{"qht", "asan"}},
		{"genitive after a closing quote", "“Açıq Hökumət”in", false, []string{"açıq", "hökumət"}},
		{"apostrophe", "Bakı'da və Bakı’nın", false, []string{"bakı", "bakı"}},
		{"modifier-letter apostrophe", "Bakıʼda", false, []string{"bakı"}},
		{"decimal number", "3.1 milyondan çox", false, []string{"3.1", "milyon"}},
		{"adjectival ending after a number", "5-li sistem, 2-lik", false, []string{"5", "sistem", "2"}},
		{"capitals after an acronym", "ABŞ-DA", false, []string{"abş"}},
		{"hyphen between capitals keeps words", "SOSİAL-İQTİSADİ", false, []string{"sosial", "iqtisadi"}},
		{"range of years", "2020─2022-ci illər", false, []string{"2020", "2022", "il"}},
		{"hyphenated words split", "e-məhkəmə", false, []string{"e", "məhkəmə"}},
		{"stop words go, content words stay", "il ərzində faiz və ay üçün istifadə", false, []string{"il", "faiz", "ay", "istifadə"}},
		{"plural, possessive and case", "bələdiyyələrin müraciətlərinə", false, []string{"bələdiyyə", "müraciət"}},
		{"short roots stay apart", "təmin təmir", false, []string{"təmin", "təmir"}},
		{"üçün is not üç", "üç", false, []string{"üç"}},
		{"consonant alternation", "yatağı ürəyi", false, []string{"yataq", "ürək"}},
		{"dropped vowel", "ağzı burnu", false, []string{"ağız", "burun"}},
		{"official verb forms", "hazırlanmışdır hazırlanması hazırlayaraq", false, []string{"hazırla", "hazırla", "hazırla"}},
		{"folded", "Müraciətlərin ŞƏFFAFLIĞI", true, []string{"muraciet", "seffafliq"}},
		{"ASCII-typed", "muracietlerin seffafligi", true, []string{"muraciet", "seffafliq"}},
		{"ASCII-typed acronym suffix", "QHT-lere 2021-ci", true, []string{"qht", "2021"}},
		{"folded stop words", "ve ile ucun", true, nil},
		{"empty", "", false, nil},
		{"punctuation only", " — «» ...", false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := termList(Analyze(tc.text, tc.folded))
			if !slices.Equal(got, tc.want) {
				t.Errorf("Analyze(%q, %v) = %q, want %q", tc.text, tc.folded, got, tc.want)
			}
		})
	}
}

// TestFoldedMeets checks that a word typed without diacritics meets the
// written word under az_folded.
func TestFoldedMeets(t *testing.T) {
	tests := []struct{ name, written, typed string }{
		{"plural genitive", "müraciətlərin", "muracietlerin"},
		{"instrumental", "beynəlxalq təşkilatlarla", "beynelxalq teskilatlarla"},
		{"plural", "elektron xidmətlərin", "elektron xidmetler"},
		{"possessive", "Hesablama Palatası", "hesablama palatasi"},
		{"capitals", "BƏLƏDİYYƏLƏR", "belediyyeler"},
		{"hyphen", "e-məhkəmə sistemi", "e-mehkeme sistemi"},
		{"ğ", "bələdçisi", "beledcisi"},
		{"ş and ç", "Şəffaflığın", "seffafligin"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, ty := termList(Analyze(tc.written, true)), termList(Analyze(tc.typed, true))
			if len(w) == 0 || !slices.Equal(w, ty) {
				t.Errorf("%q → %q but %q → %q", tc.written, w, tc.typed, ty)
			}
		})
	}
}

// TestOffsets checks that every token's offsets cut the word it came from
// out of the original text, also for NFD input and look-alike letters.
func TestOffsets(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // text[Start:End] of each token
	}{
		{"plain", "Açıq Hökumət üzrə 2021-ci il", []string{"Açıq", "Hökumət", "2021", "il"}},
		{"quote suffix", "“Açıq Hökumət”in təşviqi", []string{"Açıq", "Hökumət", "təşviqi"}},
		{"NFD", norm.NFD.String("Müraciət Şəffaflıq"), []string{norm.NFD.String("Müraciət"), norm.NFD.String("Şəffaflıq")}},
		{"look-alike", "Әlaqə", []string{"Әlaqə"}},
		{"acronym suffix", "QHT-lərə 73%-dək", []string{"QHT", "73"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			toks := Analyze(tc.text, false)
			var got []string
			for _, tok := range toks {
				if tok.Start < 0 || tok.End > len(tc.text) || tok.Start >= tok.End {
					t.Fatalf("token %+v out of bounds for %d bytes", tok, len(tc.text))
				}
				got = append(got, tc.text[tok.Start:tok.End])
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("spans %q, want %q", got, tc.want)
			}
		})
	}
}

// TestNoOrphanSuffixes checks that the shipped report's numbers and acronyms
// leave no suffix tokens behind.
func TestNoOrphanSuffixes(t *testing.T) {
	text := reportText(t)
	// Single letters are not checked: the report spells a heading
	// "M Ə L U M A T" and numbers half-years "I".
	orphans := map[string]bool{"ci": true, "cı": true, "cu": true, "cü": true, "dək": true, "dak": true, "in": true, "ın": true, "da": true, "də": true, "de": true, "dan": true, "dən": true, "den": true, "lər": true, "lar": true, "ler": true}
	counts := map[string]int{}
	for _, folded := range []bool{false, true} {
		for _, tok := range Analyze(text, folded) {
			if orphans[tok.Term] {
				counts[tok.Term]++
			}
		}
	}
	for term, n := range counts {
		t.Errorf("orphan token %q appears %d times", term, n)
	}
}

func TestLookalikeFilterKeepsLength(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"latin capital", "Ǝ", "Ə"},
		{"latin small", "ǝ", "ə"},
		{"cyrillic capital", "Ә", "Ə"},
		{"cyrillic small", "ә", "ə"},
		{"nothing to do", "Azərbaycan", "Azərbaycan"},
		{"mixed", "xǝbǝr Әhali", "xəbər Əhali"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := string(LookalikeFilter{}.Filter([]byte(tc.in)))
			if got != tc.want || len(got) != len(tc.in) {
				t.Errorf("Filter(%q) = %q (len %d), want %q (len %d)", tc.in, got, len(got), tc.want, len(tc.in))
			}
		})
	}
}

// TestRegistered checks that bleve builds both analyzers by name and that
// they agree with Analyze.
func TestRegistered(t *testing.T) {
	text := "Bələdiyyələrin hesabatları 2021-ci ildə dərc edilmişdir"
	for _, name := range []string{AnalyzerName, FoldedAnalyzerName} {
		t.Run(name, func(t *testing.T) {
			a, err := registry.NewCache().AnalyzerNamed(name)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, tok := range a.Analyze([]byte(text)) {
				got = append(got, string(tok.Term))
			}
			want := termList(Analyze(text, name == FoldedAnalyzerName))
			if len(want) == 0 || !slices.Equal(got, want) {
				t.Errorf("registered %s gives %q, Analyze gives %q", name, got, want)
			}
		})
	}
	for _, name := range []string{LowercaseName, FoldName, StopName, FoldedStopName, StemmerName, FoldedStemmerName} {
		if _, err := registry.NewCache().TokenFilterNamed(name); err != nil {
			t.Errorf("token filter %s: %v", name, err)
		}
	}
	if _, err := registry.NewCache().TokenizerNamed(TokenizerName); err != nil {
		t.Errorf("tokenizer: %v", err)
	}
	if _, err := registry.NewCache().CharFilterNamed(CharFilterName); err != nil {
		t.Errorf("char filter: %v", err)
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"İCRA HAKİMİYYƏTİ", "2021-ci ildə", "73%-dək", "QHT-lərə", "“Açıq Hökumət”in",
		norm.NFD.String("Müraciət İSO"), "Ǝǝ Әә", "3.1,2", "a\xffb", "I\u0307", "'-'’", "1.", ".5",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, folded := range []bool{false, true} {
			for _, tok := range Analyze(s, folded) {
				if tok.Term == "" || !utf8.ValidString(tok.Term) {
					t.Fatalf("bad term %q from %q", tok.Term, s)
				}
				if tok.Start < 0 || tok.Start >= tok.End || tok.End > len(s) {
					t.Fatalf("offsets %d:%d out of bounds for %d bytes (%q)", tok.Start, tok.End, len(s), s)
				}
				if strings.ContainsAny(tok.Term, " \t\n") {
					t.Fatalf("term %q holds a space", tok.Term)
				}
			}
		}
	})
}

// TestStemFilterMemo checks that a long stream, stemmed by a filter that
// remembers stems (cold, then warm, then from several goroutines), gets the
// same terms as each word stemmed on its own.
func TestStemFilterMemo(t *testing.T) {
	text := []byte(reportText(t))
	tokens := func() analysis.TokenStream { return (LowercaseFilter{}).Filter(Tokenizer{}.Tokenize(text)) }
	stream := tokens()
	if len(stream) < 1000 {
		t.Fatalf("only %d tokens", len(stream))
	}
	want := make([]string, len(stream))
	st := aztext.NewStemmer(false)
	for i, tok := range stream {
		want[i] = string(tok.Term)
		if tok.Type != analysis.Numeric {
			want[i] = st.Stem(want[i])
		}
	}
	f := NewStemFilter(false)
	check := func(got analysis.TokenStream) error {
		for i, tok := range got {
			if string(tok.Term) != want[i] {
				return fmt.Errorf("token %d: %q, want %q", i, tok.Term, want[i])
			}
			if i > 0 && len(tok.Term) > 0 && len(got[i-1].Term) > 0 && &tok.Term[0] == &got[i-1].Term[0] {
				return fmt.Errorf("tokens %d and %d share their term's storage", i-1, i)
			}
		}
		return nil
	}
	for _, pass := range []string{"cold", "warm"} {
		if err := check(f.Filter(tokens())); err != nil {
			t.Fatalf("%s: %v", pass, err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- check(f.Filter(tokens()))
		}()
	}
	go func() { wg.Wait(); close(errs) }()
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestConcurrentAnalyze runs one registered analyzer from several goroutines,
// as bleve's analysis queue does; run it with -race.
func TestConcurrentAnalyze(t *testing.T) {
	for _, name := range []string{AnalyzerName, FoldedAnalyzerName} {
		t.Run(name, func(t *testing.T) {
			a, err := registry.NewCache().AnalyzerNamed(name)
			if err != nil {
				t.Fatal(err)
			}
			text := []byte(reportText(t))
			want := a.Analyze(text)
			errs := make(chan string, 4)
			for range 4 {
				go func() {
					got := a.Analyze(text)
					if len(got) != len(want) {
						errs <- "token count differs"
						return
					}
					for i := range got {
						if string(got[i].Term) != string(want[i].Term) || got[i].Start != want[i].Start {
							errs <- "token " + string(got[i].Term) + " differs"
							return
						}
					}
					errs <- ""
				}()
			}
			for range 4 {
				if e := <-errs; e != "" {
					t.Error(e)
				}
			}
		})
	}
}

func TestStopWords(t *testing.T) {
	tests := []struct {
		name   string
		word   string
		folded bool
		stop   bool
	}{
		{"conjunction", "və", false, true},
		{"postposition", "üçün", false, true},
		{"folded conjunction", "ve", true, true},
		{"folded postposition", "ucun", true, true},
		{"year is content", "il", false, false},
		{"percent is content", "faiz", false, false},
		{"month is content", "ay", false, false},
		{"use is content", "istifadə", false, false},
		{"unfolded word in folded list", "və", true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := NewStopFilter(tc.folded).IsStop(tc.word); got != tc.stop {
				t.Errorf("IsStop(%q) = %v, want %v", tc.word, got, tc.stop)
			}
		})
	}
}
