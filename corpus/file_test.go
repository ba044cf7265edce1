package corpus

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// docxOf builds a .docx whose paragraphs are the lines of text, tabs
// written as <w:tab/>, as Word saves them.
func docxOf(t testing.TB, text string) []byte {
	t.Helper()
	var body strings.Builder
	for _, line := range strings.Split(text, "\n") {
		body.WriteString("<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>")
		for i, part := range strings.Split(line, "\t") {
			if i > 0 {
				body.WriteString("<w:r><w:tab/></w:r>")
			}
			if part == "" {
				continue
			}
			body.WriteString(`<w:r><w:rPr><w:lang w:val="az-Latn-AZ"/></w:rPr><w:t xml:space="preserve">`)
			if err := xml.EscapeText(&body, []byte(part)); err != nil {
				t.Fatal(err)
			}
			body.WriteString("</w:t></w:r>")
		}
		body.WriteString("</w:p>")
	}
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="` + wordNS + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>` +
		body.String() + `<w:sectPr/></w:body></w:document>`
	return zipOf(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"word/document.xml":   doc,
	})
}

func zipOf(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDocxRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"mini", miniReport},
		{"default", DefaultText()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			txt, err := Parse(tc.name+".az.txt", []byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			p := writeFile(t, dir, tc.name+".az.docx", docxOf(t, tc.text))
			doc, err := ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Source != p || doc.ID != txt.ID {
				t.Errorf("docx source %q id %q; txt id %q", doc.Source, doc.ID, txt.ID)
			}
			doc.Source, txt.Source = "", ""
			if !reflect.DeepEqual(doc, txt) {
				for i := range txt.Measures {
					if i < len(doc.Measures) && !reflect.DeepEqual(doc.Measures[i], txt.Measures[i]) {
						t.Fatalf("measure %s differs:\ndocx %+v\ntxt  %+v", txt.Measures[i].Number, doc.Measures[i], txt.Measures[i])
					}
				}
				t.Fatalf("docx report differs from the text report")
			}
		})
	}
}

