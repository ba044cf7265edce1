// Package indexer turns reports into bleve documents: the index mapping, the
// field names, and building, opening and swapping indexes.
//
// Each measure is one scorch document with keyword fields (report, number,
// section, agency, year, status), a numeric document order, and its title and
// narrative analysed twice: by the Azerbaijani analyzer (title, narrative)
// and by its ASCII-folded variant (title_folded, narrative_folded).
//
// A persistent index is a directory holding generations and a pointer file
// (see Build); rebuilding writes a new generation and renames the pointer
// into place, so readers never see half an index.
package indexer
