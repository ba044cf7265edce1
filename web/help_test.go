package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

// TestSearchPageSaysHowItSearched checks the notes of the search page: a
// relaxed query, an English query mapped to Azerbaijani, and a
// did-you-mean link when nothing matched.
func TestSearchPageSaysHowItSearched(t *testing.T) {
	ts := newServer(t, Config{}, defaultReport(t))
	cases := []struct {
		name, target string
		want         []string
	}{
		{"relaxed, Azerbaijani", "/?q=" + url.QueryEscape("bələdiyyələrdə kompüter və internet təminatının vəziyyəti"),
			[]string{"Heç bir tədbirdə bütün 5 söz yoxdur"}},
		{"relaxed, English", "/?lang=en&q=" + url.QueryEscape("korrupsiya MONEYVAL"),
			[]string{"No measure matches all 2 words; showing results that match at least 1 of 2 words."}},
		{"English query mapped", "/?lang=en&q=procurement",
			[]string{"Searched in Azerbaijani as:", `lang="az">satınalma OR tender</a>`}},
		{"did you mean", "/?q=xkorrupsiya",
			[]string{"Bəlkə bunu nəzərdə tutursunuz:", `href="/?lang=az&amp;q=korrupsiya">korrupsiya</a>`}},
		{"help linked", "/", []string{`href="/help/search?lang=az"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := ts.get(t, c.target)
			if w.Code != http.StatusOK {
				t.Fatalf("GET %s: %d", c.target, w.Code)
			}
			body := w.Body.String()
			for _, s := range c.want {
				if !strings.Contains(body, s) {
					t.Errorf("GET %s lacks %q", c.target, s)
				}
			}
		})
	}
}

// TestSearchHelp checks that the help page exists in both languages,
// documents the operators, and that every example it links finds something.
func TestSearchHelp(t *testing.T) {
	ts := newServer(t, Config{}, defaultReport(t))
	link := regexp.MustCompile(`<dt><a href="([^"]+)">`)
	total := regexp.MustCompile(`<span class="total">([0-9]+)</span>`)
	for _, lang := range []string{corpus.LangAZ, corpus.LangEN} {
		t.Run(lang, func(t *testing.T) {
			w := ts.get(t, "/help/search?lang="+lang)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d", w.Code)
			}
			body := w.Body.String()
			for _, s := range []string{words[lang]["help_title"], "<code>OR</code>", "-ombudsman", "&#34;qaynar xətt&#34;"} {
				if !strings.Contains(body, s) {
					t.Errorf("help (%s) lacks %q", lang, s)
				}
			}
			links := link.FindAllStringSubmatch(body, -1)
			if len(links) < 8 {
				t.Fatalf("%d example links", len(links))
			}
			for _, m := range links {
				target := html.UnescapeString(m[1])
				res := ts.get(t, target)
				n := total.FindStringSubmatch(res.Body.String())
				if res.Code != http.StatusOK || n == nil || n[1] == "0" {
					t.Errorf("example %s: status %d, total %v", target, res.Code, n)
				}
			}
		})
	}
}
