package search

import (
	"context"
	"errors"
	"fmt"
	"slices"

	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/hesabat/hesabat/search/internal/postings"
)

// pageReader is a snapshot reader for searchers that only visit the hits
// of a page (highlights, the proximity bonus): its term postings jump from
// one hit to the next. A searcher over the whole snapshot, asked for the
// next match at or after a hit, reads on until it finds one, however far:
// a phrase that is not in a hit is looked for, position by position, in
// every later document that has its words.
//
// Scores are unchanged: postings counts, document counts and field lengths
// are the snapshot's.
type pageReader struct {
	index.IndexReader
	post postings.Reader
	page *page
}

// page is the sorted document numbers of a page's hits. It is filled in
// after the searchers over a pageReader are made (their weights enter the
// query norm of the query that finds the hits) and before they run.
type page struct {
	docs []uint32
}

// set makes hits, documents of post, the page.
func (p *page) set(post postings.Reader, hits bsearch.DocumentMatchCollection) error {
	p.docs = p.docs[:0]
	for _, h := range hits {
		n, err := post.Num(h.IndexInternalID)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		p.docs = append(p.docs, n)
	}
	slices.Sort(p.docs)
	p.docs = slices.Compact(p.docs)
	return nil
}

// TermFieldReader returns the postings of term in field, at the page's documents only.
func (r pageReader) TermFieldReader(ctx context.Context, term []byte, field string, includeFreq, includeNorm, includeTermVectors bool) (index.TermFieldReader, error) {
	t, err := r.IndexReader.TermFieldReader(ctx, term, field, includeFreq, includeNorm, includeTermVectors)
	if err != nil {
		return nil, err
	}
	return &pageTermReader{TermFieldReader: t, post: r.post, page: r.page}, nil
}

// FieldCardinality returns the total length of field, as the snapshot
// does (bleve's BM25 reads it).
func (r pageReader) FieldCardinality(field string) (int, error) {
	if b, ok := r.IndexReader.(index.BM25Reader); ok {
		return b.FieldCardinality(field)
	}
	return 0, nil
}

// errNoFuzzy is returned where the snapshot cannot look up fuzzy terms.
var errNoFuzzy = errors.New("search: snapshot has no fuzzy term lookup")

// FieldDictFuzzy passes fuzzy term lookups on to the snapshot.
func (r pageReader) FieldDictFuzzy(field, term string, fuzziness int, prefix string) (index.FieldDict, error) {
	if f, ok := r.IndexReader.(index.IndexReaderFuzzy); ok {
		return f.FieldDictFuzzy(field, term, fuzziness, prefix)
	}
	return nil, errNoFuzzy
}

// FieldDictFuzzyAutomaton passes fuzzy term lookups on to the snapshot.
func (r pageReader) FieldDictFuzzyAutomaton(field, term string, fuzziness int, prefix string) (index.FieldDict, index.FuzzyAutomaton, error) {
	if f, ok := r.IndexReader.(index.IndexReaderFuzzy); ok {
		return f.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
	}
	return nil, nil, errNoFuzzy
}

// pageTermReader is one term's postings at a page's documents only.
type pageTermReader struct {
	index.TermFieldReader
	post postings.Reader
	page *page
	// next is the index in page.docs of the first document not yet passed.
	next int
	id   index.IndexInternalID
}

// Next returns the posting at the next page document that has the term.
func (t *pageTermReader) Next(pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	docs := t.page.docs
	for t.next < len(docs) {
		t.id = t.post.ID(docs[t.next], t.id)
		d, err := t.TermFieldReader.Advance(t.id, pre)
		if err != nil || d == nil {
			t.next = len(docs)
			return nil, err
		}
		v, err := t.post.Num(d.ID)
		if err != nil {
			t.next = len(docs)
			return nil, fmt.Errorf("search: %w", err)
		}
		for t.next < len(docs) && docs[t.next] < v {
			t.next++
		}
		if t.next < len(docs) && docs[t.next] == v {
			t.next++
			return d, nil
		}
	}
	return nil, nil
}

// Advance returns the posting at the first page document at or after id
// that has the term.
func (t *pageTermReader) Advance(id index.IndexInternalID, pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	v, err := t.post.Num(id)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	docs := t.page.docs
	for t.next > 0 && docs[t.next-1] >= v {
		t.next--
	}
	for t.next < len(docs) && docs[t.next] < v {
		t.next++
	}
	return t.Next(pre)
}
