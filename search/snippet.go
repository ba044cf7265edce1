package search

import (
	"html"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/document"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
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
		wordFragmenter{fragsimple.NewFragmenter(snippetRunes)},
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

// wordFragmenter trims the fragments of another fragmenter to whole words,
// never cutting into a highlighted term.
type wordFragmenter struct {
	inner highlight.Fragmenter
}

// Fragment implements highlight.Fragmenter.
func (w wordFragmenter) Fragment(orig []byte, ot highlight.TermLocations) []*highlight.Fragment {
	frags := w.inner.Fragment(orig, ot)
	for _, f := range frags {
		// The first and last term inside the fragment bound the trimming.
		first, last := f.End, f.Start
		for _, tl := range ot {
			if tl.Start >= f.Start && tl.End <= f.End {
				first = min(first, tl.Start)
				last = max(last, tl.End)
			}
		}
		if f.Start > 0 && !isSpace(orig, f.Start-1) {
			for i := f.Start; i < first && i < f.End; i++ {
				if isSpace(orig, i) {
					f.Start = i + 1
					break
				}
			}
		}
		if f.End < len(orig) && !isSpace(orig, f.End) {
			for i := f.End - 1; i >= last && i > f.Start; i-- {
				if isSpace(orig, i) {
					f.End = i
					break
				}
			}
		}
	}
	return frags
}

// isSpace reports whether orig[i] is an ASCII space or line break (never a
// byte inside a multi-byte character).
func isSpace(orig []byte, i int) bool {
	switch orig[i] {
	case ' ', '\n', '\t', '\r':
		return true
	}
	return false
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
