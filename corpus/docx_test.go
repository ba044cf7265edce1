package corpus

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

// numberedDocx builds a .docx whose paragraphs may carry Word numbering:
// each paragraph is "numId/ilvl|text" or just "text".
func numberedDocx(t testing.TB, numbering string, paras ...string) []byte {
	t.Helper()
	var body strings.Builder
	for _, p := range paras {
		pPr := ""
		if spec, text, ok := strings.Cut(p, "|"); ok {
			id, lvl, _ := strings.Cut(spec, "/")
			pPr = fmt.Sprintf(`<w:pPr><w:numPr><w:ilvl w:val="%s"/><w:numId w:val="%s"/></w:numPr></w:pPr>`, lvl, id)
			p = text
		}
		fmt.Fprintf(&body, `<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, pPr, p)
	}
	doc := `<w:document xmlns:w="` + wordNS + `"><w:body>` + body.String() + `</w:body></w:document>`
	return zipOf(t, map[string]string{"word/document.xml": doc, "word/numbering.xml": numbering})
}

const testNumbering = `<w:numbering xmlns:w="` + wordNS + `">` +
	`<w:abstractNum w:abstractNumId="0">` +
	`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>` +
	`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>` +
	`</w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>` +
	`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
	`<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
	`<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>` +
	`</w:numbering>`

func TestDocxNumbering(t *testing.T) {
	data := numberedDocx(t, testNumbering,
		"Maliyyə Nazirliyinin", "HESABATI",
		"1/0|Birinci bölmə",
		"1/1|", // an empty numbered paragraph: counted, not written
		"1.1", "Ad", "2020", "Siyahı:",
		"2/0|bir;", "2/0|iki;", "3/0|nöqtə.",
		"1/0|İkinci bölmə",
		"2.1", "Ad", "2021", "Mətn.",
	)
	r, err := DefaultLimits().ParseDocx("numbered.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	var sections []string
	for _, s := range r.Sections {
		sections = append(sections, fmt.Sprintf("%d %s", s.Number, s.Title))
	}
	if want := []string{"1 Birinci bölmə", "2 İkinci bölmə"}; !reflect.DeepEqual(sections, want) {
		t.Errorf("sections %q, want %q", sections, want)
	}
	if got := kinds(r.Measures[0].Narrative); got != "paragraph item:1) item:2) item:·" {
		t.Errorf("narrative %s", got)
	}
	if r.Issuer != "Maliyyə Nazirliyi" {
		t.Errorf("issuer %q", r.Issuer)
	}
}

func TestNumberer(t *testing.T) {
	n := &numberer{
		abstract: map[string]*[maxListLevel]numLevel{"a": {
			{format: "upperRoman", text: "%1.", start: 1},
			{format: "lowerLetter", text: "%1.%2)", start: 1},
		}},
		nums: map[string]string{"7": "a"},
	}
	tests := []struct {
		name string
		id   string
		lvl  int
		want string
	}{
		{"first", "7", 0, "I."},
		{"sub", "7", 1, "I.a)"},
		{"sub again", "7", 1, "I.b)"},
		{"second resets sub", "7", 0, "II."},
		{"sub after reset", "7", 1, "II.a)"},
		{"not numbered", "", 0, ""},
		{"numId 0", "0", 0, ""},
		{"unknown list", "9", 0, ""},
		{"bad level", "7", 12, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := n.next(tc.id, tc.lvl); got != tc.want {
				t.Errorf("next(%q, %d) = %q, want %q", tc.id, tc.lvl, got, tc.want)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v      int
		format string
		want   string
	}{
		{3, "decimal", "3"},
		{28, "lowerLetter", "bb"},
		{2, "upperLetter", "B"},
		{14, "upperRoman", "XIV"},
		{1994, "lowerRoman", "mcmxciv"},
		{0, "lowerRoman", "0"},
		{5, "ordinal", "5"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.v, tc.format), func(t *testing.T) {
			if got := formatNumber(tc.v, tc.format); got != tc.want {
				t.Errorf("formatNumber(%d, %q) = %q, want %q", tc.v, tc.format, got, tc.want)
			}
		})
	}
}

// TestRunGuard checks that the raw-run guard passes words up to its limit and
// stops the read at the first byte past it.
func TestRunGuard(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		max   int
		tripn bool
	}{
		{name: "short words", in: "<w:t>ab cd</w:t>", max: 4},
		{name: "run at the limit", in: "<a>abc</a>", max: 3},
		{name: "run over the limit", in: "<a>abcd</a>", max: 3, tripn: true},
		{name: "tags reset the run", in: "abc<abc>abc", max: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &runGuard{r: strings.NewReader(tt.in), max: tt.max}
			_, err := io.ReadAll(g)
			if got := errors.Is(err, errLongRun); got != tt.tripn || g.tripped != tt.tripn {
				t.Errorf("err = %v, tripped = %v; want tripped %v", err, g.tripped, tt.tripn)
			}
		})
	}
}
