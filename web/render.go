package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/web/chart"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageNames are the page templates; each is parsed with layout.html.
var pageNames = []string{"search", "measure", "measures", "agencies", "agency", "dashboard", "chart", "error", "help"}

// funcs are the functions templates may call. None of them marks report
// text as safe HTML.
var funcs = template.FuncMap{
	"statusLabel": func(st corpus.Status, lang string) string { return statusLabel(st, lang) },
	"agencyName":  func(a corpus.Agency, lang string) string { return a.NameIn(lang) },
	"measureURL":  measureURL,
	"agencyURL":   func(id string) string { return "/agencies/" + url.PathEscape(id) },
	"reportURL":   func(id string) string { return "/?" + url.Values{"report": {id}}.Encode() },
	"chartURL":    func(id string) string { return "/charts/" + url.PathEscape(id) },
	"add":         func(a, b int) int { return a + b },
	"join":        strings.Join,
	"dict":        dict,
}

// dict builds a map from alternating keys and values, for passing several
// values to a template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("web: dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("web: dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// measureURL returns the URL of a measure's page.
func measureURL(report, number string) string {
	return "/measures/" + url.PathEscape(report) + "/" + url.PathEscape(number)
}

// measureIDURL returns the URL of the measure with archive-wide ID
// "<report>/<number>", or "" if id has no report part.
func measureIDURL(id string) string {
	report, number, ok := strings.Cut(id, "/")
	if !ok || report == "" || number == "" {
		return ""
	}
	return measureURL(report, number)
}

// parseTemplates parses every page with the layout.
func parseTemplates() (map[string]*template.Template, error) {
	out := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html", "templates/tools.html")
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// base is what the layout needs on every page.
type base struct {
	Lang      string
	OtherLang string
	LangURL   string
	T         map[string]string
	Nonce     string
	Asset     string
	Title     string
	Nav       string
	// Charts loads ECharts in the page head.
	Charts bool
	// Palette sets the status colours (chart.StatusColor) as CSS custom
	// properties, so that badges and charts cannot disagree.
	Palette template.CSS
}

// view is the data of one page: the layout's fields and the page's own.
type view struct {
	base
	Page any
}

// newBase fills the layout's fields for c.
func (s *Server) newBase(c *gin.Context, lang, title, nav string) base {
	other := corpus.LangEN
	if lang == corpus.LangEN {
		other = corpus.LangAZ
	}
	return base{
		Lang:      lang,
		OtherLang: other,
		LangURL:   withLang(c.Request.URL, other),
		T:         words[lang],
		Nonce:     nonce(c),
		Asset:     s.assetPrefix(),
		Title:     title,
		Nav:       nav,
		Palette:   template.CSS(chart.StatusCSS(analytics.Statuses())),
	}
}

// render executes page into a buffer and sends it with status; a template
// error becomes a 500 error page instead of half a page.
func (s *Server) render(c *gin.Context, status int, page string, v view) {
	t, ok := s.pages[page]
	if !ok {
		s.fail(c, fmt.Errorf("web: no template %q", page))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		if page == "error" {
			c.Data(http.StatusInternalServerError, "text/plain; charset=utf-8", []byte("internal server error\n"))
			c.Abort()
			return
		}
		s.fail(c, fmt.Errorf("web: render %s: %w", page, err))
		return
	}
	c.Header("Vary", "Cookie, Accept-Language")
	if c.Writer.Header().Get("Cache-Control") == "" {
		c.Header("Cache-Control", "no-cache")
	}
	c.Data(status, "text/html; charset=utf-8", linksWithLang(buf.Bytes(), v.Lang))
}

// internalHref matches the href of a link to a page of this site as
// html/template writes it: double-quoted, root-relative ("/…", not "//…").
var internalHref = regexp.MustCompile(`href="(/(?:[^/"][^"]*)?)"`)

// linksWithLang adds lang=<lang> to every link of page to this site that
// names no language yet (static files aside), so that a link carries the
// language of the page it is on: a shared URL opens in the language it was
// shared in, whatever the recipient's cookie says. Writing it here, once,
// covers the links of every template and of every URL builder.
func linksWithLang(page []byte, lang string) []byte {
	return internalHref.ReplaceAllFunc(page, func(m []byte) []byte {
		href := string(m[len(`href="`) : len(m)-1])
		path, frag, _ := strings.Cut(href, "#")
		if strings.HasPrefix(path, "/static/") || strings.HasPrefix(path, "/favicon") ||
			strings.Contains(path, "?lang=") || strings.Contains(path, "&amp;lang=") {
			return m
		}
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&amp;"
		}
		out := `href="` + path + sep + "lang=" + lang
		if frag != "" || strings.HasSuffix(href, "#") {
			out += "#" + frag
		}
		return []byte(out + `"`)
	})
}

// errorPage is the data of the error page.
type errorPage struct {
	Heading string
	Message string
	// NotFound offers the ways on: search, all measures, the charts.
	NotFound bool
}

// renderError sends the HTML error page with status and msg. A page that
// does not exist gets a message in the page's language, not the error's
// developer text (which the API still returns).
func (s *Server) renderError(c *gin.Context, status int, msg string) {
	lang := chooseLang(c)
	heading := words[lang]["error"]
	p := errorPage{Message: msg}
	if status == http.StatusNotFound {
		heading = words[lang]["not_found"]
		p.Message, p.NotFound = words[lang]["not_found_text"], true
	}
	p.Heading = fmt.Sprintf("%d · %s", status, heading)
	b := s.newBase(c, lang, heading, "")
	s.render(c, status, "error", view{base: b, Page: p})
	c.Abort()
}
