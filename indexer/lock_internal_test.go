package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hesabat/hesabat/corpus"
)

// lockReports returns one report of n measures.
func lockReports(id string, n int) []*corpus.Report {
	r := &corpus.Report{ID: id, Title: id, Sections: []corpus.Section{{Number: 1, Title: "Bölmə"}}}
	for i := 1; i <= n; i++ {
		r.Measures = append(r.Measures, corpus.Measure{
			Report: id, Number: fmt.Sprintf("1.%d", i), Section: 1, Title: fmt.Sprintf("tədbir %d", i),
			Narrative: []corpus.Block{{Kind: corpus.BlockParagraph, Text: "Şəffaflıq artırılıb.", Line: 1}},
		})
	}
	return []*corpus.Report{r}
}

// generations returns the generation directories under path.
func generations(t *testing.T, path string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(path, GenerationPrefix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestWriterLock checks that a Build refuses at once, naming the holder's
// PID, while another writer holds the index directory, and leaves nothing.
func TestWriterLock(t *testing.T) {
	path := t.TempDir()
	ctx := context.Background()
	x, err := Build(ctx, path, lockReports("a", 3))
	if err != nil {
		t.Fatal(err)
	}
	x.Close()
	l, err := lockWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = Build(ctx, path, lockReports("b", 3))
	if !errors.Is(err, ErrWriting) || !strings.Contains(err.Error(), fmt.Sprintf("index is being written by PID %d", os.Getpid())) {
		t.Errorf("Build while locked: %v, want ErrWriting naming PID %d", err, os.Getpid())
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Build while locked failed after %v, want at once", d)
	}
	if n := len(generations(t, path)); n != 1 {
		t.Errorf("%d generations after the refused build, want 1", n)
	}
	// Readers never need the writer lock.
	y, err := Open(ctx, path)
	if err != nil {
		t.Errorf("Open while a writer holds the lock: %v", err)
	} else {
		y.Close()
	}
	l.release()
	if x, err = Build(ctx, path, lockReports("b", 3)); err != nil {
		t.Fatalf("Build after the lock is released: %v", err)
	}
	x.Close()
}

// TestWithCurrent checks that a Build that expects another generation than
// the current one fails with ErrChanged and writes nothing.
func TestWithCurrent(t *testing.T) {
	path := t.TempDir()
	ctx := context.Background()
	x, err := Build(ctx, path, lockReports("a", 2))
	if err != nil {
		t.Fatal(err)
	}
	gen := x.Generation()
	x.Close()
	if _, err := Build(ctx, path, lockReports("a", 3), WithCurrent("gen-other")); !errors.Is(err, ErrChanged) {
		t.Errorf("Build expecting another generation: %v, want ErrChanged", err)
	}
	if cur, _ := readCurrent(path); cur != gen {
		t.Errorf("current is %s after a refused build, want %s", cur, gen)
	}
	x, err = Build(ctx, path, lockReports("a", 3), WithCurrent(gen))
	if err != nil {
		t.Fatalf("Build expecting the current generation: %v", err)
	}
	x.Close()
}

// TestPruneSparesOpenGenerations checks that generations an open Index
// uses survive later builds, and that RemoveOrphans removes them, and the
// directories of killed builds, once nothing uses them.
func TestPruneSparesOpenGenerations(t *testing.T) {
	path := t.TempDir()
	ctx := context.Background()
	build := func(id string) string {
		x, err := Build(ctx, path, lockReports(id, 2))
		if err != nil {
			t.Fatal(err)
		}
		x.Close()
		return x.Generation()
	}
	first := build("a")
	held, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	build("b")
	build("c")
	last := build("d")
	if _, err := os.Stat(filepath.Join(path, first)); err != nil {
		t.Fatalf("the generation an open Index uses was removed: %v", err)
	}
	if n, err := held.NumReports(); err != nil || n != 1 {
		t.Errorf("open Index after three builds: %d reports, %v", n, err)
	}
	if err := os.Mkdir(filepath.Join(path, GenerationPrefix+"killed-build"), 0o755); err != nil {
		t.Fatal(err)
	}
	held.Close()
	if _, err := RemoveOrphans(path); err != nil {
		t.Fatal(err)
	}
	if g := generations(t, path); len(g) != 1 || filepath.Base(g[0]) != last {
		t.Errorf("generations after RemoveOrphans: %v, want only %s", g, last)
	}
}

// TestBuildCancelled checks that a cancelled build stops, leaves no
// generation and keeps the current one.
func TestBuildCancelled(t *testing.T) {
	path := t.TempDir()
	x, err := Build(context.Background(), path, lockReports("a", 2))
	if err != nil {
		t.Fatal(err)
	}
	x.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, path, lockReports("b", 500)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Build: %v, want context.Canceled", err)
	}
	if g := generations(t, path); len(g) != 1 || filepath.Base(g[0]) != x.Generation() {
		t.Errorf("generations after a cancelled build: %v", g)
	}
}