func TestDocxLineBreaks(t *testing.T) {
	// One paragraph with <w:br/> between the lines of a measure.
	doc := `<w:document xmlns:w="` + wordNS + `"><w:body>` +
		`<w:p><w:r><w:t>1. Bölmə</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>1.1</w:t><w:br/><w:t>Ad</w:t><w:br/><w:t>2020</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t xml:space="preserve">Mətn </w:t></w:r><w:r><w:delText>silinib</w:delText><w:t>davam.</w:t></w:r>` +
		`<w:r><mc:AlternateContent xmlns:mc="` + mcNS + `"><mc:Choice Requires="wps"><w:t xml:space="preserve"> Qutu.</w:t></mc:Choice>` +
		`<mc:Fallback><w:pict><w:p><w:r><w:t>Təkrar.</w:t></w:r></w:p></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
		`</w:body></w:document>`
	p := writeFile(t, t.TempDir(), "br.docx", zipOf(t, map[string]string{"word/document.xml": doc}))
	r, err := ParseFile(p)
	if err != nil {
		t.Fatal(err)
	}
	m := r.Measures[0]
	if m.Title != "Ad" || m.Period != "2020" || m.Narrative[0].Text != "Mətn davam. Qutu." || len(m.Narrative) != 1 {
		t.Errorf("got title %q period %q narrative %+v", m.Title, m.Period, m.Narrative)
	}
}

// deflated returns data compressed as a zip entry would hold it.
func deflated(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lyingZip is a zip whose word/document.xml declares a small size but
// inflates to all of data.
func lyingZip(t testing.TB, data []byte) []byte {
	t.Helper()
	comp := deflated(t, data)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name:               "word/document.xml",
		Method:             zip.Deflate,
		CRC32:              crc32.ChecksumIEEE(data),
		CompressedSize64:   uint64(len(comp)),
		UncompressedSize64: 1000,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(comp); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	small := Limits{MaxFileSize: 1 << 20, MaxXMLSize: 1 << 20, MaxXMLDepth: 64, MaxZipEntries: 10}
	garbage := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range garbage {
		garbage[i] = byte(rng.IntN(256))
	}
	bombXML := append([]byte(`<w:document xmlns:w="`+wordNS+`"><w:body><w:p><w:r><w:t>`), bytes.Repeat([]byte("A"), 4<<20)...)
	bombXML = append(bombXML, "</w:t></w:r></w:p></w:body></w:document>"...)
	deep := `<w:document xmlns:w="` + wordNS + `"><w:body>` + strings.Repeat("<w:sdt>", 10000) + strings.Repeat("</w:sdt>", 10000) + `</w:body></w:document>`
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>` +
		`<w:document xmlns:w="` + wordNS + `"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>`
	many := map[string]string{"word/document.xml": "<w:document/>"}
	for i := range 20 {
		many[strings.Repeat("x", i+1)] = ""
	}
	huge := filepath.Join(dir, "huge.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(DefaultLimits().MaxFileSize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()

	tests := []struct {
		name     string
		path     string
		limits   Limits
		tooLarge bool
		msg      string
	}{
		{"oversized file (default limit)", huge, DefaultLimits(), true, "over the limit of 16777216"},
		{"oversized file", writeFile(t, dir, "big.txt", bytes.Repeat([]byte("a\n"), 600<<10)), small, true, "over the limit"},
		{"zip bomb posing as docx", writeFile(t, dir, "bomb.docx", zipOf(t, map[string]string{"word/document.xml": string(bombXML)})), small, true, "bytes uncompressed, over the limit of 1048576"},
		{"zip bomb with lying size", writeFile(t, dir, "liar.docx", lyingZip(t, bombXML)), small, false, "inflates to more than its declared size"},
		{"binary garbage as docx", writeFile(t, dir, "garbage.docx", garbage), DefaultLimits(), false, "not a .docx"},
		{"binary garbage as txt", writeFile(t, dir, "garbage.txt", garbage), DefaultLimits(), false, "not UTF-8"},
		{"deeply nested XML", writeFile(t, dir, "deep.docx", zipOf(t, map[string]string{"word/document.xml": deep})), DefaultLimits(), true, "deeper than 256"},
		{"deeply nested numbering", writeFile(t, dir, "deepnum.docx", zipOf(t, map[string]string{"word/document.xml": `<w:document xmlns:w="` + wordNS + `"><w:body/></w:document>`, "word/numbering.xml": deep})), DefaultLimits(), true, "word/numbering.xml nests elements deeper than 256"},
		{"entity expansion", writeFile(t, dir, "laughs.docx", zipOf(t, map[string]string{"word/document.xml": laughs})), DefaultLimits(), false, "entity"},
		{"too many entries", writeFile(t, dir, "many.docx", zipOf(t, many)), small, true, "21 entries"},
		{"zip without document", writeFile(t, dir, "nodoc.docx", zipOf(t, map[string]string{"a.txt": "x"})), DefaultLimits(), false, "no word/document.xml"},
		{"not a word document", writeFile(t, dir, "html.docx", zipOf(t, map[string]string{"word/document.xml": "<html><body>1. A</body></html>"})), DefaultLimits(), false, "no w:body"},
		{"truncated XML", writeFile(t, dir, "cut.docx", zipOf(t, map[string]string{"word/document.xml": `<w:document xmlns:w="` + wordNS + `"><w:body><w:p>`})), DefaultLimits(), false, "unexpected EOF"},
		{"unsupported extension", writeFile(t, dir, "report.pdf", []byte("%PDF")), DefaultLimits(), false, "unsupported file type"},
		{"directory named .txt", func() string { p := filepath.Join(dir, "d.txt"); os.Mkdir(p, 0o755); return p }(), DefaultLimits(), false, "not a regular file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := tc.limits.ParseFile(tc.path)
			t.Log(err)
			if err == nil {
				t.Fatalf("no error; parsed %d measures", len(r.Measures))
			}
			if r != nil {
				t.Error("a report came back with the error")
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("%v does not match ErrInvalid", err)
			}
			if errors.Is(err, ErrTooLarge) != tc.tooLarge {
				t.Errorf("%v: errors.Is(ErrTooLarge) = %v, want %v", err, !tc.tooLarge, tc.tooLarge)
			}
			if !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), tc.path) {
				t.Errorf("error %q does not name %s and say %q", err, tc.path, tc.msg)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "mini.az.txt", []byte(miniReport))
	writeFile(t, dir, "ogp-nap-2021-report.az.docx", docxOf(t, DefaultText()))
	writeFile(t, dir, "README.md", []byte("not a report"))
	writeFile(t, dir, ".hidden.txt", []byte("\x00"))
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Run("directory", func(t *testing.T) {
		rs, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range rs {
			ids = append(ids, r.ID)
		}
		if want := []string{"mini", "ogp-nap-2021-report"}; !reflect.DeepEqual(ids, want) {
			t.Errorf("ids %v, want %v", ids, want)
		}
		if len(rs) == 2 && len(rs[1].Measures) != 64 {
			t.Errorf("docx report has %d measures", len(rs[1].Measures))
		}
	})
	t.Run("file", func(t *testing.T) {
		rs, err := Load(filepath.Join(dir, "mini.az.txt"))
		if err != nil || len(rs) != 1 || rs[0].ID != "mini" {
			t.Fatalf("Load(file) = %v, %v", rs, err)
		}
	})
	errCases := []struct {
		name  string
		setup func(t *testing.T) string
		is    error
		msg   string
	}{
		{"duplicate ids", func(t *testing.T) string {
			d := t.TempDir()
			writeFile(t, d, "mini.az.txt", []byte(miniReport))
			writeFile(t, d, "mini.en.txt", []byte(miniReport))
			return d
		}, ErrInvalid, `report id "mini" is already taken`},
		{"empty directory", func(t *testing.T) string { return t.TempDir() }, ErrInvalid, "no reports"},
		{"bad report in directory", func(t *testing.T) string {
			d := t.TempDir()
			writeFile(t, d, "a.txt", []byte(miniReport))
			writeFile(t, d, "b.txt", []byte("1. A\n1.1\nAd\n"))
			return d
		}, ErrInvalid, "b.txt:2: measure 1.1 has no period line"},
		{"missing", func(t *testing.T) string { return filepath.Join(t.TempDir(), "nope") }, fs.ErrNotExist, "nope"},
	}
	for _, tc := range errCases {
		t.Run(tc.name, func(t *testing.T) {
			rs, err := Load(tc.setup(t))
			if err == nil || rs != nil {
				t.Fatalf("Load = %d reports, %v", len(rs), err)
			}
			if !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q: want errors.Is %v and %q", err, tc.is, tc.msg)
			}
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := DefaultLimits().Load(ctx, dir); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}

func TestParseBytes(t *testing.T) {
	lim := Limits{MaxFileSize: 1 << 16, MaxXMLSize: 1 << 20, MaxXMLDepth: 64, MaxZipEntries: 10}
	tests := []struct {
		name     string
		file     string
		data     []byte
		measures int
		tooLarge bool
		msg      string
	}{
		{"txt", "mini.az.txt", []byte(miniReport), 3, false, ""},
		{"docx", "mini.DOCX", docxOf(t, miniReport), 3, false, ""},
		{"txt over limit", "big.txt", []byte(DefaultText()), 0, true, "over the limit of 65536"},
		{"docx over limit", "big.docx", bytes.Repeat([]byte{'P'}, 1<<17), 0, true, "over the limit of 65536"},
		{"no extension", "upload", []byte(miniReport), 0, false, "unsupported file type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := lim.ParseBytes(tc.file, tc.data)
			if tc.msg == "" {
				if err != nil || len(r.Measures) != tc.measures {
					t.Fatalf("ParseBytes = %v, %v", r, err)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrInvalid) || errors.Is(err, ErrTooLarge) != tc.tooLarge || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %v; want %q (too large: %v)", err, tc.msg, tc.tooLarge)
			}
		})
	}
}

func FuzzParseDocx(f *testing.F) {
	f.Add(docxOf(f, miniReport))
	f.Add(zipOf(f, map[string]string{"word/document.xml": `<w:document xmlns:w="` + wordNS + `"><w:body><w:p><w:r><w:t>1.</w:t></w:r></w:p></w:body></w:document>`}))
	f.Add([]byte("PK\x03\x04"))
	f.Add(numberedDocx(f, testNumbering, "1/0|Bölmə", "1.1", "Ad", "2020", "2/0|bir", "3/0|iki", "1/1|alt"))
	lim := Limits{MaxFileSize: 1 << 20, MaxXMLSize: 1 << 20, MaxXMLDepth: 64, MaxZipEntries: 100}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := lim.ParseDocx("fuzz.docx", data)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not match ErrInvalid", err)
			}
			if r != nil {
				t.Fatal("report and error")
			}
			return
		}
		if len(r.Measures) == 0 || r.ID != "fuzz" {
			t.Fatalf("parsed %q with %d measures", r.ID, len(r.Measures))
		}
	})
}

