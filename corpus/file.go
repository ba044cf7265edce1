package corpus

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Limits bound what reading one report file may cost. A file over a limit
// is rejected with a *ParseError matching ErrTooLarge and ErrInvalid, before
// anything of it is returned.
type Limits struct {
	// MaxFileSize is the largest file read, in bytes (.txt or .docx).
	MaxFileSize int64
	// MaxXMLSize is the largest uncompressed word/document.xml of a .docx.
	MaxXMLSize int64
	// MaxXMLDepth is the deepest element nesting accepted in a .docx.
	MaxXMLDepth int
	// MaxZipEntries is the most entries a .docx archive may have.
	MaxZipEntries int
}

// DefaultLimits returns the limits ParseFile and Load use: 16 MiB files,
// 32 MiB of uncompressed XML, nesting 256 deep and 2000 archive entries,
// each far above what a real report needs (the shipped one is 95 KB).
func DefaultLimits() Limits {
	return Limits{MaxFileSize: 16 << 20, MaxXMLSize: 32 << 20, MaxXMLDepth: 256, MaxZipEntries: 2000}
}

// ParseFile reads and parses one report with DefaultLimits: a .txt file in
// the plain-text layout, or a .docx whose paragraphs follow it.
func ParseFile(path string) (*Report, error) {
	return DefaultLimits().ParseFile(path)
}

// Load reads the report at path, or every report (.txt, .docx) directly in
// the directory path, in name order, with DefaultLimits. Reports must have
// distinct IDs.
func Load(path string) ([]*Report, error) {
	return DefaultLimits().Load(context.Background(), path)
}

// ParseFile reads and parses one report (.txt or .docx) within the limits l.
func (l Limits) ParseFile(path string) (*Report, error) {
	if _, err := fileType(path); err != nil {
		return nil, err
	}
	data, err := l.readFile(path)
	if err != nil {
		return nil, err
	}
	return l.ParseBytes(path, data)
}

// ParseBytes parses a report held in memory, such as an upload, within the
// limits l: a .docx or a .txt as name's extension says. name is used as in
// Parse.
func (l Limits) ParseBytes(name string, data []byte) (*Report, error) {
	ext, err := fileType(name)
	if err != nil {
		return nil, err
	}
	if ext == ".docx" {
		return l.ParseDocx(name, data)
	}
	if int64(len(data)) > l.MaxFileSize {
		return nil, tooLarge(name, "file is %d bytes, over the limit of %d", len(data), l.MaxFileSize)
	}
	return Parse(name, data)
}

// fileType returns the lowercased extension of a report file name.
func fileType(name string) (string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".txt" && ext != ".docx" {
		return "", errorf(name, 0, "unsupported file type %q: want .txt or .docx", ext)
	}
	return ext, nil
}

// ParseDocx parses a .docx report held in memory within the limits l; name
// is used as in Parse. Lines in errors count the document's paragraphs (and
// line breaks inside them) from 1.
func (l Limits) ParseDocx(name string, data []byte) (*Report, error) {
	if int64(len(data)) > l.MaxFileSize {
		return nil, tooLarge(name, "file is %d bytes, over the limit of %d", len(data), l.MaxFileSize)
	}
	text, err := l.docxText(name, data)
	if err != nil {
		return nil, err
	}
	return Parse(name, []byte(text))
}

// readFile reads a regular file of at most l.MaxFileSize bytes.
func (l Limits) readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, errorf(path, 0, "not a regular file")
	}
	if fi.Size() > l.MaxFileSize {
		return nil, tooLarge(path, "file is %d bytes, over the limit of %d", fi.Size(), l.MaxFileSize)
	}
	data, err := io.ReadAll(io.LimitReader(f, l.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("corpus: read %s: %w", path, err)
	}
	if int64(len(data)) > l.MaxFileSize {
		return nil, tooLarge(path, "file is over the limit of %d bytes", l.MaxFileSize)
	}
	return data, nil
}

