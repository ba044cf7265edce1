package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

// pdfRenderings are Chromium's PDF renderings of the shipped report that
// corpus/pdf's tests make (with -update) and keep.
var pdfRenderings = []string{
	"../../corpus/pdf/testdata/ogp-nap-2021-report.pdf",
	"../../corpus/pdf/testdata/ogp-nap-2021-report.headers.pdf",
}

// TestParsePDF runs "hesabat parse" on the PDF renderings of the shipped
// report and checks that it prints the 64 measures of the text, with the
// same numbers, titles and periods.
func TestParsePDF(t *testing.T) {
	want, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range pdfRenderings {
		t.Run(filepath.Base(path), func(t *testing.T) {
			if _, err := os.Stat(path); err != nil {
				t.Skipf("%v (made by go test -update ./corpus/pdf)", err)
			}
			code, out, errOut := runCLI(t, nil, "parse", path)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var got []corpus.Report
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || len(got[0].Measures) != 64 {
				t.Fatalf("%d reports; want one with 64 measures", len(got))
			}
			for i, m := range got[0].Measures {
				w := want.Measures[i]
				if m.Number != w.Number || m.Period != w.Period || strings.Join(strings.Fields(m.Title), " ") != strings.Join(strings.Fields(w.Title), " ") {
					t.Errorf("measure %d: %s %q %q; want %s %q %q", i, m.Number, m.Period, m.Title, w.Number, w.Period, w.Title)
				}
			}
			if got[0].Year != 2021 {
				t.Errorf("year %d, want 2021", got[0].Year)
			}
		})
	}
}

// TestCorpusDirAccounting loads a directory with good reports (.txt and
// .pdf), bad ones (a broken .txt, a scanned .pdf), a README, an old .doc and
// a subdirectory: without --skip-bad the command fails naming every bad file;
// with it the good reports load; either way every entry is named with what
// became of it.
func TestCorpusDirAccounting(t *testing.T) {
	dir := t.TempDir()
	pdfData, err := os.ReadFile(pdfRenderings[0])
	if err != nil {
		t.Skip(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a-2021.az.txt", []byte(corpus.DefaultText()))
	write("b-2021.az.pdf", pdfData)
	write("broken.txt", []byte("1. A\n1.1\nAd\n"))
	write("scan.pdf", []byte("%PDF-1.4\n"))
	write("README.md", []byte("# notes"))
	write("old.doc", []byte("x"))
	if err := os.Mkdir(filepath.Join(dir, "2020"), 0o755); err != nil {
		t.Fatal(err)
	}
	named := []string{"broken.txt", "scan.pdf", "README.md", "old.doc", "2020"}

	code, out, errOut := runCLI(t, nil, "parse", "--format", "csv", dir)
	if code != 1 || out != "" {
		t.Errorf("without --skip-bad: exit %d, %d bytes out; want 1 and nothing", code, len(out))
	}
	for _, want := range append(named, "broken.txt:2: measure 1.1 has no period line", "--skip-bad") {
		if !strings.Contains(errOut, want) {
			t.Errorf("without --skip-bad: stderr lacks %q:\n%s", want, errOut)
		}
	}

	code, out, errOut = runCLI(t, nil, "parse", "--skip-bad", dir)
	if code != 0 {
		t.Fatalf("--skip-bad: exit %d: %s", code, errOut)
	}
	var got []corpus.Report
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "a-2021" || got[1].ID != "b-2021" || len(got[1].Measures) != 64 {
		t.Errorf("--skip-bad loaded %d reports; want a-2021 and b-2021 with 64 measures", len(got))
	}
	for _, want := range append(named, "loaded=2 bad=2 skipped=3", "save it as .docx or PDF", "a subdirectory") {
		if !strings.Contains(errOut, want) {
			t.Errorf("--skip-bad: stderr lacks %q:\n%s", want, errOut)
		}
	}
}

// TestYearFlag checks that a report whose title names no year is warned
// about, and that --report-year sets its year.
func TestYearFlag(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.txt")
	text := strings.Replace(corpus.DefaultText(), "2021-ci il ərzində", "son il ərzində", 1)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		year     int
		warnings bool
	}{
		{"warned", []string{"parse", path}, 0, true},
		{"set by --report-year", []string{"parse", "--report-year", "2022", path}, 2022, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, nil, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var got []corpus.Report
			if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 1 {
				t.Fatalf("%v", err)
			}
			if got[0].Year != tc.year {
				t.Errorf("year %d, want %d", got[0].Year, tc.year)
			}
			if warned := strings.Contains(errOut, "names no year") && strings.Contains(errOut, "--report-year"); warned != tc.warnings {
				t.Errorf("warned %v, want %v: %s", warned, tc.warnings, errOut)
			}
		})
	}
}
