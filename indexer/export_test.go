package indexer

// WithAnalysisVersion makes Build record, and Open expect, analysis version
// v instead of az.AnalysisVersion, as a build of the program with another
// analyzer would.
func WithAnalysisVersion(v int) Option { return func(o *options) { o.analysisVersion = v } }
