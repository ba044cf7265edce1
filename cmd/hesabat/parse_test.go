package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

// runParse runs "hesabat parse args…" and returns the exit code and output.
func runParse(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"parse"}, args...), &out, &errOut, func(string) string { return "" })
	return code, out.String(), errOut.String()
}

const parseTestReport = "Sınaq hesabatı 2020─2022-ci illər\n" +
	"\t1. Bölmə\n\t1.1\n\tTədbir (bundan sonra ─ T)\n\t2020─2022\n\t=SUM(A1) ilə başlayan mətn.\n" +
	"\t1.2.\n\tİkinci tədbir\n\t2021\n\tBax cavab 1.1\n"

func TestParseCommandJSON(t *testing.T) {
	code, out, errOut := runParse(t)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var reports []corpus.Report
	if err := json.Unmarshal([]byte(out), &reports); err != nil {
		t.Fatalf("output is not a JSON array of reports: %v", err)
	}
	if len(reports) != 1 {
		t.Fatalf("%d reports", len(reports))
	}
	r := reports[0]
	perSection := map[int]int{}
	byNumber := map[string]corpus.Measure{}
	for _, m := range r.Measures {
		perSection[m.Section]++
		byNumber[m.Number] = m
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"id", r.ID, "ogp-nap-2021-report"},
		{"measures", len(r.Measures), 64},
		{"sections", len(r.Sections), 9},
		{"section 4", perSection[4], 12},
		{"section 8", perSection[8], 3},
		{"8.1 line", byNumber["8.1"].Line, 504},
		{"4.12 blocks", len(byNumber["4.12"].Narrative), 13},
		{"5.3 refs", strings.Join(byNumber["5.3"].Refs, ","), "5.2"},
		{"source", r.Source, "embedded:ogp-nap-2021-report.az.txt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
}

func TestParseCommandCSV(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sinaq.az.txt")
	if err := os.WriteFile(path, []byte(parseTestReport), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		rows  int
		check func(t *testing.T, rows [][]string)
	}{
		{"default report", []string{"--format", "csv"}, 65, func(t *testing.T, rows [][]string) {
			if got := strings.Join(rows[0], ","); got != strings.Join(measureCSVHeader, ",") {
				t.Errorf("header %q", got)
			}
			var row81 []string
			for _, r := range rows {
				if r[1] == "8.1" {
					row81 = r
				}
			}
			if row81 == nil || row81[0] != "ogp-nap-2021-report" || row81[2] != "8" || row81[6] != "2020─2021" || row81[7] != "2020 2021" {
				t.Errorf("row for 8.1: %q", row81)
			}
		}},
		{"file", []string{"-format=csv", path}, 3, func(t *testing.T, rows [][]string) {
			r := rows[1]
			if r[0] != "sinaq" || r[1] != "1.1" || r[5] != "(bundan sonra ─ T)" || r[12] != "'=SUM(A1) ilə başlayan mətn." {
				t.Errorf("row %q", r)
			}
			if r := rows[2]; r[1] != "1.2" || r[8] != "1.1" || r[7] != "2021" || r[11] != "13" {
				t.Errorf("row %q", r)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runParse(t, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatalf("not CSV: %v", err)
			}
			if len(rows) != tc.rows {
				t.Fatalf("%d rows, want %d", len(rows), tc.rows)
			}
			tc.check(t, rows)
		})
	}
}

func TestParseCommandDir(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.az.txt", "b.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(parseTestReport), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runParse(t, dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var reports []corpus.Report
	if err := json.Unmarshal([]byte(out), &reports); err != nil {
		t.Fatal(err)
	}
	if len(reports) != 2 || reports[0].ID != "a" || reports[1].ID != "b" || len(reports[1].Measures) != 2 {
		t.Errorf("got %d reports", len(reports))
	}
}

func TestParseCommandErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("1. A\n1.1\nAd\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
		stdout string
	}{
		{"bad format", []string{"--format", "xml"}, 2, `--format "xml": want json or csv`, ""},
		{"two paths", []string{"a", "b"}, 2, "at most one FILE or DIR", ""},
		{"unknown flag", []string{"--bogus"}, 2, "flag provided but not defined", ""},
		{"bad report", []string{bad}, 1, "corpus: " + bad + ":2: measure 1.1 has no period line", ""},
		{"missing file", []string{filepath.Join(dir, "none.txt")}, 1, "no such file", ""},
		{"help", []string{"-h"}, 0, "", "Usage: hesabat parse"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runParse(t, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.stderr) {
				t.Errorf("exit %d stderr %q; want exit %d and %q", code, errOut, tc.code, tc.stderr)
			}
			if !strings.Contains(out, tc.stdout) {
				t.Errorf("stdout %q; want %q", out, tc.stdout)
			}
			if tc.code != 0 && out != "" {
				t.Errorf("stdout not empty on error: %q", out)
			}
		})
	}
}
