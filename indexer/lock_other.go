//go:build !(linux || darwin || freebsd || openbsd || netbsd || dragonfly)

package indexer

import "os"

// tryLock always succeeds where flock is not available: the index
// directory is then not protected against a second writer.
func tryLock(*os.File, bool) (bool, error) { return true, nil }

// sharedLock does nothing where flock is not available.
func sharedLock(*os.File) error { return nil }

// unlock does nothing where flock is not available.
func unlock(*os.File) {}
