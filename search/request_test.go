package search_test

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/search"
)

func TestParseRequest(t *testing.T) {
	cases := []struct {
		name  string
		query string
		want  search.Request
	}{
		{"defaults", "", search.Request{Size: 10, Lang: "az"}},
		{"everything", "q=b%C9%99l%C9%99d&section=1&section=7&agency=ministry-of-finance&year=2021&status=completed&status=in_progress&report=ogp-nap-2021-report&from=20&size=100&lang=en",
			search.Request{Query: "bələd", Sections: []int{1, 7}, Agencies: []string{"ministry-of-finance"}, Years: []int{2021},
				Statuses: []corpus.Status{"completed", "in_progress"}, Reports: []string{"ogp-nap-2021-report"}, From: 20, Size: 100, Lang: "en"}},
		{"duplicates removed", "section=1&section=1&year=2020&year=2020", search.Request{Sections: []int{1}, Years: []int{2020}, Size: 10, Lang: "az"}},
		{"query operators kept as text", "q=%22qaynar+x%C9%99tt%22+-risk+*", search.Request{Query: `"qaynar xətt" -risk *`, Size: 10, Lang: "az"}},
		{"unknown parameters ignored", "format=csv&page=2", search.Request{Size: 10, Lang: "az"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := url.ParseQuery(c.query)
			if err != nil {
				t.Fatal(err)
			}
			got, err := search.ParseRequest(v)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestParseRequestErrors(t *testing.T) {
	cases := []struct {
		name  string
		query string
		// msg must occur in the error message, saying what is wrong.
		msg string
	}{
		{"size too big", "size=101", "size: 101 out of range 1–100"},
		{"size zero", "size=0", "size: 0 out of range"},
		{"size not a number", "size=ten", `size: "ten" is not an integer`},
		{"negative from", "from=-1", "from: -1 out of range"},
		{"from too far", "from=10001", "from: 10001 out of range"},
		{"from twice", "from=1&from=2", "from: given 2 times"},
		{"section not a number", "section=x", `section: "x" is not a section number`},
		{"section zero", "section=0", `section: "0" is not a section number`},
		{"year out of range", "year=21", `year: "21" is not a year`},
		{"unknown status", "status=done", `status: "done", want one of completed, in_progress`},
		{"bad agency id", "agency=Maliyy%C9%99+Nazirliyi", `agency: "Maliyyə Nazirliyi" is not an agency id`},
		{"bad report id", "report=..%2Fetc", `report: "../etc" is not a report id`},
		{"unknown language", "lang=fr", `lang: "fr", want "az" or "en"`},
		{"query too long", "q=" + strings.Repeat("a", search.MaxQueryRunes+1), "q: 501 characters, at most 500"},
		{"too many words", "q=" + strings.Repeat("söz+", search.MaxQueryClauses+1), "q: 33 words and phrases, at most 32"},
		{"query twice", "q=a&q=b", "q: given 2 times"},
		{"query not UTF-8", "q=%ff", "q: not valid UTF-8"},
		{"too many filter values", "year=2020" + strings.Repeat("&year=2020", search.MaxFilterValues), "year: 51 values"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := url.ParseQuery(c.query)
			if err != nil {
				t.Fatal(err)
			}
			_, err = search.ParseRequest(v)
			if !errors.Is(err, search.ErrInvalid) {
				t.Fatalf("error %v, want ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %q does not say %q", err, c.msg)
			}
		})
	}
}

// FuzzParseRequest checks that any query string either parses into a valid
// request or fails with ErrInvalid, never panicking.
func FuzzParseRequest(f *testing.F) {
	for _, s := range []string{"q=x&size=5", "size=1000", "section=1&section=a", "q=%ff", "lang=en&year=2021", "status=completed&from=9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		r, err := search.ParseRequest(v)
		if err != nil {
			if !errors.Is(err, search.ErrInvalid) {
				t.Fatalf("error %v is not ErrInvalid", err)
			}
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("parsed request %+v does not validate: %v", r, err)
		}
		if r.Size < 1 || r.Size > search.MaxSize {
			t.Fatalf("size %d", r.Size)
		}
	})
}
