package postings

import (
	"context"
	"fmt"
	"math"
	"slices"

	index "github.com/blevesearch/bleve_index_api"
)

// public reads postings through bleve's public index-reader API only
// (TermFieldReader, DocIDReaderAll), for any index type. Documents are
// numbered by their rank in the snapshot's internal-ID order, so the
// numbers are dense and bleve's searchers visit them in increasing order.
type public struct {
	r    index.IndexReader
	ids  []index.IndexInternalID
	nums map[string]uint32
}

// OpenPublic returns the public-API reader of r. It lists the snapshot's
// documents once.
func OpenPublic(r index.IndexReader) (Reader, error) {
	dr, err := r.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("postings: list documents: %w", err)
	}
	defer dr.Close()
	p := &public{r: r, nums: make(map[string]uint32)}
	for {
		id, err := dr.Next()
		if err != nil {
			return nil, fmt.Errorf("postings: list documents: %w", err)
		}
		if id == nil {
			break
		}
		if len(p.ids) == math.MaxUint32 {
			return nil, ErrRange
		}
		p.ids = append(p.ids, slices.Clone(id))
	}
	// Readers list in internal-ID order; sort in case one does not.
	slices.SortFunc(p.ids, func(a, b index.IndexInternalID) int { return a.Compare(b) })
	for i, id := range p.ids {
		p.nums[string(id)] = uint32(i)
	}
	return p, nil
}

func (p *public) Name() string { return "public" }

func (p *public) MaxDoc() uint32 { return uint32(len(p.ids)) }

func (p *public) Num(id index.IndexInternalID) (uint32, error) {
	n, ok := p.nums[string(id)]
	if !ok {
		return 0, fmt.Errorf("%w: internal ID %x", ErrRange, []byte(id))
	}
	return n, nil
}

func (p *public) ID(n uint32, buf index.IndexInternalID) index.IndexInternalID {
	return append(buf[:0], p.ids[n]...)
}

func (p *public) Dict(field string) (Dict, error) {
	return publicDict{p, field}, nil
}

// publicDict is a field of a public reader.
type publicDict struct {
	p     *public
	field string
}

func (d publicDict) Term(term string) (Term, error) {
	t := &publicTerm{p: d.p, field: d.field, term: []byte(term)}
	tfr, err := t.open(context.Background())
	if err != nil {
		return nil, err
	}
	t.count = tfr.Count()
	if err := tfr.Close(); err != nil {
		return nil, fmt.Errorf("postings: %s:%s: %w", d.field, term, err)
	}
	return t, nil
}

// publicTerm is a term of a public reader: a term field reader is opened
// for each pass over its postings.
type publicTerm struct {
	p     *public
	field string
	term  []byte
	count uint64
}

func (t *publicTerm) open(ctx context.Context) (index.TermFieldReader, error) {
	tfr, err := t.p.r.TermFieldReader(ctx, t.term, t.field, true, true, false)
	if err != nil {
		return nil, fmt.Errorf("postings: %s:%s: %w", t.field, t.term, err)
	}
	return tfr, nil
}

func (t *publicTerm) Count() uint64 { return t.count }

func (t *publicTerm) Each(ctx context.Context, f PostingFunc) error {
	tfr, err := t.open(ctx)
	if err != nil {
		return err
	}
	defer tfr.Close()
	var tfd index.TermFieldDoc
	for i := 0; ; i++ {
		if err := checkCtx(ctx, i); err != nil {
			return err
		}
		d, err := tfr.Next(tfd.Reset())
		if err != nil {
			return fmt.Errorf("postings: %s:%s: %w", t.field, t.term, err)
		}
		if d == nil {
			return nil
		}
		n, err := t.p.Num(d.ID)
		if err != nil {
			return err
		}
		f(n, d.Freq, d.Norm)
	}
}

func (t *publicTerm) At(ctx context.Context, cands []uint32, f PostingFunc) error {
	if len(cands) == 0 || t.count == 0 {
		return nil
	}
	tfr, err := t.open(ctx)
	if err != nil {
		return err
	}
	defer tfr.Close()
	var tfd index.TermFieldDoc
	var id index.IndexInternalID
	for i := 0; i < len(cands); {
		if err := checkCtx(ctx, i); err != nil {
			return err
		}
		id = t.p.ID(cands[i], id)
		d, err := tfr.Advance(id, tfd.Reset())
		if err != nil {
			return fmt.Errorf("postings: %s:%s: %w", t.field, t.term, err)
		}
		if d == nil {
			return nil
		}
		n, err := t.p.Num(d.ID)
		if err != nil {
			return err
		}
		// Skip the candidates before the posting found.
		i += sortSearch(cands[i:], n)
		if i < len(cands) && cands[i] == n {
			f(n, d.Freq, d.Norm)
			i++
		}
	}
	return nil
}

// sortSearch returns the index of the first of docs that is at least d.
func sortSearch(docs []uint32, d uint32) int {
	i, _ := slices.BinarySearch(docs, d)
	return i
}
