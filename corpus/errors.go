package corpus

import (
	"errors"
	"fmt"
)

// ErrInvalid is matched (with errors.Is) by every error the package returns
// for input that is not a well-formed report: bad encoding, bad layout, bad
// archive, a file over a limit.
var ErrInvalid = errors.New("corpus: invalid report")

// ErrTooLarge is matched (with errors.Is) by errors for input over one of the
// Limits: file size, uncompressed size, XML depth, archive entries. Such an
// error also matches ErrInvalid.
var ErrTooLarge = errors.New("corpus: input over limit")

// ParseError reports bad input: the file, the 1-based line (0 when the error
// is about the whole file) and what is wrong. It matches ErrInvalid, and
// ErrTooLarge when Err says so.
type ParseError struct {
	File string
	Line int
	Msg  string
	// Err is an optional sentinel such as ErrTooLarge.
	Err error
}

// Error returns "corpus: FILE:LINE: MSG", or "corpus: FILE: MSG" without a line.
func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("corpus: %s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("corpus: %s: %s", e.File, e.Msg)
}

// Unwrap lets errors.Is match ErrInvalid and e.Err.
func (e *ParseError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrInvalid, e.Err}
	}
	return []error{ErrInvalid}
}

func errorf(file string, line int, format string, args ...any) *ParseError {
	return &ParseError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

func tooLarge(file string, format string, args ...any) *ParseError {
	return &ParseError{File: file, Msg: fmt.Sprintf(format, args...), Err: ErrTooLarge}
}
