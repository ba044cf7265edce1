package indexer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The locks of an index directory. Both are advisory file locks (flock),
// which the kernel drops when their process dies, even by SIGKILL: a crash
// never leaves the index locked.
//
//	PATH/write.lock         held exclusively by the one process writing the
//	                        index (Build); it holds that process's PID
//	PATH/gen-…/readers.lock held shared by every open Index of that
//	                        generation, so that no writer removes it under them
//
// Readers never take the writer lock: a search or a server opening the
// index never waits for a build.
const (
	// WriteLockFile is the name of the writer lock file in an index directory.
	WriteLockFile = "write.lock"
	// ReadersLockFile is the name of the readers' lock file in a generation.
	ReadersLockFile = "readers.lock"
)

// Sentinel errors of the index locks, checked with errors.Is.
var (
	// ErrWriting means another process is writing the index directory.
	ErrWriting = errors.New("index is being written")
	// ErrChanged means the index on disk is no longer the generation the
	// caller read it from (WithCurrent): another process replaced it.
	ErrChanged = errors.New("the index changed on disk")
)

// WriteLock is a held writer lock of an index directory (LockWriter).
type WriteLock struct {
	f    *os.File
	path string
}

// LockWriter takes the writer lock of index directory path (creating the
// directory) for a caller that does more than Build under it, such as
// "hesabat index", which takes it before reading its corpus; pass it to
// Build with WithWriteLock. It fails at once with ErrWriting, naming the
// holder's PID, when another writer holds it.
func LockWriter(path string) (*WriteLock, error) {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("indexer: lock %s: %w", path, err)
	}
	return lockWriter(path)
}

// Release releases the lock.
func (l *WriteLock) Release() { l.release() }

// lockWriter takes the writer lock of index directory path without
// waiting: it fails at once with ErrWriting, naming the holder's PID, when
// another process (or another Build in this one) holds it.
func lockWriter(path string) (*WriteLock, error) {
	name := filepath.Join(path, WriteLockFile)
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("indexer: lock %s: %w", path, err)
	}
	ok, err := tryLock(f, true)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("indexer: lock %s: %w", path, err)
	}
	if !ok {
		data := make([]byte, 32)
		n, _ := f.ReadAt(data, 0)
		f.Close()
		pid := strings.TrimSpace(string(data[:n]))
		if _, err := strconv.Atoi(pid); err != nil {
			pid = "?"
		}
		return nil, fmt.Errorf("indexer: %s: %w by PID %s", path, ErrWriting, pid)
	}
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0) // only for the message above
	}
	return &WriteLock{f: f, path: path}, nil
}

// release releases the lock. The file stays: removing it would let two
// writers lock two different files of the same name.
func (l *WriteLock) release() {
	if l == nil {
		return
	}
	_ = l.f.Truncate(0)
	unlock(l.f)
	l.f.Close()
}

// lockReaders takes a shared lock on generation gen's readers lock file,
// creating it if it is missing (a generation written before the file, or
// one being opened while it is built). It returns nil when the file cannot
// be opened, e.g. on a read-only file system, where nothing prunes anyway.
func lockReaders(gen string) *os.File {
	f, err := os.OpenFile(filepath.Join(gen, ReadersLockFile), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		if f, err = os.Open(filepath.Join(gen, ReadersLockFile)); err != nil {
			return nil
		}
	}
	if err := sharedLock(f); err != nil {
		f.Close()
		return nil
	}
	return f
}

// removeUnused removes generation gen unless an open Index (of any
// process) holds its readers lock; it holds the lock exclusively while it
// removes, so that no reader opens the generation meanwhile. It reports
// whether it removed gen.
func removeUnused(gen string) bool {
	f, err := os.OpenFile(filepath.Join(gen, ReadersLockFile), os.O_RDWR, 0)
	if err == nil {
		defer f.Close()
		ok, err := tryLock(f, true)
		if err != nil || !ok {
			return false
		}
		defer unlock(f)
	} else if !errors.Is(err, os.ErrNotExist) {
		return false
	}
	return os.RemoveAll(gen) == nil
}

// RemoveOrphans removes the generations of index directory path that
// PATH/current does not name and no open Index uses: those left by builds
// that were killed, and old ones no server serves any longer. It does
// nothing (and returns 0) while another process writes the index, and it
// never waits. It returns the number of generations removed.
func RemoveOrphans(path string) (int, error) {
	l, err := lockWriter(path)
	if errors.Is(err, ErrWriting) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer l.release()
	cur, err := readCurrent(path)
	if err != nil {
		return 0, err
	}
	return prune(path, cur, ""), nil
}

// closeFile closes f, which may be nil, releasing its lock.
func closeFile(f *os.File) {
	if f != nil {
		f.Close()
	}
}

// Current returns the name of the generation PATH/current names: the one
// Open opens.
func Current(path string) (string, error) {
	return readCurrent(path)
}
