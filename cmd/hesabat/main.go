// Command hesabat parses, indexes, searches and serves public reports.
//
// Usage:
//
//	hesabat <command> [flags] [args]
//
// Run "hesabat help" for the list of commands and "hesabat <command> -h" for
// the flags of one.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// env is what a subcommand gets from the process: streams, logger, environment.
type env struct {
	stdout io.Writer
	stderr io.Writer
	logger *slog.Logger
	getenv func(string) string
}

// command is one subcommand of hesabat.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands lists the subcommands in the order "help" prints them.
func commands() []command {
	return []command{
		{"serve", "serve the web interface and JSON API", cmdServe},
		{"index", "build a persistent index from reports", cmdIndex},
		{"search", "search the reports from the command line", cmdSearch},
		{"parse", "parse reports and print them as JSON or CSV", cmdParse},
		{"analyze", "print the tokens the Azerbaijani analyzer makes of a text", cmdAnalyze},
		{"gen", "write a deterministic scale corpus of varied copies of a report", cmdGen},
		{"version", "print the version", cmdVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// errUsage marks an error caused by bad flags or arguments (exit code 2).
var errUsage = errors.New("usage")

// run executes the subcommand named by args[0] and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	level := slog.LevelInfo
	if getenv("HESABAT_DEBUG") != "" {
		level = slog.LevelDebug
	}
	e := &env{
		stdout: stdout,
		stderr: stderr,
		logger: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level})),
		getenv: getenv,
	}
	if len(args) >= 2 && (args[0] == "help") {
		args = []string{args[1], "-h"} // "hesabat help serve" = "hesabat serve -h"
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case err == nil, errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(stderr, "hesabat %s: %s\n", c.name, errorText(c.name, err))
			return 2
		default:
			fmt.Fprintf(stderr, "hesabat %s: %s\n", c.name, errorText(c.name, err))
			return 1
		}
	}
	fmt.Fprintf(stderr, "hesabat: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

// errorText is the message of err without a leading "name: ", which the
// caller prints already ("hesabat serve: listen …", not "hesabat serve: serve: listen …").
func errorText(name string, err error) string {
	return strings.TrimPrefix(err.Error(), name+": ")
}

// summary returns the one-line description of the subcommand name.
func summary(name string) string {
	for _, c := range commands() {
		if c.name == name {
			return c.summary
		}
	}
	return ""
}

// usage prints the list of subcommands.
func usage(w io.Writer) {
	fmt.Fprintln(w, "Hesabat: search and analytics for public reports.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: hesabat <command> [flags] [args]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, `Run "hesabat <command> -h" for a command's flags.`)
}

// cmdVersion prints the version.
func cmdVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "version", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "hesabat %s\n", version)
	return nil
}
