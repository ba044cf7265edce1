package search_test

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search"
)

// evalDir holds copies of ../shared/eval/dev-queries.tsv, dev-qrels.tsv,
// dev-queries-en.tsv and dev-qrels-en.tsv.
var evalDir = filepath.Join("testdata", "eval")

// minNDCG and minNDCGEN are the mean nDCG@10 the Azerbaijani and the
// English dev queries must reach.
const (
	minNDCG   = 0.95
	minNDCGEN = 0.80
)

// evalSet is a set of dev queries with their judgements, searched in lang.
type evalSet struct{ queries, qrels, lang string }

var (
	devAZ = evalSet{"dev-queries.tsv", "dev-qrels.tsv", ""}
	devEN = evalSet{"dev-queries-en.tsv", "dev-qrels-en.tsv", corpus.LangEN}
)

type evalQuery struct{ id, text string }

// readQueries reads "id<TAB>query" lines.
func readQueries(t testing.TB, path string) []evalQuery {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []evalQuery
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, text, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("%s:%d: want id<TAB>query, got %q", path, n, line)
		}
		out = append(out, evalQuery{id, text})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// readQrels reads "query-id<TAB>measure-number<TAB>grade" lines.
func readQrels(t testing.TB, path string) map[string]map[string]int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := make(map[string]map[string]int)
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 {
			t.Fatalf("%s:%d: want 3 fields, got %q", path, n, line)
		}
		g, err := strconv.Atoi(parts[2])
		if err != nil {
			t.Fatalf("%s:%d: grade %q: %v", path, n, parts[2], err)
		}
		if out[parts[0]] == nil {
			out[parts[0]] = make(map[string]int)
		}
		out[parts[0]][parts[1]] = g
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// ndcgAt returns nDCG@k of a ranking (measure numbers) under graded judgements,
// with gain 2^grade - 1 and a log2(rank+1) discount.
func ndcgAt(k int, ranking []string, grades map[string]int) float64 {
	dcg := 0.0
	for i, n := range ranking {
		if i == k {
			break
		}
		dcg += (math.Pow(2, float64(grades[n])) - 1) / math.Log2(float64(i+2))
	}
	ideal := make([]int, 0, len(grades))
	for _, g := range grades {
		ideal = append(ideal, g)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ideal)))
	idcg := 0.0
	for i, g := range ideal {
		if i == k {
			break
		}
		idcg += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i+2))
	}
	if idcg == 0 {
		return 0
	}
	return dcg / idcg
}

func TestNDCG(t *testing.T) {
	cases := []struct {
		name    string
		ranking []string
		grades  map[string]int
		want    float64
	}{
		{"perfect", []string{"a", "b"}, map[string]int{"a": 2, "b": 1}, 1},
		{"nothing relevant found", []string{"x", "y"}, map[string]int{"a": 2}, 0},
		{"swapped", []string{"b", "a"}, map[string]int{"a": 2, "b": 1}, (1 + 3/math.Log2(3)) / (3 + 1/math.Log2(3))},
		{"relevant below cut-off", []string{"x", "a"}, map[string]int{"a": 1}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := 10
			if c.name == "relevant below cut-off" {
				k = 1
			}
			if got := ndcgAt(k, c.ranking, c.grades); math.Abs(got-c.want) > 1e-9 {
				t.Errorf("ndcg = %v, want %v", got, c.want)
			}
		})
	}
}

// evalRun is one query's nDCG@10 under one analysis.
type evalRun struct {
	id, query string
	ndcg      float64
	top       []string
}

// runEval searches every query of set over an index of the shipped report
// built with analysis a and scores the rankings.
func runEval(t testing.TB, a indexer.Analysis, set evalSet) ([]evalRun, float64) {
	t.Helper()
	ctx := context.Background()
	reports := defaultReports(t)
	idx, err := indexer.Build(ctx, "", reports, indexer.WithAnalysis(a))
	if err != nil {
		t.Fatal(err)
	}
	s := search.New(idx, reports)
	defer s.Close()
	queries := readQueries(t, filepath.Join(evalDir, set.queries))
	qrels := readQrels(t, filepath.Join(evalDir, set.qrels))
	var runs []evalRun
	sum := 0.0
	for _, q := range queries {
		res, err := s.Search(ctx, search.Request{Query: q.text, Size: 10, Lang: set.lang})
		if err != nil {
			t.Fatalf("%s %q: %v", q.id, q.text, err)
		}
		var ranking []string
		for _, h := range res.Hits {
			ranking = append(ranking, h.Number)
		}
		n := ndcgAt(10, ranking, qrels[q.id])
		runs = append(runs, evalRun{q.id, q.text, n, ranking})
		sum += n
	}
	if len(runs) == 0 {
		t.Fatal("no queries")
	}
	return runs, sum / float64(len(runs))
}

// TestRelevance fails when the mean nDCG@10 of the dev queries drops below
// minNDCG (minNDCGEN for the English ones, searched with lang=en) or a dev
// query finds nothing. With -v it prints the per-query tables, Hesabat's
// analyzer against bleve's standard analyzer (BENCHMARKS.md).
func TestRelevance(t *testing.T) {
	az, azMean := runEval(t, indexer.DefaultAnalysis(), devAZ)
	std, stdMean := runEval(t, indexer.StandardAnalysis(), devAZ)
	en, enMean := runEval(t, indexer.DefaultAnalysis(), devEN)
	var sb strings.Builder
	fmt.Fprintf(&sb, "| query | text | az nDCG@10 | standard nDCG@10 |\n|---|---|---:|---:|\n")
	for i := range az {
		fmt.Fprintf(&sb, "| %s | %s | %.3f | %.3f |\n", az[i].id, az[i].query, az[i].ndcg, std[i].ndcg)
	}
	fmt.Fprintf(&sb, "| **mean** | | **%.3f** | **%.3f** |\n\n| query (lang=en) | text | nDCG@10 |\n|---|---|---:|\n", azMean, stdMean)
	for _, r := range en {
		fmt.Fprintf(&sb, "| %s | %s | %.3f |\n", r.id, r.query, r.ndcg)
	}
	fmt.Fprintf(&sb, "| **mean** | | **%.3f** |\n", enMean)
	t.Logf("\n%s", sb.String())
	for _, r := range append(az, en...) {
		if len(r.top) == 0 {
			t.Errorf("%s %q finds nothing", r.id, r.query)
		}
		if r.ndcg < 0.5 {
			t.Logf("weak: %s %q nDCG=%.3f top=%v", r.id, r.query, r.ndcg, r.top)
		}
	}
	if azMean < minNDCG {
		t.Errorf("mean nDCG@10 = %.3f, want ≥ %.2f", azMean, minNDCG)
	}
	if enMean < minNDCGEN {
		t.Errorf("English mean nDCG@10 = %.3f, want ≥ %.2f", enMean, minNDCGEN)
	}
	if azMean <= stdMean {
		t.Errorf("az analyzer (%.3f) does not beat bleve's standard analyzer (%.3f)", azMean, stdMean)
	}
}
