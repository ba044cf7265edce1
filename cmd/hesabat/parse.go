package main

import (
	"context"
	"errors"
)

// cmdParse is replaced by the issue that owns the "parse" subcommand.
func cmdParse(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
