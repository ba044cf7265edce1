// Package search answers search requests over an index: queries, filters,
// multi-select facets, highlighted snippets and suggestions. It renders no HTML.
//
// The query language is small and never reaches bleve's query-string parser:
//
//	korrupsiya riskləri     every word matches first (title or narrative, any inflection)
//	"qaynar xətt"           the words next to each other
//	-risk, -"qaynar xətt"   exclude a word or phrase
//	ombudsman OR prokuror   either word or phrase (OR in capitals)
//	muraciet                typed without diacritics: matched through the folded fields
//	korupsiya               a word in no dictionary: matched within edit distance 1–2
//	QHT                     an acronym the reports define also matches its long form
//	1.7                     a measure number also matches that measure
//
// When fewer than a page of measures have every word, the query is relaxed
// (Result.Relaxed): measures with fewer of the words follow, ranked by how
// many they have, then by score. A word also matches its word family (the
// *_family fields: "hesabat" finds "hesabatlılıq") at a lower weight. With
// Lang "en" the English terms of the domain are mapped to the reports'
// Azerbaijani words through an embedded glossary (Result.Searched), and a
// query that finds nothing gets Result.DidYouMean from the reports' words.
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
// counted with the other facets' filters only, so its other values show what
// selecting them would add. Counts are intersections of the query's match
// set with each value's documents (roaring bitmaps held per index snapshot).
//
// Scores are bleve's BM25 with its query norm and coordination factor. A
// query made only of terms (most are: phrases are pairs of adjacent terms)
// is scored by the package itself from the index's postings lists, and the
// decoded lists of terms searched more than once are remembered per index
// snapshot (16 MiB, least recently used out); typo-tolerant words and
// positional phrases go through bleve's searchers.
package search
