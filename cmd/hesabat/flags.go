package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// flagSet is a subcommand's flag set. Its usage (the command's one-line
// description, synopsis and flags) goes to standard output when asked for
// with -h and is pointed to from the error after a bad flag.
type flagSet struct {
	*flag.FlagSet
	e         *env
	argsUsage string
}

// newFlagSet returns the flag set of subcommand name; argsUsage describes its
// arguments after the flags (may be empty, may add lines of explanation).
func newFlagSet(e *env, name, argsUsage string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// Parse errors come back as errors, printed once by run; -h prints the
	// usage to standard output in parseFlags.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, e: e, argsUsage: argsUsage}
}

// printUsage writes the description, synopsis and flags of the command to w.
func (fs *flagSet) printUsage(w io.Writer) {
	name := fs.Name()
	if s := summary(name); s != "" {
		fmt.Fprintf(w, "hesabat %s: %s\n\n", name, s)
	}
	synopsis, more, _ := strings.Cut(fs.argsUsage, "\n")
	fmt.Fprintf(w, "Usage: hesabat %s [flags] %s\n", name, synopsis)
	if more != "" {
		fmt.Fprintln(w, more)
	}
	fmt.Fprintln(w, "\nFlags:")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// parseFlags parses args into fs. On -h it prints the usage to standard
// output and returns flag.ErrHelp; a bad flag becomes an errUsage error that
// says where the usage is.
func parseFlags(fs *flagSet, args []string) error {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		fs.printUsage(fs.e.stdout)
		return err
	default:
		return fmt.Errorf("%w: %v (see \"hesabat %s -h\")", errUsage, err, fs.Name())
	}
}

// noArgs returns a usage error when fs has arguments left after its flags.
func noArgs(fs *flagSet) error {
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	return nil
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

// Set appends v.
func (l *stringList) Set(v string) error {
	*l = append(*l, v)
	return nil
}
