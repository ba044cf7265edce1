package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hesabat/hesabat/corpus"
)

// syncBuffer is a bytes.Buffer safe for the server's and the test's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestServe runs "hesabat serve" in-process on a free port with the embedded
// report, checks that it answers, that the admin endpoint follows
// HESABAT_ADMIN_TOKEN, and that cancelling the context shuts it down cleanly.
func TestServe(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()

	var logs syncBuffer
	e := &env{
		stdout: io.Discard,
		stderr: io.Discard,
		logger: slog.New(slog.NewTextHandler(&logs, nil)),
		getenv: func(k string) string {
			return map[string]string{"HESABAT_ADDR": addr, "HESABAT_ADMIN_TOKEN": "tok"}[k]
		},
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- cmdServe(ctx, e, nil) }()

	base := "http://" + addr
	client := &http.Client{Timeout: 5 * time.Second}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := client.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case err := <-done:
			t.Fatalf("serve exited early: %v\n%s", err, logs.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve not ready\n%s", logs.String())
		}
	}
	if !strings.Contains(logs.String(), "url=http://"+addr+"/") {
		t.Errorf("the start-up log does not say where it serves:\n%s", logs.String())
	}

	resp, err := client.Get(base + "/api/search?size=1")
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Total int `json:"total"`
	}
	err = json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if err != nil || res.Total != 64 {
		t.Errorf("/api/search: total %d (%v), want the 64 measures of the embedded report", res.Total, err)
	}

	resp, err = client.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !regexp.MustCompile(`(?m)^hesabat_index_size_bytes [1-9][0-9.e+]*$`).Match(metrics) {
		t.Errorf("/metrics has no index size:\n%s", metrics)
	}

	req, _ := http.NewRequest(http.MethodPost, base+"/api/reports?name=x.az.txt", strings.NewReader("x"))
	req.Header.Set("Authorization", "Bearer wrong")
	if resp, err := client.Do(req); err != nil {
		t.Fatal(err)
	} else {
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("upload with a wrong token: %d, want 403 (writes on with HESABAT_ADMIN_TOKEN)", resp.StatusCode)
		}
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after cancel: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not shut down")
	}
	if _, err := client.Get(base + "/healthz"); err == nil {
		t.Error("still answering after shutdown")
	}
}

// TestServeFlags checks flag errors.
func TestServeFlags(t *testing.T) {
	e := &env{stdout: io.Discard, stderr: io.Discard, logger: slog.New(slog.DiscardHandler), getenv: func(string) string { return "" }}
	for _, args := range [][]string{{"--nope"}, {"extra-arg"}} {
		if err := cmdServe(context.Background(), e, args); !errors.Is(err, errUsage) {
			t.Errorf("serve %q: %v, want a usage error", args, err)
		}
	}
	if err := cmdServe(context.Background(), e, []string{"--index", t.TempDir()}); err == nil {
		t.Error("serve with an empty index directory succeeded")
	}
}

// TestSaveReport checks that an upload lands in the corpus directory under
// its name, that another file of the same report is moved aside, and that
// the directory still loads.
func TestSaveReport(t *testing.T) {
	dir := t.TempDir()
	base := corpus.DefaultText()
	if err := os.WriteFile(filepath.Join(dir, "plan.az.txt"), []byte(base), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "other.az.txt"), []byte(base), 0o644); err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(base, "Qabaqcıl beynəlxalq təcrübə", "Yeni başlıq", 1)
	if err := saveReport(dir, "plan.txt", []byte(changed)); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "plan.txt"))
	if err != nil || string(got) != changed {
		t.Fatalf("saved file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "plan.az.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the old file of the same report is still in place: %v", err)
	}
	reports, err := corpus.Load(dir)
	if err != nil {
		t.Fatalf("load after save: %v", err)
	}
	if len(reports) != 2 || !strings.Contains(reports[1].Measures[0].Title, "Yeni başlıq") {
		t.Errorf("loaded %d reports; want other and the new plan", len(reports))
	}
	for _, bad := range []string{"../x.txt", ".hidden.txt", "a/b.txt"} {
		if err := saveReport(dir, bad, []byte(changed)); err == nil {
			t.Errorf("saveReport(%q) succeeded", bad)
		}
	}
}
