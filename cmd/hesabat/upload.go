package main

import (
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hesabat/hesabat/corpus"
)

// saveReport writes an uploaded report into the corpus directory dir under
// name, atomically (a temporary file renamed into place), so that the next
// start serves it. Another file there with the same report ID is renamed
// aside (".replaced-…", which Load skips) rather than deleted.
func saveReport(dir, name string, data []byte) error {
	if name != filepath.Base(name) || strings.HasPrefix(name, ".") {
		return fmt.Errorf("save upload: bad file name %q", name)
	}
	id, err := corpus.IDFromName(name)
	if err != nil {
		return fmt.Errorf("save upload: %w", err)
	}
	f, err := os.CreateTemp(dir, ".upload-*.tmp")
	if err != nil {
		return fmt.Errorf("save upload: %w", err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("save upload: %w", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("save upload: %w", err)
	}
	stamp := time.Now().UTC().Format("20060102T150405Z")
	for _, en := range entries {
		ext := strings.ToLower(filepath.Ext(en.Name()))
		if en.IsDir() || en.Name() == name || (ext != ".txt" && ext != ".docx") {
			continue
		}
		if other, err := corpus.IDFromName(en.Name()); err == nil && other == id {
			if err := os.Rename(filepath.Join(dir, en.Name()), filepath.Join(dir, en.Name()+".replaced-"+stamp)); err != nil {
				os.Remove(tmp)
				return fmt.Errorf("save upload: %w", err)
			}
		}
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("save upload: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// dirSize returns the total size of the regular files under dir.
func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d iofs.DirEntry, err error) error {
		if err != nil {
			return nil // a file removed while walking is not counted
		}
		if d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}
