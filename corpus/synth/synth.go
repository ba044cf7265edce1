// Package synth generates deterministic scale corpora from a real report: N
// reports of the same shape (sections, measure numbers, titles and periods
// unchanged) whose narratives are varied by shuffling sentences, swapping in
// sentences from other measures and perturbing numbers. The same base text,
// seed and index always give the same bytes, so benchmarks at N = 1, 100 and
// 1000 are reproducible. The generated text goes through the real parser
// (corpus.Parse), so a synthetic report is exactly what Hesabat would ingest.
package synth

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrNoMeasures is returned by New when the base text has no numbered measure
// with a narrative to vary.
var ErrNoMeasures = errors.New("synth: base text has no measures with a narrative")

// Ext is the file extension of generated reports.
const Ext = ".az.txt"

// swapRate is the probability that a narrative sentence is replaced by a
// sentence from elsewhere in the base report.
const swapRate = 0.2

// lineKind classifies a line of the base text.
type lineKind uint8

const (
	lineFixed     lineKind = iota // header, headings, numbers, titles, periods: copied as is
	lineNarrative                 // a line of a measure's narrative: varied
)

var (
	reMeasureNumber = regexp.MustCompile(`^\s*\d+\.\d+\.?\s*$`)
	reSection       = regexp.MustCompile(`^\t\d+\.\s+\S`)
	rePeriod        = regexp.MustCompile(`^\s*\d{4}(\s*[─–-]\s*\d{4})?\s*$`)
	reMarker        = regexp.MustCompile(`^(\s*(?:·|•|-|–|\d+\.|\d+\))\s+)`)
	reIndent        = regexp.MustCompile(`^\s*`)
	reTrailing      = regexp.MustCompile(`\s*$`)
)

// Generator produces varied copies of one base report.
// A Generator is immutable after New and safe for concurrent use.
type Generator struct {
	base  string     // the base report's name, e.g. "ogp-nap-2021-report"
	text  []byte     // the base text
	lines []string   // the base text split on "\n"
	kinds []lineKind // kinds[i] classifies lines[i]
	pool  []string   // narrative sentences starting with an upper-case letter or quote
}

// New returns a Generator for the report text data read from a file named
// name (e.g. "ogp-nap-2021-report.az.txt"). It finds the narrative lines of
// every measure: the lines after a measure's number, title and period, up to
// the next measure or section heading.
func New(name string, data []byte) (*Generator, error) {
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("synth: %s: %w", name, errors.New("base text is not valid UTF-8"))
	}
	g := &Generator{
		base: baseName(name),
		text: data,
	}
	g.lines = strings.Split(string(data), "\n")
	g.kinds = make([]lineKind, len(g.lines))
	const (
		stHeader = iota
		stTitle
		stNarrative
	)
	state := stHeader
	narrative := 0
	for i, l := range g.lines {
		switch {
		case reMeasureNumber.MatchString(l):
			state = stTitle
		case reSection.MatchString(l):
			state = stHeader
		case state == stTitle && rePeriod.MatchString(l):
			state = stNarrative
		case state == stNarrative && strings.TrimSpace(l) != "":
			g.kinds[i] = lineNarrative
			narrative++
			for _, s := range splitSentences(body(l)) {
				if r, _ := utf8.DecodeRuneInString(s); unicode.IsUpper(r) || r == '“' || r == '"' {
					g.pool = append(g.pool, s)
				}
			}
		}
	}
	if narrative == 0 {
		return nil, fmt.Errorf("synth: %s: %w", name, ErrNoMeasures)
	}
	return g, nil
}

// baseName strips the directory and the extensions ".txt" and ".az" from name.
func baseName(name string) string {
	name = filepath.Base(name)
	name = strings.TrimSuffix(name, ".txt")
	name = strings.TrimSuffix(name, ".az")
	return name
}

// Name returns the file name of report i for seed: report 0 is the base
// report under its own name; report i > 0 is "<base>-s<seed>-<i>.az.txt"
// with i zero-padded to five digits, so names sort in generation order.
func (g *Generator) Name(seed int64, i int) string {
	if i == 0 {
		return g.base + Ext
	}
	return fmt.Sprintf("%s-s%d-%05d%s", g.base, seed, i, Ext)
}

// Text returns the text of report i for seed. Report 0 is the base text
// unchanged; every other report keeps the base report's lines in place and
// varies only narrative lines: sentences of a line are shuffled, each is
// replaced with probability 0.2 by a sentence from elsewhere in the report,
// and numbers other than years and dotted numbers (dates, measure references,
// decimals) are scaled by a factor in [0.5, 1.5) keeping their last digits,
// so Azerbaijani suffixes (4438-i, 693-ü) still agree. List markers and
// indentation are kept.
func (g *Generator) Text(seed int64, i int) []byte {
	if i == 0 {
		return g.text
	}
	rng := rand.New(rand.NewPCG(uint64(seed), uint64(i)))
	var b strings.Builder
	b.Grow(len(g.text) + len(g.text)/8)
	for j, l := range g.lines {
		if j > 0 {
			b.WriteByte('\n')
		}
		if g.kinds[j] != lineNarrative {
			b.WriteString(l)
			continue
		}
		b.WriteString(g.varyLine(rng, l))
	}
	return []byte(b.String())
}

