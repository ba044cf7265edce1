package search

import (
	"context"

	"github.com/RoaringBitmap/roaring/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Relaxation says that a query's words were not all required: fewer
// measures than a page matched every word, so measures that match fewer of
// them follow, ranked by how many they match (as Meilisearch's matching
// strategy or Elasticsearch's minimum_should_match relax a query).
type Relaxation struct {
	// Words is the number of words in the query (an OR group counts as one;
	// stop words and phrases do not count: phrases stay required).
	Words int `json:"words"`
	// MinMatched is the fewest of the words a listed measure matches.
	MinMatched int `json:"min_matched"`
	// AllWords is the number of measures (within the filters) that match
	// every word; they come first.
	AllWords uint64 `json:"all_words"`
}

// minRelaxedWords returns the fewest of n words a relaxed match must have.
// It is 1: tiers are only added while the page is not full, so a measure
// sharing one word with a long question is listed only when no better one
// fills its place (as Meilisearch's "last" strategy ends with one word).
// Measured on the dev set, half the words (rounded up) instead scores
// nDCG@10 0.826 rather than 1.000 on d21 and 0.826 rather than 0.913 on d24:
// their second relevant measures match 2 of 5 and 2 of 6 words.
func minRelaxedWords(int) int {
	return 1
}

// relaxBelow is the number of matches under which a query with two or
// more words is relaxed: a page of the web interface. It does not depend on
// the page asked for, so that every page of a query counts the same total.
const relaxBelow = DefaultSize

// scoredMatches runs the plan's query and returns the hits from 0 to need,
// the documents the query matches before filters, and how the query was
// relaxed (nil when it was not). The query is first run with every word
// required; when fewer than relaxBelow measures pass the filters and the
// query has two or more words, measures matching fewer words follow, tier
// by tier (every measure matching k words before any matching k-1), down to
// the tier that brings the matches to relaxBelow (at the lowest,
// minRelaxedWords). Every run goes through the executor as the strict one.
func (st *state) scoredMatches(ctx context.Context, p *queryPlan, filter *roaring.Bitmap, need int) (bsearch.DocumentMatchCollection, *roaring.Bitmap, *Relaxation, error) {
	ex := st.ex
	sr, err := ex.scored(ctx, p.strict(), p.bonus, filter, need)
	if err != nil {
		return nil, nil, nil, err
	}
	n := len(p.words)
	strict := andFilter(sr.matched, filter).GetCardinality()
	if n < 2 || strict >= relaxBelow {
		return sr.hits, sr.matched, nil, nil
	}
	atLeast, err := st.wordCounts(ctx, p.words)
	if err != nil {
		return nil, nil, nil, err
	}
	// Every document with one word or more, the phrases and none of the
	// excluded words.
	relaxed := p.relaxed()
	loose, err := ex.scored(ctx, relaxed, nil, nil, 0)
	if err != nil {
		return nil, nil, nil, err
	}
	m := n
	for m > minRelaxedWords(n) {
		m--
		if andFilter(roaring.And(loose.matched, atLeast[m]), filter).GetCardinality() >= relaxBelow {
			break
		}
	}
	matched := roaring.And(loose.matched, atLeast[m])
	if m == n || matched.GetCardinality() == sr.matched.GetCardinality() {
		return sr.hits, sr.matched, nil, nil
	}
	hits := sr.hits
	for k := n - 1; k >= m && len(hits) < need; k-- {
		tier := andFilter(roaring.AndNot(atLeast[k], atLeast[k+1]), filter)
		if tier.IsEmpty() {
			continue
		}
		r, err := ex.scored(ctx, relaxed, p.bonus, tier, need-len(hits))
		if err != nil {
			return nil, nil, nil, err
		}
		hits = append(hits, r.hits...)
	}
	return hits, matched, &Relaxation{Words: n, MinMatched: m, AllWords: strict}, nil
}

// andFilter returns set restricted to filter (set itself for a nil filter).
func andFilter(set, filter *roaring.Bitmap) *roaring.Bitmap {
	if filter == nil {
		return set
	}
	return roaring.And(set, filter)
}

// wordCounts returns, for k from 0 to len(words), the documents that match
// at least k of the words (index 0 is unused, len(words)+1 is empty).
func (st *state) wordCounts(ctx context.Context, words []query.Query) ([]*roaring.Bitmap, error) {
	n := len(words)
	atLeast := make([]*roaring.Bitmap, n+2)
	for k := range atLeast {
		atLeast[k] = roaring.New()
	}
	for i, w := range words {
		b := query.NewBooleanQuery(nil, nil, nil)
		b.AddMust(w)
		r, err := st.ex.scored(ctx, b, nil, nil, 0)
		if err != nil {
			return nil, err
		}
		// Documents with k-1 words and this one now have k.
		for k := i + 1; k >= 2; k-- {
			atLeast[k].Or(roaring.And(atLeast[k-1], r.matched))
		}
		atLeast[1].Or(r.matched)
	}
	return atLeast, nil
}
