package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

func TestSuggestRankedByWhatTheyFind(t *testing.T) {
	ts := newServer(t, Config{}, defaultReport(t))
	rec := httptest.NewRecorder()
	ts.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/suggest?n=6&q="+url.QueryEscape("qaynar xe"), nil))
	var sug struct {
		Terms []struct {
			Term  string
			Count int
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &sug); err != nil {
		t.Fatalf("%v: %s", err, rec.Body.String())
	}
	if len(sug.Terms) == 0 || sug.Terms[0].Term != "xətt" {
		t.Fatalf("terms %+v: want xətt first", sug.Terms)
	}
	for i, term := range sug.Terms {
		// Each count is what the suggestion's search finds.
		rec := httptest.NewRecorder()
		ts.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/search?size=1&q="+url.QueryEscape("qaynar "+term.Term), nil))
		var res struct {
			Total   int
			Relaxed *struct {
				AllWords int `json:"all_words"`
			}
		}
		_ = json.Unmarshal(rec.Body.Bytes(), &res)
		all := res.Total
		if res.Relaxed != nil {
			all = res.Relaxed.AllWords
		}
		if term.Count == 0 || term.Count != all {
			t.Errorf("%q: count %d, the search finds %d with every word", term.Term, term.Count, all)
		}
		if i > 0 && term.Count > sug.Terms[i-1].Count {
			t.Errorf("%q (%d) ranked below %q (%d)", term.Term, term.Count, sug.Terms[i-1].Term, sug.Terms[i-1].Count)
		}
	}
}
