// Package search answers search requests over an index: queries, filters,
// multi-select facets, highlighted snippets and suggestions. It renders no HTML.
//
// The query language is small and never reaches bleve's query-string parser:
//
//	korrupsiya riskləri     every word must match (title or narrative, any inflection)
//	"qaynar xətt"           the words next to each other
//	-risk, -"qaynar xətt"   exclude a word or phrase
//	muraciet                typed without diacritics: matched through the folded fields
//	korupsiya               a word in no dictionary: matched within edit distance 1–2
//	QHT                     an acronym the reports define also matches its long form
//	1.7                     a measure number also matches that measure
//
// Any other character (* ? : ^ ~ / brackets) is text, analysed as the indexed
// text is. Matches in titles count three times as much as in narratives,
// matches of the form with diacritics 1.5 times as much as folded ones, and
// words typed next to each other score more where the text has them next to
// each other. An empty query (or one with only exclusions) lists measures in
// document order.
//
// Facets (section, agency, year, status, report) are multi-select: values of
// one facet are OR-ed, facets AND-ed, and a facet with selected values is
// counted with the other facets' filters only (one extra query per such
// facet), so its other values show what selecting them would add.
package search
