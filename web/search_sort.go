package web

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/search"
)

// The orders the search page can list results in.
const (
	sortRelevance = "relevance"
	sortNumber    = "number"
	sortStatus    = "status"
)

// sortMax is the most matches the search page sorts by number or status;
// a search with more is listed by relevance, with a note.
const sortMax = 2000

// pageSizes are the page sizes the search page offers.
var pageSizes = []int{10, 20, 50, 100}

// sortedPage returns the page [from, from+size) of every match of the
// search in params, sorted by order (sortNumber or sortStatus); ok is false
// when the search matches more than sortMax measures.
func (s *Server) sortedPage(ctx context.Context, params url.Values, order string, from, size int) (hits []search.Hit, ok bool, err error) {
	var all []search.Hit
	total, err := s.eachMatch(ctx, params, sortMax, func(h search.Hit) error {
		all = append(all, h)
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	if total > sortMax {
		return nil, false, nil
	}
	rank := map[string]int{}
	for i, st := range analytics.Statuses() {
		rank[string(st)] = i
	}
	slices.SortStableFunc(all, func(a, b search.Hit) int {
		if order == sortStatus {
			ra, rb := statusRank(rank, a.Status), statusRank(rank, b.Status)
			if ra != rb {
				return ra - rb
			}
		}
		if c := strings.Compare(a.Report, b.Report); c != 0 {
			return c
		}
		return compareNumbers(a.Number, b.Number)
	})
	if from >= len(all) {
		return nil, true, nil
	}
	return all[from:min(len(all), from+size)], true, nil
}

// statusRank is a status's place in analytics.Statuses(); unknown last.
func statusRank(rank map[string]int, st string) int {
	if r, ok := rank[st]; ok {
		return r
	}
	return rank[string(corpus.StatusUnknown)]
}

// compareNumbers orders measure numbers part by part as numbers: 1.7
// before 1.10, 2 before 2.1.
func compareNumbers(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, errA := strconv.Atoi(pa[i])
		nb, errB := strconv.Atoi(pb[i])
		if errA == nil && errB == nil {
			if na != nb {
				return na - nb
			}
			continue
		}
		if c := strings.Compare(pa[i], pb[i]); c != 0 {
			return c
		}
	}
	return len(pa) - len(pb)
}
