//go:build hesabat_publicapi

package search

// fastReader names the postings reader Open picks for a scorch index in
// this build (the tag leaves the scorch reader out).
func fastReader() string { return "public" }
