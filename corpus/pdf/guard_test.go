package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// rawPDF writes objects as given (1-based) with a correct xref table.
func rawPDF(objs ...string) []byte {
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

// TestMalformedStructure feeds files whose structure would make the PDF
// library loop or overflow the stack: each is refused quickly with an error.
func TestMalformedStructure(t *testing.T) {
	catalog := "<< /Type /Catalog /Pages 2 0 R >>"
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"page tree loop", rawPDF(catalog, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"), "page tree is malformed"},
		{"parent loop", rawPDF(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 4 0 R >>", "<< /Parent 3 0 R >>"), "page tree is malformed"},
		{"page its own parent", rawPDF(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 3 0 R /Resources 3 0 R >>"), "page tree is malformed"},
		{"deep nesting", rawPDF("<< /Type /Catalog /Pages 2 0 R /X " + strings.Repeat("[", 1<<20) + " >>"), "nested too deeply"},
		{"no pages, huge count", rawPDF(catalog, "<< /Type /Pages /Kids [] /Count 999999999 >>"), "without pages"},
		{"huge /Size", bytes.Replace(rawPDF(catalog, "<< /Type /Pages /Kids [] /Count 0 >>"), []byte("/Size 3"), []byte("/Size 999999999"), 1), "declares more objects"},
		{"huge object number in xref", bytes.Replace(rawPDF(catalog, "<< /Type /Pages /Kids [] /Count 0 >>"), []byte("xref\n0 3"), []byte("xref\n900000000 3"), 1), "declares more objects"},
		{"huge /Columns", rawPDF(catalog+" % /Columns 99999999", "<< /Type /Pages /Kids [] /Count 0 >>"), "declares more objects"},
		{"reference loop", rawPDF(catalog, "3 0 R", "2 0 R"), "not a readable PDF"},
		{"content is not a stream", rawPDF(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>"), "not a readable PDF"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() { _, _, err := Text("x.pdf", tc.data); done <- err }()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("err = %v, want %q", err, tc.want)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("Text did not return")
			}
		})
	}
}
