//go:build hesabat_publicapi

package postings

import index "github.com/blevesearch/bleve_index_api"

// openScorch reports that this build has no fast reader (the tag
// hesabat_publicapi leaves scorch.go out): every index is read through
// the public API.
func openScorch(index.IndexReader) (Reader, bool, error) { return nil, false, nil }
