// Package pdf reads the text layer of PDF reports into the plain-text layout
// that package corpus parses: one paragraph per line, a blank line between
// paragraphs. It rebuilds lines from the positioned characters of each page
// (github.com/ledongthuc/pdf reads the file, its fonts and their ToUnicode
// maps), drops running page headers and footers (page numbers included),
// joins lines broken inside a paragraph, within a page and across pages,
// undoes hyphenation at line ends, expands ligatures (ﬁ → fi) and applies NFC.
//
// Register it with corpus by extension:
//
//	l := pdf.With(corpus.DefaultLimits())
//	reports, err := l.Load(ctx, dir) // .txt, .docx and .pdf
//
// A PDF without a text layer (a scan) is refused with an error that says so.
package pdf

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/hesabat/hesabat/aztext"
	"github.com/hesabat/hesabat/corpus"
)

// MaxPages bounds the pages of a PDF report (the shipped report prints on 29).
const MaxPages = 2000

// With returns l with PDF (".pdf") added to the formats it reads.
func With(l corpus.Limits) corpus.Limits {
	formats := make(map[string]corpus.Format, len(l.Formats)+1)
	for k, v := range l.Formats {
		formats[k] = v
	}
	formats[".pdf"] = Text
	l.Formats = formats
	return l
}

// char is one character shown on a page, at its baseline position.
type char struct {
	x, y, size float64
	font       string
	s          string
}

// line is one line of text on a page.
type line struct {
	page       int // 1-based
	y          float64
	x0, x1     float64 // first and last character's x
	size       float64
	font       string
	text       string
	header     bool // a running header or footer, dropped
	paraBreaks bool // starts a paragraph
}

// Text returns the text of the PDF data in the plain-text layout (see the
// package comment) and, for each of its lines, the page it comes from. name
// is used in errors.
func Text(name string, data []byte) (text string, pages []int, err error) {
	defer func() {
		// The PDF library panics on some malformed input; a bad file is an
		// error of that file, never a crash.
		if x := recover(); x != nil {
			text, pages, err = "", nil, &corpus.ParseError{File: name, Msg: fmt.Sprintf("not a readable PDF: %v", x)}
		}
	}()
	if !bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n\x00"), []byte("%PDF-")) {
		return "", nil, &corpus.ParseError{File: name, Msg: "not a PDF (no %PDF- header)"}
	}
	if err := checkSizes(data); err != nil {
		return "", nil, &corpus.ParseError{File: name, Msg: fmt.Sprintf("not a readable PDF: %v", err)}
	}
	if err := checkNesting(data); err != nil {
		return "", nil, &corpus.ParseError{File: name, Msg: fmt.Sprintf("not a readable PDF: %v", err)}
	}
	r, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", nil, &corpus.ParseError{File: name, Msg: fmt.Sprintf("not a readable PDF: %v", err)}
	}
	pageObjs, err := pageTree(r.Trailer().Key("Root").Key("Pages"), MaxPages)
	if err != nil {
		return "", nil, &corpus.ParseError{File: name, Msg: fmt.Sprintf("not a readable PDF: %v", err)}
	}
	n := len(pageObjs)
	if n > MaxPages {
		return "", nil, &corpus.ParseError{File: name, Msg: fmt.Sprintf("more than %d pages", MaxPages), Err: corpus.ErrTooLarge}
	}
	if n == 0 {
		return "", nil, &corpus.ParseError{File: name, Msg: "a PDF without pages"}
	}
	var lines []line
	for i, v := range pageObjs {
		lines = append(lines, pageLines(i+1, lpdf.Page{V: v}.Content().Text)...)
	}
	if len(lines) == 0 {
		return "", nil, &corpus.ParseError{File: name, Msg: fmt.Sprintf("no text layer in %d page(s): a scanned PDF? Run it through OCR (e.g. ocrmypdf) first, or use the report's .docx or .txt", n)}
	}
	markRunning(lines)
	text, pages = paragraphs(lines)
	if strings.TrimSpace(text) == "" {
		return "", nil, &corpus.ParseError{File: name, Msg: "only page headers and footers in the text layer"}
	}
	return text, pages, nil
}

// pageLines groups the characters of page into lines, top to bottom, each
// left to right.
func pageLines(page int, texts []lpdf.Text) []line {
	var chars []char
	for _, t := range texts {
		if t.S == "" || t.S == "\n" || t.FontSize <= 0 || math.IsNaN(t.X+t.Y) || math.IsInf(t.X+t.Y, 0) {
			continue
		}
		chars = append(chars, char{x: t.X, y: t.Y, size: t.FontSize, font: t.Font, s: t.S})
	}
	// Lines: characters whose baselines are within a fifth of the font size.
	sort.SliceStable(chars, func(i, j int) bool { return chars[i].y > chars[j].y })
	var out []line
	for i := 0; i < len(chars); {
		j := i + 1
		for j < len(chars) && chars[i].y-chars[j].y <= chars[i].size/5 {
			j++
		}
		if l, ok := makeLine(page, chars[i:j]); ok {
			out = append(out, l)
		}
		i = j
	}
	return out
}

// makeLine joins the characters of one line, left to right, with a space
// where a gap wider than a character separates two of them.
func makeLine(page int, cs []char) (line, bool) {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].x < cs[j].x })
	var b strings.Builder
	fonts := map[string]int{}
	sizes := map[float64]int{}
	for i, c := range cs {
		if c.s == " " && i > 0 && i+1 < len(cs) && cs[i+1].x-c.x < 0.15*c.size && c.x-cs[i-1].x > 0.15*c.size {
			// A space that takes no room: Chromium prints a soft hyphen
			// where it does not break the line as such a space.
			continue
		}
		if i > 0 && c.x-cs[i-1].x > 1.6*c.size && c.s != " " && cs[i-1].s != " " {
			b.WriteByte(' ')
		}
		b.WriteString(c.s)
		fonts[c.font]++
		sizes[math.Round(c.size*10)/10]++
	}
	text := strings.Join(strings.Fields(cleanText(b.String())), " ")
	if text == "" {
		return line{}, false
	}
	return line{page: page, y: cs[0].y, x0: cs[0].x, x1: cs[len(cs)-1].x, size: mostOf(sizes), font: mostOfS(fonts), text: text}, true
}

// ligatures maps presentation forms to the letters they stand for.
var ligatures = strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "ﬅ", "st", "ﬆ", "st")

// cleanText expands ligatures, drops control characters and applies NFC.
func cleanText(s string) string {
	s = ligatures.Replace(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\u00a0':
			return ' '
		case r < 0x20 || (r >= 0x7f && r < 0xa0) || r == '\ufffd' || r == '\ufeff':
			return -1
		}
		return r
	}, s)
	return aztext.NFC(s)
}

func mostOf(m map[float64]int) float64 {
	best, n := 0.0, -1
	for k, v := range m {
		if v > n || (v == n && k > best) {
			best, n = k, v
		}
	}
	return best
}

func mostOfS(m map[string]int) string {
	best, n := "", -1
	for k, v := range m {
		if v > n || (v == n && k < best) {
			best, n = k, v
		}
	}
	return best
}
