// Package browsertest runs the end-to-end tests of web and its subpackages in
// headless Chromium (Debian's chromium package, driven by chromedp): it finds
// and starts the browser, opens tabs whose console, exceptions, browser log,
// dialogs and requests are watched, checks that a tab reported no problem and
// sent no request off the loopback interface, and saves screenshots for
// reviewers. Only tests import it.
package browsertest

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Chromium returns the browser to test with: $HESABAT_CHROMIUM, or the first
// of the usual names on $PATH. Without one the test is skipped, unless $CI is
// set, where a missing browser is a failure.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("HESABAT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI is set but no Chromium is installed (apt-get install chromium)")
	}
	t.Skip("no Chromium installed (apt-get install chromium); set CI=1 to make this a failure")
	return ""
}

// Start starts one headless Chromium with a temporary profile for the test
// and returns its context; each chromedp.NewContext (or OpenTab) on it opens
// another tab. The browser stops when the test ends.
func Start(t testing.TB) context.Context {
	t.Helper()
	exe := Chromium(t)
	profile := t.TempDir() // removed after the browser has stopped (cleanups run last-in first-out)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("start %s: %v", exe, err)
	}
	return ctx
}

// OpenTab opens a new tab in browser (a context from Start) whose console,
// exceptions, browser log, dialogs and requests the returned Watch records;
// the returned context ends after timeout, and the tab closes when the test
// ends. The options go to chromedp.NewContext: chromedp.WithNewBrowserContext()
// gives the tab a browser context of its own, so that no cookies carry over
// from other tabs.
func OpenTab(t testing.TB, browser context.Context, timeout time.Duration, opts ...chromedp.ContextOption) (context.Context, *Watch) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, opts...)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	w := &Watch{}
	if err := chromedp.Listen(ctx, w.event); err != nil {
		t.Fatal(err)
	}
	tctx, tcancel := context.WithTimeout(ctx, timeout)
	t.Cleanup(tcancel)
	return tctx, w
}

// Watch collects what a tab reports: console errors and failed assertions,
// uncaught exceptions, error entries of the browser log, JavaScript dialogs,
// and every request URL. It is safe for concurrent use.
type Watch struct {
	mu       sync.Mutex
	problems []string
	requests []string
}

// event records one event of the tab; OpenTab registers it with chromedp.Listen.
func (w *Watch) event(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range ev.Args {
				if len(a.Value) > 0 {
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			w.problems = append(w.problems, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		w.problems = append(w.problems, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			w.problems = append(w.problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		w.requests = append(w.requests, ev.Request.URL)
	case *page.EventJavascriptDialogOpening:
		w.problems = append(w.problems, "dialog ("+string(ev.Type)+"): "+ev.Message)
	}
}

// Check fails the test for every problem the tab reported except those
// containing one of the expected strings, for every expected string no
// problem contained, when the tab made no request at all, and for every
// request that left the loopback interface (see Loopback).
func (w *Watch) Check(t testing.TB, expected ...string) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	seen := make([]bool, len(expected))
problems:
	for _, p := range w.problems {
		for i, e := range expected {
			if strings.Contains(p, e) {
				seen[i] = true
				continue problems
			}
		}
		t.Errorf("browser reported: %s", p)
	}
	for i, e := range expected {
		if !seen[i] {
			t.Errorf("browser did not report the expected %q", e)
		}
	}
	if len(w.requests) == 0 {
		t.Error("no requests seen: is the network listener working?")
	}
	for _, r := range w.requests {
		if !Loopback(r) {
			t.Errorf("request left localhost: %s", r)
		}
	}
}

// Loopback reports whether a request URL stays on this machine: a data:,
// blob: or about: URL, or an http(s) or ws(s) URL whose host is localhost or
// a loopback IP address.
func Loopback(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return true
	case "http", "https", "ws", "wss":
	default:
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Screenshot saves a PNG of the tab's whole page as name.png into
// $HESABAT_SCREENSHOTS (a temporary directory when unset) for reviewers.
func Screenshot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("HESABAT_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
