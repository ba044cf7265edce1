package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestGen(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		code  int
		files int
	}{
		{"three reports", []string{"--n", "3", "--seed", "2"}, 0, 3},
		{"base only", []string{"--n", "1"}, 0, 1},
		{"zero reports", []string{"--n", "0"}, 2, 0},
		{"stray argument", []string{"--n", "2", "extra"}, 2, 0},
		{"missing base file", []string{"--from", "/nonexistent/report.txt"}, 1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			var stdout, stderr bytes.Buffer
			args := append([]string{"gen", "--out", out}, tc.args...)
			code := run(context.Background(), args, &stdout, &stderr, func(string) string { return "" })
			if code != tc.code {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, tc.code, stderr.String())
			}
			entries, _ := os.ReadDir(out)
			if len(entries) != tc.files {
				t.Errorf("%d files written, want %d", len(entries), tc.files)
			}
		})
	}
	var stderr bytes.Buffer
	if code := run(context.Background(), []string{"gen"}, &bytes.Buffer{}, &stderr, func(string) string { return "" }); code != 2 {
		t.Errorf("gen without --out: exit code %d, want 2", code)
	}
}

// TestGenDeterministic checks that the same flags write the same bytes.
func TestGenDeterministic(t *testing.T) {
	dirs := []string{filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")}
	for _, d := range dirs {
		if code := run(context.Background(), []string{"gen", "--n", "3", "--seed", "9", "--out", d},
			&bytes.Buffer{}, &bytes.Buffer{}, func(string) string { return "" }); code != 0 {
			t.Fatalf("exit code %d", code)
		}
	}
	entries, err := os.ReadDir(dirs[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		a, _ := os.ReadFile(filepath.Join(dirs[0], e.Name()))
		b, err := os.ReadFile(filepath.Join(dirs[1], e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs with the same seed", e.Name())
		}
	}
}
