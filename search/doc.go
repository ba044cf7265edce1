// Package search answers search requests over an index: queries, filters,
// multi-select facets, highlighted snippets and suggestions. It renders no HTML.
package search
