package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/corpus/synth"
)

// cmdGen writes a deterministic scale corpus: report 0 is the base report,
// reports 1 … n-1 are varied copies of it (see package corpus/synth).
func cmdGen(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "gen", "")
	n := fs.Int("n", 100, "number of reports to write (the first is the base report itself)")
	seed := fs.Int64("seed", 1, "seed of the variations; the same seed writes the same bytes")
	out := fs.String("out", "", "directory to write the reports into (created if missing)")
	from := fs.String("from", "", "base report text file (default: the embedded report)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return noArgs(fs)
	case *out == "":
		return fmt.Errorf("%w: --out is required", errUsage)
	case *n < 1:
		return fmt.Errorf("%w: --n must be at least 1, got %d", errUsage, *n)
	}
	name, data, err := genBase(*from)
	if err != nil {
		return err
	}
	g, err := synth.New(name, data)
	if err != nil {
		return err
	}
	paths, err := g.WriteDir(ctx, *out, *n, *seed)
	if err != nil {
		return err
	}
	var bytes int64
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil {
			bytes += fi.Size()
		}
	}
	e.logger.Info("generated scale corpus", "reports", len(paths), "seed", *seed, "dir", *out, "bytes", bytes)
	return nil
}

// genBase returns the name and text of the base report: the file at path, or
// the embedded default report when path is empty.
func genBase(path string) (string, []byte, error) {
	if path == "" {
		return corpus.DefaultName, []byte(corpus.DefaultText()), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", nil, fmt.Errorf("read base report: %w", err)
	}
	return filepath.Base(path), data, nil
}
