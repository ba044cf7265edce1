//go:build !hesabat_publicapi

package search

// fastReader names the postings reader Open picks for a scorch index in
// this build.
func fastReader() string { return "scorch" }
