package aztext

import "testing"

func TestLowercase(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"dotted capital", "İ", "i"},
		{"dotless capital", "I", "ı"},
		{"NFD dotted capital", "I\u0307DARƏ", "idarə"},
		{"i with a stray dot above", "i\u0307nformasiya", "informasiya"},
		{"schwa", "ƏLAQƏ", "əlaqə"},
		{"mixed", "ŞƏhƏR", "şəhər"},
		{"invalid bytes kept", "A\xffB", "a\xffb"},
		{"already lower", "bələdiyyə", "bələdiyyə"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Lower(tc.in); got != tc.want {
				t.Errorf("Lower(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct {
		name   string
		word   string
		folded bool
		want   string
	}{
		{"known word stays", "sənəd", false, "sənəd"},
		{"plural genitive", "bələdiyyələrin", false, "bələdiyyə"},
		{"relative -dakı", "sahədəki", false, "sahə"},
		{"evidential", "keçirilmişdir", false, "keçir"},
		{"future", "hazırlanacaq", false, "hazırla"},
		{"converb", "alaraq", false, "al"},
		{"verbal noun with possessive", "edilməsi", false, "et"},
		{"participle", "göstərdiyi", false, "göstər"},
		{"derivation kept apart", "şəffaflıq", false, "şəffaflıq"},
		{"folded plural", "belediyyelerin", true, "belediyye"},
		{"folded ğ→q", "yatagi", true, "yataq"},
		{"digits untouched", "g20", false, "g20"},
		{"two letters untouched", "il", false, "il"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := NewStemmer(tc.folded).Stem(tc.word); got != tc.want {
				t.Errorf("Stem(%q) = %q, want %q", tc.word, got, tc.want)
			}
		})
	}
}

