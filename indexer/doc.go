// Package indexer turns reports into bleve documents: the index mapping, the
// field names, and building, opening and swapping indexes.
package indexer
