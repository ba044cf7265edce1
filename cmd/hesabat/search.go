package main

import (
	"context"
	"errors"
)

// cmdSearch is replaced by the issue that owns the "search" subcommand.
func cmdSearch(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