func TestLexicon(t *testing.T) {
	lex := lexicons()
	if len(lex[0]) < 60000 || len(lex[1]) < 55000 {
		t.Fatalf("lexicons hold %d and %d entries; lexicon.txt looks truncated", len(lex[0]), len(lex[1]))
	}
	tests := []struct {
		name       string
		entry      string
		folded     bool
		word, verb bool
	}{
		{"noun", "bələdiyyə", false, true, false},
		{"verb root", "et", false, false, true},
		{"noun and verb root", "yaz", false, true, true},
		{"folded noun", "belediyye", true, true, false},
		{"keyword", "üçün", false, true, false},
		{"ANAS stem alternant dropped", "ağz", false, false, false},
		{"infinitive is not an entry", "etmək", false, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := lex[0]
			if tc.folded {
				l = lex[1]
			}
			if l.word(tc.entry) != tc.word || l.verb(tc.entry) != tc.verb {
				t.Errorf("%q: word %v verb %v, want %v %v", tc.entry, l.word(tc.entry), l.verb(tc.entry), tc.word, tc.verb)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"all seven letters", "əıöüçşğ", "eioucsg"},
		{"word", "şəffaflığı", "seffafligi"},
		{"ascii unchanged", "qht", "qht"},
		{"other accents kept", "café", "café"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Fold(tc.in); got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got := string(FoldBytes([]byte(tc.in))); got != tc.want {
				t.Errorf("FoldBytes(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestLowerFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"capitals with diacritics", "ŞƏFFAFLIQ", "seffafliq"},
		{"dotted capital", "İnformasiya", "informasiya"},
		{"dotless capital", "ISIQ", "isiq"},
		{"decomposed dotted capital", "I\u0307DARƏ", "idare"},
		{"stray dot above dropped", "i\u0307nformasiya", "informasiya"},
		{"ascii", "QHT", "qht"},
		{"other scripts kept", "Café", "café"},
		{"word with diacritics", "Müraciətlərin", "muracietlerin"},
		{"capitals and dotted I", "İCRA HAKİMİYYƏTİ", "icra hakimiyyeti"},
		{"all letters", "ƏÖÜŞÇĞIİəöüşçğıi", "eouscgiieouscgii"},
		{"digits and signs kept", "Ölkə 2021-ci ildə №5", "olke 2021-ci ilde №5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := LowerFold(tc.in); got != tc.want {
				t.Errorf("LowerFold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestUpper(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"dotted i", "informasiya", "İNFORMASİYA"},
		{"dotless ı", "ışıq", "IŞIQ"},
		{"schwa", "əlaqə", "ƏLAQƏ"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Upper(tc.in); got != tc.want {
				t.Errorf("Upper(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestNFC(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"decomposed schwa-free word", "mu\u0308raciət", "müraciət"},
		{"decomposed dotted capital", "I\u0307cra", "İcra"},
		{"decomposed ş and ç", "s\u0327c\u0327", "şç"},
		{"Cyrillic й", "и\u0306", "й"},
		{"Greek tonos", "α\u0301", "ά"},
		{"already NFC", "Hökumət", "Hökumət"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := NFC(tc.in); got != tc.want {
				t.Errorf("NFC(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got := string(NFCBytes([]byte(tc.in))); got != tc.want {
				t.Errorf("NFCBytes(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestReplaceLookalikes(t *testing.T) {
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
			got := string(ReplaceLookalikes([]byte(tc.in)))
			if got != tc.want || len(got) != len(tc.in) {
				t.Errorf("ReplaceLookalikes(%q) = %q (len %d), want %q (len %d)", tc.in, got, len(got), tc.want, len(tc.in))
			}
		})
	}
}

func TestIsSuffixChain(t *testing.T) {
	tests := []struct {
		name string
		w    string
		want bool
	}{
		{"ordinal", "ci", true},
		{"plural dative", "lərə", true},
		{"folded plural dative", "lere", true},
		{"terminative", "dək", true},
		{"a word", "hesabat", false},
		{"empty", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsSuffixChain(tc.w); got != tc.want {
				t.Errorf("IsSuffixChain(%q) = %v, want %v", tc.w, got, tc.want)
			}
		})
	}
}

func TestIsStopWord(t *testing.T) {
	tests := []struct {
		name   string
		word   string
		folded bool
		stop   bool
	}{
		{"conjunction", "və", false, true},
		{"folded postposition", "ucun", true, true},
		{"content word", "hesabat", false, false},
		{"unfolded word in folded list", "və", true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsStopWord(tc.word, tc.folded); got != tc.stop {
				t.Errorf("IsStopWord(%q, %v) = %v, want %v", tc.word, tc.folded, got, tc.stop)
			}
		})
	}
}

// TestClassOf checks the class of runes inside the table and beyond it.
func TestClassOf(t *testing.T) {
	tests := []struct {
		name string
		r    rune
		want RuneClass
	}{
		{"ascii lower", 'a', ClassLetter},
		{"ascii capital", 'Q', ClassLetter | ClassUpper},
		{"schwa", 'ə', ClassLetter},
		{"capital schwa", 'Ə', ClassLetter | ClassUpper},
		{"dotted capital I", 'İ', ClassLetter | ClassUpper},
		{"dotless i", 'ı', ClassLetter},
		{"digit", '7', ClassDigit},
		{"combining dot above", '\u0307', ClassMark},
		{"modifier apostrophe is a letter", 'ʼ', ClassLetter},
		{"punctuation", '.', 0},
		{"space", ' ', 0},
		{"Greek capital beyond the table", 'Ω', ClassLetter | ClassUpper},
		{"Arabic-Indic digit beyond the table", '٣', ClassDigit},
		{"Devanagari sign beyond the table", '\u0903', ClassMark},
		{"title-case digraph", 'ǅ', ClassLetter | ClassUpper},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ClassOf(tc.r); got != tc.want {
				t.Errorf("ClassOf(%U) = %04b, want %04b", tc.r, got, tc.want)
			}
		})
	}
}
