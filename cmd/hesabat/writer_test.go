package main

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hesabat/hesabat/indexer"
)

// startIndex starts "hesabat index" and waits until it holds the writer
// lock of idx (its PID is in the lock file), or fails the test.
func startIndex(t *testing.T, bin, corpusDir, idx string) (*exec.Cmd, *bytes.Buffer, chan error) {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "index", "--corpus", corpusDir, "--index", idx)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.Now().Add(time.Minute)
	for {
		data, _ := os.ReadFile(filepath.Join(idx, indexer.WriteLockFile))
		if strings.TrimSpace(string(data)) == strconv.Itoa(cmd.Process.Pid) {
			return cmd, &stderr, done
		}
		select {
		case err := <-done:
			t.Fatalf("index ended before it held the lock: %v\n%s", err, stderr.String())
		case <-time.After(time.Millisecond):
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("index did not take the lock in a minute\n%s", stderr.String())
		}
	}
}

// TestOneWriter runs two "hesabat index" at once on one index directory
// (issue 16 finding 5: they removed each other's generations or spun in
// ForceMerge for minutes): the second fails within a second naming the
// first's PID, the first succeeds. Then a build interrupted by SIGTERM
// exits within 2 s and leaves the previous index and no orphan.
func TestOneWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and indexes thousands of measures")
	}
	bin := buildHesabat(t)
	tmp := t.TempDir()
	small, large, idx := filepath.Join(tmp, "small"), filepath.Join(tmp, "large"), filepath.Join(tmp, "index")
	runHesabat(t, bin, "gen", "--n", "2", "--seed", "21", "--out", small)
	runHesabat(t, bin, "gen", "--n", "60", "--seed", "22", "--out", large)
	largeIDs := corpusIDs(t, large)

	first, firstErr, firstDone := startIndex(t, bin, large, idx)
	var stderr bytes.Buffer
	second := exec.Command(bin, "index", "--corpus", small, "--index", idx)
	second.Stderr = &stderr
	start := time.Now()
	err := second.Run()
	took := time.Since(start)
	want := fmt.Sprintf("index is being written by PID %d", first.Process.Pid)
	if err == nil || !strings.Contains(stderr.String(), want) {
		t.Errorf("second index while the first runs: %v, stderr %q; want a failure saying %q", err, stderr.String(), want)
	}
	if took > time.Second {
		t.Errorf("second index failed after %v, want within 1 s", took)
	}
	t.Logf("second index refused after %v: %s", took.Round(time.Millisecond), strings.TrimSpace(stderr.String()))
	if err := <-firstDone; err != nil {
		t.Fatalf("first index: %v\n%s", err, firstErr.String())
	}
	if err := sameIDs(indexIDs(t, idx), largeIDs); err != nil {
		t.Fatalf("after the first index: %v", err)
	}
	before := generations(t, idx)

	// SIGTERM mid-build: out within 2 s, the index as it was, no orphan.
	cmd, cmdErr, done := startIndex(t, bin, large, idx)
	time.Sleep(300 * time.Millisecond) // into the build
	start = time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		took = time.Since(start)
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		t.Logf("index exited %v after SIGTERM (%v)", took.Round(time.Millisecond), err)
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("index still running 10 s after SIGTERM\n%s", cmdErr.String())
	}
	if took > 2*time.Second {
		t.Errorf("index exited %v after SIGTERM, want within 2 s", took)
	}
	if err := sameIDs(indexIDs(t, idx), largeIDs); err != nil {
		t.Errorf("after SIGTERM mid-build: %v", err)
	}
	if after := generations(t, idx); len(after) > len(before) {
		t.Errorf("generations after SIGTERM: %q, before %q", after, before)
	}
}

// TestServeFollowsOtherWriter starts the server on a persistent index, then
// builds another generation with "hesabat index" (issue 16 finding 5: the
// server never noticed): the server serves it within a few seconds, and an
// upload afterwards adds to it rather than rolling it back.
func TestServeFollowsOtherWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and starts the server")
	}
	bin := buildHesabat(t)
	tmp := t.TempDir()
	small, other, idx := filepath.Join(tmp, "small"), filepath.Join(tmp, "other"), filepath.Join(tmp, "index")
	runHesabat(t, bin, "gen", "--n", "2", "--seed", "31", "--out", small)
	runHesabat(t, bin, "gen", "--n", "5", "--seed", "32", "--out", other)
	runHesabat(t, bin, "index", "--corpus", small, "--index", idx)
	if err := os.Mkdir(filepath.Join(idx, indexer.GenerationPrefix+"orphan"), 0o755); err != nil {
		t.Fatal(err)
	}
	srv := startServeEnv(t, bin, []string{"HESABAT_ADMIN_TOKEN=tok"}, "--index", idx)
	defer srv.stop(t)
	if _, err := os.Stat(filepath.Join(idx, indexer.GenerationPrefix+"orphan")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("orphan generation left at start: %v", err)
	}
	if err := sameIDs(servedIDs(t, srv.url), corpusIDs(t, small)); err != nil {
		t.Fatal(err)
	}
	runHesabat(t, bin, "index", "--corpus", other, "--index", idx)
	otherIDs := corpusIDs(t, other)
	deadline := time.Now().Add(10 * time.Second)
	for sameIDs(servedIDs(t, srv.url), otherIDs) != nil {
		if time.Now().After(deadline) {
			t.Fatalf("the server did not serve the generation another process built within 10 s\n%s", srv.stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	// An upload now adds to the new generation.
	names, err := filepath.Glob(filepath.Join(small, "*.txt"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no report in %s: %v", small, err)
	}
	data, err := os.ReadFile(names[0])
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, srv.url+"/api/reports?name="+filepath.Base(names[0]), bytes.NewReader(data))
	req.Header.Set("Authorization", "Bearer tok")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	if got := len(servedIDs(t, srv.url)); got <= len(otherIDs) {
		t.Errorf("after the upload %d measures are served, want more than the other build's %d", got, len(otherIDs))
	}
}
