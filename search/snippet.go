package search

import (
	"html"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/document"
	bsearch "github.com/blevesearch/bleve/v2/search"
	htmlformat "github.com/blevesearch/bleve/v2/search/highlight/format/html"
	fragsimple "github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	hlsimple "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
)

// Snippet settings.
const (
	snippetRunes = 180
	maxSnippets  = 2
	ellipsis     = "…"
)

// snippets returns up to maxSnippets fragments of m's narrative, HTML-escaped,
// with the matched words in <mark>. Matches of the narrative and of its
// folded variant are merged (both carry offsets into the same text), so
// ASCII-typed, stemmed and fuzzy matches are marked too. Without matches in
// the narrative it returns the narrative's beginning.
func snippets(dm *bsearch.DocumentMatch, m *corpus.Measure) []string {
	text := indexer.NarrativeText(m)
	if text == "" {
		return []string{}
	}
	merged := make(bsearch.TermLocationMap)
	for _, field := range []string{indexer.FieldNarrative, indexer.FieldNarrativeFolded} {
		for term, locs := range dm.Locations[field] {
			merged[field+"\x00"+term] = append(merged[field+"\x00"+term], locs...)
		}
	}
	if len(merged) == 0 {
		return []string{leadSnippet(text)}
	}
	h := hlsimple.NewHighlighter(
		fragsimple.NewFragmenter(snippetRunes),
		htmlformat.NewFragmentFormatter("<mark>", "</mark>"),
		ellipsis,
	)
	doc := document.NewDocument(dm.ID)
	doc.AddField(document.NewTextField(indexer.FieldNarrative, nil, []byte(text)))
	one := &bsearch.DocumentMatch{ID: dm.ID, Locations: bsearch.FieldTermLocationMap{indexer.FieldNarrative: merged}}
	frags := h.BestFragmentsInField(one, doc, indexer.FieldNarrative, maxSnippets)
	out := make([]string, 0, len(frags))
	for _, f := range frags {
		if strings.TrimSpace(f) != "" {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return []string{leadSnippet(text)}
	}
	return out
}

// leadSnippet returns the escaped beginning of text.
func leadSnippet(text string) string {
	if utf8.RuneCountInString(text) <= snippetRunes {
		return html.EscapeString(text)
	}
	n := 0
	for i := range text {
		if n == snippetRunes {
			cut := text[:i]
			if sp := strings.LastIndexAny(cut, " \n"); sp > len(cut)/2 {
				cut = cut[:sp]
			}
			return html.EscapeString(cut) + ellipsis
		}
		n++
	}
	return html.EscapeString(text)
}
