package web

import (
	"html"
	"html/template"
	"strings"

	"github.com/hesabat/hesabat/indexer/az"
)

// maxHighlight is the longest query the measure page highlights.
const maxHighlight = 500

// highlighter marks, in a measure's text, the words of the search the reader
// came from: every word whose analysed (folded, stemmed) term is one of the
// query's, as the search matched them, so "müraciətlərə" lights up for
// "müraciət".
type highlighter struct {
	terms map[string]bool
}

// newHighlighter returns the highlighter of query, or nil for none.
func newHighlighter(query string) *highlighter {
	if query == "" || len(query) > maxHighlight {
		return nil
	}
	h := &highlighter{terms: map[string]bool{}}
	for _, t := range az.Analyze(query, true) {
		h.terms[t.Term] = true
	}
	if len(h.terms) == 0 {
		return nil
	}
	return h
}

// mark returns text as HTML, escaped (html.EscapeString), with the query's
// words in <mark>.
func (h *highlighter) mark(text string) template.HTML {
	var b strings.Builder
	cur := 0
	for _, t := range az.Analyze(text, true) {
		if !h.terms[t.Term] || t.Start < cur || t.End > len(text) {
			continue
		}
		b.WriteString(html.EscapeString(text[cur:t.Start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[t.Start:t.End]))
		b.WriteString("</mark>")
		cur = t.End
	}
	b.WriteString(html.EscapeString(text[cur:]))
	return template.HTML(b.String()) // every piece of text above is escaped
}
