package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeRules are the axe-core rule tags the pages are held to: WCAG 2.0 and
// 2.1 levels A and AA, and axe's best practices (one h1, landmarks, …).
const axeRules = `["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]`

// axeSource returns axe-core's build from node_modules, installed by
// `npm ci` at the version pinned in package.json and package-lock.json. It
// is injected into the tab by the test (never loaded from a CDN, never
// served by Hesabat).
func axeSource(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "node_modules", "axe-core", "axe.min.js"))
		if err == nil {
			return string(b)
		}
		_, err = os.Stat(filepath.Join(dir, "go.mod"))
		parent := filepath.Dir(dir)
		if err == nil || parent == dir {
			// As with Chromium: a failure in CI, a skip on a machine
			// without the npm packages (`make test` installs them).
			if os.Getenv("CI") != "" {
				t.Fatalf("CI is set but node_modules/axe-core/axe.min.js is missing under %s: run `make assets` (npm ci)", dir)
			}
			t.Skipf("no node_modules/axe-core/axe.min.js under %s: run `make assets` (npm ci); set CI=1 to make this a failure", dir)
		}
		dir = parent
	}
}

// AxeViolation is one failed axe-core rule on a page.
type AxeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// String writes the violation for a test failure.
func (v AxeViolation) String() string {
	return fmt.Sprintf("%s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(v.Targets, ", "))
}

// Axe injects axe-core into the tab's page and runs it on the whole
// document; it returns the violations found.
func Axe(t testing.TB, ctx context.Context) []AxeViolation {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axeSource(t)+";\ntrue")); err != nil {
		t.Fatalf("inject axe-core: %v", err)
	}
	run := `axe.run(document, {runOnly: {type: "tag", values: ` + axeRules + `}, resultTypes: ["violations"]}).then(r =>
  r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help, targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))})))`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]AxeViolation](run, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe-core: %v", err)
	}
	return got
}

// CheckAxe fails the test for every axe-core violation on the tab's page.
func CheckAxe(t testing.TB, ctx context.Context, page string) {
	t.Helper()
	for _, v := range Axe(t, ctx) {
		t.Errorf("%s: axe: %s", page, v)
	}
}
