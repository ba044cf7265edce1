package main

import (
	"context"
	"errors"
)

// cmdIndex is replaced by the issue that owns the "index" subcommand.
func cmdIndex(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