func BenchmarkParseFileDocx(b *testing.B) {
	p := writeFile(b, b.TempDir(), "ogp.az.docx", docxOf(b, DefaultText()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseFile(p); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLoadDir checks that every entry of a corpus directory is accounted
// for, that all bad files are reported in one run, and what skipBad changes.
func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.az.txt", []byte(miniReport))
	writeFile(t, dir, "b.txt", []byte("1. A\n1.1\nAd\n"))
	writeFile(t, dir, "c.docx", []byte("not a zip"))
	writeFile(t, dir, "notes.md", []byte("# notes"))
	writeFile(t, dir, "old.doc", []byte("x"))
	writeFile(t, dir, "report.pdf", []byte("%PDF-1.4"))
	writeFile(t, dir, ".upload-1.tmp", []byte("x"))
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // entry → what became of it
		".upload-1.tmp": "skipped: a hidden file",
		"a.az.txt":      "report a",
		"b.txt":         "bad: b.txt:2: measure 1.1 has no period line",
		"c.docx":        "bad: not a .docx",
		"notes.md":      "skipped: not a report file: want .txt or .docx",
		"old.doc":       `skipped: file type ".doc" is not read: save it as .docx or PDF`,
		"report.pdf":    "skipped: not a report file: want .txt or .docx",
		"sub":           "skipped: a subdirectory",
	}
	for _, skipBad := range []bool{false, true} {
		t.Run(fmt.Sprintf("skipBad=%v", skipBad), func(t *testing.T) {
			reports, files, err := DefaultLimits().LoadDir(context.Background(), dir, skipBad)
			if len(files) != len(want) {
				t.Errorf("%d entries accounted for, want %d", len(files), len(want))
			}
			for _, f := range files {
				var got string
				switch {
				case f.Report != "":
					got = "report " + f.Report
				case f.Err != nil:
					got = "bad: " + f.Err.Error()
				default:
					got = "skipped: " + f.Skipped
				}
				w := want[filepath.Base(f.Path)]
				kind, detail, _ := strings.Cut(w, ": ")
				if !strings.HasPrefix(got, kind) || !strings.Contains(got, detail) {
					t.Errorf("%s: %q, want %q", filepath.Base(f.Path), got, w)
				}
			}
			if skipBad {
				if err != nil || len(reports) != 1 {
					t.Errorf("skipBad: %d reports, %v; want the good one", len(reports), err)
				}
				return
			}
			if reports != nil || err == nil || !strings.Contains(err.Error(), "b.txt:2") || !strings.Contains(err.Error(), "c.docx") {
				t.Errorf("err = %v; want one naming both bad files", err)
			}
		})
	}
}
