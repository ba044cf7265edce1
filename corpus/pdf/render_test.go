package pdf

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/hesabat/hesabat/corpus"
)

var update = flag.Bool("update", false, "regenerate the PDF renderings under testdata with Chromium")

// renderings are the PDF renderings of the shipped report the tests read:
// Chromium's print-to-PDF with and without running page headers and footers.
var renderings = []struct {
	name         string
	headerFooter bool
	file         string
}{
	{"plain", false, "ogp-nap-2021-report.pdf"},
	{"headers", true, "ogp-nap-2021-report.headers.pdf"},
}

// reportHTML renders a parsed report as a printable page in reading order:
// header lines, section headings, and per measure its number, title, period
// and narrative blocks, each a paragraph. Long words get soft hyphens, so
// that Chromium hyphenates line ends; the letter-spaced heading line gets
// CSS letter spacing too; ligatures are on.
func reportHTML(r *corpus.Report) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="az"><head><meta charset="utf-8"><title>Açıq hökumət: 2021-ci il hesabatı</title><style>
@page { size: A4; margin: 22mm 18mm 20mm 18mm; }
body { font-family: "DejaVu Serif", serif; font-size: 11pt; line-height: 1.3; text-align: justify;
  hyphens: manual; font-variant-ligatures: common-ligatures; }
p { margin: 0 0 7pt 0; }
.head { text-align: center; font-weight: bold; }
.spaced { letter-spacing: 0.25em; }
h2 { font-size: 12.5pt; margin: 14pt 0 7pt 0; text-align: left; }
.num { font-weight: bold; margin-top: 11pt; }
.title { font-style: italic; }
.period { font-weight: bold; }
</style></head><body>
`)
	for _, h := range r.Header {
		class := "head"
		if strings.Count(h, " ") > utf8.RuneCountInString(h)/3 {
			class += " spaced"
		}
		fmt.Fprintf(&b, "<p class=\"%s\">%s</p>\n", class, hyphenate(h))
	}
	sec := 0
	for _, m := range r.Measures {
		if m.Section != sec {
			sec = m.Section
			for _, s := range r.Sections {
				if s.Number == sec {
					fmt.Fprintf(&b, "<h2>%d. %s</h2>\n", s.Number, hyphenate(s.Title))
				}
			}
		}
		fmt.Fprintf(&b, "<p class=\"num\">%s</p>\n<p class=\"title\">%s</p>\n<p class=\"period\">%s</p>\n",
			html.EscapeString(m.Number), hyphenate(m.Title), html.EscapeString(m.Period))
		for _, bl := range m.Narrative {
			text := bl.Text
			if bl.Marker != "" {
				text = bl.Marker + " " + text
			}
			fmt.Fprintf(&b, "<p>%s</p>\n", hyphenate(text))
		}
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// hyphenate escapes s for HTML and puts a soft hyphen into the middle of
// every word of 14 letters or more.
func hyphenate(s string) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		rs := []rune(w)
		letters := 0
		for _, r := range rs {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters >= 14 && letters == len(rs) {
			words[i] = html.EscapeString(string(rs[:len(rs)/2])) + "&shy;" + html.EscapeString(string(rs[len(rs)/2:]))
		} else {
			words[i] = html.EscapeString(w)
		}
	}
	return strings.Join(words, " ")
}

// chromium returns the Chromium to print with, or "" when none is installed.
func chromium() string {
	if p := os.Getenv("HESABAT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// printPDF prints page with headless Chromium at exe; with headerFooter,
// every page gets a running header (the document title) and a footer with
// "page N of M".
func printPDF(t testing.TB, exe, doc string, headerFooter bool) []byte {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe), chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelT()
	out, err := printDoc(ctx, doc, headerFooter)
	if err != nil {
		t.Fatalf("print to PDF with %s: %v", exe, err)
	}
	return out
}

// printDoc sets the blank tab's document to doc and prints it to PDF.
func printDoc(ctx context.Context, doc string, headerFooter bool) ([]byte, error) {
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		return nil, err
	}
	tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(ctx, page.SetDocumentContent, page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: doc}); err != nil {
		return nil, err
	}
	yes := true
	p := page.PrintToPDFParams{PreferCSSPageSize: &yes, DisplayHeaderFooter: &headerFooter}
	if headerFooter {
		p.HeaderTemplate = `<div style="font-size:8pt;width:100%;text-align:center;font-family:'DejaVu Sans'"><span class="title"></span></div>`
		p.FooterTemplate = `<div style="font-size:8pt;width:100%;text-align:right;margin-right:18mm;font-family:'DejaVu Sans'">Səhifə <span class="pageNumber"></span> / <span class="totalPages"></span></div>`
	}
	res, err := chromedp.Call(ctx, page.PrintToPDF, p)
	if err != nil {
		return nil, err
	}
	return res.Data, nil
}

// rendering returns the PDF rendering testdata/file of the shipped report:
// printed anew with -update or when the report changed since (its HTML's
// hash is kept beside it), else read from testdata, so that machines
// without Chromium still test the reader.
func rendering(t *testing.T, file string, headerFooter bool) []byte {
	t.Helper()
	r, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	doc := reportHTML(r)
	sum := sha256.Sum256([]byte(doc))
	hash := hex.EncodeToString(sum[:])
	path := filepath.Join("testdata", file)
	if !*update {
		if h, err := os.ReadFile(path + ".sha256"); err == nil && strings.TrimSpace(string(h)) == hash {
			if data, err := os.ReadFile(path); err == nil {
				return data
			}
		}
	}
	exe := chromium()
	if exe == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing or stale and no Chromium is installed to print it", path)
		}
		t.Skipf("%s is missing or stale and no Chromium is installed (apt-get install chromium, then go test -update)", path)
	}
	data := printPDF(t, exe, doc, headerFooter)
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".sha256", []byte(hash+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return data
}
