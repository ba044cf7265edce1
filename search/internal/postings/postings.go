// Package postings is the one place where search meets bleve's storage:
// it reads a term's postings (document numbers, frequencies, norms) from
// one index snapshot, numbers the snapshot's documents, and holds bleve's
// scoring rules (BM25 or tf-idf per posting, query weight and norm,
// coord), so the search package can score a query a term at a time and
// get bleve's scores.
//
// Two readers implement it. The fast one reads scorch's segments and
// zap's postings lists directly (scorch.go); it applies to a scorch
// snapshot and is left out when the module is built with the tag
// hesabat_publicapi. The other uses only bleve's public index-reader API
// (public.go) and applies to any index. Open picks the fast one when it
// can. A bleve upgrade that breaks the fast reader costs this package
// only: build with the tag (or let Open fall back) and search keeps
// working, slower, while it is mended. TestReadersAgree checks that both
// read the same postings; search's TestTermPlansAgreeWithBleveSearchers
// checks the scores against bleve's searchers through both.
package postings

import (
	"context"
	"errors"
	"fmt"
	"math"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"
)

// Reader reads the postings of one index snapshot. Its documents are
// numbered from 0 in the order bleve's searchers visit them (internal-ID
// order); numbers below MaxDoc that belong to no live document are never
// returned. A Reader is safe for concurrent use.
type Reader interface {
	// Name says which implementation this is ("scorch" or "public").
	Name() string
	// MaxDoc returns the number after the last document number.
	MaxDoc() uint32
	// Dict returns the terms of field.
	Dict(field string) (Dict, error)
	// Num returns the number of the document with internal ID id.
	Num(id index.IndexInternalID) (uint32, error)
	// ID returns the internal ID of document number n (buf may be reused).
	ID(n uint32, buf index.IndexInternalID) index.IndexInternalID
}

// Dict looks up the terms of one field.
type Dict interface {
	// Term returns the postings of term (none when the field lacks it).
	Term(term string) (Term, error)
}

// Term is the postings of one term in one field.
type Term interface {
	// Count returns how many documents have the term.
	Count() uint64
	// Each calls f with every posting, in increasing document number.
	Each(ctx context.Context, f PostingFunc) error
	// At calls f with the postings at the documents of cands (sorted
	// numbers) only, in increasing document number.
	At(ctx context.Context, cands []uint32, f PostingFunc) error
}

// PostingFunc receives one posting: its document, the term's frequency in
// it and the field's norm (1/sqrt of the field's length).
type PostingFunc func(doc uint32, freq uint64, norm float64)

// ErrRange is returned for a document number that does not fit 32 bits,
// or an internal ID the reader does not know.
var ErrRange = errors.New("postings: document out of range")

// Open returns the fast reader of r if it applies (a scorch snapshot, in a
// build without the tag hesabat_publicapi), else the public-API reader.
func Open(r index.IndexReader) (Reader, error) {
	if f, ok, err := openScorch(r); ok || err != nil {
		return f, err
	}
	return OpenPublic(r)
}

// checkCtx returns ctx's error every 8192 postings.
func checkCtx(ctx context.Context, i int) error {
	if i%8192 == 0 {
		return ctx.Err()
	}
	return nil
}

// Context returns ctx with what bleve's searchers expect of a search run
// through bleve.Index: the index's scoring model (they read it from a
// context key of bleve's).
func Context(ctx context.Context, model string) context.Context {
	return context.WithValue(ctx, bsearch.GetScoringModelCallbackKey,
		bsearch.GetScoringModelCallbackFn(func() string { return model }))
}

// AvgLength returns the average length of field in r as bleve's BM25
// rounds it (up), or 0 when the model is not BM25 (tf-idf then).
func AvgLength(r index.IndexReader, model, field string) (float64, error) {
	if model != index.BM25Scoring {
		return 0, nil
	}
	count, err := r.DocCount()
	if err != nil {
		return 0, fmt.Errorf("postings: document count: %w", err)
	}
	card := 0
	if b, ok := r.(index.BM25Reader); ok {
		if card, err = b.FieldCardinality(field); err != nil {
			return 0, fmt.Errorf("postings: length of %s: %w", field, err)
		}
	}
	if count == 0 && card == 0 {
		return 0, nil
	}
	return math.Ceil(float64(card) / float64(count)), nil
}

// Scorer scores the postings of one term as bleve's term scorer does,
// before the query weight: BM25 when Avg (the field's average length) is
// above 0, else tf-idf.
type Scorer struct {
	IDF, Avg float64
}

// NewScorer returns the scorer of a term that count of total documents
// have, in a field of average length avg (0: tf-idf).
func NewScorer(total, count uint64, avg float64) Scorer {
	if avg > 0 {
		return Scorer{IDF: math.Log(1 + (float64(total)-float64(count)+0.5)/(float64(count)+0.5)), Avg: avg}
	}
	return Scorer{IDF: 1.0 + math.Log(float64(total)/float64(count+1.0))}
}

// Score returns the score of a posting of frequency freq and norm norm.
func (s Scorer) Score(freq uint64, norm float64) float64 {
	var tf float64
	if freq < scorer.MaxSqrtCache {
		tf = scorer.SqrtCache[int(freq)]
	} else {
		tf = math.Sqrt(float64(freq))
	}
	if s.Avg > 0 {
		length := 1 / (norm * norm)
		return s.IDF * (tf * bsearch.BM25_k1) /
			(tf + bsearch.BM25_k1*(1-bsearch.BM25_b+(bsearch.BM25_b*length/s.Avg)))
	}
	return tf * norm * s.IDF
}

// SquaredWeight returns a term's part of a query's sum of squared weights,
// which its query norm is computed from.
func (s Scorer) SquaredWeight(boost float64) float64 {
	w := boost * s.IDF
	return w * w
}

// QueryWeight returns what a term's scores are multiplied by in a query
// of query norm norm (none when 0: a lone term has none).
func (s Scorer) QueryWeight(boost, norm float64) float64 {
	if norm == 0 {
		return 1
	}
	return boost * s.IDF * norm
}

// QueryNorm returns the query norm of a query whose terms' squared
// weights sum to sum.
func QueryNorm(sum float64) float64 {
	return 1 / math.Sqrt(sum)
}

// Coord returns what bleve's disjunction multiplies a document's summed
// score by when it matched n of total clauses.
func Coord(n, total int) float64 {
	return float64(n) / float64(total)
}
