package search

import (
	"context"
	"sort"

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
// minRelaxedWords).
//
// Relaxing costs one run of each word alone (for the sets of documents
// matching k words), one of each phrase and exclusion, and one scored run
// of the words OR-ed, over the tiers the page reaches, whose hits are then
// ordered by tier: each part of the query (a typo-tolerant word is the
// costly kind) is evaluated about three times, whatever the number of tiers.
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
	// loose is every document with one word or more, the phrases and none
	// of the excluded words: what the relaxed query matches.
	loose := atLeast[1].Clone()
	for _, q := range p.required {
		b, err := st.matchSet(ctx, q)
		if err != nil {
			return nil, nil, nil, err
		}
		loose.And(b)
	}
	for _, q := range p.mustNot {
		b, err := st.matchSet(ctx, q)
		if err != nil {
			return nil, nil, nil, err
		}
		loose.AndNot(b)
	}
	m := n
	for m > minRelaxedWords(n) {
		m--
		if andFilter(roaring.And(loose, atLeast[m]), filter).GetCardinality() >= relaxBelow {
			break
		}
	}
	matched := roaring.And(loose, atLeast[m])
	if matched.GetCardinality() == sr.matched.GetCardinality() {
		return sr.hits, sr.matched, nil, nil
	}
	// The page comes from the tiers down to the one that fills it.
	page := roaring.New()
	for k := n; k >= m && page.GetCardinality() < uint64(need); k-- {
		page.Or(andFilter(roaring.And(matched, roaring.AndNot(atLeast[k], atLeast[k+1])), filter))
	}
	r, err := ex.scored(ctx, p.relaxed(), p.bonus, page, int(page.GetCardinality()))
	if err != nil {
		return nil, nil, nil, err
	}
	hits, err := st.byTier(r.hits, atLeast)
	if err != nil {
		return nil, nil, nil, err
	}
	return hits[:min(need, len(hits))], matched, &Relaxation{Words: n, MinMatched: m, AllWords: strict}, nil
}

// byTier orders hits (best first) by the number of words each matches,
// most first, keeping their order within a tier.
func (st *state) byTier(hits bsearch.DocumentMatchCollection, atLeast []*roaring.Bitmap) (bsearch.DocumentMatchCollection, error) {
	tiers := make(map[*bsearch.DocumentMatch]int, len(hits))
	for _, h := range hits {
		d, err := st.ex.docNum(h.IndexInternalID)
		if err != nil {
			return nil, err
		}
		k := len(atLeast) - 2
		for k > 0 && !atLeast[k].Contains(d) {
			k--
		}
		tiers[h] = k
	}
	sort.SliceStable(hits, func(i, j int) bool { return tiers[hits[i]] > tiers[hits[j]] })
	return hits, nil
}

// matchSet returns the documents q matches.
func (st *state) matchSet(ctx context.Context, q query.Query) (*roaring.Bitmap, error) {
	b := query.NewBooleanQuery(nil, nil, nil)
	b.AddMust(q)
	r, err := st.ex.scored(ctx, b, nil, nil, 0)
	if err != nil {
		return nil, err
	}
	return r.matched, nil
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
		set, err := st.matchSet(ctx, w)
		if err != nil {
			return nil, err
		}
		// Documents with k-1 words and this one now have k.
		for k := i + 1; k >= 2; k-- {
			atLeast[k].Or(roaring.And(atLeast[k-1], set))
		}
		atLeast[1].Or(set)
	}
	return atLeast, nil
}
