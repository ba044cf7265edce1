package corpus

import (
	"context"
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
