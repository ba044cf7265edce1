package postings

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/upsidedown"
	"github.com/blevesearch/bleve/v2/index/upsidedown/store/gtreap"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// words are the vocabulary of the test documents.
var words = strings.Fields("alpha beta gamma delta epsilon zeta eta theta iota kappa")

// testIndex returns an index of the given type with 300 documents of
// random words, written in batches of 50 (several scorch segments), some
// of them deleted again, and a reader of it.
func testIndex(t *testing.T, indexType, kvstore string) (bleve.Index, index.IndexReader) {
	t.Helper()
	m := mapping.NewIndexMapping()
	m.ScoringModel = index.BM25Scoring
	b, err := bleve.NewUsing("", m, indexType, kvstore, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	rnd := rand.New(rand.NewPCG(1, 2))
	for start := 0; start < 300; start += 50 {
		batch := b.NewBatch()
		for i := start; i < start+50; i++ {
			var text []string
			for range 1 + rnd.IntN(12) {
				text = append(text, words[rnd.IntN(len(words))])
			}
			if err := batch.Index(fmt.Sprintf("d%03d", i), map[string]string{"body": strings.Join(text, " ")}); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.Batch(batch); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 300; i += 37 {
		if err := b.Delete(fmt.Sprintf("d%03d", i)); err != nil {
			t.Fatal(err)
		}
	}
	adv, err := b.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return b, r
}

// posting is one posting, by external ID.
type posting struct {
	id   string
	freq uint64
	norm float64
}

// read returns the postings of every word through rd: all of them, and
// those at every third document.
func read(t *testing.T, r index.IndexReader, rd Reader) (all, some map[string][]posting) {
	t.Helper()
	ctx := context.Background()
	all, some = map[string][]posting{}, map[string][]posting{}
	dict, err := rd.Dict("body")
	if err != nil {
		t.Fatal(err)
	}
	// The candidates are the same documents whatever their numbers.
	var cands []uint32
	for n := uint32(0); n < rd.MaxDoc(); n++ {
		if id, err := r.ExternalID(rd.ID(n, nil)); err == nil && id[len(id)-1]%3 == 0 {
			cands = append(cands, n)
		}
	}
	for _, w := range append(words, "absent") {
		term, err := dict.Term(w)
		if err != nil {
			t.Fatal(err)
		}
		collect := func(into map[string][]posting) PostingFunc {
			last := int64(-1)
			return func(doc uint32, freq uint64, norm float64) {
				if int64(doc) <= last {
					t.Errorf("%s: document %d after %d", w, doc, last)
				}
				last = int64(doc)
				id, err := r.ExternalID(rd.ID(doc, nil))
				if err != nil {
					t.Fatal(err)
				}
				into[w] = append(into[w], posting{id, freq, norm})
			}
		}
		if err := term.Each(ctx, collect(all)); err != nil {
			t.Fatal(err)
		}
		if got := uint64(len(all[w])); got != term.Count() {
			t.Errorf("%s: %d postings, count %d", w, got, term.Count())
		}
		if err := term.At(ctx, cands, collect(some)); err != nil {
			t.Fatal(err)
		}
	}
	return all, some
}

// TestReadersAgree checks that Open's reader and the public-API reader
// read the same postings of a scorch index with several segments and
// deleted documents, and that Num and ID are inverse.
func TestReadersAgree(t *testing.T) {
	_, r := testIndex(t, scorch.Name, scorch.Name)
	fast, err := Open(r)
	if err != nil {
		t.Fatal(err)
	}
	if fast.Name() != fastName {
		t.Errorf("Open gave the %s reader, want %s", fast.Name(), fastName)
	}
	pub, err := OpenPublic(r)
	if err != nil {
		t.Fatal(err)
	}
	wantAll, wantSome := read(t, r, pub)
	gotAll, gotSome := read(t, r, fast)
	if len(wantAll["alpha"]) == 0 || len(wantAll["absent"]) != 0 {
		t.Fatalf("postings of alpha %d, absent %d", len(wantAll["alpha"]), len(wantAll["absent"]))
	}
	if !reflect.DeepEqual(gotAll, wantAll) {
		t.Errorf("%s reader's postings differ from the public reader's", fast.Name())
	}
	if !reflect.DeepEqual(gotSome, wantSome) {
		t.Errorf("%s reader's postings at candidates differ from the public reader's", fast.Name())
	}
	for _, rd := range []Reader{fast, pub} {
		dr, err := r.DocIDReaderAll()
		if err != nil {
			t.Fatal(err)
		}
		seen := map[uint32]bool{}
		for {
			id, err := dr.Next()
			if err != nil {
				t.Fatal(err)
			}
			if id == nil {
				break
			}
			n, err := rd.Num(id)
			if err != nil || n >= rd.MaxDoc() || !rd.ID(n, nil).Equals(id) || seen[n] {
				t.Errorf("%s: Num(%x) = %d, %v", rd.Name(), []byte(id), n, err)
			}
			seen[n] = true
		}
		dr.Close()
		if count, _ := r.DocCount(); uint64(len(seen)) != count || count != 300-9 {
			t.Errorf("%s: %d numbered documents, %d live", rd.Name(), len(seen), count)
		}
	}
}

// TestPublicReaderOtherIndex checks that Open falls back to the public
// reader on an index that is not scorch's, and that it reads there what
// the same documents give in scorch.
func TestPublicReaderOtherIndex(t *testing.T) {
	_, ur := testIndex(t, upsidedown.Name, gtreap.Name)
	rd, err := Open(ur)
	if err != nil {
		t.Fatal(err)
	}
	if rd.Name() != "public" {
		t.Fatalf("Open on upsidedown gave %s", rd.Name())
	}
	_, sr := testIndex(t, scorch.Name, scorch.Name)
	sp, err := OpenPublic(sr)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := read(t, ur, rd)
	want, _ := read(t, sr, sp)
	for w := range want {
		// The two indexes number documents in different orders.
		byID := func(a, b posting) int { return strings.Compare(a.id, b.id) }
		slices.SortFunc(got[w], byID)
		slices.SortFunc(want[w], byID)
		if len(got[w]) != len(want[w]) {
			t.Errorf("%s: %d postings, scorch %d", w, len(got[w]), len(want[w]))
			continue
		}
		for i := range got[w] {
			g, s := got[w][i], want[w][i]
			if g.id != s.id || g.freq != s.freq || math.Abs(g.norm-s.norm) > 1e-6 {
				t.Errorf("%s: posting %d %+v, scorch %+v", w, i, g, s)
			}
		}
	}
}

// TestScorerAgreesWithBleve checks Scorer against bleve's own scores of
// single-term queries, which have no query norm.
func TestScorerAgreesWithBleve(t *testing.T) {
	b, r := testIndex(t, scorch.Name, scorch.Name)
	rd, err := Open(r)
	if err != nil {
		t.Fatal(err)
	}
	dict, err := rd.Dict("body")
	if err != nil {
		t.Fatal(err)
	}
	total, err := r.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	for _, model := range []string{index.BM25Scoring, index.TFIDFScoring} {
		b.Mapping().(*mapping.IndexMappingImpl).ScoringModel = model
		avg, err := AvgLength(r, model, "body")
		if err != nil {
			t.Fatal(err)
		}
		if (avg > 0) != (model == index.BM25Scoring) {
			t.Fatalf("%s: average length %v", model, avg)
		}
		for _, w := range words[:4] {
			term, err := dict.Term(w)
			if err != nil {
				t.Fatal(err)
			}
			sc := NewScorer(total, term.Count(), avg)
			mine := map[string]float64{}
			err = term.Each(context.Background(), func(doc uint32, freq uint64, norm float64) {
				id, _ := r.ExternalID(rd.ID(doc, nil))
				mine[id] = sc.Score(freq, norm)
			})
			if err != nil {
				t.Fatal(err)
			}
			q := bleve.NewTermQuery(w)
			q.SetField("body")
			res, err := b.Search(bleve.NewSearchRequestOptions(q, 1000, 0, false))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) != len(mine) {
				t.Fatalf("%s %s: %d hits, %d postings", model, w, len(res.Hits), len(mine))
			}
			for _, h := range res.Hits {
				if math.Abs(h.Score-mine[h.ID]) > 1e-12 {
					t.Errorf("%s %s %s: score %v, bleve %v", model, w, h.ID, mine[h.ID], h.Score)
				}
			}
		}
	}
}

// TestQueryNormAndCoord pins the query-wide rules: the norm of two terms
// and the coord of a disjunction.
func TestQueryNormAndCoord(t *testing.T) {
	s := Scorer{IDF: 2}
	sum := s.SquaredWeight(1) + s.SquaredWeight(2)
	if got := QueryNorm(sum); math.Abs(got-1/math.Sqrt(20)) > 1e-15 {
		t.Errorf("QueryNorm(%v) = %v", sum, got)
	}
	if got := s.QueryWeight(3, 0); got != 1 {
		t.Errorf("a lone term's weight = %v, want 1", got)
	}
	if got := s.QueryWeight(3, 0.5); got != 3 {
		t.Errorf("QueryWeight(3, 0.5) = %v, want 3", got)
	}
	if got := Coord(2, 3); got != 2.0/3 {
		t.Errorf("Coord(2, 3) = %v", got)
	}
}
