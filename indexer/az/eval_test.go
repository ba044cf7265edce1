package az

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/tr"
	"github.com/blevesearch/bleve/v2/analysis/token/apostrophe"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"

	"github.com/hesabat/hesabat/aztext"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// externalDir returns shared/eval/external beside the repository root (in CI
// a copy of shared/ sits beside the clone), skipping the test without it.
func externalDir(tb testing.TB) string {
	tb.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the package directory")
		}
		dir = parent
	}
	ext := filepath.Join(dir, "..", "shared", "eval", "external")
	if _, err := os.Stat(ext); err != nil {
		tb.Skipf("evaluation data %s is absent (it sits beside the clone in CI): %v", ext, err)
	}
	return ext
}

// pair is a (lemma, form) pair of the evaluation data.
type pair struct{ lemma, form string }

// uniMorphNouns reads the noun rows of UniMorph aze.tsv, dropping the
// malformed rows whose third field is not a feature bundle.
func uniMorphNouns(tb testing.TB, ext string) []pair {
	tb.Helper()
	var out []pair
	readLines(tb, filepath.Join(ext, "unimorph-aze", "aze.tsv"), func(line string) {
		f := strings.Split(line, "\t")
		if len(f) < 3 || !strings.HasPrefix(f[2], "N;") {
			return
		}
		out = append(out, pair{norm.NFC.String(f[0]), norm.NFC.String(f[1])})
	})
	return out
}

// udTokens reads the non-punctuation (lemma, form) pairs of the UD treebank.
func udTokens(tb testing.TB, ext string) []pair {
	tb.Helper()
	var out []pair
	readLines(tb, filepath.Join(ext, "ud-azerbaijani-tuecl", "az_tuecl-ud-test.conllu"), func(line string) {
		if line == "" || line[0] == '#' {
			return
		}
		f := strings.Split(line, "\t")
		if len(f) < 4 || strings.ContainsAny(f[0], "-.") || f[3] == "PUNCT" || f[3] == "SYM" {
			return
		}
		out = append(out, pair{norm.NFC.String(f[2]), norm.NFC.String(f[1])})
	})
	return out
}

func readLines(tb testing.TB, path string, fn func(string)) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		fn(strings.TrimRight(sc.Text(), "\r "))
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
}

// stemChain returns the analyzer's chain without its stop-word filter, so
// that conflation measures stems, not stop lists: "az", "az_folded" or "tr".
func stemChain(tb testing.TB, name string) analysis.Analyzer {
	tb.Helper()
	switch name {
	case AnalyzerName:
		return &analysis.DefaultAnalyzer{
			CharFilters:  []analysis.CharFilter{LookalikeFilter{}},
			Tokenizer:    Tokenizer{},
			TokenFilters: []analysis.TokenFilter{LowercaseFilter{}, NewStemFilter(false)},
		}
	case FoldedAnalyzerName:
		return &analysis.DefaultAnalyzer{
			CharFilters:  []analysis.CharFilter{LookalikeFilter{}},
			Tokenizer:    Tokenizer{},
			TokenFilters: []analysis.TokenFilter{LowercaseFilter{}, FoldFilter{}, NewStemFilter(true)},
		}
	}
	cache := registry.NewCache()
	tok, err := cache.TokenizerNamed(unicode.Name)
	if err != nil {
		tb.Fatal(err)
	}
	var filters []analysis.TokenFilter
	for _, n := range []string{apostrophe.Name, lowercase.Name, tr.SnowballStemmerName} {
		f, err := cache.TokenFilterNamed(n)
		if err != nil {
			tb.Fatal(err)
		}
		filters = append(filters, f)
	}
	return &analysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: filters}
}

func terms(a analysis.Analyzer, s string) []string {
	var out []string
	for _, t := range a.Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return out
}

// conflation returns the fraction of pairs whose lemma and form the analyzer
// turns into the same non-empty terms, and the pairs that do not meet.
func conflation(a analysis.Analyzer, pairs []pair) (float64, []pair) {
	met := 0
	var missed []pair
	for _, p := range pairs {
		l, f := terms(a, p.lemma), terms(a, p.form)
		if len(l) > 0 && slices.Equal(l, f) {
			met++
		} else {
			missed = append(missed, p)
		}
	}
	return float64(met) / float64(len(pairs)), missed
}

