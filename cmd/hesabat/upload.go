package main

import (
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
)

// saveReport writes an uploaded report into the corpus directory dir under
// name, atomically (indexer.WriteFileAtomic), so that the next start serves
// it. Another file there with the same report ID is renamed aside
// (".replaced-…", which Load skips) rather than deleted, and renamed back if
// the write fails.
func saveReport(dir, name string, data []byte) error {
	if name != filepath.Base(name) || strings.HasPrefix(name, ".") {
		return fmt.Errorf("save upload: bad file name %q", name)
	}
	id, err := corpus.IDFromName(name)
	if err != nil {
		return fmt.Errorf("save upload: %w", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("save upload: %w", err)
	}
	stamp := time.Now().UTC().Format("20060102T150405Z")
	var aside [][2]string
	undo := func() {
		for _, a := range aside {
			os.Rename(a[1], a[0])
		}
	}
	for _, en := range entries {
		ext := strings.ToLower(filepath.Ext(en.Name()))
		if en.IsDir() || en.Name() == name || (ext != ".txt" && ext != ".docx" && ext != ".pdf") {
			continue
		}
		if other, err := corpus.IDFromName(en.Name()); err == nil && other == id {
			from := filepath.Join(dir, en.Name())
			to := filepath.Join(dir, en.Name()+".replaced-"+stamp)
			if err := os.Rename(from, to); err != nil {
				undo()
				return fmt.Errorf("save upload: %w", err)
			}
			aside = append(aside, [2]string{from, to})
		}
	}
	if err := indexer.WriteFileAtomic(filepath.Join(dir, name), data, 0o644); err != nil {
		undo()
		return fmt.Errorf("save upload: %w", err)
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
