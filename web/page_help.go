package web

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/hesabat/hesabat/corpus"
)

// helpExample is one example query of the help page, with the link that
// runs it.
type helpExample struct {
	Query, URL string
}

// helpPage is the data of the query syntax help page.
type helpPage struct {
	Lang     string
	Examples map[string]helpExample
}

// searchHelpPage answers GET /help/search: the query syntax, in the
// interface language, with examples that run a search.
func (s *Server) searchHelpPage(c *gin.Context) {
	lang := chooseLang(c)
	b := s.newBase(c, lang, words[lang]["help_title"], "search")
	p := helpPage{Lang: lang, Examples: map[string]helpExample{}}
	for name, q := range map[string]string{
		"words":   "bələdiyyələrin internetə çıxışı",
		"ascii":   "belediyyelerin internete cixisi",
		"phrase":  `"qaynar xətt"`,
		"exclude": "müraciət -ombudsman",
		"or":      "ombudsman OR prokurorluq",
		"number":  "4.8",
		"acronym": "QHT",
		"long":    "bələdiyyələrdə kompüter və internet təminatının vəziyyəti",
		"english": "municipal internet access",
	} {
		ql := lang
		if name == "english" {
			ql = corpus.LangEN
		}
		p.Examples[name] = helpExample{Query: q, URL: "/?" + searchValues(q, ql)}
	}
	s.render(c, http.StatusOK, "help", view{base: b, Page: p})
}

// searchValues returns the query string of a search for q in lang.
func searchValues(q, lang string) string {
	return url.Values{"q": {q}, "lang": {lang}}.Encode()
}
