//go:build !hesabat_publicapi

package postings

import (
	"context"
	"fmt"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// fast reads a scorch snapshot's segments directly: each segment's zap
// postings list, decoded straight through, and, for a few candidates, an
// iterator given only the postings at the candidates (it skips the
// frequencies and norms between them). Documents are numbered as scorch
// numbers them: a segment's local number plus the documents of the
// segments before it, as in the snapshot's internal IDs.
type fast struct {
	segs []segmentRef
	max  uint32
}

// segmentRef is one segment of the snapshot: its documents are numbered
// [offset, end) snapshot-wide; deleted ones are left out of its postings.
type segmentRef struct {
	seg         segment.Segment
	deleted     *roaring.Bitmap
	offset, end uint64
}

// openScorch returns the fast reader of r, or false when r is not a scorch
// snapshot (or numbers documents past 32 bits).
func openScorch(r index.IndexReader) (Reader, bool, error) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, false, nil
	}
	f := &fast{}
	running := uint64(0)
	for _, s := range snap.Segments() {
		n := s.Segment().Count()
		f.segs = append(f.segs, segmentRef{seg: s.Segment(), deleted: s.Deleted(), offset: running, end: running + n})
		running += n
	}
	if running > math.MaxUint32 {
		return nil, false, nil
	}
	f.max = uint32(running)
	return f, true, nil
}

func (f *fast) Name() string { return "scorch" }

func (f *fast) MaxDoc() uint32 { return f.max }

func (f *fast) Num(id index.IndexInternalID) (uint32, error) {
	v := id.Value()
	if v >= uint64(f.max) {
		return 0, fmt.Errorf("%w: document %d", ErrRange, v)
	}
	return uint32(v), nil
}

func (f *fast) ID(n uint32, buf index.IndexInternalID) index.IndexInternalID {
	return index.NewIndexInternalID(buf, uint64(n))
}

func (f *fast) Dict(field string) (Dict, error) {
	d := fastDict{f: f, field: field, dicts: make([]segment.TermDictionary, len(f.segs))}
	for i, s := range f.segs {
		var err error
		if d.dicts[i], err = s.seg.Dictionary(field); err != nil {
			return nil, fmt.Errorf("postings: terms of %s: %w", field, err)
		}
	}
	return d, nil
}

// fastDict is a field's term dictionary in each segment.
type fastDict struct {
	f     *fast
	field string
	dicts []segment.TermDictionary
}

func (d fastDict) Term(term string) (Term, error) {
	t := &fastTerm{f: d.f, name: d.field + ":" + term, lists: make([]segment.PostingsList, len(d.dicts))}
	for i, dict := range d.dicts {
		pl, err := dict.PostingsList([]byte(term), d.f.segs[i].deleted, nil)
		if err != nil {
			return nil, fmt.Errorf("postings: %s:%s: %w", d.field, term, err)
		}
		t.lists[i] = pl
		t.count += pl.Count()
	}
	return t, nil
}

// fastTerm is a term's postings list in each segment.
type fastTerm struct {
	f     *fast
	name  string
	lists []segment.PostingsList
	count uint64
}

func (t *fastTerm) Count() uint64 { return t.count }

func (t *fastTerm) Each(ctx context.Context, f PostingFunc) error {
	for i, pl := range t.lists {
		if pl == nil || pl.Count() == 0 {
			continue
		}
		off := t.f.segs[i].offset
		it := pl.Iterator(true, true, false, nil)
		for j := 0; ; j++ {
			if err := checkCtx(ctx, j); err != nil {
				return err
			}
			p, err := it.Next()
			if err != nil {
				return fmt.Errorf("postings: %s: %w", t.name, err)
			}
			if p == nil {
				break
			}
			f(uint32(p.Number()+off), p.Frequency(), p.Norm())
		}
	}
	return nil
}

func (t *fastTerm) At(ctx context.Context, cands []uint32, f PostingFunc) error {
	c := 0
	for i, pl := range t.lists {
		if err := ctx.Err(); err != nil {
			return err
		}
		seg := t.f.segs[i]
		lo := c
		for c < len(cands) && uint64(cands[c]) < seg.end {
			c++
		}
		if pl == nil || pl.Count() == 0 || lo == c {
			continue
		}
		local := roaring.New()
		for _, d := range cands[lo:c] {
			local.Add(uint32(uint64(d) - seg.offset))
		}
		it := pl.Iterator(true, true, false, nil)
		o, ok := it.(segment.OptimizablePostingsIterator)
		filtered := ok && o.ActualBitmap() != nil
		if filtered {
			o.ReplaceActual(roaring.And(o.ActualBitmap(), local))
		}
		for {
			p, err := it.Next()
			if err != nil {
				return fmt.Errorf("postings: %s: %w", t.name, err)
			}
			if p == nil {
				break
			}
			if filtered || local.Contains(uint32(p.Number())) {
				f(uint32(p.Number()+seg.offset), p.Frequency(), p.Norm())
			}
		}
	}
	return nil
}
