//go:build hesabat_publicapi

package postings

// fastName is the reader Open picks for a scorch index in this build (the
// tag leaves the scorch reader out).
const fastName = "public"
