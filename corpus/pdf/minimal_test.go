package pdf

import (
	"bytes"
	"fmt"
	"strings"
)

// minimalPDF writes a PDF with one page per element of pages, each a
// content stream as given, using the standard Helvetica font (WinAnsi), with
// a correct cross-reference table.
func minimalPDF(pages ...string) []byte {
	var objs []string
	// 1: catalog, 2: pages, 3: font, then per page: page, content.
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	objs = append(objs,
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths ["+strings.Repeat("556 ", 224)+"] >>")
	for i, c := range pages {
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(c), c))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// scannedPDF is a two-page PDF that only paints (a gray rectangle, as an
// image of a scan would), with no text.
func scannedPDF() []byte {
	return minimalPDF("0.5 g 50 50 495 742 re f", "0.5 g 50 50 495 742 re f")
}

// textPDF is a PDF whose pages show the given lines, 14 points apart from
// the top, in 11-point Helvetica; an empty line leaves a gap of 21 points,
// and a line that starts with "\f" is a footer, at the foot of the page.
func textPDF(pages ...[]string) []byte {
	streams := make([]string, len(pages))
	for i, lines := range pages {
		var b strings.Builder
		y := 780.0
		for _, l := range lines {
			if l == "" {
				y -= 7
				continue
			}
			if f, ok := strings.CutPrefix(l, "\f"); ok {
				fmt.Fprintf(&b, "BT /F1 9 Tf 1 0 0 1 280 40 Tm (%s) Tj ET\n", winAnsi(f))
				continue
			}
			esc := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(winAnsi(l))
			fmt.Fprintf(&b, "BT /F1 11 Tf 1 0 0 1 60 %.1f Tm (%s) Tj ET\n", y, esc)
			y -= 14
		}
		streams[i] = b.String()
	}
	return minimalPDF(streams...)
}

// winAnsi encodes s in Latin-1, as far as WinAnsiEncoding agrees with it.
func winAnsi(s string) string {
	var b []byte
	for _, r := range s {
		if r < 256 {
			b = append(b, byte(r))
		} else {
			b = append(b, '?')
		}
	}
	return string(b)
}
