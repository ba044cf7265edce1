package main

import (
	"context"
	"errors"
)

// cmdAnalyze is replaced by the issue that owns the "analyze" subcommand.
func cmdAnalyze(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
