package corpus

import (
	"context"
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
	// MaxWordBytes, if positive, is the longest run of non-space bytes a
	// .docx's text may hold; the reader stops at a longer one (a 33 KB
	// file can inflate to one 30 MB "word", which no later stage should see).
	MaxWordBytes int
	// Formats reads report files of further formats, by lowercased
	// extension (".pdf": package corpus/pdf, registered with pdf.With):
	// ParseFile, ParseBytes and Load read them besides .txt and .docx.
	Formats map[string]Format
}

// Format reads a report file of one format into the plain-text layout that
// Parse reads, and says for each line of that text which page of the file
// it comes from (nil when pages mean nothing), so that errors can name the
// page. A bad file gives an error, preferably a *ParseError.
type Format func(name string, data []byte) (text string, pages []int, err error)

// DefaultLimits returns the limits ParseFile and Load use: 16 MiB files,
// 32 MiB of uncompressed XML, nesting 256 deep, 2000 archive entries and
// words of at most 4096 bytes,
// each far above what a real report needs (the shipped one is 95 KB).
func DefaultLimits() Limits {
	return Limits{MaxFileSize: 16 << 20, MaxXMLSize: 32 << 20, MaxXMLDepth: 256, MaxZipEntries: 2000, MaxWordBytes: 4096}
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
	if _, err := l.fileType(path); err != nil {
		return nil, err
	}
	data, err := l.readFile(path)
	if err != nil {
		return nil, err
	}
	return l.ParseBytes(path, data)
}

// ParseBytes parses a report held in memory, such as an upload, within the
// limits l: a .docx, a .txt or one of l.Formats as name's extension says.
// name is used as in Parse.
func (l Limits) ParseBytes(name string, data []byte) (*Report, error) {
	ext, err := l.fileType(name)
	if err != nil {
		return nil, err
	}
	if ext == ".docx" {
		return l.ParseDocx(name, data)
	}
	if int64(len(data)) > l.MaxFileSize {
		return nil, tooLarge(name, "file is %d bytes, over the limit of %d", len(data), l.MaxFileSize)
	}
	if f := l.Formats[ext]; f != nil {
		return parseFormat(name, data, f)
	}
	return Parse(name, data)
}

// parseFormat reads data with f and parses the text; an error at a line of
// the text names the page of the file instead.
func parseFormat(name string, data []byte, f Format) (*Report, error) {
	text, pages, err := f(name, data)
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			return nil, err
		}
		return nil, errorf(name, 0, "%v", err)
	}
	r, err := Parse(name, []byte(text))
	var pe *ParseError
	if errors.As(err, &pe) && pe.Line > 0 && pe.Line <= len(pages) {
		pe.Msg = fmt.Sprintf("page %d: %s", pages[pe.Line-1], pe.Msg)
		pe.Line = 0
	}
	return r, err
}

// fileType returns the lowercased extension of a report file name, or an
// error when l reads no such files.
func (l Limits) fileType(name string) (string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".txt" && ext != ".docx" && l.Formats[ext] == nil {
		return "", errorf(name, 0, "unsupported file type %q: want %s", ext, l.extensions())
	}
	return ext, nil
}

// extensions lists the file types l reads, for messages: ".txt, .docx or .pdf".
func (l Limits) extensions() string {
	exts := []string{".txt", ".docx"}
	var more []string
	for ext := range l.Formats {
		if ext != ".txt" && ext != ".docx" {
			more = append(more, ext)
		}
	}
	sort.Strings(more)
	exts = append(exts, more...)
	return strings.Join(exts[:len(exts)-1], ", ") + " or " + exts[len(exts)-1]
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

// Load reads the report at path, or every report directly in the directory
// path in name order (see LoadDir). A directory with a bad report file is
// an error that names every bad file, each on its own line.
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
	reports, _, err := l.LoadDir(ctx, path, false)
	return reports, err
}

// File is what LoadDir made of one entry of a corpus directory: a report
// (Report set), a bad report file (Err set), or an entry that is not read
// (Skipped says why). Every entry gets one.
type File struct {
	// Path is the entry's path.
	Path string
	// Report is the ID of the report read from it.
	Report string
	// Skipped says why an entry that is not a report file was not read.
	Skipped string
	// Err is why a report file could not be read.
	Err error
}

// LoadDir reads every report file (.txt, .docx, l.Formats) directly in dir,
// in name order, and accounts for every entry of dir in files: read, bad
// (with its error) or skipped (with the reason: a subdirectory, a hidden
// file, another file type). Bad files do not stop the others: all are
// tried. Without skipBad any bad file makes err the joined errors of all
// of them and reports nil; with skipBad the good reports are returned, and
// err is set only when none is good. Reports must have distinct IDs: a later
// file with a taken ID is bad. It stops when ctx is done.
func (l Limits) LoadDir(ctx context.Context, dir string, skipBad bool) (reports []*Report, files []File, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("corpus: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	from := map[string]string{}
	var bad []error
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return nil, files, fmt.Errorf("corpus: load %s: %w", dir, err)
		}
		f := File{Path: filepath.Join(dir, e.Name())}
		if f.Skipped = l.skipReason(e); f.Skipped != "" {
			files = append(files, f)
			continue
		}
		r, err := l.ParseFile(f.Path)
		if err == nil {
			if prev, dup := from[r.ID]; dup {
				err = errorf(f.Path, 0, "report id %q is already taken by %s", r.ID, prev)
			}
		}
		if err != nil {
			f.Err = err
			bad = append(bad, err)
			files = append(files, f)
			continue
		}
		from[r.ID] = f.Path
		f.Report = r.ID
		files = append(files, f)
		reports = append(reports, r)
	}
	switch {
	case len(bad) > 0 && (!skipBad || len(reports) == 0):
		return nil, files, errors.Join(bad...)
	case len(reports) == 0:
		return nil, files, errorf(dir, 0, "no reports (%s files) in directory", l.extensions())
	}
	return reports, files, nil
}

// skipReason says why LoadDir does not read entry e ("" when it is a report file).
func (l Limits) skipReason(e os.DirEntry) string {
	name := e.Name()
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case e.IsDir():
		return "a subdirectory: reports are read only directly in the corpus directory"
	case strings.HasPrefix(name, "."):
		return "a hidden file"
	case ext == ".doc" || ext == ".rtf" || ext == ".odt":
		return fmt.Sprintf("file type %q is not read: save it as .docx or PDF", ext)
	}
	if _, err := l.fileType(name); err != nil {
		return fmt.Sprintf("not a report file: want %s", l.extensions())
	}
	if !e.Type().IsRegular() && e.Type()&os.ModeSymlink == 0 {
		return "not a regular file"
	}
	return ""
}
