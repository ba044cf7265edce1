package search_test

import (
	"testing"

	"github.com/hesabat/hesabat/search"
)

func TestDidYouMean(t *testing.T) {
	s := shipped(t)
	cases := []struct{ name, query, want string }{
		{"first letter wrong", "xkorrupsiya", "korrupsiya"},
		{"letters missing, typed without diacritics", "bledyye", "bələdiyyə"},
		{"typo inside a phrase", `"qaynar xet"`, `"qaynar xətt"`},
		{"exclusions kept", "xkorrupsiya -risk", "korrupsiya -risk"},
		{"nothing close", "zzqqxx", ""},
		{"results found: no suggestion", "korrupsiya", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustSearch(t, s, search.Request{Query: c.query})
			if res.DidYouMean != c.want {
				t.Errorf("did you mean = %q, want %q (total %d)", res.DidYouMean, c.want, res.Total)
			}
			if c.want == "" {
				return
			}
			if res.Total != 0 {
				t.Errorf("total %d: a suggestion is only for no results", res.Total)
			}
			if again := mustSearch(t, s, search.Request{Query: res.DidYouMean}); again.Total == 0 {
				t.Errorf("the suggestion %q finds nothing either", res.DidYouMean)
			}
		})
	}
}
