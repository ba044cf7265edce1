package indexer

import (
	"fmt"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes data to path so that a reader or a crash sees the
// old file or the new one whole, never part of it: it writes a temporary
// file beside path (named ".<name>-*.tmp", which corpus.Load and Open
// skip), syncs it, renames it over path and syncs the directory, so that
// the rename survives a power loss too. It is the one write-and-fsync of
// the program: the index pointer, the report store's table of contents and
// the uploads saved into a corpus directory all use it.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) error {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+name+"-*.tmp")
	if err != nil {
		return fmt.Errorf("indexer: write %s: %w", path, err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("indexer: write %s: %w", path, err)
	}
	return syncDir(dir)
}

// syncDir syncs directory dir, making the entries created, renamed or
// removed in it durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("indexer: sync %s: %w", dir, err)
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("indexer: sync %s: %w", dir, err)
	}
	return nil
}