// TestConflation measures how often a form meets its lemma, for our chains
// and bleve's Turkish one, each without its stop list.
func TestConflation(t *testing.T) {
	ext := externalDir(t)
	sets := []struct {
		name   string
		pairs  []pair
		target float64
	}{
		{"unimorph-nouns", uniMorphNouns(t, ext), 0.92},
		{"ud-tokens", udTokens(t, ext), 0.80},
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			if len(set.pairs) < 500 {
				t.Fatalf("read only %d pairs", len(set.pairs))
			}
			az, missed := conflation(stemChain(t, AnalyzerName), set.pairs)
			folded, _ := conflation(stemChain(t, FoldedAnalyzerName), set.pairs)
			tr, _ := conflation(stemChain(t, "tr"), set.pairs)
			// Forms typed without diacritics must meet the lemma too.
			ascii := make([]pair, len(set.pairs))
			for i, p := range set.pairs {
				ascii[i] = pair{p.lemma, aztext.Fold(aztext.Lower(p.form))}
			}
			foldedASCII, _ := conflation(stemChain(t, FoldedAnalyzerName), ascii)
			t.Logf("%s: %d pairs: az %.1f%%, az_folded %.1f%%, az_folded with ASCII-typed forms %.1f%%, tr %.1f%%",
				set.name, len(set.pairs), 100*az, 100*folded, 100*foldedASCII, 100*tr)
			if testing.Verbose() {
				for _, p := range missed {
					t.Logf("  missed: %s %v ← %s %v", p.lemma, Analyze(p.lemma, false), p.form, Analyze(p.form, false))
				}
			}
			for _, c := range []struct {
				name string
				got  float64
			}{{"az", az}, {"az_folded", folded}, {"az_folded (ASCII-typed)", foldedASCII}} {
				if c.got < set.target {
					t.Errorf("%s conflation %.1f%% is below the target %.0f%%", c.name, 100*c.got, 100*set.target)
				}
			}
			if az <= tr {
				t.Errorf("az conflation %.1f%% is no better than tr's %.1f%%", 100*az, 100*tr)
			}
		})
	}
}

// wikipediaText returns the plain text of the Wikipedia sample.
func wikipediaText(tb testing.TB, ext string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(ext, "wikipedia", "azwiki_good_articles_2015.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var arts []struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal(b, &arts); err != nil {
		tb.Fatal(err)
	}
	var sb strings.Builder
	for _, a := range arts {
		sb.WriteString(a.Text)
		sb.WriteByte('\n')
	}
	return sb.String()
}

