package synth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// basePath is the shipped report, the base of every scale corpus.
const basePath = "../data/ogp-nap-2021-report.az.txt"

func newBase(t testing.TB) *Generator {
	t.Helper()
	data, err := os.ReadFile(basePath)
	if err != nil {
		t.Fatal(err)
	}
	g, err := New(filepath.Base(basePath), data)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestTextKeepsStructure(t *testing.T) {
	g := newBase(t)
	base := strings.Split(string(g.Text(1, 0)), "\n")
	for _, i := range []int{1, 2, 99, 1000} {
		got := strings.Split(string(g.Text(1, i)), "\n")
		if len(got) != len(base) {
			t.Fatalf("report %d: %d lines, base has %d", i, len(got), len(base))
		}
		changed := 0
		for j := range base {
			if g.kinds[j] != lineNarrative {
				if got[j] != base[j] {
					t.Errorf("report %d line %d: fixed line changed:\n got %q\nwant %q", i, j+1, got[j], base[j])
				}
				continue
			}
			if got[j] != base[j] {
				changed++
			}
			for _, re := range []interface{ MatchString(string) bool }{reMeasureNumber, reSection, rePeriod} {
				if re.MatchString(got[j]) {
					t.Errorf("report %d line %d: narrative line now looks structural: %q", i, j+1, got[j])
				}
			}
		}
		if changed < 50 {
			t.Errorf("report %d: only %d narrative lines changed", i, changed)
		}
	}
}

func TestTextDeterministic(t *testing.T) {
	g := newBase(t)
	if !bytes.Equal(g.Text(7, 3), newBase(t).Text(7, 3)) {
		t.Error("same seed and index gave different texts")
	}
	if bytes.Equal(g.Text(7, 3), g.Text(8, 3)) {
		t.Error("different seeds gave the same text")
	}
	if bytes.Equal(g.Text(7, 3), g.Text(7, 4)) {
		t.Error("different indexes gave the same text")
	}
	if !bytes.Equal(g.Text(7, 0), g.text) {
		t.Error("report 0 is not the base text")
	}
}

func TestNames(t *testing.T) {
	g := newBase(t)
	tests := []struct {
		name string
		seed int64
		i    int
		want string
	}{
		{"base", 1, 0, "ogp-nap-2021-report.az.txt"},
		{"first", 1, 1, "ogp-nap-2021-report-s1-00001.az.txt"},
		{"other seed", 42, 999, "ogp-nap-2021-report-s42-00999.az.txt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := g.Name(tc.seed, tc.i); got != tc.want {
				t.Errorf("Name(%d, %d) = %q, want %q", tc.seed, tc.i, got, tc.want)
			}
		})
	}
}

func TestNewRejects(t *testing.T) {
	tests := []struct {
		name string
		data string
		want error
	}{
		{"empty", "", ErrNoMeasures},
		{"no narrative", "Header\n\t1. Section\n\t1.1\n\tTitle\n\t2020\n", ErrNoMeasures},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := New("x.txt", []byte(tc.data)); !errors.Is(err, tc.want) {
				t.Errorf("New: %v, want %v", err, tc.want)
			}
		})
	}
	if _, err := New("x.txt", []byte{0xff, 0xfe}); err == nil {
		t.Error("New accepted invalid UTF-8")
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"one", "Bənd icra edilmişdir.", []string{"Bənd icra edilmişdir."}},
		{"two", "Bənd icra edilmişdir. Belə ki, portal yaradılıb.", []string{"Bənd icra edilmişdir.", "Belə ki, portal yaradılıb."}},
		{"decimal stays", "Məbləğ 3.1 milyondur. Əlavə edilib.", []string{"Məbləğ 3.1 milyondur.", "Əlavə edilib."}},
		{"lower case continues", "Bax cavab 5.2. və s.", []string{"Bax cavab 5.2. və s."}},
		{"quote starts", "Qəbul edilib. “Qanun” dəyişib.", []string{"Qəbul edilib.", "“Qanun” dəyişib."}},
		{"dotted capital İ", "Bitib. İcra olunub.", []string{"Bitib.", "İcra olunub."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := splitSentences(tc.in)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("splitSentences(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestPerturbNumbers(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		changed bool
	}{
		{"year kept", "2021-ci il", false},
		{"date kept", "21.10.2020-ci il", false},
		{"reference kept", "Bax cavab 5.2", false},
		{"decimal kept", "3.1 milyon", false},
		{"single digit kept", "9 qurum", false},
		{"count varies", "5131 müraciət", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			changed := false
			for s := range uint64(20) {
				if perturbNumbers(rand.New(rand.NewPCG(s, 1)), tc.in) != tc.in {
					changed = true
				}
			}
			if changed != tc.changed {
				t.Errorf("perturbNumbers(%q) changed = %v, want %v", tc.in, changed, tc.changed)
			}
		})
	}
	// Last digits and percent bounds hold for every draw.
	for s := range uint64(200) {
		rng := rand.New(rand.NewPCG(s, 2))
		out := perturbNumbers(rng, "4438-i 693-ü 260 73%-dək")
		f := strings.Fields(out)
		if !strings.HasSuffix(f[0], "8-i") || !strings.HasSuffix(f[1], "3-ü") || !strings.HasSuffix(f[2], "60") {
			t.Fatalf("suffix digits not kept: %q", out)
		}
		var pct int
		if _, err := fmtSscan(strings.TrimSuffix(f[3], "%-dək"), &pct); err != nil || pct > 100 {
			t.Fatalf("percentage out of range: %q", out)
		}
	}
}

func TestWriteDir(t *testing.T) {
	g := newBase(t)
	dir := t.TempDir()
	paths, err := g.WriteDir(context.Background(), dir, 3, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 3 {
		t.Fatalf("wrote %d files, want 3", len(paths))
	}
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, g.Text(5, i)) {
			t.Errorf("%s: content differs from Text(5, %d)", p, i)
		}
	}
	if got, want := g.Size(3, 5), int64(len(g.Text(5, 0))+len(g.Text(5, 1))+len(g.Text(5, 2))); got != want {
		t.Errorf("Size = %d, want %d", got, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := g.WriteDir(ctx, t.TempDir(), 2, 5); !errors.Is(err, context.Canceled) {
		t.Errorf("WriteDir with cancelled ctx: %v, want context.Canceled", err)
	}
}

func fmtSscan(s string, v *int) (int, error) { return fmt.Sscan(s, v) }

// FuzzGenerator feeds arbitrary base texts to New: it must never panic, and
// a generated text keeps the base's line count and fixed lines.
func FuzzGenerator(f *testing.F) {
	data, err := os.ReadFile(basePath)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data[:4000])
	f.Add([]byte("Header\n\t1. Section\n\t1.1\n\tTitle\n\t2020\n   Bənd 12 icra. Belə ki, 345-i 2021-ci ildə.\n"))
	f.Add([]byte("\t1.1\n\t2020─2022\n 1.5 7%-dək 0099 99999999999999999999. X.\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := New("fuzz.az.txt", data)
		if err != nil {
			return
		}
		base := strings.Split(string(data), "\n")
		got := strings.Split(string(g.Text(1, 1)), "\n")
		if len(got) != len(base) {
			t.Fatalf("%d lines, base has %d", len(got), len(base))
		}
		for j := range base {
			if g.kinds[j] != lineNarrative && got[j] != base[j] {
				t.Fatalf("line %d: fixed line changed: %q → %q", j+1, base[j], got[j])
			}
		}
	})
}
