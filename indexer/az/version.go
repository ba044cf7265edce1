package az

// AnalysisVersion identifies what the analyzers of this package (and the
// text rules beneath them: normalisation, casing, folding, the stemmer and
// its lexicon) make of a text. Bump it in the same commit as any change that
// alters a term they produce for some input: an index records the version it
// was built with and refuses to be searched by another one, since its terms
// would silently stop matching the query's.
//
// Version 2 added the word-family analyzer (FamilyAnalyzerName) and the
// index's *_family fields.
const AnalysisVersion = 2