func reportText(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "corpus", "data", "ogp-nap-2021-report.az.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// headwords reads the MIT lexicon files (AzeLexicon, ANAS nouns, ANAS verbs)
// and maps each headword to its lexeme: an infinitive (etmək) and a verbal
// noun (etmə) belong to their verb root (et), which the analyzer conflates
// on purpose; every other headword is its own lexeme. aznlp's list is left
// out: it holds inflected forms (issue aznlp/stemmer#1).
func headwords(tb testing.TB, ext string) map[string]string {
	tb.Helper()
	out := map[string]string{}
	verbs := map[string]bool{}
	for _, name := range []string{"anas_verb_lemmas.txt", "azelexicon_words.txt", "anas_noun_lemmas.txt"} {
		readLines(tb, filepath.Join(ext, "lexicons", name), func(line string) {
			w := strings.Trim(strings.TrimSpace(line), "()")
			if w == "" || strings.ContainsAny(w, " -") {
				return
			}
			w = aztext.NFC(aztext.Lower(w))
			if root, ok := cutAny(w, "maq", "mək"); ok {
				verbs[root] = true
				out[w] = activeRoot(root, verbs)
				return
			}
			if root, ok := cutAny(w, "ma", "mə"); ok && verbs[root] {
				out[w] = activeRoot(root, verbs)
				return
			}
			if _, ok := out[w]; !ok {
				out[w] = w
			}
		})
	}
	return out
}

// cutAny removes the first of the endings that w ends with.
func cutAny(w string, endings ...string) (string, bool) {
	for _, e := range endings {
		if base, ok := strings.CutSuffix(w, e); ok && base != "" {
			return base, true
		}
	}
	return w, false
}

// activeRoot returns the active verb of a passive root in -ıl/-il/-ul/-ül/-n
// (yazıl → yaz, yaradıl → yarat), or root itself.
func activeRoot(root string, verbs map[string]bool) string {
	if base, ok := cutAny(root, "ıl", "il", "ul", "ül", "ın", "in", "un", "ün", "n"); ok {
		if verbs[base] {
			return base
		}
		if b, ok := strings.CutSuffix(base, "d"); ok && verbs[b+"t"] {
			return b + "t"
		}
	}
	return root
}

// falseMerges groups the distinct headwords found in text by their stem and
// returns the stems that headwords of two or more lexemes share, sorted, as
// lines "stem: headword headword…".
func falseMerges(text string, heads map[string]string, folded bool) (merges []string, words int) {
	st := aztext.NewStemmer(folded)
	byStem := map[string]map[string]bool{}
	lexemes := map[string]map[string]bool{}
	seen := map[string]bool{}
	for _, tok := range (Tokenizer{}).Tokenize([]byte(text)) {
		w := string(aztext.LowerBytes(tok.Term))
		lexeme, ok := heads[w]
		if seen[w] || !ok {
			continue
		}
		seen[w] = true
		k := w
		if folded {
			k = aztext.Fold(w)
		}
		s := st.Stem(k)
		if byStem[s] == nil {
			byStem[s] = map[string]bool{}
			lexemes[s] = map[string]bool{}
		}
		byStem[s][w] = true
		lexemes[s][lexeme] = true
	}
	for s, ws := range byStem {
		if len(lexemes[s]) < 2 {
			continue
		}
		list := make([]string, 0, len(ws))
		for w := range ws {
			list = append(list, w)
		}
		sort.Strings(list)
		merges = append(merges, fmt.Sprintf("%s: %s", s, strings.Join(list, " ")))
	}
	sort.Strings(merges)
	return merges, len(seen)
}

func TestFalseMerges(t *testing.T) {
	ext := externalDir(t)
	heads := headwords(t, ext)
	texts := []struct {
		name           string
		text           string
		max, maxFolded int
	}{
		{"report", reportText(t), 3, 5},
		{"wikipedia", wikipediaText(t, ext), 15, 80},
	}
	var golden strings.Builder
	golden.WriteString("# Distinct lexicon headwords of different lexemes that share a stem, by text and analyzer.\n")
	golden.WriteString("# Regenerate: go test ./indexer/az -run TestFalseMerges -update\n")
	for _, tx := range texts {
		merges, words := falseMerges(tx.text, heads, false)
		foldedMerges, _ := falseMerges(tx.text, heads, true)
		t.Logf("%s: %d distinct headwords; %d stems shared by several lexemes (az), %d (az_folded)",
			tx.name, words, len(merges), len(foldedMerges))
		fmt.Fprintf(&golden, "\n## %s, az: %d distinct headwords, %d shared stems\n", tx.name, words, len(merges))
		for _, m := range merges {
			golden.WriteString(m + "\n")
		}
		fmt.Fprintf(&golden, "\n## %s, az_folded: %d shared stems\n", tx.name, len(foldedMerges))
		for _, m := range foldedMerges {
			golden.WriteString(m + "\n")
		}
		if len(merges) > tx.max {
			t.Errorf("%s: %d false merges (az), more than %d", tx.name, len(merges), tx.max)
		}
		if len(foldedMerges) > tx.maxFolded {
			t.Errorf("%s: %d false merges (az_folded), more than %d", tx.name, len(foldedMerges), tx.maxFolded)
		}
	}
	checkGolden(t, "false_merges.golden", golden.String())
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the output; run with -update and review the diff", path)
	}
}
