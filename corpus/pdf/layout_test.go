package pdf

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

func TestJoinLines(t *testing.T) {
	vocab := map[string]int{"qeyri-hökumət": 3, "metodologiya": 2, "elektron": 1}
	tests := []struct {
		name, prev, next, want string
	}{
		{"sentence goes on", "icrası ilə", "bağlı tədbirlər", "icrası ilə bağlı tədbirlər"},
		{"Chromium hyphenation", "metodolo\u2010", "giya hazırlanmışdır", "metodologiya hazırlanmışdır"},
		{"soft hyphen", "metodolo\u00ad", "giya", "metodologiya"},
		{"hyphen of a compound the text writes so", "qeyri-", "hökumət təşkilatı", "qeyri-hökumət təşkilatı"},
		{"ASCII hyphen of a word the text writes whole", "metodolo-", "giya", "metodologiya"},
		{"unknown word keeps its hyphen", "elektron-", "təlim", "elektron-təlim"},
		{"year suffix", "2021-", "ci il", "2021-ci il"},
		{"period dash", "2020─", "2022", "2020─2022"},
		{"spaced dash", "bundan sonra ─", "Komissiya", "bundan sonra ─ Komissiya"},
		{"hyphen before a digit", "Maddə-", "5", "Maddə-5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := joinLines(tc.prev, tc.next, vocab); got != tc.want {
				t.Errorf("joinLines(%q, %q) = %q, want %q", tc.prev, tc.next, got, tc.want)
			}
		})
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"ligatures", "eﬀektiv ﬁziki ﬂaq", "effektiv fiziki flaq"},
		{"NFC", "e\u0301 ə\u0308", "\u00e9 ə\u0308"},
		{"controls dropped", "a\x00b\ufffdc", "abc"},
		{"no-break space", "2021\u00a0il", "2021 il"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := cleanText(tc.in); got != tc.want {
				t.Errorf("cleanText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// miniPages is a small report laid out over three pages with a running
// header and page-number footer, a paragraph broken across the first page
// break (its lines, of 28 letters, reach the right margin) and a word
// hyphenated with a soft hyphen.
var miniPages = [][]string{
	{"Hesabat 2021", "", "Sinaq hesabati 2021-ci il", "", "1. Birinci bolme", "", "1.1", "", "Birinci tedbir", "", "2021", "", "Bu tedbir uzre islerin xeyli", "hissesi gorulmus ve yekunla\u00ad", "sdirilmisdir; qalan hissesi,", "", "\f- 1 -"},
	{"Hesabat 2021", "", "2022-ci ilde davam etdirilir.", "", "1.2", "", "Ikinci tedbir", "", "2020-2022", "", "Hazirlanmisdir.", "", "\f- 2 -"},
	{"Hesabat 2021", "", "2. Ikinci bolme", "", "2.1", "", "Ucuncu tedbir", "", "2022", "", "Davam etdirilir.", "", "\f- 3 -"},
}

// TestTextLayout reads a made-up three-page PDF: running headers and page
// numbers go, a hyphenated word and a paragraph broken over pages are
// joined, and the text parses into the report's measures.
func TestTextLayout(t *testing.T) {
	text, pages, err := Text("mini.pdf", textPDF(miniPages...))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, "Hesabat 2021") || strings.Contains(text, "- 2 -") {
		t.Errorf("running header or page number kept:\n%s", text)
	}
	if n := strings.Count(text, "\n"); n != len(pages) {
		t.Errorf("%d lines, %d pages", n, len(pages))
	}
	r, err := corpus.Parse("mini.txt", []byte(text))
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if len(r.Measures) != 3 {
		t.Fatalf("%d measures, want 3:\n%s", len(r.Measures), text)
	}
	want := "Bu tedbir uzre islerin xeyli hissesi gorulmus ve yekunlasdirilmisdir; qalan hissesi, 2022-ci ilde davam etdirilir."
	if got := r.Measures[0].Narrative; len(got) != 1 || got[0].Text != want {
		t.Errorf("measure 1.1 narrative %+v, want one block %q", got, want)
	}
	if r.Measures[1].Period != "2020-2022" || r.Measures[2].Section != 2 {
		t.Errorf("measures %+v", r.Measures)
	}
}

func TestTextErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not a PDF", []byte("hello"), "not a PDF"},
		{"truncated", textPDF(miniPages...)[:300], "not a readable PDF"},
		{"no text layer", scannedPDF(), "no text layer in 2 page(s)"},
		{"only running headers", textPDF([]string{"Hesabat", "\f1"}, []string{"Hesabat", "\f2"}, []string{"Hesabat", "\f3"}), "only page headers and footers"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Text("x.pdf", tc.data)
			var pe *corpus.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, corpus.ErrInvalid) || !strings.Contains(err.Error(), tc.want) || pe.File != "x.pdf" {
				t.Errorf("err = %v; want a ParseError of x.pdf with %q", err, tc.want)
			}
		})
	}
}

// TestParseErrorNamesPage checks that a report error in a PDF names the page.
func TestParseErrorNamesPage(t *testing.T) {
	bad := [][]string{
		{"Hesabat 2021", "", "Sinaq hesabati 2021-ci il", "", "1. Birinci bolme", "", "1.1", "", "Birinci tedbir", "", "2021", "",
			"Bu tedbir uzre islerin xeyli", "hissesi gorulmus ve yekunla\u00ad", "sdirilmisdir.", "\f- 1 -"},
		{"Hesabat 2021", "", "1.2", "", "Tedbir without a period", "", "\f- 2 -"},
		miniPages[2],
	}
	_, err := With(corpus.DefaultLimits()).ParseBytes("bad.pdf", textPDF(bad...))
	if err == nil || !strings.Contains(err.Error(), "bad.pdf: page 2: measure 1.2 has no period line") {
		t.Errorf("err = %v; want it to name page 2", err)
	}
}

func FuzzText(f *testing.F) {
	f.Add(textPDF(miniPages...))
	f.Add(scannedPDF())
	f.Add(textPDF([]string{"1. A", "1.1", "B", "2021", "C"}))
	f.Add([]byte("%PDF-1.4\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, pages, err := Text("f.pdf", data)
		if err != nil {
			if !errors.Is(err, corpus.ErrInvalid) {
				t.Fatalf("error %v does not match corpus.ErrInvalid", err)
			}
			return
		}
		if strings.Count(text, "\n") != len(pages) {
			t.Fatalf("%d lines, %d pages", strings.Count(text, "\n"), len(pages))
		}
	})
}

// BenchmarkText reads the Chromium rendering of the shipped report (29 pages).
func BenchmarkText(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", renderings[1].file))
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := Text("r.pdf", data); err != nil {
			b.Fatal(err)
		}
	}
}
