package search_test

import (
	"testing"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/search"
)

func TestEnglishQueries(t *testing.T) {
	s := shipped(t)
	cases := []struct {
		name, query, lang string
		searched          bool
		first             string
	}{
		{"English interface maps the terms", "municipal internet access", corpus.LangEN, true, "7.3"},
		{"plural English term", "e-services", corpus.LangEN, true, ""},
		{"procurement", "procurement", corpus.LangEN, true, "2.11"},
		{"Azerbaijani interface searches as typed", "procurement", corpus.LangAZ, false, ""},
		{"Azerbaijani words in the English interface", "korrupsiya riskləri", corpus.LangEN, false, "1.1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustSearch(t, s, search.Request{Query: c.query, Lang: c.lang})
			if (res.Searched != "") != c.searched {
				t.Errorf("searched = %q, want mapped %v", res.Searched, c.searched)
			}
			if res.Query != c.query {
				t.Errorf("query = %q, want it as typed", res.Query)
			}
			if c.searched && res.Total == 0 {
				t.Errorf("%q (searched as %q) finds nothing", c.query, res.Searched)
			}
			if got := numbers(res); c.first != "" && (len(got) == 0 || got[0] != c.first) {
				t.Errorf("hits %v, want %s first", got, c.first)
			}
		})
	}
}
