package web

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"strconv"
	"testing"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/search"
)

// TestSearchJSONMatchesMarshal checks that appendSearchJSON writes what
// encoding/json.Marshal writes for real answers (the shipped report and a
// report full of markup) and for hand-made results with every kind of
// character, nil slices and extreme numbers.
func TestSearchJSONMatchesMarshal(t *testing.T) {
	ts := newServer(t, Config{}, defaultReport(t), parseReport(t, "hostile.az.txt", hostileReport))
	var results []*search.Result
	for _, req := range []search.Request{
		{Query: "korrupsiya"},
		{Query: "müraciət", Sections: []int{1}, Lang: "en"},
		{Query: `"qaynar xətt"`, Statuses: []corpus.Status{corpus.StatusCompleted, corpus.StatusInProgress}, Size: 100},
		{Query: "beynelxalq teskilatlarla emekdasliq", Years: []int{2021, 1999}},
		{Query: "script alert"},
		{Query: "bələdiyyələrdə kompüter və internet təminatının vəziyyəti"},
		{Query: "<b>bold</b> & \"quotes\" \u2028"},
		{},
	} {
		res, err := ts.searcher.Search(context.Background(), req)
		if err != nil {
			t.Fatalf("search %+v: %v", req, err)
		}
		results = append(results, res)
	}
	odd := "tab\t nl\n cr\r bs\b ff\f nul\x00 esc\x1b del\x7f <>& \"\\ \u2028\u2029 bad\xff\xfe utf8 ə 😀 " + strconv.Quote("x")
	results = append(results,
		&search.Result{},
		&search.Result{Relaxed: &search.Relaxation{Words: 6, MinMatched: 4, AllWords: math.MaxUint64}, Searched: odd, DidYouMean: odd},
		&search.Result{Relaxed: &search.Relaxation{}, DidYouMean: "korrupsiya"},
		&search.Result{Query: odd, Total: math.MaxUint64, TookMS: 1e-7, Hits: []search.Hit{{}}},
		&search.Result{TookMS: 1e21, Hits: []search.Hit{{
			ID: odd, Report: odd, Number: odd, Section: -3, Title: odd, Period: odd,
			Years: []int{}, Agencies: []search.Agency{{ID: odd, Name: odd}, {}}, Status: odd,
			Score: 123456.789e-3, Snippets: []string{odd, ""},
		}}, Facets: search.Facets{
			Section: []search.FacetValue{}, Agency: []search.FacetValue{{Value: odd, Label: odd, Count: -1, Selected: true}, {}},
		}},
		&search.Result{TookMS: -0.000001, Hits: []search.Hit{{Score: 5e-324}, {Score: math.MaxFloat64}, {Score: 0.1}, {Score: 1e20}}},
	)
	for i, res := range results {
		want, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendSearchJSON(nil, res)
		if err != nil {
			t.Fatalf("result %d: %v", i, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("result %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

func TestSearchJSONRefusesNaN(t *testing.T) {
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, err := appendSearchJSON(nil, &search.Result{TookMS: f}); err == nil {
			t.Errorf("took_ms %v: no error", f)
		}
		if _, err := appendSearchJSON(nil, &search.Result{Hits: []search.Hit{{Score: f}}}); err == nil {
			t.Errorf("score %v: no error", f)
		}
	}
}

// FuzzSearchJSON checks that appendSearchJSON escapes any string and any
// number as encoding/json does.
func FuzzSearchJSON(f *testing.F) {
	f.Add("korrupsiya", "<mark>x</mark> & \"y\"", 1.5, 3)
	f.Add("\xff\u2028\x00", "\\", 1e-9, -1)
	f.Fuzz(func(t *testing.T, s, snippet string, score float64, n int) {
		res := &search.Result{Query: s, TookMS: score, Hits: []search.Hit{{
			ID: s, Title: snippet, Years: []int{n}, Score: score, Snippets: []string{snippet, s},
			Agencies: []search.Agency{{ID: s, Name: snippet}},
		}}, Facets: search.Facets{Report: []search.FacetValue{{Value: s, Label: snippet, Count: n}}}}
		want, werr := json.Marshal(res)
		got, gerr := appendSearchJSON(nil, res)
		if (werr != nil) != (gerr != nil) {
			t.Fatalf("Marshal error %v, appendSearchJSON error %v", werr, gerr)
		}
		if werr == nil && !bytes.Equal(got, want) {
			t.Fatalf("\n got %s\nwant %s", got, want)
		}
	})
}

// BenchmarkSearchJSON encodes the answer to /api/search?q=korrupsiya over
// the shipped report with appendSearchJSON and with encoding/json.
func BenchmarkSearchJSON(b *testing.B) {
	ts := newServer(b, Config{}, defaultReport(b))
	res, err := ts.searcher.Search(context.Background(), search.Request{Query: "korrupsiya"})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("append", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			if buf, err = appendSearchJSON(buf[:0], res); err != nil {
				b.Fatal(err)
			}
		}
		b.SetBytes(int64(len(buf)))
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			if buf, err = json.Marshal(res); err != nil {
				b.Fatal(err)
			}
		}
		b.SetBytes(int64(len(buf)))
	})
}