// body returns a line without its indentation, list marker and trailing space.
func body(l string) string {
	prefix := reMarker.FindString(l)
	if prefix == "" {
		prefix = reIndent.FindString(l)
	}
	return strings.TrimRightFunc(l[len(prefix):], unicode.IsSpace)
}

// varyLine varies one narrative line.
func (g *Generator) varyLine(rng *rand.Rand, l string) string {
	prefix := reMarker.FindString(l)
	if prefix == "" {
		prefix = reIndent.FindString(l)
	}
	rest := l[len(prefix):]
	suffix := reTrailing.FindString(rest)
	rest = rest[:len(rest)-len(suffix)]
	sents := splitSentences(rest)
	if len(sents) > 1 {
		// The first sentence may start with a digit ("2021-ci ildə ..."), which
		// is harmless in place; any sentence may move elsewhere.
		rng.Shuffle(len(sents), func(a, b int) { sents[a], sents[b] = sents[b], sents[a] })
	}
	for k := range sents {
		if len(g.pool) > 0 && rng.Float64() < swapRate {
			sents[k] = g.pool[rng.IntN(len(g.pool))]
		}
		sents[k] = perturbNumbers(rng, sents[k])
	}
	// A line must not start with a digit unless the base line did: a leading
	// number could read as a section heading or a period.
	if len(sents) > 1 && startsWithDigit(sents[0]) && !startsWithDigit(rest) {
		for k := 1; k < len(sents); k++ {
			if !startsWithDigit(sents[k]) {
				sents[0], sents[k] = sents[k], sents[0]
				break
			}
		}
	}
	return prefix + strings.Join(sents, " ") + suffix
}

func startsWithDigit(s string) bool {
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

// splitSentences splits text after ".", "!" or "?" followed by spaces and an
// upper-case letter or an opening quote. It never returns empty sentences.
func splitSentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		if j == i+1 || j >= len(text) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsUpper(r) && r != '“' && r != '"' {
			continue
		}
		if s := strings.TrimSpace(text[start : i+1]); s != "" {
			out = append(out, s)
		}
		start = j
		i = j - 1
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// perturbNumbers scales every standalone integer of s except years.
func perturbNumbers(rng *rand.Rand, s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if standalone(s, i, j) {
			if repl, ok := scale(rng, s[i:j], j < len(s) && s[j] == '%'); ok {
				b.WriteString(s[last:i])
				b.WriteString(repl)
				last = j
			}
		}
		i = j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// standalone reports whether the digits s[i:j] are a number of their own: not
// part of a dotted or comma-separated number, nor glued to a letter before it.
func standalone(s string, i, j int) bool {
	if i > 0 {
		if c := s[i-1]; c == '.' || c == ',' {
			return false
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLetter(r) {
			return false
		}
	}
	if j+1 < len(s) && (s[j] == '.' || s[j] == ',') && isDigit(s[j+1]) {
		return false
	}
	return true
}

// scale returns digits scaled by a random factor in [0.5, 1.5), keeping the
// digits from the last non-zero one to the end. Years (1900–2099), numbers
// with leading zeros, single digits and results over 100 for percentages are
// left alone (ok false).
func scale(rng *rand.Rand, digits string, percent bool) (string, bool) {
	f := 0.5 + rng.Float64() // draw even when unused, so draws stay aligned
	if len(digits) < 2 || digits[0] == '0' || len(digits) > 15 {
		return "", false
	}
	v, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return "", false
	}
	if len(digits) == 4 && v >= 1900 && v <= 2099 {
		return "", false
	}
	k := strings.LastIndexFunc(digits, func(r rune) bool { return r != '0' })
	tail := digits[k:]
	out := strconv.FormatInt(int64(math.Round(float64(v)*f)), 10)
	if len(out) <= len(tail) {
		return "", false
	}
	out = out[:len(out)-len(tail)] + tail
	if n, _ := strconv.ParseInt(out, 10, 64); percent && n > 100 {
		return "", false
	}
	return out, true
}

// WriteDir writes reports 0 … n-1 for seed into dir (created if missing) and
// returns the paths written, in order. Each file is written to a temporary
// name and renamed, so a reader never sees half a file.
func (g *Generator) WriteDir(ctx context.Context, dir string, n int, seed int64) ([]string, error) {
	if n < 0 {
		return nil, fmt.Errorf("synth: negative report count %d", n)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	paths := make([]string, 0, n)
	for i := range n {
		if err := ctx.Err(); err != nil {
			return paths, fmt.Errorf("synth: %w", err)
		}
		p := filepath.Join(dir, g.Name(seed, i))
		tmp := p + ".tmp"
		if err := os.WriteFile(tmp, g.Text(seed, i), 0o644); err != nil {
			return paths, fmt.Errorf("synth: %w", err)
		}
		if err := os.Rename(tmp, p); err != nil {
			return paths, fmt.Errorf("synth: %w", err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// Size returns the number of bytes of reports 0 … n-1 for seed.
func (g *Generator) Size(n int, seed int64) int64 {
	var total int64
	for i := range n {
		total += int64(len(g.Text(seed, i)))
	}
	return total
}
