package main

import (
	"context"
	"errors"
)

// cmdServe is replaced by the issue that owns the "serve" subcommand.
func cmdServe(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
