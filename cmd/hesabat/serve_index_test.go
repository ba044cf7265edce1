package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
)

// TestServeIndexUpload serves a persistent index (reports read from its
// store) and uploads a second report: the re-index is served from the new
// generation's store, with its measures, pages and counts.
func TestServeIndexUpload(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the embedded report twice")
	}
	ctx := context.Background()
	r, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := analytics.Annotate(r); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "index")
	built, err := indexer.Build(ctx, dir, []*corpus.Report{r})
	if err != nil {
		t.Fatal(err)
	}
	built.Close()
	text, err := os.ReadFile(filepath.Join("..", "..", "corpus", "data", "ogp-nap-2021-report.az.txt"))
	if err != nil {
		t.Fatal(err)
	}

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
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- cmdServe(sctx, e, []string{"--index", dir}) }()
	base := "http://" + addr
	client := &http.Client{Timeout: time.Minute}
	for deadline := time.Now().Add(time.Minute); ; {
		if resp, err := client.Get(base + "/healthz"); err == nil {
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
	getJSON := func(path string, v any) int {
		t.Helper()
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if v != nil {
			if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
		}
		return resp.StatusCode
	}
	var res struct {
		Total int `json:"total"`
	}
	if getJSON("/api/search?size=1", &res); res.Total != 64 {
		t.Fatalf("before the upload: total %d, want 64", res.Total)
	}
	var before []analytics.AgencySummary
	if code := getJSON("/api/agencies", &before); code != http.StatusOK || len(before) == 0 {
		t.Fatalf("/api/agencies before the upload: %d", code)
	}

	req, _ := http.NewRequest(http.MethodPost, base+"/api/reports?name=copy-2021.az.txt", bytes.NewReader(text))
	req.Header.Set("Authorization", "Bearer tok")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var up struct {
		Report  string `json:"report"`
		Reports int    `json:"reports"`
	}
	err = json.NewDecoder(resp.Body).Decode(&up)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusCreated || up.Reports != 2 {
		t.Fatalf("upload: %d %+v %v\n%s", resp.StatusCode, up, err, logs.String())
	}
	if getJSON("/api/search?size=1", &res); res.Total != 128 {
		t.Errorf("after the upload: total %d, want 128", res.Total)
	}
	var health struct {
		Reports int `json:"reports"`
	}
	if getJSON("/healthz", &health); health.Reports != 2 {
		t.Errorf("/healthz after the upload: %d reports, want 2", health.Reports)
	}
	var m corpus.Measure
	if code := getJSON("/api/measures/"+up.Report+"/1.8", &m); code != http.StatusOK || m.Title == "" || len(m.Narrative) == 0 {
		t.Errorf("/api/measures/%s/1.8 after the upload: %d %q", up.Report, code, m.Title)
	}
	var sums []analytics.AgencySummary
	if getJSON("/api/agencies", &sums); len(sums) == 0 || sums[0].Total != 2*before[0].Total {
		t.Errorf("/api/agencies after the upload: top agency named by %d measures, want twice %d (the summaries were not refreshed)", sums[0].Total, before[0].Total)
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
}
