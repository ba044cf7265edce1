//go:build linux || darwin || freebsd || openbsd || netbsd || dragonfly

package indexer

import (
	"errors"
	"os"
	"syscall"
)

// tryLock takes an exclusive (or shared) flock on f without waiting; it
// reports false when another open file holds a conflicting one.
func tryLock(f *os.File, exclusive bool) (bool, error) {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

// sharedLock takes a shared flock on f, waiting while a pruning writer
// checks the generation (for microseconds).
func sharedLock(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_SH)
}

// unlock releases f's flock.
func unlock(f *os.File) { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
