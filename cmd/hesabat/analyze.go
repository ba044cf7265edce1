package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hesabat/hesabat/indexer/az"
)

// maxAnalyzeInput bounds the text "analyze" reads from standard input.
const maxAnalyzeInput = 16 << 20

// cmdAnalyze prints the tokens the Azerbaijani analyzer makes of a text, one
// per line: term, start and end byte offsets, separated by tabs. The text is
// the arguments joined by spaces, or standard input when there are none
// (or the only argument is "-").
func cmdAnalyze(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "analyze", "[TEXT…]\n\n"+
		"Prints the tokens the Azerbaijani analyzer makes of TEXT, one per line:\n"+
		"term, start and end byte offsets into the text, separated by tabs.\n"+
		"Without TEXT, or with \"-\", the text is read from standard input.")
	folded := fs.Bool("folded", false, "use the folded analyzer ("+az.FoldedAnalyzerName+"): ə→e, ı→i, ö→o, ü→u, ç→c, ş→s, ğ→g")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var text string
	if fs.NArg() == 0 || (fs.NArg() == 1 && fs.Arg(0) == "-") {
		b, err := io.ReadAll(io.LimitReader(os.Stdin, maxAnalyzeInput+1))
		if err != nil {
			return fmt.Errorf("read standard input: %w", err)
		}
		if len(b) > maxAnalyzeInput {
			return fmt.Errorf("%w: standard input is longer than %d bytes", errUsage, maxAnalyzeInput)
		}
		text = string(b)
	} else {
		text = strings.Join(fs.Args(), " ")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return writeTokens(e.stdout, az.Analyze(text, *folded))
}

// writeTokens prints tokens as "term<TAB>start<TAB>end" lines.
func writeTokens(w io.Writer, toks []az.Token) error {
	bw := bufio.NewWriter(w)
	for _, t := range toks {
		fmt.Fprintf(bw, "%s\t%d\t%d\n", t.Term, t.Start, t.End)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}
