package search_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/search"
)

func TestRelaxation(t *testing.T) {
	s := shipped(t)
	// matchedWords returns how many of words each measure matches alone.
	matchedWords := func(words []string) map[string]int {
		out := map[string]int{}
		for _, w := range words {
			for _, n := range numbers(mustSearch(t, s, search.Request{Query: w, Size: search.MaxSize})) {
				out[n]++
			}
		}
		return out
	}
	cases := []struct {
		name  string
		req   search.Request
		words []string // the query's words, to count per hit ("" entries skipped)
		// relaxed says whether the result must be relaxed; allWords, how
		// many measures then match every word (-1 to skip).
		relaxed  bool
		allWords int
		first    string
		absent   []string
		inPhrase string // a phrase every hit must match
	}{
		{name: "natural question no measure answers word for word",
			req:   search.Request{Query: "bələdiyyələrdə kompüter və internet təminatının vəziyyəti"},
			words: []string{"bələdiyyələrdə", "kompüter", "internet", "təminatının", "vəziyyəti"}, relaxed: true, allWords: 0, first: "7.3"},
		{name: "too few with every word: the rest follow",
			req:   search.Request{Query: "korrupsiya riskləri", Size: 50},
			words: []string{"korrupsiya", "riskləri"}, relaxed: true, allWords: -1, first: "1.1"},
		{name: "a page of matches with every word: not relaxed",
			req: search.Request{Query: "dövlət qurumları"}, relaxed: false},
		{name: "one word is never relaxed",
			req: search.Request{Query: "MONEYVAL"}, relaxed: false},
		{name: "exclusions hold in every tier",
			req:   search.Request{Query: "korrupsiya MONEYVAL -risk", Size: 50},
			words: []string{"korrupsiya", "MONEYVAL"}, relaxed: true, allWords: 0, absent: []string{"1.1", "1.2"}},
		{name: "phrases stay required",
			req:     search.Request{Query: `"qaynar xətt" korrupsiya MONEYVAL`, Size: 50},
			relaxed: true, allWords: 0, inPhrase: `"qaynar xətt"`},
		{name: "filters hold in every tier",
			req:   search.Request{Query: "bələdiyyələrdə kompüter internet", Sections: []int{7}, Size: 50},
			words: []string{"bələdiyyələrdə", "kompüter", "internet"}, relaxed: true, allWords: -1, first: "7.3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustSearch(t, s, c.req)
			got := numbers(res)
			if (res.Relaxed != nil) != c.relaxed {
				t.Fatalf("relaxed = %+v, want relaxed %v (total %d)", res.Relaxed, c.relaxed, res.Total)
			}
			if !c.relaxed {
				return
			}
			if res.Total == 0 || len(got) == 0 {
				t.Fatal("relaxed query found nothing")
			}
			if c.allWords >= 0 && res.Relaxed.AllWords != uint64(c.allWords) {
				t.Errorf("all words = %d, want %d", res.Relaxed.AllWords, c.allWords)
			}
			if c.first != "" && got[0] != c.first {
				t.Errorf("first = %s, want %s (%v)", got[0], c.first, got)
			}
			for _, n := range c.absent {
				if slices.Contains(got, n) {
					t.Errorf("%s listed; it should be excluded", n)
				}
			}
			for _, h := range res.Hits {
				if len(c.req.Sections) > 0 && !slices.Contains(c.req.Sections, h.Section) {
					t.Errorf("%s is in section %d, outside the filter", h.Number, h.Section)
				}
			}
			if c.inPhrase != "" {
				ph := numbers(mustSearch(t, s, search.Request{Query: c.inPhrase, Size: search.MaxSize}))
				for _, n := range got {
					if !slices.Contains(ph, n) {
						t.Errorf("%s lacks the phrase %s", n, c.inPhrase)
					}
				}
			}
			if c.words == nil {
				return
			}
			// Hits come in tiers: more words before fewer, never fewer than MinMatched.
			counts := matchedWords(c.words)
			for i, n := range got {
				if counts[n] < res.Relaxed.MinMatched {
					t.Errorf("%s matches %d words, below the minimum %d", n, counts[n], res.Relaxed.MinMatched)
				}
				if i > 0 && counts[n] > counts[got[i-1]] {
					t.Errorf("%s (%d words) ranks below %s (%d words)", n, counts[n], got[i-1], counts[got[i-1]])
				}
			}
			if int(res.Relaxed.AllWords) > len(got) || res.Relaxed.Words != len(c.words) {
				t.Errorf("relaxation %+v for %d words, %d hits", res.Relaxed, len(c.words), len(got))
			}
		})
	}
}

// TestRelaxedPagesAgree checks that paging through a relaxed query counts
// the same total on every page and lists the same measures as one big page.
func TestRelaxedPagesAgree(t *testing.T) {
	s := shipped(t)
	q := "kommunal xidmətlərin elektronlaşdırılması üzrə görülən işlər"
	big := mustSearch(t, s, search.Request{Query: q, Size: 20})
	var paged []string
	for from := 0; from < 20; from += 5 {
		res := mustSearch(t, s, search.Request{Query: q, From: from, Size: 5})
		if res.Total != big.Total {
			t.Errorf("page from %d: total %d, want %d", from, res.Total, big.Total)
		}
		paged = append(paged, numbers(res)...)
	}
	if !slices.Equal(paged, numbers(big)) {
		t.Errorf("pages %v\nwant    %v", strings.Join(paged, " "), strings.Join(numbers(big), " "))
	}
}
