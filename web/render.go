package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/web/chart"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageNames are the page templates; each is parsed with layout.html.
var pageNames = []string{"search", "measure", "agencies", "agency", "dashboard", "chart", "error"}

// funcs are the functions templates may call. None of them marks report
// text as safe HTML.
var funcs = template.FuncMap{
	"statusLabel": func(st corpus.Status, lang string) string { return statusLabel(st, lang) },
	"agencyName":  func(a corpus.Agency, lang string) string { return agencyName(a, lang) },
	"measureURL":  measureURL,
	"agencyURL":   func(id string) string { return "/agencies/" + url.PathEscape(id) },
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
	other := langEN
	if lang == langEN {
		other = langAZ
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
	c.Header("Vary", "Cookie")
	if c.Writer.Header().Get("Cache-Control") == "" {
		c.Header("Cache-Control", "no-cache")
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// errorPage is the data of the error page.
type errorPage struct {
	Heading string
	Message string
}

// renderError sends the HTML error page with status and msg.
func (s *Server) renderError(c *gin.Context, status int, msg string) {
	lang := chooseLang(c)
	heading := words[lang]["error"]
	if status == http.StatusNotFound {
		heading = words[lang]["not_found"]
	}
	b := s.newBase(c, lang, heading, "")
	s.render(c, status, "error", view{base: b, Page: errorPage{Heading: fmt.Sprintf("%d · %s", status, heading), Message: msg}})
	c.Abort()
}
