package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/search"
)

// runCmd runs hesabat with args and returns the exit code and output.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb, func(string) string { return "" })
	return code, out.String(), errb.String()
}

func TestSearchCommandText(t *testing.T) {
	code, out, stderr := runCmd(t, "search", "muraciet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"results (", "ogp-nap-2021-report/1.8  Vətəndaşların müraciət", "[müraciətlər]"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "<mark>") {
		t.Errorf("text output contains HTML:\n%s", out)
	}
}

func TestSearchCommandJSON(t *testing.T) {
	code, out, stderr := runCmd(t, "search", "--json", "--size", "3", "--lang", "en", "--section", "1", "qaynar", "xətt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res search.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if res.Query != "qaynar xətt" || res.Total != 2 || len(res.Hits) != 2 || res.Hits[0].Number+res.Hits[1].Number != "1.71.8" && res.Hits[0].Number+res.Hits[1].Number != "1.81.7" {
		t.Errorf("result %+v", res)
	}
	if len(res.Facets.Section) != 1 || !res.Facets.Section[0].Selected {
		t.Errorf("section facet %+v", res.Facets.Section)
	}
}

func TestIndexThenSearchCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	for i := 0; i < 2; i++ { // the second build replaces the first
		if code, _, stderr := runCmd(t, "index", "--index", dir); code != 0 {
			t.Fatalf("index exit %d: %s", code, stderr)
		}
	}
	cur, err := os.ReadFile(filepath.Join(dir, "current"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(cur), "gen-") {
		t.Errorf("current = %q", cur)
	}
	code, out, stderr := runCmd(t, "search", "--json", "--index", dir, "--size", "100")
	if code != 0 {
		t.Fatalf("search exit %d: %s", code, stderr)
	}
	var res search.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 64 || len(res.Hits) != 64 || res.Hits[0].Number != "1.1" {
		t.Errorf("total %d, %d hits", res.Total, len(res.Hits))
	}
}

func TestSearchAndIndexCommandErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"size too big", []string{"search", "--size", "101", "x"}, 2, "size: 101 out of range"},
		{"bad status", []string{"search", "--status", "done", "x"}, 2, `status: "done"`},
		{"no index here", []string{"search", "--index", "/nonexistent/hesabat-index", "x"}, 1, "no index"},
		{"index needs a path", []string{"index"}, 2, "--index PATH is required"},
		{"index extra args", []string{"index", "--index", "x", "y"}, 2, "unexpected arguments"},
		{"missing corpus", []string{"index", "--index", "x", "--corpus", "/nonexistent/reports"}, 1, "no such file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, c.args...)
			if code != c.code || !strings.Contains(stderr, c.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, c.code, c.msg)
			}
		})
	}
}

// TestSearchIndexWithoutCorpus proves that an index built from a corpus
// directory is searched with its own reports when --corpus is not given.
func TestSearchIndexWithoutCorpus(t *testing.T) {
	tmp := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "..", "corpus", "data", "ogp-nap-2021-report.az.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(tmp, "corpus")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"first.az.txt", "second.az.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	idx := filepath.Join(tmp, "idx")
	if code, _, stderr := runCmd(t, "index", "--corpus", dir, "--index", idx); code != 0 {
		t.Fatalf("index exit %d: %s", code, stderr)
	}
	code, out, stderr := runCmd(t, "search", "--json", "--index", idx, "--report", "second", "qaynar", "xətt")
	if code != 0 {
		t.Fatalf("search exit %d: %s", code, stderr)
	}
	var res search.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 || res.Hits[0].Report != "second" || res.Hits[0].Title == "" {
		t.Fatalf("hits %+v: want titled hits of report second", res.Hits)
	}
	if strings.Contains(stderr, "differ") {
		t.Errorf("search warned that the index and its reports differ: %s", stderr)
	}
}
