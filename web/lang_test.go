package web

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

func TestAcceptLang(t *testing.T) {
	tests := []struct {
		name, header, want string
	}{
		{"none", "", corpus.LangAZ},
		{"English first", "en-GB,en;q=0.9", corpus.LangEN},
		{"Azerbaijani first", "az-Latn-AZ,az;q=0.9,en;q=0.5", corpus.LangAZ},
		{"English preferred over Azerbaijani", "en;q=0.9,az;q=0.3", corpus.LangEN},
		{"neither: Azerbaijani", "ru,tr;q=0.8", corpus.LangAZ},
		{"Russian then Azerbaijani", "ru, az;q=0.5", corpus.LangAZ},
		{"garbage", ";;;q=x", corpus.LangAZ},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := acceptLang(tt.header); got != tt.want {
				t.Errorf("acceptLang(%q) = %q, want %q", tt.header, got, tt.want)
			}
		})
	}
}

func TestLinksWithLang(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"bare path", `<a href="/agencies">`, `<a href="/agencies?lang=en">`},
		{"root", `<a href="/">`, `<a href="/?lang=en">`},
		{"query", `<a href="/?q=x&amp;page=2">`, `<a href="/?q=x&amp;page=2&amp;lang=en">`},
		{"fragment", `<a href="/measures/r/1.1#figures-h">`, `<a href="/measures/r/1.1?lang=en#figures-h">`},
		{"already has lang", `<a href="/?lang=az">`, `<a href="/?lang=az">`},
		{"static file", `<link href="/static/v-1/style.css">`, `<link href="/static/v-1/style.css">`},
		{"other site", `<a href="https://example.org/">`, `<a href="https://example.org/">`},
		{"protocol-relative", `<a href="//example.org/">`, `<a href="//example.org/">`},
		{"page fragment", `<a href="#main">`, `<a href="#main">`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(linksWithLang([]byte(tt.in), corpus.LangEN)); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestLanguageFromTheRequest(t *testing.T) {
	ts := newServer(t, Config{}, defaultReport(t))
	tests := []struct {
		name, url, cookie, accept, want string
	}{
		{"default", "/agencies", "", "", "az"},
		{"Accept-Language", "/agencies", "", "en-US,en;q=0.9", "en"},
		{"cookie beats Accept-Language", "/agencies", "az", "en-US", "az"},
		{"URL beats cookie", "/agencies?lang=en", "az", "", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, tt.url, nil)
			if tt.cookie != "" {
				req.AddCookie(&http.Cookie{Name: langCookie, Value: tt.cookie})
			}
			if tt.accept != "" {
				req.Header.Set("Accept-Language", tt.accept)
			}
			rec := httptest.NewRecorder()
			ts.handler.ServeHTTP(rec, req)
			body := rec.Body.String()
			if !strings.Contains(body, `<html lang="`+tt.want+`">`) {
				t.Fatalf("page is not in %s", tt.want)
			}
			// Every link to a page of the site carries the language.
			for _, m := range internalHref.FindAllStringSubmatch(body, -1) {
				if strings.HasPrefix(m[1], "/static/") || strings.HasPrefix(m[1], "/favicon") {
					continue
				}
				if !strings.Contains(m[1], "lang=") {
					t.Errorf("link %s carries no language", m[1])
				}
			}
		})
	}
}

func TestTemplatesUseKnownWords(t *testing.T) {
	// A template that reads a word no language has shows nothing, silently.
	use := regexp.MustCompile(`(?:\$t|\.T)\.([a-z_]+)`)
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	for _, f := range files {
		b, err := fs.ReadFile(templateFS, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(b), -1) {
			for _, lang := range []string{corpus.LangAZ, corpus.LangEN} {
				if _, ok := words[lang][m[1]]; !ok {
					t.Errorf("%s uses %s, which %s lacks", f, m[1], lang)
				}
			}
		}
	}
}