// Load reads the report at path, or every report (.txt, .docx) directly in
// the directory path in name order; other files and subdirectories are
// skipped. It stops when ctx is done. Reports must have distinct IDs, and a
// directory must hold at least one report.
func (l Limits) Load(ctx context.Context, path string) ([]*Report, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	if !fi.IsDir() {
		r, err := l.ParseFile(path)
		if err != nil {
			return nil, err
		}
		return []*Report{r}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var out []*Report
	from := map[string]string{}
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || (ext != ".txt" && ext != ".docx") {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("corpus: load %s: %w", path, err)
		}
		p := filepath.Join(path, e.Name())
		r, err := l.ParseFile(p)
		if err != nil {
			return nil, err
		}
		if prev, dup := from[r.ID]; dup {
			return nil, errorf(p, 0, "report id %q is already taken by %s", r.ID, prev)
		}
		from[r.ID] = p
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, errorf(path, 0, "no reports (.txt or .docx files) in directory")
	}
	return out, nil
}

// wordNS is the namespace of WordprocessingML elements.
const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// mcNS is the markup-compatibility namespace: Word repeats text boxes in
// mc:Fallback, which must not be read twice.
const mcNS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

// docxText returns the text of a .docx: one line per Word paragraph, with
// line breaks inside a paragraph kept as line breaks and tabs as tabs.
func (l Limits) docxText(name string, data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", errorf(name, 0, "not a .docx: %v", err)
	}
	if len(zr.File) > l.MaxZipEntries {
		return "", tooLarge(name, "archive has %d entries, over the limit of %d", len(zr.File), l.MaxZipEntries)
	}
	var doc *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			doc = f
			break
		}
	}
	if doc == nil {
		return "", errorf(name, 0, "not a .docx: no word/document.xml in the archive")
	}
	if doc.UncompressedSize64 > uint64(l.MaxXMLSize) {
		return "", tooLarge(name, "word/document.xml declares %d bytes uncompressed, over the limit of %d", doc.UncompressedSize64, l.MaxXMLSize)
	}
	rc, err := doc.Open()
	if err != nil {
		return "", errorf(name, 0, "word/document.xml: %v", err)
	}
	defer rc.Close()
	// The declared size may lie (a zip bomb): count what is really inflated.
	lr := &io.LimitedReader{R: rc, N: l.MaxXMLSize + 1}
	text, err := l.wordText(name, lr)
	if lr.N <= 0 {
		return "", tooLarge(name, "word/document.xml inflates to over %d bytes", l.MaxXMLSize)
	}
	if err != nil {
		return "", err
	}
	// Read the rest so that the archive's checksum is verified.
	if _, err := io.Copy(io.Discard, lr); err != nil {
		return "", errorf(name, 0, "word/document.xml: %v", err)
	}
	if lr.N <= 0 {
		return "", tooLarge(name, "word/document.xml inflates to over %d bytes", l.MaxXMLSize)
	}
	return text, nil
}

// wordText extracts the paragraphs of a WordprocessingML document.
func (l Limits) wordText(name string, r io.Reader) (string, error) {
	dec := xml.NewDecoder(r)
	var out, para strings.Builder
	depth, inText, fallback, sawBody := 0, 0, 0, false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) {
			return "", errorf(name, 0, "word/document.xml is corrupt or inflates to more than its declared size (%v)", err)
		}
		if err != nil {
			return "", errorf(name, 0, "word/document.xml: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > l.MaxXMLDepth {
				return "", tooLarge(name, "word/document.xml nests elements deeper than %d", l.MaxXMLDepth)
			}
			if t.Name.Space == mcNS && t.Name.Local == "Fallback" || fallback > 0 {
				fallback++
				continue
			}
			if t.Name.Space != wordNS {
				continue
			}
			switch t.Name.Local {
			case "body":
				sawBody = true
			case "t":
				inText++
			case "tab":
				para.WriteByte('\t')
			case "br", "cr":
				para.WriteByte('\n')
			case "noBreakHyphen":
				para.WriteByte('-')
			}
		case xml.EndElement:
			depth--
			if fallback > 0 {
				fallback--
				continue
			}
			if t.Name.Space != wordNS {
				continue
			}
			switch t.Name.Local {
			case "t":
				inText--
			case "p":
				out.WriteString(para.String())
				out.WriteByte('\n')
				para.Reset()
			}
		case xml.CharData:
			if inText > 0 {
				para.Write(t)
			}
		}
	}
	if !sawBody {
		return "", errorf(name, 0, "word/document.xml has no w:body: not a Word document")
	}
	return out.String(), nil
}
